"""Render dokumen ke HTML (untuk aplikasi dan sebagai masukan WeasyPrint)."""

from __future__ import annotations

import base64
from html import escape

from .document import (
    Bagian,
    Daftar,
    Dokumen,
    Gambar,
    Paragraf,
    PemisahHalaman,
    Sel,
    Tabel,
    TandaTangan,
)

CSS = """
@page { size: A4; margin: 2.2cm 2cm 2.2cm 2.5cm;
  @bottom-center { content: counter(page); font-family: "Liberation Sans", Arial, sans-serif; font-size: 9pt; color: #444; } }
@page sampul { @bottom-center { content: none; } }
@page lebar { size: A4 landscape; margin: 1.6cm 1.5cm 1.8cm 1.5cm; }
body { font-family: "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
.dok { max-width: 1100px; margin: 0 auto; }
.sampul { page: sampul; text-align: center; padding-top: 5cm; break-after: page; }
.sampul h1 { font-size: 22pt; margin: 0 0 .3cm; letter-spacing: .03em; }
.sampul .opd { font-size: 15pt; font-weight: bold; margin-top: 3cm; }
.sampul .pemda { font-size: 13pt; margin-top: .3cm; }
.sampul .tahun { font-size: 16pt; font-weight: bold; margin-top: 2cm; }
h1.bab { font-size: 14pt; text-align: center; margin: 0 0 .6cm; break-before: page; }
h1.bab .no { display: block; }
h2 { font-size: 12pt; margin: .6cm 0 .25cm; break-after: avoid; }
h3 { font-size: 11pt; margin: .45cm 0 .2cm; break-after: avoid; }
p { text-align: justify; margin: 0 0 .25cm; }
.draf { background: #fff6cc; border-left: 3px solid #e0a800; padding: .1cm .2cm; }
.draf::before { content: "DRAF — disusun otomatis dari data, periksa dan sunting: "; font-weight: bold; font-size: 8.5pt; color: #8a6100; }
table.t { border-collapse: collapse; width: 100%; margin: .15cm 0 .1cm; font-size: 9pt; page-break-inside: auto; }
table.t.kecil { font-size: 7.6pt; }
table.t th, table.t td { border: .6pt solid #555; padding: 2.5pt 4pt; vertical-align: top; }
table.t th { background: #e8edf3; text-align: center; font-weight: bold; }
table.t thead { display: table-header-group; }
table.t tr { break-inside: avoid; }
td.kanan { text-align: right; white-space: nowrap; } td.tengah { text-align: center; }
tr.tebal td { font-weight: bold; background: #f4f6f8; }
.judul-tabel { text-align: center; font-weight: bold; margin: .35cm 0 .05cm; break-after: avoid; font-size: 10pt; }
.sumber { font-size: 8.5pt; font-style: italic; margin: 0 0 .3cm; }
figure { margin: .3cm 0; text-align: center; break-inside: avoid; }
figure svg, figure img { max-width: 100%; height: auto; }
figcaption { font-weight: bold; font-size: 10pt; }
.ttd { display: flex; justify-content: space-between; align-items: flex-end; margin-top: .8cm; break-inside: avoid; }
.ttd .blok { width: 45%; text-align: center; }
.ttd .blok.tunggal { margin-left: auto; }
.ttd .ruang { height: 2cm; }
.ttd .nama { font-weight: bold; text-decoration: underline; }
.daftar-isi a, .daftar-tabel a { color: #111; text-decoration: none; }
.daftar-isi li, .daftar-tabel li { list-style: none; margin: .05cm 0; }
.daftar-isi a::after, .daftar-tabel a::after { content: leader('.') target-counter(attr(href), page); }
.daftar-isi ul { padding-left: .8cm; } .daftar-isi > ul { padding-left: 0; }
.halaman-baru { break-before: page; }
.lampiran-lebar { page: lebar; }
@media screen { .sampul { padding-top: 1cm; border-bottom: 1px solid #ccc; margin-bottom: 1cm; }
  h1.bab { margin-top: 1.2cm; } .dok { padding: 0 1rem; } }
"""


def _sel(c: Sel, tag: str) -> str:
    attrs = []
    if c.colspan > 1:
        attrs.append(f' colspan="{c.colspan}"')
    if c.rowspan > 1:
        attrs.append(f' rowspan="{c.rowspan}"')
    cls = [] if c.rata == "kiri" else [c.rata]
    if c.tebal:
        cls.append("b")
    if cls:
        attrs.append(f' class="{" ".join(cls)}"')
    teks = escape(c.teks).replace("\n", "<br>")
    if c.tebal:
        teks = f"<b>{teks}</b>"
    return f"<{tag}{''.join(attrs)}>{teks}</{tag}>"


def tabel_html(t: Tabel) -> str:
    out = [
        f'<div class="judul-tabel" id="tabel-{escape(t.nomor)}">Tabel {escape(t.nomor)} {escape(t.judul)}</div>'
    ]
    out.append(f'<table class="t{" kecil" if t.kecil else ""}">')
    if t.lebar:
        total = sum(t.lebar)
        out.append(
            "<colgroup>"
            + "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in t.lebar)
            + "</colgroup>"
        )
    out.append(
        "<thead>"
        + "".join("<tr>" + "".join(_sel(c, "th") for c in row) + "</tr>" for row in t.kepala)
        + "</thead><tbody>"
    )
    for i, row in enumerate(t.baris):
        cls = ' class="tebal"' if i in t.baris_tebal else ""
        out.append(f"<tr{cls}>" + "".join(_sel(c, "td") for c in row) + "</tr>")
    out.append("</tbody></table>")
    if t.sumber:
        out.append(f'<p class="sumber">Sumber: {escape(t.sumber)}</p>')
    return "\n".join(out)


def _blok(b) -> str:
    if isinstance(b, Paragraf):
        cls = ' class="draf"' if b.draf else ""
        teks = escape(b.teks).replace("\n", "<br>")
        return f"<p{cls}>{'<i>' + teks + '</i>' if b.miring else teks}</p>"
    if isinstance(b, Daftar):
        tag = "ol" if b.bernomor else "ul"
        cls = ' class="draf"' if b.draf else ""
        return f"<{tag}{cls}>" + "".join(f"<li>{escape(x)}</li>" for x in b.butir) + f"</{tag}>"
    if isinstance(b, Tabel):
        return tabel_html(b)
    if isinstance(b, Gambar):
        if b.svg:
            inner = b.svg
        else:
            inner = f'<img alt="{escape(b.judul)}" src="data:image/png;base64,{base64.b64encode(b.png).decode()}">'
        return f'<figure id="gambar-{escape(b.nomor)}">{inner}<figcaption>Gambar {escape(b.nomor)} {escape(b.judul)}</figcaption></figure>'
    if isinstance(b, TandaTangan):
        single = len(b.penanda) == 1
        blocks = []
        for p in b.penanda:
            blocks.append(
                f'<div class="blok{" tunggal" if single else ""}">{escape(p.atas).replace(chr(10), "<br>")}'
                f'{"<br>" if p.atas else ""}{escape(p.jabatan).replace(chr(10), "<br>")}<div class="ruang"></div>'
                f'<div class="nama">{escape(p.nama or "(nama)")}</div>'
                f"{escape(p.pangkat)}{'<br>NIP. ' + escape(p.nip) if p.nip else ''}</div>"
            )
        return '<div class="ttd">' + "".join(blocks) + "</div>"
    if isinstance(b, PemisahHalaman):
        return '<div class="halaman-baru"></div>'
    raise TypeError(b)


def _anchor(prefix: str, i: tuple) -> str:
    return prefix + "-" + "-".join(str(x) for x in i)


def _bagian(bag: Bagian, level: int, path: tuple, lampiran: bool) -> str:
    anchor = _anchor("l" if lampiran else "b", path)
    out = []
    if level == 1:
        cls = "bab"
        nomor = f'<span class="no">{escape(bag.nomor)}</span>' if bag.nomor else ""
        extra = ' class="lampiran-lebar"' if lampiran else ""
        out.append(f"<section{extra}>")
        out.append(f'<h1 class="{cls}" id="{anchor}">{nomor}{escape(bag.judul)}</h1>')
    else:
        tag = "h2" if level == 2 else "h3"
        out.append(
            f'<{tag} id="{anchor}">{escape((bag.nomor + " ") if bag.nomor else "")}{escape(bag.judul)}</{tag}>'
        )
    out.extend(_blok(b) for b in bag.isi)
    for j, a in enumerate(bag.anak, 1):
        out.append(_bagian(a, level + 1, path + (j,), lampiran))
    if level == 1:
        out.append("</section>")
    return "\n".join(out)


def _toc_items(bags: list[Bagian], prefix: str, path: tuple = ()) -> str:
    items = []
    for i, b in enumerate(bags, 1):
        p = path + (i,)
        label = f"{b.nomor} {b.judul}".strip()
        sub = _toc_items(b.anak, prefix, p) if b.anak and len(p) < 2 else ""
        items.append(f'<li><a href="#{_anchor(prefix, p)}">{escape(label)}</a>{sub}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def render_html(doc: Dokumen, standalone: bool = True) -> str:
    parts = ['<div class="dok">']
    if doc.sampul:
        parts.append('<div class="sampul">')
        parts.append(f"<h1>{escape(doc.judul)}</h1>")
        for i, line in enumerate(doc.subjudul):
            cls = ["judul2", "opd", "pemda", "tahun"][min(i, 3)]
            parts.append(f'<div class="{cls}">{escape(line)}</div>')
        parts.append("</div>")
    if doc.daftar_isi:
        parts.append(
            '<section><h1 class="bab" id="daftar-isi">DAFTAR ISI</h1><div class="daftar-isi">'
        )
        parts.append(_toc_items(doc.bagian, "b"))
        if doc.lampiran:
            parts.append("<p><b>LAMPIRAN</b></p>" + _toc_items(doc.lampiran, "l"))
        parts.append("</div></section>")
    tables = doc.tabel()
    if doc.daftar_tabel and tables:
        parts.append(
            '<section><h1 class="bab" id="daftar-tabel">DAFTAR TABEL</h1><div class="daftar-tabel"><ul>'
        )
        for t in tables:
            parts.append(
                f'<li><a href="#tabel-{escape(t.nomor)}">Tabel {escape(t.nomor)} {escape(t.judul)}</a></li>'
            )
        parts.append("</ul></div></section>")
    for i, b in enumerate(doc.bagian, 1):
        parts.append(_bagian(b, 1, (i,), False))
    for i, b in enumerate(doc.lampiran, 1):
        parts.append(_bagian(b, 1, (i,), True))
    parts.append("</div>")
    body = "\n".join(parts)
    if not standalone:
        return f"<style>{CSS}</style>{body}"
    return (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{escape(doc.judul)} — '
        f"{escape(' '.join(doc.subjudul))}</title><style>{CSS}</style></head><body>{body}</body></html>"
    )
