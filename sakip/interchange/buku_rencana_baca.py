"""Membaca buku kerja perencana (:mod:`buku_rencana`) menjadi dokumen OPD-tahun.

Baris demi baris menjadi bentuk yang sama dengan hasil baca berkas YAML, lalu diperiksa oleh
validasi yang sama (:func:`schema.validate`). Setiap mapping membawa asal barisnya, sehingga setiap
masalah — dari pembaca ini atau dari validasi — disebut dengan lembar, baris dan kolomnya.
"""

from __future__ import annotations

from sakip.berkas import BerkasError
from sakip.berkas.xlsx import BukuTerbaca, baca_buku_kerja

from .buku_rencana import (
    ANGKA_IDENTITAS,
    ANGKA_INDIKATOR,
    IDENTITAS,
    JENIS_PROGRAM,
    JENIS_RENSTRA,
    K_CATATAN,
    K_JENIS,
    K_KODE,
    K_NAMA,
    K_SASARAN,
    KOLOM_ANGGARAN,
    KOLOM_ANGGARAN_TW,
    KOLOM_BERHENTI,
    KOLOM_INDIKATOR,
    KOLOM_MISI,
    KOLOM_NARASI,
    KOLOM_NILAI_SERI,
    KOLOM_PK,
    KOLOM_PK_ANG,
    KOLOM_PK_IND,
    KOLOM_REALISASI,
    KOLOM_SERI,
    KOLOM_TERCETAK,
    KOLOM_URUSAN,
    L_IDENTITAS,
    L_MISI,
    L_NARASI,
    L_NILAI_SERI,
    L_PK,
    L_PK_ANG,
    L_PK_IND,
    L_PROGRAM,
    L_REALISASI,
    L_RENSTRA,
    L_SERI,
    L_TERCETAK,
    L_URUSAN,
    LEMBAR,
)
from .buku_rencana_dasar import (
    _TIDAK,
    _YA,
    _angka,
    _Asal,
    _Lembar,
    _tanggal,
    _target,
    _teks,
    baca_berhenti,
)
from .dasar import InvalidDocument, Masalah
from .schema import FORMAT_NAME, FORMAT_VERSION, validate
from .yamlio import LDict, LList


def buka(data: bytes, nama: str) -> BukuTerbaca:
    """Nilai sel lembar-lembar buku kerja rencana, dibaca dalam batas ukuran, baris, waktu dan
    memori (:mod:`sakip.berkas.xlsx`); :class:`InvalidDocument` bila bukan .xlsx atau melampaui."""
    try:
        return baca_buku_kerja(data, nama, LEMBAR)
    except BerkasError as exc:
        raise InvalidDocument([Masalah(nama, str(exc))]) from None


class _Pembaca:
    def __init__(self, data: bytes, nama: str, wb: BukuTerbaca | None = None):
        self.wb = wb if wb is not None else buka(data, nama)
        if L_IDENTITAS not in self.wb.sheetnames:
            raise InvalidDocument(
                [
                    Masalah(
                        nama,
                        "bukan buku kerja rencana sakip: lembar 'Identitas' tidak ada. Unduh buku "
                        "kerja dari halaman Rencana di sakip atau dengan: sakip export --output "
                        "rencana.xlsx",
                    )
                ]
            )
        self.asal = _Asal()
        self.masalah: list[Masalah] = []
        self.indikator: dict[str, LDict] = {}
        self.baris_label: dict[str, int] = {}  # jalur Identitas → baris

    def galat(self, lembar: str, baris: int, kolom: str | None, pesan: str) -> None:
        where = f"Lembar '{lembar}', baris {baris}" + (f", kolom '{kolom}'" if kolom else "")
        self.masalah.append(Masalah(where, pesan))

    # -- lembar sederhana ------------------------------------------------------------------------
    def identitas(self) -> LDict:
        root = self.asal.node(L_IDENTITAS, 1)
        ws = self.wb.lembar[L_IDENTITAS]
        label = {lab: jalur for lab, jalur in IDENTITAS}
        dikenal: dict[str, int] = {}
        for n, row in enumerate(ws.baris[1:], 2):
            lab = _teks(row[0] if row else None)
            nilai = row[1] if len(row) > 1 else None
            if not lab:
                continue
            if lab not in label:
                self.galat(L_IDENTITAS, n, "Isian", f"isian '{lab}' tidak dikenal")
                continue
            if lab in dikenal:
                self.galat(L_IDENTITAS, n, "Isian", f"isian '{lab}' ditulis dua kali")
            dikenal[lab] = n
            self.baris_label[label[lab]] = n
            jalur = label[lab]
            if jalur in ANGKA_IDENTITAS:
                v = _angka(nilai)
            elif jalur.endswith("tanggal"):
                v = _tanggal(nilai)
            else:
                v = _teks(nilai)
            if v in (None, ""):
                continue
            *induk, kunci = jalur.split(".")
            node = root
            for k in induk:
                if k not in node:
                    node[k] = self.asal.node(L_IDENTITAS, n)
                node = node[k]
            node[kunci] = v
            self.asal.kolom(node, kunci, "Nilai", n)
        root.setdefault("format", f"{FORMAT_NAME} {FORMAT_VERSION}")
        return root

    def tabel(self, lembar: str, kolom: tuple, node_kolom: bool = True):
        """Baris lembar sederhana → (nomor baris, LDict kunci → nilai mentah)."""
        lb = _Lembar(self, lembar, tuple(k for k, _ in kolom))
        for n, row in lb.baris:
            peta = {j: k for k, j in kolom if j}
            d = self.asal.node(lembar, n, {j: k for k, j in peta.items()})
            for judul, kunci in kolom:
                if kunci is None or judul not in row:
                    continue
                v = row[judul]
                if v is None or _teks(v) == "":
                    continue
                d[kunci] = v
            yield n, d

    # -- pohon -----------------------------------------------------------------------------------
    def _indikator(self, lb: _Lembar, n: int, row: dict) -> LDict:
        peta = {kunci: judul for judul, kunci in KOLOM_INDIKATOR}
        peta |= {"kode": K_KODE, "nama": K_NAMA, "catatan": K_CATATAN}
        d = self.asal.node(lb.nama, n, peta)
        if kode := _teks(row.get(K_KODE)):
            d["kode"] = kode
        d["nama"] = _teks(row.get(K_NAMA))
        ka: dict = {}
        for judul, kunci in KOLOM_INDIKATOR:
            v = row.get(judul)
            if v is None or _teks(v) == "":
                continue
            if kunci == "iku":
                t = _teks(v).lower()
                if t in _YA:
                    d["iku"] = True
                elif t in _TIDAK:
                    d["iku"] = False
                else:
                    self.galat(lb.nama, n, judul, f"'{_teks(v)}' bukan Ya atau Tidak")
            elif kunci.startswith("kondisi_awal."):
                ka[kunci.split(".")[1]] = _angka(v)
            elif kunci in ANGKA_INDIKATOR:
                d[kunci] = _angka(v)
            elif kunci in ("polaritas", "agregasi"):
                d[kunci] = _teks(v).lower()
            else:
                d[kunci] = _teks(v)
        if "tahun" in ka:
            k = self.asal.node(lb.nama, n, {"tahun": "Tahun kondisi awal", "nilai": "Kondisi awal"})
            k.update(ka)
            d["kondisi_awal"] = k
        elif "nilai" in ka:
            d["kondisi_awal"] = ka["nilai"]
            self.asal.kolom(d, "kondisi_awal", "Kondisi awal", n)
        if catatan := _teks(row.get(K_CATATAN)):
            d["catatan"] = catatan
        baca_berhenti(self.asal, lb, n, row, d)
        target = self.asal.node(lb.nama, n, {str(y): j for j, y in lb.target_kolom.items()})
        for judul, y in lb.target_kolom.items():
            v = _target(row.get(judul))
            if v is not None:
                target[y] = v
        if target:
            d["target"] = target
        return d

    def _hanya_indikator(self, lb: _Lembar, n: int, row: dict, jenis: str, boleh=()) -> None:
        kolom = [j for j, _ in KOLOM_INDIKATOR] + list(lb.target_kolom) + [K_CATATAN]
        kolom += list(KOLOM_BERHENTI)
        for j in kolom:
            if j not in boleh and row.get(j) is not None and _teks(row.get(j)) != "":
                self.galat(lb.nama, n, j, f"kolom ini hanya untuk baris Indikator, bukan {jenis}")

    def _jenis(self, lb: _Lembar, n: int, row: dict, pilihan: tuple[str, ...]) -> str | None:
        j = " ".join(_teks(row.get(K_JENIS)).split()).lower()
        for p in pilihan:
            if j in (p.lower(), p.lower().replace(" ", "")):
                return p
        self.galat(
            lb.nama,
            n,
            K_JENIS,
            f"'{_teks(row.get(K_JENIS))}' tidak dikenal; pilihan: {', '.join(pilihan)}",
        )
        return None

    def renstra(self, root: LDict) -> None:
        lb = _Lembar(
            self,
            L_RENSTRA,
            (K_JENIS, K_KODE, K_NAMA, *(j for j, _ in KOLOM_INDIKATOR), K_CATATAN, *KOLOM_BERHENTI),
            target=True,
        )
        if not lb.baris:
            return
        ren = root.get("renstra")
        if ren is None:
            ren = root["renstra"] = self.asal.node(L_IDENTITAS, 1)
        for _lab, jalur in IDENTITAS:  # "tahun awal wajib diisi" menunjuk baris isiannya
            if jalur.startswith("renstra.") and jalur in self.baris_label:
                self.asal.kolom(ren, jalur.split(".")[1], "Nilai", self.baris_label[jalur])
        tujuan = ren["tujuan"] = LList()
        tj = pemilik = None
        for n, row in lb.baris:
            jenis = self._jenis(lb, n, row, JENIS_RENSTRA)
            if jenis in ("Tujuan", "Sasaran"):
                self._hanya_indikator(lb, n, row, jenis)
                d = self.asal.node(L_RENSTRA, n, {"kode": K_KODE, "uraian": K_NAMA})
                d["kode"] = _teks(row.get(K_KODE))
                d["uraian"] = _teks(row.get(K_NAMA))
                if jenis == "Tujuan":
                    tujuan.append(d)
                    tj = pemilik = d
                elif tj is None:
                    self.galat(
                        L_RENSTRA, n, K_JENIS, "baris Sasaran harus berada di bawah baris Tujuan"
                    )
                else:
                    tj.setdefault("sasaran", LList()).append(d)
                    pemilik = d
            elif jenis == "Indikator":
                if pemilik is None:
                    self.galat(
                        L_RENSTRA,
                        n,
                        K_JENIS,
                        "baris Indikator harus berada di bawah baris Tujuan atau Sasaran",
                    )
                    continue
                pemilik.setdefault("indikator", LList()).append(self._indikator(lb, n, row))

    def _anggaran(self, lb: _Lembar, n: int, row: dict):
        peta = {k: j for j, k in KOLOM_ANGGARAN}
        a = self.asal.node(lb.nama, n, peta)
        for judul, kunci in KOLOM_ANGGARAN:
            v = row.get(judul)
            if v is not None and _teks(v) != "":
                a[kunci] = _teks(v) if kunci == "catatan" else _angka(v)
        tw = self.asal.node(lb.nama, n)
        for judul, no, kunci in KOLOM_ANGGARAN_TW:
            v = _angka(row.get(judul))
            if v is None:
                continue
            if no not in tw:
                tw[no] = self.asal.node(lb.nama, n)
            tw[no][kunci] = v
            self.asal.kolom(tw[no], kunci, judul, n)
        if tw:
            a["triwulan"] = tw
        return a or None

    def program(self, root: LDict) -> None:
        kolom = (
            K_JENIS,
            K_KODE,
            K_NAMA,
            *(j for j, _ in KOLOM_INDIKATOR),
            K_CATATAN,
            *KOLOM_BERHENTI,
            K_SASARAN,
            *(j for j, _ in KOLOM_ANGGARAN),
            *(j for j, _, _ in KOLOM_ANGGARAN_TW),
        )
        lb = _Lembar(self, L_PROGRAM, kolom, target=True)
        if not lb.baris:
            return
        programs = root["program"] = LList()
        prog = keg = pemilik = None
        ang_kolom = [j for j, _ in KOLOM_ANGGARAN] + [j for j, _, _ in KOLOM_ANGGARAN_TW]
        for n, row in lb.baris:
            jenis = self._jenis(lb, n, row, JENIS_PROGRAM)
            if jenis is None:
                continue
            if jenis == "Indikator":
                for j in [K_SASARAN, *ang_kolom]:
                    if _teks(row.get(j)):
                        self.galat(
                            lb.nama,
                            n,
                            j,
                            "kolom ini untuk baris program/kegiatan/sub kegiatan, bukan Indikator",
                        )
                if pemilik is None:
                    self.galat(
                        L_PROGRAM,
                        n,
                        K_JENIS,
                        "baris Indikator harus berada di bawah baris Program, Kegiatan atau Sub Kegiatan",
                    )
                    continue
                pemilik.setdefault("indikator", LList()).append(self._indikator(lb, n, row))
                continue
            self._hanya_indikator(lb, n, row, jenis, boleh=KOLOM_BERHENTI)
            d = self.asal.node(L_PROGRAM, n, {"kode": K_KODE, "nama": K_NAMA, "sasaran": K_SASARAN})
            baca_berhenti(self.asal, lb, n, row, d)
            if kode := _teks(row.get(K_KODE)):
                d["kode"] = kode
            d["nama"] = _teks(row.get(K_NAMA))
            sas = _teks(row.get(K_SASARAN))
            if jenis == "Program":
                for j in ang_kolom:
                    if _teks(row.get(j)):
                        self.galat(
                            lb.nama,
                            n,
                            j,
                            "anggaran diisi pada sub kegiatan (atau kegiatan); jumlah program dihitung sakip",
                        )
                if sas:
                    d["sasaran"] = LList(s.strip() for s in sas.split(",") if s.strip())
                programs.append(d)
                prog, keg, pemilik = d, None, d
                continue
            if jenis == "Kegiatan":
                if sas:
                    d["sasaran"] = sas
                if prog is None:
                    self.galat(
                        L_PROGRAM, n, K_JENIS, "baris Kegiatan harus berada di bawah baris Program"
                    )
                    continue
                prog.setdefault("kegiatan", LList()).append(d)
                keg = pemilik = d
            else:
                if sas:
                    self.galat(
                        lb.nama, n, K_SASARAN, "sasaran didukung diisi pada program atau kegiatan"
                    )
                if keg is None:
                    self.galat(
                        L_PROGRAM,
                        n,
                        K_JENIS,
                        "baris Sub Kegiatan harus berada di bawah baris Kegiatan",
                    )
                    continue
                keg.setdefault("sub_kegiatan", LList()).append(d)
                pemilik = d
            if (a := self._anggaran(lb, n, row)) is not None:
                d["anggaran"] = a

    def _indeks_indikator(self, root: LDict) -> None:
        """Kode efektif setiap indikator: kodenya, atau <kode pemilik>-<urutan> (seperti validasi)."""

        def tambah(inds, pemilik: str | None):
            for i, ind in enumerate(inds or [], 1):
                kode = ind.get("kode") or (f"{pemilik}-{i}" if pemilik else None)
                if kode:
                    self.indikator.setdefault(kode, ind)

        for t in (root.get("renstra") or {}).get("tujuan") or []:
            tambah(t.get("indikator"), None)
            for s in t.get("sasaran") or []:
                tambah(s.get("indikator"), None)
        for p in root.get("program") or []:
            tambah(p.get("indikator"), p.get("kode"))
            for k in p.get("kegiatan") or []:
                tambah(k.get("indikator"), k.get("kode"))
                for sk in k.get("sub_kegiatan") or []:
                    tambah(sk.get("indikator"), sk.get("kode"))

    def realisasi(self) -> None:
        for n, d in self.tabel(L_REALISASI, KOLOM_REALISASI):
            kode = _teks(d.pop("indikator", None))
            ind = self.indikator.get(kode)
            if ind is None:
                self.galat(
                    L_REALISASI,
                    n,
                    "Kode indikator",
                    f"indikator '{kode}' tidak ada di lembar Renstra atau Program",
                )
                continue
            for k in ("nilai", "pembilang", "penyebut"):
                if k in d:
                    d[k] = _angka(d[k])
            for k in ("periode", "catatan", "bukti"):
                if k in d:
                    d[k] = _teks(d[k]).lower() if k == "periode" else _teks(d[k])
            d["tahun"] = _angka(d.get("tahun"))
            ind.setdefault("realisasi", LList()).append(d)

    def pk(self, root: LDict) -> None:
        pks: dict[str, LDict] = {}
        for n, d in self.tabel(L_PK, KOLOM_PK):
            pk = self.asal.node(
                L_PK,
                n,
                {
                    "versi": "Versi",
                    "jenis": "Jenis (murni/perubahan)",
                    "tanggal": "Tanggal",
                    "alasan_perubahan": "Alasan perubahan",
                },
            )
            for k, v in d.items():
                if "." in k:
                    induk, kunci = k.split(".")
                    if induk not in pk:
                        pk[induk] = self.asal.node(L_PK, n)
                    pk[induk][kunci] = _teks(v)
                    judul = next(j for j, x in KOLOM_PK if x == k)
                    self.asal.kolom(pk[induk], kunci, judul, n)
                elif k == "versi":
                    pk[k] = _angka(v)
                elif k == "tanggal":
                    pk[k] = _tanggal(v)
                else:
                    pk[k] = _teks(v).lower() if k == "jenis" else _teks(v)
            pks[_teks(d.get("versi")) or "1"] = pk
        for n, d in self.tabel(L_PK_IND, KOLOM_PK_IND):
            versi = _teks(d.pop("versi", None)) or "1"
            pk = pks.get(versi)
            if pk is None:
                self.galat(L_PK_IND, n, "Versi PK", f"PK versi {versi} tidak ada di lembar PK")
                continue
            it = self.asal.node(
                L_PK_IND, n, {"indikator": "Kode indikator", "target": "Target tahun"}
            )
            it["indikator"] = _teks(d.get("indikator"))
            if "target" in d:
                it["target"] = _target(d["target"])
            ra = self.asal.node(L_PK_IND, n)
            for tw in (1, 2, 3, 4):
                t, rk = d.get(f"ra.{tw}.target"), _teks(d.get(f"ra.{tw}.rencana_kegiatan"))
                if rk:
                    x = self.asal.node(
                        L_PK_IND,
                        n,
                        {
                            "target": f"Target TW {'I II III IV'.split()[tw - 1]}",
                            "rencana_kegiatan": f"Rencana kegiatan TW {'I II III IV'.split()[tw - 1]}",
                        },
                    )
                    if t is not None:
                        x["target"] = _target(t)
                    x["rencana_kegiatan"] = rk
                    ra[tw] = x
                elif t is not None:
                    ra[tw] = _target(t)
                    self.asal.kolom(ra, str(tw), f"Target TW {'I II III IV'.split()[tw - 1]}", n)
            if ra:
                it["rencana_aksi"] = ra
            pk.setdefault("indikator", LList()).append(it)
        for n, d in self.tabel(L_PK_ANG, KOLOM_PK_ANG):
            versi = _teks(d.pop("versi", None)) or "1"
            pk = pks.get(versi)
            if pk is None:
                self.galat(L_PK_ANG, n, "Versi PK", f"PK versi {versi} tidak ada di lembar PK")
                continue
            d["program"] = _teks(d.get("program"))
            d["pagu"] = _angka(d.get("pagu"))
            pk.setdefault("anggaran", LList()).append(d)
        if pks:
            root["perjanjian_kinerja"] = LList(pks.values())

    def seri(self, root: LDict) -> None:
        seri: dict[str, LDict] = {}
        for _n, d in self.tabel(L_SERI, KOLOM_SERI):
            for k in list(d):
                d[k] = _teks(d[k])
            d["nilai"] = LList()
            seri[d.get("kode", "")] = d
        for n, d in self.tabel(L_NILAI_SERI, KOLOM_NILAI_SERI):
            kode = _teks(d.pop("seri", None))
            if kode not in seri:
                self.galat(
                    L_NILAI_SERI, n, "Kode seri", f"seri '{kode}' tidak ada di lembar Seri Data"
                )
                continue
            if "wilayah" in d:
                d["wilayah"] = _teks(d["wilayah"])
            d["tahun"] = _angka(d.get("tahun"))
            d["nilai"] = _angka(d.get("nilai"))
            if "agregat" in d:
                t = _teks(d["agregat"]).lower()
                if t in _YA:
                    d["agregat"] = True
                elif t in _TIDAK:
                    del d["agregat"]
                else:
                    self.galat(
                        L_NILAI_SERI,
                        n,
                        "Agregat (Ya/kosong)",
                        f"'{_teks(d['agregat'])}' bukan Ya atau kosong",
                    )
            seri[kode]["nilai"].append(d)
        if seri:
            root["seri_data"] = LList(seri.values())

    def lain(self, root: LDict) -> None:
        cetak = LList()
        for _n, d in self.tabel(L_TERCETAK, KOLOM_TERCETAK):
            for k in list(d):
                d[k] = _angka(d[k]) if k == "periode" else _teks(d[k])
            cetak.append(d)
        if cetak:
            root["tercetak"] = cetak
        narasi = self.asal.node(L_NARASI, 1)
        for n, d in self.tabel(L_NARASI, KOLOM_NARASI):
            kunci = _teks(d.get("kunci"))
            if kunci in narasi:
                self.galat(L_NARASI, n, "Bagian", f"bagian '{kunci}' ditulis dua kali")
            narasi[kunci] = str(d.get("teks") or "")
            self.asal.kolom(narasi, kunci, "Teks", n)
        if narasi:
            root["narasi"] = narasi
        urusan = LList()
        for _n, d in self.tabel(L_URUSAN, KOLOM_URUSAN):
            for k in list(d):
                d[k] = _teks(d[k])
            urusan.append(d)
        if urusan:
            if "opd" not in root:
                root["opd"] = self.asal.node(L_IDENTITAS, 1)
            root["opd"]["urusan"] = urusan
        misi = LList(
            _teks(d.get("misi"))
            for _n, d in self.tabel(L_MISI, KOLOM_MISI)
            if d.get("misi") is not None
        )
        if misi:
            if "renstra" not in root:
                root["renstra"] = self.asal.node(L_IDENTITAS, 1)
            root["renstra"]["misi"] = misi

    def baca(self) -> LDict:
        root = self.identitas()
        self.renstra(root)
        self.program(root)
        self._indeks_indikator(root)
        self.realisasi()
        self.pk(root)
        self.seri(root)
        self.lain(root)
        return root


def baca_buku(data: bytes, nama: str = "rencana.xlsx", wb: BukuTerbaca | None = None) -> dict:
    """Buku kerja → dokumen OPD-tahun yang sudah divalidasi (siap :func:`importer.import_document`).

    Setiap masalah — dari pembacaan baris maupun dari validasi — menyebut lembar, baris dan (bila
    dapat) kolomnya; bila ada satu saja, semuanya dilaporkan dan tidak ada yang dikembalikan."""
    p = _Pembaca(data, nama, wb)
    root = p.baca()
    try:
        doc = validate(root)
    except InvalidDocument as exc:
        raise InvalidDocument(p.masalah + [p.asal.terjemah(m) for m in exc.masalah]) from None
    if p.masalah:
        raise InvalidDocument(p.masalah)
    return doc
