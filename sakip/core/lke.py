"""Lembar Kerja Evaluasi (LKE) AKIP: templat sebagai data, penilaian dan predikat (tanpa Django).

Templat (PermenPAN-RB 88/2021, atau turunan yang disesuaikan Pemda): komponen berbobot → sub
komponen berbobot (keberadaan, kualitas, pemanfaatan) → kriteria berbobot relatif dengan jenis
jawaban (``yt``: Y/T; ``ae``: A/B/C/D/E). Nilai sub komponen = bobotnya × rata-rata tertimbang nilai
jawaban kriterianya; nilai komponen = jumlah sub komponennya; nilai akhir = jumlah komponen (0–100).
Kriteria yang belum dijawab bernilai 0 dan dihitung sebagai belum dijawab.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

NOL = Decimal(0)
SERATUS = Decimal(100)

SKALA_BAKU: dict[str, dict[str, Decimal]] = {
    "yt": {"Y": Decimal(1), "T": NOL},
    "ae": {
        "A": Decimal(1),
        "B": Decimal("0.75"),
        "C": Decimal("0.5"),
        "D": Decimal("0.25"),
        "E": NOL,
    },
}
LABEL_JENIS_JAWABAN = {"yt": "Y/T", "ae": "A/B/C/D/E"}


class TemplatError(ValueError):
    """Templat LKE tidak sah; ``galat`` berisi setiap masalah dengan letaknya."""

    def __init__(self, galat: list[str]):
        self.galat = galat
        super().__init__("; ".join(galat))


@dataclass(frozen=True)
class Kriteria:
    kode: str
    teks: str
    jawaban: str  # kunci skala: "yt" | "ae"
    bobot: Decimal = Decimal(1)  # relatif terhadap kriteria lain dalam sub komponen
    panduan: Mapping[str, str] = field(default_factory=dict)
    cek: str = ""  # nama pemeriksaan otomatis, bila ada
    parameter: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class SubKomponen:
    kode: str
    nama: str
    jenis: str  # keberadaan | kualitas | pemanfaatan
    bobot: Decimal
    kriteria: tuple[Kriteria, ...]


@dataclass(frozen=True)
class Komponen:
    kode: str
    nama: str
    bobot: Decimal
    sub: tuple[SubKomponen, ...]


@dataclass(frozen=True)
class AmbangPredikat:
    predikat: str
    lebih_dari: Decimal  # nilai > lebih_dari → predikat ini (yang terakhir: ≥ 0)
    uraian: str


@dataclass(frozen=True)
class AturanLogika:
    """Kerangka logis antarjawaban: bila kriteria ``jika`` dijawab salah satu ``jawaban``, kriteria
    ``maka`` paling tinggi bernilai jawaban ``paling_tinggi`` (mis. tanpa PK, mutu PK paling C)."""

    kode: str
    jika: str
    jawaban: tuple[str, ...]
    maka: tuple[str, ...]
    paling_tinggi: str
    alasan: str


@dataclass(frozen=True)
class Batas:
    """Satu jawaban yang dibatasi kerangka logis: jawabannya, nilai yang dipakai, dan sebabnya."""

    aturan: AturanLogika
    jawaban: str
    nilai: Decimal


@dataclass(frozen=True)
class Templat:
    kode: str
    versi: int
    nama: str
    komponen: tuple[Komponen, ...]
    predikat: tuple[AmbangPredikat, ...]
    skala: Mapping[str, Mapping[str, Decimal]]
    dasar: str = ""
    # ambang persen → jawaban, per skala (kunci skala; "*" = untuk setiap skala yang memuat jawabannya)
    konversi_persen: Mapping[str, Mapping[str, Decimal]] = field(default_factory=dict)
    panduan_baku: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    logika: tuple[AturanLogika, ...] = ()

    def semua_kriteria(self):
        """(komponen, sub komponen, kriteria) berurutan."""
        for k in self.komponen:
            for s in k.sub:
                for c in s.kriteria:
                    yield k, s, c

    def kriteria(self, kode: str) -> Kriteria | None:
        return next((c for _, _, c in self.semua_kriteria() if c.kode == kode), None)

    def pilihan(self, kr: Kriteria) -> list[str]:
        return list(self.skala[kr.jawaban])

    def panduan(self, kr: Kriteria) -> dict[str, str]:
        """Panduan tiap jawaban: milik kriteria itu, dilengkapi panduan baku jenis jawabannya."""
        return {**self.panduan_baku.get(kr.jawaban, {}), **kr.panduan}

    def jawaban_dari_persen(self, kr: Kriteria, persen: Decimal) -> str:
        """Jawaban untuk bagian yang memenuhi (0–100%): skala dua pilihan → tertinggi hanya bila
        seluruhnya; skala lain → pilihan pertama yang ambang ``konversi_persen``-nya dilampaui."""
        urut = sorted(self.skala[kr.jawaban].items(), key=lambda kv: kv[1], reverse=True)
        ambang = self.konversi_persen.get(kr.jawaban) or self.konversi_persen.get("*", {})
        if len(urut) == 2 or not all(a in ambang for a, _ in urut):
            return urut[0][0] if persen >= SERATUS else urut[-1][0]
        for a, _ in urut:
            if persen > ambang[a]:
                return a
        return urut[-1][0]


def _dec(value, letak: str, galat: list[str]) -> Decimal:
    try:
        d = Decimal(str(value))
    except Exception:
        galat.append(f"{letak}: '{value}' bukan angka")
        return NOL
    if not d.is_finite():
        galat.append(f"{letak}: '{value}' bukan angka")
        return NOL
    return d


def _teks(data: Mapping, kunci: str, letak: str, galat: list[str]) -> str:
    v = data.get(kunci)
    if not isinstance(v, str | int) or not str(v).strip():
        galat.append(f"{letak}: '{kunci}' wajib diisi")
        return ""
    return str(v).strip()


KUNCI_TEMPLAT = {
    "format",
    "kode",
    "versi",
    "nama",
    "dasar",
    "skala_jawaban",
    "konversi_persen",
    "panduan_baku",
    "predikat",
    "komponen",
    "logika",
}
KUNCI_KOMPONEN = {"kode", "nama", "bobot", "sub"}
KUNCI_SUB = {"kode", "nama", "jenis", "bobot", "kriteria"}
KUNCI_KRITERIA = {"kode", "teks", "jawaban", "bobot", "panduan", "cek", "parameter"}
KUNCI_PREDIKAT = {"predikat", "lebih_dari", "uraian"}
KUNCI_LOGIKA = {"kode", "jika", "maka", "alasan"}


def _kunci_asing(data: Mapping, boleh: set[str], letak: str, galat: list[str]) -> None:
    """Kunci yang tidak dikenal ditolak, tidak diabaikan diam-diam: koma tanpa tanda kutip di
    dalam ``{…}`` YAML memotong teks dan menjadikan sisanya kunci liar."""
    asing = [str(k) for k in data if str(k) not in boleh]
    if asing:
        galat.append(
            f"{letak}: kunci tidak dikenal: {', '.join(repr(a) for a in asing)} "
            "(teks yang memuat koma di dalam {…} harus diberi tanda kutip)"
        )


def baca_templat(data: Mapping) -> Templat:
    """Templat dari struktur data (isi berkas YAML); semua masalah dikumpulkan dalam TemplatError."""
    galat: list[str] = []
    if not isinstance(data, Mapping):
        raise TemplatError(["isi templat harus berupa pemetaan (kunci: nilai)"])
    _kunci_asing(data, KUNCI_TEMPLAT, "templat", galat)
    skala: dict[str, dict[str, Decimal]] = {}
    for jenis, nilai in (data.get("skala_jawaban") or SKALA_BAKU).items():
        if not isinstance(nilai, Mapping) or not nilai:
            galat.append(f"skala_jawaban.{jenis}: harus berisi pilihan jawaban dan nilainya")
            continue
        skala[str(jenis)] = {}
        for pilihan, v in nilai.items():
            d = _dec(v, f"skala_jawaban.{jenis}.{pilihan}", galat)
            if not NOL <= d <= 1:
                galat.append(f"skala_jawaban.{jenis}.{pilihan}: nilai harus antara 0 dan 1")
            skala[str(jenis)][str(pilihan)] = d
    kode_terpakai: set[str] = set()
    komponen = []
    for i, k in enumerate(data.get("komponen") or [], 1):
        lk = f"komponen ke-{i}"
        if not isinstance(k, Mapping):
            galat.append(f"{lk}: harus berupa pemetaan")
            continue
        kk = _teks(k, "kode", lk, galat)
        lk = f"komponen {kk or i}"
        _kunci_asing(k, KUNCI_KOMPONEN, lk, galat)
        bobot_k = _dec(k.get("bobot"), f"{lk}: bobot", galat)
        subs = []
        for j, s in enumerate(k.get("sub") or [], 1):
            ls = f"{lk}, sub komponen ke-{j}"
            if not isinstance(s, Mapping):
                galat.append(f"{ls}: harus berupa pemetaan")
                continue
            ks = _teks(s, "kode", ls, galat)
            ls = f"sub komponen {ks or j}"
            _kunci_asing(s, KUNCI_SUB, ls, galat)
            bobot_s = _dec(s.get("bobot"), f"{ls}: bobot", galat)
            if bobot_s <= 0:
                galat.append(f"{ls}: bobot harus lebih dari 0")
            kriteria = []
            for n, c in enumerate(s.get("kriteria") or [], 1):
                lc = f"{ls}, kriteria ke-{n}"
                if not isinstance(c, Mapping):
                    galat.append(f"{lc}: harus berupa pemetaan")
                    continue
                kc = _teks(c, "kode", lc, galat)
                lc = f"kriteria {kc or n}"
                _kunci_asing(c, KUNCI_KRITERIA, lc, galat)
                if kc in kode_terpakai:
                    galat.append(f"{lc}: kode dipakai lebih dari sekali")
                kode_terpakai.add(kc)
                jawaban = str(c.get("jawaban", ""))
                if jawaban not in skala:
                    galat.append(
                        f"{lc}: jenis jawaban '{jawaban}' tidak dikenal; pilihan: {', '.join(skala)}"
                    )
                bobot_c = _dec(c.get("bobot", 1), f"{lc}: bobot", galat)
                if bobot_c <= 0:
                    galat.append(f"{lc}: bobot harus lebih dari 0")
                panduan = c.get("panduan") or {}
                if not isinstance(panduan, Mapping):
                    galat.append(f"{lc}: panduan harus berupa pemetaan jawaban → uraian")
                    panduan = {}
                elif jawaban in skala and (asing := set(map(str, panduan)) - set(skala[jawaban])):
                    galat.append(
                        f"{lc}: panduan untuk jawaban yang tidak ada: {', '.join(sorted(asing))}"
                    )
                kriteria.append(
                    Kriteria(
                        kode=kc,
                        teks=_teks(c, "teks", lc, galat),
                        jawaban=jawaban,
                        bobot=bobot_c,
                        panduan={str(a): str(b) for a, b in panduan.items()},
                        cek=str(c.get("cek") or ""),
                        parameter=dict(c.get("parameter") or {}),
                    )
                )
            if not kriteria:
                galat.append(f"{ls}: tidak ada kriteria")
            subs.append(
                SubKomponen(
                    kode=ks,
                    nama=_teks(s, "nama", ls, galat),
                    jenis=str(s.get("jenis") or ""),
                    bobot=bobot_s,
                    kriteria=tuple(kriteria),
                )
            )
        jumlah_sub = sum((s.bobot for s in subs), NOL)
        if subs and jumlah_sub != bobot_k:
            galat.append(
                f"{lk}: jumlah bobot sub komponen {_fmt(jumlah_sub)} ≠ bobot komponen {_fmt(bobot_k)}"
            )
        if not subs:
            galat.append(f"{lk}: tidak ada sub komponen")
        komponen.append(
            Komponen(kode=kk, nama=_teks(k, "nama", lk, galat), bobot=bobot_k, sub=tuple(subs))
        )
    if not komponen:
        galat.append("templat tidak memiliki komponen")
    jumlah = sum((k.bobot for k in komponen), NOL)
    if komponen and jumlah != SERATUS:
        galat.append(f"jumlah bobot komponen {_fmt(jumlah)}, seharusnya 100")
    predikat = []
    for i, p in enumerate(data.get("predikat") or [], 1):
        lp = f"predikat ke-{i}"
        if not isinstance(p, Mapping):
            galat.append(f"{lp}: harus berupa pemetaan")
            continue
        _kunci_asing(p, KUNCI_PREDIKAT, lp, galat)
        predikat.append(
            AmbangPredikat(
                predikat=_teks(p, "predikat", lp, galat),
                lebih_dari=_dec(p.get("lebih_dari", 0), f"{lp}: lebih_dari", galat),
                uraian=str(p.get("uraian") or ""),
            )
        )
    if not predikat:
        galat.append("templat tidak memiliki skala predikat")
    ambang = [p.lebih_dari for p in predikat]
    if ambang != sorted(ambang, reverse=True) or len(set(ambang)) != len(ambang):
        galat.append("ambang predikat harus berurutan dari yang tertinggi, tanpa ambang ganda")
    try:
        versi = int(data.get("versi", 1))
    except (TypeError, ValueError):
        galat.append(f"versi '{data.get('versi')}' bukan bilangan bulat")
        versi = 1
    kode = _teks(data, "kode", "templat", galat)
    nama = _teks(data, "nama", "templat", galat)
    konversi: dict[str, dict[str, Decimal]] = {}
    for a, v in (data.get("konversi_persen") or {}).items():
        if isinstance(v, Mapping):  # per skala: {ae: {A: 90, …}, aa: {AA: 95, …}}
            if str(a) not in skala:
                galat.append(f"konversi_persen.{a}: skala '{a}' tidak ada di skala_jawaban")
            konversi[str(a)] = {
                str(j): _dec(x, f"konversi_persen.{a}.{j}", galat) for j, x in v.items()
            }
        else:  # bentuk lama: satu pemetaan untuk setiap skala yang memuat jawabannya
            konversi.setdefault("*", {})[str(a)] = _dec(v, f"konversi_persen.{a}", galat)
    logika = _baca_logika(data.get("logika") or [], komponen, skala, galat)
    panduan_baku = {}
    for jenis, isi in (data.get("panduan_baku") or {}).items():
        if not isinstance(isi, Mapping):
            galat.append(f"panduan_baku.{jenis}: harus berupa pemetaan jawaban → uraian")
            continue
        panduan_baku[str(jenis)] = {str(a): str(b) for a, b in isi.items()}
    if galat:
        raise TemplatError(galat)
    return Templat(
        konversi_persen=konversi,
        panduan_baku=panduan_baku,
        kode=kode,
        versi=versi,
        nama=nama,
        komponen=tuple(komponen),
        predikat=tuple(predikat),
        skala=skala,
        dasar=str(data.get("dasar") or ""),
        logika=tuple(logika),
    )


def _baca_logika(
    data, komponen: list[Komponen], skala: Mapping[str, Mapping[str, Decimal]], galat: list[str]
) -> list[AturanLogika]:
    """Aturan kerangka logis templat; kriteria, jawaban dan batas diperiksa terhadap templat."""
    jenis = {c.kode: c.jawaban for k in komponen for s in k.sub for c in s.kriteria}
    out: list[AturanLogika] = []
    if not isinstance(data, list):
        galat.append("logika: harus berupa daftar aturan")
        return out
    for i, a in enumerate(data, 1):
        la = f"logika ke-{i}"
        if not isinstance(a, Mapping):
            galat.append(f"{la}: harus berupa pemetaan")
            continue
        kode = _teks(a, "kode", la, galat)
        la = f"logika {kode or i}"
        _kunci_asing(a, KUNCI_LOGIKA, la, galat)
        jika, maka = a.get("jika"), a.get("maka")
        if not isinstance(jika, Mapping) or not isinstance(maka, Mapping):
            galat.append(f"{la}: 'jika' dan 'maka' wajib berupa pemetaan")
            continue
        _kunci_asing(jika, {"kriteria", "jawaban"}, f"{la}.jika", galat)
        _kunci_asing(maka, {"kriteria", "paling_tinggi"}, f"{la}.maka", galat)
        syarat = str(jika.get("kriteria") or "")
        jawaban = tuple(str(x).upper() for x in (jika.get("jawaban") or []))
        target = maka.get("kriteria") or []
        target = tuple(str(x) for x in ([target] if isinstance(target, str) else target))
        tinggi = str(maka.get("paling_tinggi") or "").upper()
        if syarat not in jenis:
            galat.append(f"{la}: kriteria '{syarat}' tidak ada di templat")
        elif not jawaban or any(j not in skala.get(jenis[syarat], {}) for j in jawaban):
            galat.append(
                f"{la}: jawaban {', '.join(jawaban) or '(kosong)'} tidak sah untuk kriteria "
                f"{syarat}; pilihan: {', '.join(skala.get(jenis[syarat], {}))}"
            )
        if not target:
            galat.append(f"{la}: 'maka.kriteria' wajib diisi")
        for t in target:
            if t not in jenis:
                galat.append(f"{la}: kriteria '{t}' tidak ada di templat")
            elif tinggi not in skala.get(jenis[t], {}):
                galat.append(
                    f"{la}: batas '{tinggi}' bukan jawaban kriteria {t}; pilihan: "
                    f"{', '.join(skala.get(jenis[t], {}))}"
                )
        out.append(AturanLogika(kode, syarat, jawaban, target, tinggi, str(a.get("alasan") or "")))
    return out


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f").replace(".", ",")


# --- penilaian -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NilaiSub:
    sub: SubKomponen
    nilai: Decimal
    dijawab: int
    jumlah: int

    @property
    def persen(self) -> Decimal:
        return self.nilai / self.sub.bobot * SERATUS


@dataclass(frozen=True)
class NilaiKomponen:
    komponen: Komponen
    nilai: Decimal
    sub: tuple[NilaiSub, ...]

    @property
    def persen(self) -> Decimal:
        return self.nilai / self.komponen.bobot * SERATUS if self.komponen.bobot else NOL


@dataclass(frozen=True)
class HasilLKE:
    nilai: Decimal
    predikat: AmbangPredikat
    komponen: tuple[NilaiKomponen, ...]
    belum_dijawab: tuple[str, ...]
    dibatasi: Mapping[str, Batas] = field(default_factory=dict)  # kode kriteria → batasnya

    @property
    def lengkap(self) -> bool:
        return not self.belum_dijawab


class JawabanError(ValueError):
    pass


def nilai_jawaban(templat: Templat, kr: Kriteria, jawaban: str | None) -> Decimal | None:
    """Nilai satu jawaban (None bila belum dijawab); jawaban di luar pilihan ditolak."""
    if jawaban in (None, ""):
        return None
    skala = templat.skala[kr.jawaban]
    j = str(jawaban).strip().upper()
    if j not in skala:
        raise JawabanError(
            f"kriteria {kr.kode}: jawaban '{jawaban}' tidak sah; pilihan: {', '.join(skala)}"
        )
    return skala[j]


def predikat_untuk(templat: Templat, nilai: Decimal) -> AmbangPredikat:
    for p in templat.predikat:
        if nilai > p.lebih_dari:
            return p
    return templat.predikat[-1]


def batas_logika(templat: Templat, jawaban: Mapping[str, str | None]) -> dict[str, Batas]:
    """Jawaban yang dibatasi kerangka logis templat (batas terendah bila beberapa aturan berlaku)."""
    out: dict[str, Batas] = {}
    for a in templat.logika:
        j = str(jawaban.get(a.jika) or "").strip().upper()
        if j not in a.jawaban:
            continue
        for kode in a.maka:
            kr = templat.kriteria(kode)
            asli = str(jawaban.get(kode) or "").strip().upper()
            if kr is None or asli not in templat.skala[kr.jawaban]:
                continue
            batas = templat.skala[kr.jawaban][a.paling_tinggi]
            if templat.skala[kr.jawaban][asli] > batas and (
                kode not in out or batas < out[kode].nilai
            ):
                out[kode] = Batas(a, asli, batas)
    return out


def nilai_lke(templat: Templat, jawaban: Mapping[str, str | None]) -> HasilLKE:
    """Nilai akhir, per komponen dan sub komponen, predikat, dan kriteria yang belum dijawab;
    jawaban yang melampaui kerangka logis templat dinilai pada batasnya."""
    batas = batas_logika(templat, jawaban)
    belum: list[str] = []
    hasil_k = []
    for k in templat.komponen:
        hasil_s = []
        for s in k.sub:
            jumlah_bobot = sum((c.bobot for c in s.kriteria), NOL)
            terkumpul = NOL
            dijawab = 0
            for c in s.kriteria:
                v = nilai_jawaban(templat, c, jawaban.get(c.kode))
                if v is None:
                    belum.append(c.kode)
                    continue
                dijawab += 1
                terkumpul += c.bobot * (batas[c.kode].nilai if c.kode in batas else v)
            hasil_s.append(
                NilaiSub(s, s.bobot * terkumpul / jumlah_bobot, dijawab, len(s.kriteria))
            )
        hasil_k.append(NilaiKomponen(k, sum((h.nilai for h in hasil_s), NOL), tuple(hasil_s)))
    total = sum((h.nilai for h in hasil_k), NOL)
    return HasilLKE(total, predikat_untuk(templat, total), tuple(hasil_k), tuple(belum), batas)
