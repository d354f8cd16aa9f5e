"""Salinan seed Denpasar 2022 sebagai OPD lain dalam Pemda yang sama (untuk tes peringkat)."""

from sakip.interchange.importer import import_file
from sakip.paths import SEEDS_DIR


def salin_denpasar(slug: str, nama: str, pembilang: int):
    """Impor Denpasar 2022 sebagai OPD ``slug``/``nama``; realisasi 721 dari 1.164 (penempatan)
    diganti ``pembilang``, sehingga rata-rata capaiannya berbeda. Mengembalikan OPD-nya."""
    text = (SEEDS_DIR / "denpasar-2022.yaml").read_text()
    text = text.replace("slug: disnaker-denpasar", f"slug: {slug}").replace(
        "nama: Dinas Tenaga Kerja dan Sertifikasi Kompetensi Kota Denpasar\n  singkatan",
        f"nama: {nama}\n  singkatan",
    )
    text = text.replace(
        "{tahun: 2022, pembilang: 721, penyebut: 1164,",
        f"{{tahun: 2022, pembilang: {pembilang}, penyebut: 1164,",
    )
    return import_file(text.encode()).opd
