"""Penyusun draf, bagian indikator: indikator tujuan/sasaran dari tabel pengukuran dan target
Renstra (dengan realisasi dan nilai tercetaknya)."""

from __future__ import annotations

from sakip.core.numbers import format_angka

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


def _id(v) -> str:
    """Angka draf dengan cara tulis Indonesia (79.5 → 79,5)."""
    return format_angka(v, None, strip_zeros=True)


class _BacaIndikator:
    """Dicampurkan ke ``draf._Penyusun`` (memakai ``self.kenal``, ``self.cetak``, …)."""

    def indikator(self) -> tuple[dict | None, dict[str, str]]:
        ukur = [p for p in self.kenal if p.jenis == "pengukuran"]
        ren = [p for p in self.kenal if p.jenis == "renstra"]
        pk = [p for p in self.kenal if p.jenis == "pk"]
        self.pk_draf: dict[int, dict] = {}
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
                data[key] = {
                    "nama": nama,
                    "sasaran": sas,
                    "baris": [],
                    "renstra": None,
                    "pk": {},
                }
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
        for p in pk:
            for b in p.baris:
                ambil(b.nama, b.sasaran)["pk"].setdefault(int(p.nama), b)
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
                # target Renstra tercetak: data Renstra dan klaim tercetak (dua angka untuk satu
                # indikator-tahun tidak pernah saling menimpa diam-diam: REN-04 membandingkannya)
                for th, s in r.target.items():
                    target[th] = _num(s.nilai)
                    tahun_ren.add(th)
                    self.cetak(s.lokasi, f"indikator:{kode}", "target_renstra", s.teks, th)
                if r.kondisi_awal and r.kondisi_awal.nilai is not None:
                    ind["kondisi_awal"] = _num(r.kondisi_awal.nilai)
                if r.kondisi_akhir and r.kondisi_akhir.nilai is not None:
                    ind["kondisi_akhir"] = _num(r.kondisi_akhir.nilai)
            # Perjanjian Kinerja tercetak: PK draf (target tahun laporan) dan klaim targetnya
            # (hanya PK yang berlaku, versi terakhir: target PK murni yang diubah bukan kesalahan)
            pembanding = [b.target for b in baris if (b.tahun or self.tahun) == self.tahun]
            if r is not None:
                pembanding.append(r.target.get(self.tahun))
            self._pk_indikator(kode, d["pk"], [x for x in pembanding if x is not None])
            # target dan realisasi setiap tahun yang tercetak (tabel pertama yang memuatnya);
            # target tahun yang sudah ada di tabel Renstra tidak ditimpa: tabel pengukuran
            # mencetak target PK, yang dibandingkan dengan PK/Renstra oleh aturan reviu
            realisasi: dict[int, dict] = {}
            for b in baris:
                th = b.tahun or self.tahun
                if b.target and b.target.nilai is not None and th not in target:
                    target[th] = _num(b.target.nilai)
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
            self._berselisih(d["nama"], r, d["pk"], baris, target)
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
        for p in ren + pk + ukur:
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

    def _berselisih(self, nama: str, r, pk: dict, baris: list, target: dict) -> None:
        """Laporan pembacaan: setiap indikator-tahun yang tercetak dengan dua angka berbeda
        (target di tabel Renstra, PK dan pengukuran; realisasi di beberapa tabel pengukuran),
        dengan angka yang dipakai draf. Temuan reviu menyebut mana yang menyimpang."""
        for jenis in ("target", "realisasi"):
            per_tahun: dict[int, list] = {}
            if jenis == "target":
                for th, s_ in r.target.items() if r is not None else ():
                    per_tahun.setdefault(th, []).append(("Renstra", s_))
                if pk and pk[max(pk)].target is not None:
                    per_tahun.setdefault(self.tahun, []).append(("PK", pk[max(pk)].target))
            for b in baris:
                s_ = getattr(b, jenis)
                if s_ is not None:
                    per_tahun.setdefault(b.tahun or self.tahun, []).append(("pengukuran", s_))
            for th, sel in sorted(per_tahun.items()):
                nilai = {x.nilai for _, x in sel if x.nilai is not None}
                if len(nilai) < 2:
                    continue
                daftar = "; ".join(f"{x.lokasi} ({asal}): {x.teks}" for asal, x in sel)
                pakai = ""
                if jenis == "target" and th in target:
                    pakai = f" — target Renstra di draf {_id(target[th])}"
                    if th == self.tahun and pk:
                        pk_d = self.pk_draf.get(max(pk), {}).get("indikator", [])
                        v = next((x["target"] for x in pk_d if x["indikator"] == self._kode), None)
                        pakai += f", target PK {_id(v)}" if v is not None else ""
                self.berselisih.append(f"{jenis} {nama} tahun {th}: {daftar}{pakai}")

    def _pk_indikator(self, kode: str, pk: dict[int, BarisIndikator], lain: list) -> None:
        """Target indikator ``kode`` di setiap versi PK tercetak; klaim target dari versi terakhir.

        Target PK yang berlaku (versi terakhir) untuk tahun laporan: angka yang paling banyak
        tercetak di antara tabel PK, tabel pengukuran dan tabel Renstra tahun itu (seri: tabel
        PK). Angka yang menyimpang dari yang lain menjadi satu temuan di tempatnya sendiri, bukan
        temuan di setiap tempat yang benar."""
        self._kode = kode
        terakhir = max(pk) if pk else None
        for versi, b in sorted(pk.items()):
            d = self.pk_draf.setdefault(versi, {"versi": versi, "indikator": [], "anggaran": []})
            if b.target is None or b.target.nilai is None:
                continue
            nilai = b.target.nilai
            if versi == terakhir:
                suara = [nilai] + [x.nilai for x in lain if x.nilai is not None]
                nilai = max(suara, key=lambda v: (suara.count(v), v == b.target.nilai))
            d["indikator"].append({"indikator": kode, "target": _num(nilai)})
        if pk:
            b = pk[max(pk)]
            if b.target is not None:
                self.cetak(
                    b.target.lokasi, f"indikator:{kode}", "target", b.target.teks, self.tahun
                )

    def perjanjian(self, program: list[dict]) -> list[dict]:
        """PK draf (murni dan perubahan) dengan program dan anggarannya yang tercetak; program yang
        tidak ada di draf didaftar di laporan pembacaan."""
        kode_prog = {p["kode"] for p in program}
        for p in [p for p in self.kenal if p.jenis == "pk_anggaran"]:
            versi = int(p.nama)
            d = self.pk_draf.setdefault(versi, {"versi": versi, "indikator": [], "anggaran": []})
            for b in p.baris:
                kd = self.ganti_kode.get(str(b.kode), str(b.kode))
                if kd not in kode_prog or b.pagu.nilai is None:
                    self.tidak.append(
                        f"{b.pagu.lokasi}: program {b.kode} {b.nama} dalam PK tidak ada di tabel "
                        "anggaran"
                    )
                    continue
                d["anggaran"].append({"program": kd, "pagu": _num(b.pagu.nilai)})
            self.dibaca.append(f"{p.tabel.lokasi}: {JENIS_LABEL[p.jenis]}, {len(p.baris)} program")
        out = [v for _, v in sorted(self.pk_draf.items()) if v["indikator"] or v["anggaran"]]
        if out and out[0]["versi"] != 1:
            out[0]["versi"] = 1  # hanya PK perubahan tercetak: ia satu-satunya PK di draf
        for v in out:
            v["jenis"] = "murni" if v["versi"] == 1 else "perubahan"
            if not v["anggaran"]:
                del v["anggaran"]
        return out

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
