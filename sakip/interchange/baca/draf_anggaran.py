"""Penyusun draf, bagian anggaran: program → kegiatan → sub kegiatan dari tabel anggaran (kode
tercetak atau dicocokkan dari nomenklatur), pagu dan realisasinya, dan tabel efisiensi."""

from __future__ import annotations

from functools import cached_property

from sakip.core.kode import Tingkat, parse_kode

from .draf_dasar import (
    _TINGKAT_KATA,
    _cocokkan,
    _norm,
    _num,
)
from .nomenklatur import Nomenklatur
from .pengenal import (
    BarisAnggaran,
    Pengenalan,
)


class _BacaAnggaran:
    """Dicampurkan ke ``draf._Penyusun`` (memakai ``self.kenal``, ``self.cetak``, …)."""

    def anggaran(self) -> tuple[list[dict], list[dict]]:
        uang = [p for p in self.kenal if p.jenis == "anggaran"]
        ind = [p for p in self.kenal if p.jenis == "indikator_program"]
        keg = [p for p in self.kenal if p.jenis == "indikator_kegiatan"]
        if not uang and not ind and not keg:
            return [], []
        for p in uang:
            self._kode_dari_nama(p)
        urusan: dict[str, str] = {}
        program: dict[str, dict] = {}
        pemilik: dict[str, dict] = {}  # kode → program/kegiatan/sub kegiatan di draf
        if not uang and not ind:
            self._kegiatan_bernama(keg, program, pemilik)
            return self._urusan(urusan, program), list(program.values())
        # susunan dan angka dari tabel yang paling rinci (sampai sub kegiatan, baris terbanyak);
        # setiap angka tercetak di setiap tabel dicatat dengan tempatnya
        utama = max(
            uang or ind,
            key=lambda p: (
                max((b.kode.tingkat for b in p.baris if b.kode), default=0),
                len(p.baris),
            ),
        )
        baris = [b for b in utama.baris if b.kode is not None]
        kode_ada = {str(b.kode) for b in baris}
        dilihat: set[str] = set()
        terakhir: dict | None = None  # kegiatan terakhir, untuk sub kegiatan yatim
        for b in baris:
            k = b.kode
            ks = str(k)
            if ks in dilihat:
                continue  # kode yang sama tercetak dua kali: baris pertama yang dipakai
            dilihat.add(ks)
            if not b.nama:
                b.nama = f"(nama {k.tingkat.label} {ks} tidak terbaca)"
                self.tidak.append(
                    f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: nama {k.tingkat.label} "
                    f"{ks} tidak tercetak di barisnya"
                )
            if k.tingkat <= Tingkat.BIDANG:
                urusan[ks] = b.nama
                continue
            if k.tingkat == Tingkat.PROGRAM:
                obj = program.setdefault(ks, {"kode": ks, "nama": b.nama, "kegiatan": []})
            elif k.tingkat == Tingkat.KEGIATAN:
                prog = str(k.induk())
                pr = program.setdefault(
                    prog,
                    {
                        "kode": prog,
                        "nama": self.nomenklatur.nama.get(prog, f"Program {prog}"),
                        "kegiatan": [],
                    },
                )
                obj = {"kode": ks, "nama": b.nama}
                pr["kegiatan"].append(obj)
                terakhir = obj
                punya_sub = any(x.startswith(ks + ".") for x in kode_ada)
                if not punya_sub and b.pagu is not None:
                    obj["anggaran"] = self._nilai_anggaran(b)
            else:
                kg = pemilik.get(str(k.induk()))
                if kg is None and terakhir is not None and "sub_kegiatan" not in terakhir:
                    # kegiatan di atasnya tercetak dengan kode lain (salah ketik laporan): kode
                    # sub kegiatan yang dipakai, kode tercetak dicatat agar reviu menunjukkannya
                    lama, baru = terakhir["kode"], str(k.induk())
                    self.cetak(
                        (b.pagu.lokasi if b.pagu else utama.tabel.lokasi),
                        f"kegiatan:{baru}",
                        "kode",
                        lama,
                    )
                    self.tidak.append(
                        f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: sub kegiatan {ks} di "
                        f"bawah kegiatan bertanda {lama}; kodenya dibaca sebagai {baru}"
                    )
                    terakhir["kode"] = baru
                    terakhir.pop("anggaran", None)
                    pemilik = {(baru if x == lama else x): v for x, v in pemilik.items()}
                    self.ganti_kode[f"anggaran:{lama}"] = f"anggaran:{baru}"
                    self.ganti_kode[lama] = baru
                    kg = terakhir
                if kg is None:
                    self.tidak.append(
                        f"{b.pagu.lokasi if b.pagu else utama.tabel.lokasi}: sub kegiatan {ks} "
                        "tanpa baris kegiatannya"
                    )
                    continue
                obj = {"kode": ks, "nama": b.nama}
                if b.pagu is not None:
                    obj["anggaran"] = self._nilai_anggaran(b)
                kg.setdefault("sub_kegiatan", []).append(obj)
            pemilik[ks] = obj
        self.urutan_pemilik = [(ks, o["nama"]) for ks, o in pemilik.items()]
        # indikator program/kegiatan/sub kegiatan, dari setiap tabel yang mencetaknya
        nama_ind: dict[tuple[str, str], str] = {}
        for p in sorted(uang + ind, key=lambda p: p is not utama):
            for b in p.baris:
                bi = b.indikator
                if bi is None or b.kode is None:
                    continue
                ks = self.ganti_kode.get(str(b.kode), str(b.kode))
                if ks not in pemilik:
                    continue
                kunci = (ks, _norm(bi.nama))
                if kunci not in nama_ind:
                    obj = pemilik[ks]
                    daftar = obj.setdefault("indikator", [])
                    nama_ind[kunci] = f"{ks}-{len(daftar) + 1}"
                    daftar.append(self._indikator_baru(bi))
                for atribut in ("target", "realisasi", "capaian"):
                    s_ = getattr(bi, atribut)
                    if s_ is not None:
                        self.cetak(
                            s_.lokasi,
                            f"indikator:{nama_ind[kunci]}",
                            atribut,
                            s_.teks,
                            bi.tahun or self.tahun,
                        )
        for p in uang:
            for b in p.baris:
                if b.hitungan is not None:
                    self.cetak(b.hitungan.lokasi, f"hitungan:{b.nama}", "jumlah", b.hitungan.teks)
                    if b.rata_rata is not None:
                        self.cetak(
                            b.rata_rata.lokasi,
                            f"hitungan:{b.nama}",
                            "rata_rata_capaian",
                            b.rata_rata.teks,
                        )
                    continue
                objek = f"anggaran:{b.kode}" if b.kode is not None else "anggaran:jumlah"
                objek = self.ganti_kode.get(objek, objek)
                for atribut in ("pagu", "realisasi", "sisa", "serapan", "sisa_persen"):
                    s_ = getattr(b, atribut)
                    if s_ is not None:
                        self.cetak(s_.lokasi, objek, atribut, s_.teks)
        for p in uang + ind:
            n_sub = sum(1 for b in p.baris if b.kode and b.kode.tingkat == Tingkat.SUB_KEGIATAN)
            n_ind = sum(1 for b in p.baris if b.indikator is not None)
            jenis = "anggaran" if p.jenis == "anggaran" else "capaian indikator program"
            self.dibaca.append(
                f"{p.tabel.lokasi}: {jenis}, {len(p.baris)} baris"
                + (f" ({n_sub} sub kegiatan)" if n_sub else "")
                + (f", {n_ind} indikator" if n_ind else "")
                + (" — sumber susunan program" if p is utama else "")
            )
        self._kegiatan_bernama(keg, program, pemilik)
        return self._urusan(urusan, program), list(program.values())

    def _urusan(self, urusan: dict[str, str], program: dict[str, dict]) -> list[dict]:
        bidang = {".".join(k.split(".")[:2]) for k in program}
        for b in sorted(bidang):
            if b not in urusan:
                urusan[b] = self.nomenklatur.nama.get(b, f"Bidang urusan {b} (nama tidak terbaca)")
            u = b.split(".")[0]
            if u not in urusan:
                urusan[u] = f"Urusan {u} (nama tidak terbaca)"
        return [{"kode": k, "nama": v} for k, v in sorted(urusan.items())]

    @cached_property
    def nomenklatur(self) -> Nomenklatur:
        return Nomenklatur.muat()

    def _kode_dari_nama(self, p: Pengenalan) -> None:
        """Baris anggaran bernama tanpa kode: kodenya dari nomenklatur, atau dilaporkan."""
        cocok = 0
        for b in p.baris:
            if not b.tanpa_kode or b.kode is not None:
                continue
            tingkat = _TINGKAT_KATA[b.tanpa_kode]
            kode = self.nomenklatur.cari(b.nama, tingkat)
            if kode is None and tingkat == Tingkat.KEGIATAN:
                kode = self.nomenklatur.cari(b.nama, Tingkat.SUB_KEGIATAN)
            lokasi = (b.pagu or b.realisasi or b.serapan).lokasi
            if kode is None:
                self.tidak.append(
                    f"{lokasi}: {b.tanpa_kode} '{b.nama}' tidak tercetak berkode dan namanya "
                    "tidak ditemukan di nomenklatur"
                )
                continue
            b.kode = parse_kode(kode)
            cocok += 1
        if cocok:
            self.dibaca.append(
                f"{p.tabel.lokasi}: {cocok} baris tanpa kode dicocokkan menurut nama dengan "
                "nomenklatur"
            )

    def _kegiatan_bernama(self, tabel: list[Pengenalan], program: dict, pemilik: dict) -> None:
        """Tabel indikator kegiatan/sub kegiatan yang hanya mencetak nama: setiap nama dicari di
        nomenklatur (kegiatan, lalu sub kegiatan di bawah kegiatan terakhir); sub kegiatan yang
        tidak ada di nomenklatur tetap dibuat tanpa kode di bawah kegiatannya, indikatornya
        berkode buatan."""
        nomen = self.nomenklatur

        def pastikan(kode: str) -> dict:
            if kode in pemilik:
                return pemilik[kode]
            kd = parse_kode(kode)
            nama = nomen.nama.get(kode, f"({kd.tingkat.label} {kode})")
            if kd.tingkat == Tingkat.PROGRAM:
                obj = program.setdefault(kode, {"kode": kode, "nama": nama, "kegiatan": []})
            elif kd.tingkat == Tingkat.KEGIATAN:
                obj = {"kode": kode, "nama": nama}
                pastikan(str(kd.induk()))["kegiatan"].append(obj)
            else:
                obj = {"kode": kode, "nama": nama}
                pastikan(str(kd.induk())).setdefault("sub_kegiatan", []).append(obj)
            pemilik[kode] = obj
            return obj

        for p in tabel:
            kegiatan: str | None = None
            sub: dict | None = None
            tanpa = 0
            n_ind = 0
            sebelumnya = None
            for b in p.baris:
                baru_saja, sebelumnya = sebelumnya, b
                if b.indikator is None:
                    kode = nomen.cari(b.nama, Tingkat.KEGIATAN)
                    ulang = (
                        kode is not None
                        and kode == kegiatan
                        and baru_saja is not None
                        and baru_saja.indikator is None
                    )
                    if kode is not None and not ulang:
                        kegiatan, sub = kode, None
                        pastikan(kode)
                        continue
                    # nama kegiatan yang diulang di kolom sub kegiatan: sub kegiatan senama
                    kode = (
                        None if ulang else nomen.cari(b.nama, Tingkat.SUB_KEGIATAN, induk=kegiatan)
                    )
                    if kode is not None:
                        sub = pastikan(kode)
                        kegiatan = str(parse_kode(kode).induk())
                        continue
                    if kegiatan is None:
                        self.tidak.append(
                            f"{b.lokasi}: '{b.nama}' tidak ditemukan di nomenklatur dan tidak "
                            "berada di bawah kegiatan yang dikenali"
                        )
                        sub = None
                        continue
                    tanpa += 1
                    sub = {"nama": b.nama, "_kode_indikator": f"{kegiatan}-S{tanpa}"}
                    pastikan(kegiatan).setdefault("sub_kegiatan", []).append(sub)
                    continue
                bi = b.indikator
                pem = sub if sub is not None else (pemilik.get(kegiatan) if kegiatan else None)
                if pem is None:
                    self.tidak.append(f"{b.lokasi}: indikator '{bi.nama}' tanpa kegiatannya")
                    continue
                daftar = pem.setdefault("indikator", [])
                baru = self._indikator_baru(bi)
                if "kode" in pem:
                    ikode = f"{pem['kode']}-{len(daftar) + 1}"
                else:
                    ikode = f"{pem['_kode_indikator']}-{len(daftar) + 1}"
                    baru = {"kode": ikode, **baru}
                th = bi.tahun or self.tahun
                if bi.target is None:
                    self.tidak.append(f"{b.lokasi}: indikator '{bi.nama}' tanpa angka")
                daftar.append(baru)
                n_ind += 1
                for atribut in ("target", "realisasi", "capaian"):
                    s_ = getattr(bi, atribut)
                    if s_ is not None:
                        self.cetak(s_.lokasi, f"indikator:{ikode}", atribut, s_.teks, th)
            self.dibaca.append(
                f"{p.tabel.lokasi}: indikator kegiatan/sub kegiatan menurut nama, {n_ind} indikator"
                + (f", {tanpa} sub kegiatan tanpa kode nomenklatur" if tanpa else "")
            )
        for obj in pemilik.values():
            for s_ in obj.get("sub_kegiatan", []):
                s_.pop("_kode_indikator", None)
        for pr in program.values():
            for kg in pr["kegiatan"]:
                for s_ in kg.get("sub_kegiatan", []):
                    s_.pop("_kode_indikator", None)

    @staticmethod
    def _nilai_anggaran(b: BarisAnggaran) -> dict:
        out = {}
        if b.pagu and b.pagu.nilai is not None:
            out["pagu"] = _num(b.pagu.nilai)
        if b.realisasi and b.realisasi.nilai is not None:
            out["realisasi"] = _num(b.realisasi.nilai)
        return out

    def efisiensi(self) -> None:
        for p in self.kenal:
            if p.jenis != "efisiensi":
                continue
            tanpa_kode = [b for b in p.baris if b.kode is None]
            cocok = _cocokkan([b.nama for b in tanpa_kode], self.urutan_pemilik)
            for b, ks in zip(tanpa_kode, cocok, strict=True):
                if ks is None:
                    lokasi = next(iter(b.kolom.values())).lokasi
                    self.tidak.append(f"{lokasi}: '{b.nama}' tidak ditemukan di susunan program")
                b.kode = ks
            n = 0
            for b in p.baris:
                if b.kode is None:
                    continue
                n += 1
                for atribut, s_ in b.kolom.items():
                    self.cetak(s_.lokasi, f"efisiensi:{b.kode}", atribut, s_.teks)
            cara = f", {len(tanpa_kode)} dicocokkan menurut nama" if tanpa_kode else ""
            self.dibaca.append(f"{p.tabel.lokasi}: efisiensi, {n} baris{cara}")
