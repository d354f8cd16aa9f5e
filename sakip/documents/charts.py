"""Grafik untuk dokumen: matplotlib → SVG (HTML/PDF) dan PNG (DOCX). Angka berformat Indonesia."""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from sakip.core.numbers import format_angka  # noqa: E402

from .document import Gambar  # noqa: E402

plt.rcParams.update(
    {"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none", "svg.hashsalt": "sakip"}
)
BIRU, HIJAU, ABU = "#0b4f8a", "#1a7f37", "#9aa5b1"


def _fmt(x, _pos=None) -> str:
    return format_angka(Decimal(str(round(x, 2))), None, strip_zeros=True)


class GambarGrafik(Gambar):
    """Grafik matplotlib yang digambar saat formatnya diminta: SVG untuk HTML/PDF, PNG untuk DOCX.
    Dokumen satu format tidak lagi menggambar setiap grafik dua kali (DOCX Klungkung: −0,5 dtk)."""

    def __init__(self, judul: str, fig, lebar_cm: float = 15.0):
        self.judul = judul
        self.nomor = ""
        self.lebar_cm = lebar_cm
        self._fig = fig
        self._svg: str | None = None
        self._png: bytes | None = None

    @property
    def svg(self) -> str:
        if self._svg is None:
            buf = io.StringIO()
            self._fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
            svg = buf.getvalue()
            self._svg = svg[svg.index("<svg") :]
        return self._svg

    @property
    def png(self) -> bytes:
        if self._png is None:
            buf = io.BytesIO()
            self._fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
            self._png = buf.getvalue()
        return self._png


def _render(fig, judul: str, lebar_cm: float = 15.0) -> Gambar:
    plt.close(fig)  # lepas dari pyplot; gambarnya tetap dapat disimpan saat diminta
    return GambarGrafik(judul, fig, lebar_cm=lebar_cm)


def _label(s: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(s, width)[:3])


def target_realisasi(
    judul: str, items: list[tuple[str, Decimal | None, Decimal | None]]
) -> Gambar | None:
    """Batang berdampingan target dan realisasi per indikator."""
    items = [(n, t, r) for n, t, r in items if t is not None or r is not None]
    if not items:
        return None
    fig, ax = plt.subplots(figsize=(7.2, 0.55 * len(items) + 1.2))
    ys = range(len(items))
    h = 0.38
    ax.barh(
        [y + h / 2 for y in ys],
        [float(t or 0) for _, t, _ in items],
        height=h,
        color=ABU,
        label="Target",
    )
    ax.barh(
        [y - h / 2 for y in ys],
        [float(r or 0) for _, _, r in items],
        height=h,
        color=BIRU,
        label="Realisasi",
    )
    for y, (_, t, r) in zip(ys, items, strict=True):
        if r is not None:
            ax.text(float(r), y - h / 2, " " + _fmt(float(r)), va="center", fontsize=7)
        if t is not None:
            ax.text(
                float(t), y + h / 2, " " + _fmt(float(t)), va="center", fontsize=7, color="#555"
            )
    ax.set_yticks(list(ys), [_label(n) for n, _, _ in items])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(_fmt))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _render(fig, judul)


def seri_tahun(
    judul: str, nama: str, tahun: list[int], target: list, realisasi: list, satuan: str = ""
) -> Gambar | None:
    if len([r for r in realisasi if r is not None]) < 2:
        return None
    fig, ax = plt.subplots(figsize=(6.5, 2.8))
    ax.plot(
        tahun,
        [float(t) if t is not None else None for t in target],
        marker="s",
        color=ABU,
        label="Target",
    )
    ax.plot(
        tahun,
        [float(r) if r is not None else None for r in realisasi],
        marker="o",
        color=BIRU,
        label="Realisasi",
    )
    for x, r in zip(tahun, realisasi, strict=True):
        if r is not None:
            ax.annotate(
                _fmt(float(r)),
                (x, float(r)),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
            )
    ax.set_xticks(tahun, [str(t) for t in tahun])
    ax.yaxis.set_major_formatter(FuncFormatter(_fmt))
    ax.set_title(_label(nama, 70), fontsize=8)
    ax.set_ylabel(satuan)
    ax.legend(fontsize=7, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _render(fig, judul, 13)


def serapan_program(judul: str, items: list[tuple[str, Decimal | None]]) -> Gambar | None:
    items = [(n, v) for n, v in items if v is not None]
    if not items:
        return None
    fig, ax = plt.subplots(figsize=(7.2, 0.5 * len(items) + 1))
    vals = [float(v) for _, v in items]
    ax.barh(
        range(len(items)),
        vals,
        color=[HIJAU if v >= 90 else BIRU if v >= 70 else "#d73a49" for v in vals],
    )
    for y, v in enumerate(vals):
        ax.text(v, y, " " + _fmt(v) + "%", va="center", fontsize=7)
    ax.set_yticks(range(len(items)), [_label(n, 40) for n, _ in items])
    ax.invert_yaxis()
    ax.set_xlim(0, max(110, max(vals) * 1.12))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, p: _fmt(x) + "%"))
    ax.spines[["top", "right"]].set_visible(False)
    return _render(fig, judul)
