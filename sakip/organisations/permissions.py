"""Siapa boleh apa. Diperiksa di server untuk setiap permintaan, bukan hanya menyembunyikan tombol."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Jabatan, Keanggotaan, Pemda, Peran, PerangkatDaerah


def _memberships(user) -> list[Keanggotaan]:
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_sakip_keanggotaan", None)
    if cache is None:
        cache = list(Keanggotaan.objects.filter(user=user).select_related("opd", "pemda"))
        user._sakip_keanggotaan = cache
    return cache


def opd_terlihat(user) -> QuerySet[PerangkatDaerah]:
    """OPD yang datanya boleh dilihat pengguna (semua peran yang masuk)."""
    qs = PerangkatDaerah.objects.select_related("pemda")
    if user.is_authenticated and user.is_superuser:
        return qs
    cond = Q(pk__in=[])
    for m in _memberships(user):
        if m.peran in (Peran.ADMIN_PEMDA, Peran.INSPEKTORAT):
            cond |= Q(pemda_id=m.pemda_id)
        elif m.opd_id:
            cond |= Q(pk=m.opd_id)
    return qs.filter(cond)


PERAN_PEMDA = (Peran.ADMIN_PEMDA, Peran.INSPEKTORAT)


def memegang_peran(user, opd: PerangkatDaerah, peran) -> bool:
    """Pengguna memegang salah satu ``peran`` untuk OPD ini (superuser selalu).

    Peran OPD (Operator, Kepala) berlaku bagi OPD-nya; peran Pemda (Admin Pemda, Inspektorat) bagi
    setiap OPD Pemda-nya. Satu fungsi ini dipakai semua pemeriksaan peran, termasuk alur persetujuan.
    Untuk objek tingkat Pemda (RPJMD) ``opd`` boleh berupa :class:`Pemda`: hanya peran Pemda berlaku.
    """
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    peran = {peran} if isinstance(peran, str) else set(peran)
    if isinstance(opd, Pemda):
        return any(
            m.peran in peran and m.peran in PERAN_PEMDA and m.pemda_id == opd.pk
            for m in _memberships(user)
        )
    for m in _memberships(user):
        if m.peran not in peran:
            continue
        if m.peran in PERAN_PEMDA and m.pemda_id == opd.pemda_id:
            return True
        if m.peran not in PERAN_PEMDA and m.opd_id == opd.pk:
            return True
    return False


def boleh_mengisi(user, opd: PerangkatDaerah) -> bool:
    """Mengisi data kerja OPD (target, realisasi, anggaran, bukti): Operator OPD itu atau Admin Pemda."""
    return memegang_peran(user, opd, (Peran.OPERATOR_OPD, Peran.ADMIN_PEMDA))


def boleh_menyusun(user, opd: PerangkatDaerah) -> bool:
    """Menyusun dokumen perencanaan OPD (PK, Rencana Aksi): Operator OPD itu (dan superuser)."""
    return memegang_peran(user, opd, Peran.OPERATOR_OPD)


def cabang_jabatan(user, opd: PerangkatDaerah) -> set[int] | None:
    """Jabatan yang datanya boleh diisi pengguna pada OPD ini.

    ``None``: seluruh OPD (Operator OPD, Admin Pemda, superuser). Himpunan id: jabatan Pejabat itu
    beserta semua bawahannya, turun sampai ke ujung pohon. Himpunan kosong: tidak boleh mengisi."""
    if boleh_mengisi(user, opd):
        return None
    akar = [
        m.jabatan_id
        for m in _memberships(user)
        if m.peran == Peran.PEJABAT and m.opd_id == opd.pk and m.jabatan_id
    ]
    if not akar:
        return set()
    atasan = dict(Jabatan.objects.filter(opd=opd).values_list("pk", "atasan_id"))
    bawahan: dict[int | None, list[int]] = {}
    for pk, up in atasan.items():
        bawahan.setdefault(up, []).append(pk)
    hasil, antre = set(), [a for a in akar if a in atasan]
    while antre:
        j = antre.pop()
        if j not in hasil:
            hasil.add(j)
            antre.extend(bawahan.get(j, []))
    return hasil


def boleh_mengisi_cabang(user, opd: PerangkatDaerah) -> bool:
    """Boleh mengisi sebagian atau seluruh data OPD ini (termasuk Pejabat untuk cabangnya)."""
    cabang = cabang_jabatan(user, opd)
    return cabang is None or bool(cabang)


def boleh_mengelola_rpjmd(user, pemda: Pemda) -> bool:
    """Mengisi RPJMD, jabatan dan keselarasan se-Pemda: Admin Pemda (dan superuser)."""
    return memegang_peran(user, pemda, Peran.ADMIN_PEMDA)


def boleh_memutuskan(user, opd: PerangkatDaerah) -> bool:
    """Menyetujui atau mengembalikan: Kepala OPD itu."""
    return memegang_peran(user, opd, Peran.KEPALA_OPD)


def dapat_melihat(user, opd: PerangkatDaerah) -> bool:
    """Sama dengan ``opd in opd_terlihat(user)``, dari keanggotaan yang sudah dimuat (tanpa kueri)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for m in _memberships(user):
        if m.peran in PERAN_PEMDA:
            if m.pemda_id == opd.pemda_id:
                return True
        elif m.opd_id and m.opd_id == opd.pk:
            return True
    return False


def dapat_mengelola_reviu(user, opd: PerangkatDaerah | Pemda) -> bool:
    """Mereviu LKjIP (OPD, atau LKjIP Pemda bila ``opd`` sebuah Pemda): Inspektorat Pemda itu."""
    if user.is_authenticated and user.is_superuser:
        return True
    pemda_id = opd.pk if isinstance(opd, Pemda) else opd.pemda_id
    return any(m.peran == Peran.INSPEKTORAT and m.pemda_id == pemda_id for m in _memberships(user))


def peran_label(user) -> str:
    if user.is_authenticated and user.is_superuser:
        return "Administrator"
    return ", ".join(sorted({m.get_peran_display() for m in _memberships(user)}))


def peran_wajib_faktor_kedua(user) -> bool:
    """Peran yang dapat mengubah atau menyetujui data seluruh Pemda: superuser, Admin Pemda, Inspektorat."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        m.peran in (Peran.ADMIN_PEMDA, Peran.INSPEKTORAT) for m in _memberships(user)
    )


def wajib_faktor_kedua(user) -> bool:
    """Harus menyelesaikan langkah kedua: perannya mewajibkan (bila ``SAKIP_2FA_WAJIB``), atau
    pengguna sendiri sudah mendaftarkan aplikasi autentikator."""
    from django.conf import settings

    if not user.is_authenticated:
        return False
    if settings.SAKIP_2FA_WAJIB and peran_wajib_faktor_kedua(user):
        return True
    cache = getattr(user, "_sakip_punya_2fa", None)
    if cache is None:
        from .faktor_kedua import punya_faktor_kedua

        cache = user._sakip_punya_2fa = punya_faktor_kedua(user)
    return cache


def dapat_melihat_pemda(user, pemda) -> bool:
    """RPJMD dan pohon kinerja Pemda: setiap pengguna yang berperan di Pemda itu (peran OPD
    melihatnya untuk menyelaraskan Renstra), dan superuser."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(m.pemda_id == pemda.pk for m in _memberships(user))


def dapat_melihat_semua_opd(user, pemda) -> bool:
    """Setiap OPD Pemda itu terlihat: superuser, Admin Pemda dan Inspektorat Pemda itu."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        m.peran in PERAN_PEMDA and m.pemda_id == pemda.pk for m in _memberships(user)
    )


def dapat_melihat_dasbor_pemda(user, pemda) -> bool:
    """Dasbor dan peringkat se-Pemda: superuser, Admin Pemda dan Inspektorat Pemda itu."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        m.peran in (Peran.ADMIN_PEMDA, Peran.INSPEKTORAT) and m.pemda_id == pemda.pk
        for m in _memberships(user)
    )


def boleh_menilai_mandiri(user, opd: PerangkatDaerah | Pemda) -> bool:
    """Penilaian mandiri LKE dan tindak lanjut rekomendasi evaluasi: Operator atau Kepala OPD itu;
    evaluasi Pemda itu sendiri: Admin Pemda (Bagian Organisasi mengoordinasikannya)."""
    if isinstance(opd, Pemda):
        return memegang_peran(user, opd, Peran.ADMIN_PEMDA)
    return memegang_peran(user, opd, (Peran.OPERATOR_OPD, Peran.KEPALA_OPD))


def boleh_mengevaluasi(user, opd: PerangkatDaerah | Pemda) -> bool:
    """Mengevaluasi (jawaban evaluator, rekomendasi, finalisasi): Inspektorat Pemda OPD itu.
    Evaluasi Pemda itu sendiri dinilai Kementerian PANRB; hasilnya (jawaban, LHE) dicatat Admin Pemda."""
    if isinstance(opd, Pemda):
        return memegang_peran(user, opd, Peran.ADMIN_PEMDA)
    return memegang_peran(user, opd, Peran.INSPEKTORAT)


def boleh_mengelola_templat_lke(user, pemda: Pemda) -> bool:
    """Mengunggah versi baru templat LKE untuk OPD se-Pemda: Admin Pemda (dan superuser)."""
    return memegang_peran(user, pemda, Peran.ADMIN_PEMDA)
