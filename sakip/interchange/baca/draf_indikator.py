"""Penyusun draf, bagian indikator: indikator tujuan/sasaran dari tabel pengukuran dan target
Renstra (dengan realisasi dan nilai tercetaknya)."""

from __future__ import annotations

from .draf_dasar import (
    _IKU,
    JENIS_LABEL,
    _norm,
    _num,
    _polaritas,
    _polaritas_nama,
)
from .narasi import IndikatorDikenal
from .pengenal import (
    BarisIndikator,
    BarisTargetRenstra,
)


class _BacaIndikator:
    """Dicampurkan ke ``draf._Penyusun`` (memakai ``self.kenal``, ``self.cetak``, …)."""

    def indikator(self) -> tuple[dict | None, dict[str, str]]:
        ukur = [p for p in self.kenal if p.jenis == "pengukuran"]
        ren = [p for p in self.kenal if p.jenis == "renstra"]
        if not ukur and not ren:
            return None, {}
        urut: list[str] = []
        data: dict[str, dict] = {}
        sasaran: dict[str, str] = {}

        tanda_iku = any(_IKU.search(b.nama) for p in ren + ukur for b in p.baris)

        def ambil(nama: str, sas: str) -> dict:
            iku = bool(_IKU.search(nama))
            nama = _IKU.sub("", nama).strip()
            key = _norm(nama)
            if key not in data:
                urut.append(key)
                data[key] = {"nama": nama, "sasaran": sas, "baris": [], "renstra": None}
                data[key]["iku"] = iku or not tanda_iku
            data[key]["iku"] = data[key]["iku"] or iku
            if sas and not data[key]["sasaran"]:
                data[key]["sasaran"] = sas
            return data[key]

        for p in ren:
            for b in p.baris:
                ambil(b.nama, b.sasaran)["renstra"] = b
        for p in ukur:
            for b in p.baris:
                ambil(b.nama, b.sasaran)["baris"].append(b)
        kode_sas: dict[str, str] = {}
        for key in urut:
            s = data[key]["sasaran"] or "Sasaran (tidak terbaca dari laporan)"
            if _norm(s) not in kode_sas:
                kode_sas[_norm(s)] = f"S{len(kode_sas) + 1}"
                sasaran[kode_sas[_norm(s)]] = s
        per_sasaran: dict[str, list] = {k: [] for k in sasaran}
        kode_ind: dict[str, str] = {}
        tahun_ren = set()
        for key in urut:
            d = data[key]
            ks = kode_sas[_norm(d["sasaran"] or "Sasaran (tidak terbaca dari laporan)")]
            kode = f"{ks}-{len(per_sasaran[ks]) + 1}"
            kode_ind[key] = kode
            ind: dict = {"kode": kode, "nama": d["nama"], "iku": d["iku"]}
            baris: list[BarisIndikator] = d["baris"]
            utama = next((b for b in baris if b.target or b.realisasi), None)
            r: BarisTargetRenstra | None = d["renstra"]
            satuan = (utama.satuan if utama else "") or (r.satuan if r else "")
            if satuan:
                ind["satuan"] = satuan
            if utama is not None or r is not None:
                pol, cat = _polaritas(utama) if utama is not None else _polaritas_nama(d["nama"])
                if pol != "naik":
                    ind["polaritas"] = pol
                    ind["catatan"] = cat
            target: dict[int, object] = {}
            if r is not None:
                for th, s in r.target.items():
                    target[th] = _num(s.nilai)
                    tahun_ren.add(th)
                if r.kondisi_awal and r.kondisi_awal.nilai is not None:
                    ind["kondisi_awal"] = _num(r.kondisi_awal.nilai)
                if r.kondisi_akhir and r.kondisi_akhir.nilai is not None:
                    ind["kondisi_akhir"] = _num(r.kondisi_akhir.nilai)
            # target dan realisasi setiap tahun yang tercetak (tabel pertama yang memuatnya)
            # (tabel pengukuran mencetak target PK, yang dipakai capaian: ia menggantikan target
            # Renstra tahun itu)
            realisasi: dict[int, dict] = {}
            dari_ukur: set[int] = set()
            for b in baris:
                th = b.tahun or self.tahun
                if b.target and b.target.nilai is not None and th not in dari_ukur:
                    target[th] = _num(b.target.nilai)
                    dari_ukur.add(th)
                if th in realisasi:
                    continue
                if b.pembilang is not None:
                    realisasi[th] = {
                        "tahun": th,
                        "pembilang": _num(b.pembilang),
                        "penyebut": _num(b.penyebut),
                    }
                elif b.realisasi and b.realisasi.nilai is not None:
                    realisasi[th] = {"tahun": th, "nilai": _num(b.realisasi.nilai)}
            if target:
                ind["target"] = dict(sorted(target.items()))
            if realisasi:
                ind["realisasi"] = [realisasi[th] for th in sorted(realisasi)]
            for b in baris:
                for atribut in ("target", "realisasi", "capaian"):
                    s = getattr(b, atribut)
                    if s is not None:
                        self.cetak(
                            s.lokasi, f"indikator:{kode}", atribut, s.teks, b.tahun or self.tahun
                        )
            per_sasaran[ks].append(ind)
            sekarang = [b for b in baris if (b.tahun or self.tahun) == self.tahun]
            self.indikator_dikenal.append(
                IndikatorDikenal(
                    kode,
                    d["nama"],
                    satuan,
                    d["sasaran"],
                    next((b.realisasi.nilai for b in sekarang if b.realisasi), None),
                    next((b.capaian.nilai for b in sekarang if b.capaian), None),
                )
            )
        for p in [p for p in self.kenal if p.jenis == "capaian_renstra"]:
            for b in p.baris:
                key = _norm(_IKU.sub("", b.nama))
                kode = kode_ind.get(key)
                if kode is None:
                    lokasi = (b.target or b.capaian).lokasi
                    self.tidak.append(
                        f"{lokasi}: indikator '{b.nama}' tidak ada di tabel pengukuran"
                    )
                    continue
                for atribut, s_ in (
                    ("target_akhir_renstra", b.target),
                    ("capaian_renstra", b.capaian),
                ):
                    if s_ is not None:
                        self.cetak(s_.lokasi, f"indikator:{kode}", atribut, s_.teks)
            self.dibaca.append(
                f"{p.tabel.lokasi}: {JENIS_LABEL[p.jenis]}, {len(p.baris)} indikator"
            )
        for p in ren + ukur:
            self.dibaca.append(
                f"{p.tabel.lokasi}: {JENIS_LABEL[p.jenis]}, {len(p.baris)} indikator"
            )
        tahun_semua = tahun_ren | {self.tahun}
        renstra = {
            "tahun_awal": min(tahun_semua),
            "tahun_akhir": max(tahun_semua),
            "nama": f"Renstra {self.id['opd']} (dibaca dari laporan)",
            "tujuan": [
                {
                    "kode": "T1",
                    "uraian": "Tujuan (tidak terbaca dari laporan)",
                    "sasaran": [
                        {"kode": k, "uraian": u, "indikator": per_sasaran[k]}
                        for k, u in sasaran.items()
                    ],
                }
            ],
        }
        return renstra, kode_ind

    def _indikator_baru(self, bi: BarisIndikator) -> dict:
        """Indikator program/kegiatan/sub kegiatan di draf: nama, satuan, target, realisasi."""
        baru: dict = {"nama": bi.nama}
        if bi.satuan:
            baru["satuan"] = bi.satuan
        th = bi.tahun or self.tahun
        if bi.target and bi.target.nilai is not None:
            baru["target"] = {th: _num(bi.target.nilai)}
        if bi.realisasi and bi.realisasi.nilai is not None:
            baru["realisasi"] = [{"tahun": th, "nilai": _num(bi.realisasi.nilai)}]
        return baru
