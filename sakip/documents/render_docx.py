"""Render dokumen ke DOCX (python-docx): judul bab sebagai Heading, tabel Word sungguhan,
sehingga pengguna dapat terus menyunting di Word."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from .document import Bagian, Daftar, Dokumen, Gambar, Paragraf, PemisahHalaman, Tabel, TandaTangan

ALIGN = {
    "kiri": WD_ALIGN_PARAGRAPH.LEFT,
    "kanan": WD_ALIGN_PARAGRAPH.RIGHT,
    "tengah": WD_ALIGN_PARAGRAPH.CENTER,
}


def _field(paragraph, instr: str, placeholder: str = "") -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instr
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(sep)
    r2 = paragraph.add_run(placeholder)
    r2._r.append(end)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _shade(cell, hex_color: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_color)
    tc_pr.append(shd)


_KHUSUS = frozenset("\n\t\r")


def _isi_sel_cepat(p_el, teks: str, rata, sz: str, tebal: bool) -> None:
    """Isi paragraf sel: XML yang sama persis dengan ``p.alignment``/``add_run``/``font.size``/
    ``bold`` python-docx, tetapi dibangun langsung (ribuan sel per LKjIP; jalur python-docx
    mencari posisi setiap anak elemen menurut skema satu per satu)."""
    ppr = etree.SubElement(p_el, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:jc")).set(qn("w:val"), _JC[rata])
    r = etree.SubElement(p_el, qn("w:r"))
    rpr = etree.SubElement(r, qn("w:rPr"))
    b = etree.SubElement(rpr, qn("w:b"))
    if not tebal:
        b.set(qn("w:val"), "0")
    etree.SubElement(rpr, qn("w:sz")).set(qn("w:val"), sz)
    if teks:
        t = etree.SubElement(r, qn("w:t"))
        t.text = teks
        if teks != teks.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


_JC = {
    WD_ALIGN_PARAGRAPH.LEFT: "left",
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
}


def _write_rows(table, rows, start: int, header: bool, bold_rows: set[int], font_pt: float) -> None:
    """Isi baris dengan dukungan colspan/rowspan (sel yang tertutup dilewati)."""
    ncols = len(table.columns)
    grid = (
        table._cells
    )  # hitung sekali: table.cell() menghitung ulang seluruh kisi setiap dipanggil
    occupied: set[tuple[int, int]] = set()
    sz = str(int(Pt(font_pt).pt * 2))  # setengah poin, seperti Font.size python-docx
    for r_off, row in enumerate(rows):
        r = start + r_off
        c = 0
        for s in row:
            while (r, c) in occupied:
                c += 1
            if c >= ncols:
                break
            cell = grid[r * ncols + c]
            if s.colspan > 1 or s.rowspan > 1:
                last_r, last_c = (
                    min(r + s.rowspan - 1, len(grid) // ncols - 1),
                    min(c + s.colspan - 1, ncols - 1),
                )
                cell = cell.merge(grid[last_r * ncols + last_c])
                for dr in range(s.rowspan):
                    for dc in range(s.colspan):
                        occupied.add((r + dr, c + dc))
            else:
                occupied.add((r, c))
            p = cell.paragraphs[0]
            rata = (
                WD_ALIGN_PARAGRAPH.CENTER if header else ALIGN.get(s.rata, WD_ALIGN_PARAGRAPH.LEFT)
            )
            tebal = bool(header or s.tebal or (r_off in bold_rows and not header))
            if _KHUSUS.isdisjoint(s.teks):
                _isi_sel_cepat(p._p, s.teks, rata, sz, tebal)
            else:  # baris baru/tab: python-docx mengubahnya menjadi <w:br/>/<w:tab/>
                p.alignment = rata
                run = p.add_run(s.teks)
                run.font.size = Pt(font_pt)
                run.bold = tebal
            if header:
                _shade(cell, "E8EDF3")
            c += s.colspan


def _tabel(d, t: Tabel) -> None:
    cap = d.add_paragraph(style="Caption")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = cap.add_run(f"Tabel {t.nomor} {t.judul}")
    r.bold = True
    r.font.size = Pt(10)
    r.font.color.rgb = RGBColor(0, 0, 0)
    ncols = t.jumlah_kolom
    table = d.add_table(rows=len(t.kepala) + len(t.baris), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    font = 7 if t.kecil else 8.5
    _write_rows(table, t.kepala, 0, True, set(), font)
    _write_rows(table, t.baris, len(t.kepala), False, t.baris_tebal, font)
    rows = table.rows
    for i in range(len(t.kepala)):
        _repeat_header(rows[i])
    if t.lebar:
        section = d.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        total = sum(t.lebar)
        grid = table._cells
        for i, w in enumerate(t.lebar[:ncols]):
            width = int(usable * w / total)
            for r in range(len(grid) // ncols):
                grid[r * ncols + i].width = width
    if t.sumber:
        p = d.add_paragraph()
        run = p.add_run(f"Sumber: {t.sumber}")
        run.italic = True
        run.font.size = Pt(8.5)


def _paragraf(d, b: Paragraf) -> None:
    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if b.draf:
        tag = p.add_run("[DRAF — disusun otomatis dari data, periksa dan sunting] ")
        tag.bold = True
        tag.font.size = Pt(8.5)
        tag.font.highlight_color = WD_COLOR_INDEX.YELLOW
    run = p.add_run(b.teks)
    run.italic = b.miring


def _ttd(d, b: TandaTangan) -> None:
    n = len(b.penanda)
    table = d.add_table(rows=1, cols=2 if n == 1 else n)
    for i, pnd in enumerate(b.penanda):
        cell = table.cell(0, (1 if n == 1 else i))
        lines = [x for x in (pnd.atas.split("\n") if pnd.atas else [])] + pnd.jabatan.split("\n")
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("\n".join(lines))
        p.add_run().add_break()
        p.add_run().add_break()
        p.add_run().add_break()
        name = p.add_run(pnd.nama or "(nama)")
        name.bold = True
        name.underline = True
        if pnd.pangkat:
            p.add_run("\n" + pnd.pangkat)
        if pnd.nip:
            p.add_run("\nNIP. " + pnd.nip)


def _gambar(d, b: Gambar) -> None:
    d.add_picture(io.BytesIO(b.png), width=Cm(min(b.lebar_cm, 16)))
    d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap = d.add_paragraph(style="Caption")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = cap.add_run(f"Gambar {b.nomor} {b.judul}")
    r.bold = True
    r.font.color.rgb = RGBColor(0, 0, 0)


def _blok(d, b) -> None:
    if isinstance(b, Paragraf):
        _paragraf(d, b)
    elif isinstance(b, Daftar):
        style = "List Number" if b.bernomor else "List Bullet"
        for x in b.butir:
            d.add_paragraph(("[DRAF] " if b.draf else "") + x, style=style)
    elif isinstance(b, Tabel):
        _tabel(d, b)
    elif isinstance(b, Gambar):
        _gambar(d, b)
    elif isinstance(b, TandaTangan):
        _ttd(d, b)
    elif isinstance(b, PemisahHalaman):
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _bagian(d, bag: Bagian, level: int) -> None:
    if level == 1:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        h = d.add_heading(f"{bag.nomor}\n{bag.judul}" if bag.nomor else bag.judul, level=1)
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        d.add_heading(f"{bag.nomor} {bag.judul}".strip(), level=min(level, 3))
    for b in bag.isi:
        _blok(d, b)
    for a in bag.anak:
        _bagian(d, a, level + 1)


def _gaya_bertembolok(d) -> None:
    """Id gaya menurut namanya dicari sekali per dokumen (python-docx menelusuri seluruh
    styles.xml pada setiap ``add_paragraph(style=…)``/``add_heading``); gaya tidak ditambah
    selama dokumen disusun."""
    asli = d.part.get_style_id
    simpan: dict = {}

    def get_style_id(style_or_name, style_type):
        if style_or_name is not None and not isinstance(style_or_name, str):
            return asli(style_or_name, style_type)
        kunci = (style_or_name, style_type)
        if kunci not in simpan:
            simpan[kunci] = asli(style_or_name, style_type)
        return simpan[kunci]

    d.part.get_style_id = get_style_id


def render_docx(doc: Dokumen) -> bytes:
    d = Document()
    _gaya_bertembolok(d)
    st = d.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(11)
    st.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        d.styles[name].font.color.rgb = RGBColor(0, 0, 0)
        d.styles[name].font.name = "Arial"
    sec = d.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = (
        Cm(2.5),
        Cm(2),
        Cm(2.2),
        Cm(2.2),
    )
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")

    if doc.sampul:
        for _ in range(6):
            d.add_paragraph()
        t = d.add_paragraph()
        t.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = t.add_run(doc.judul)
        r.bold = True
        r.font.size = Pt(20)
        for i, line in enumerate(doc.subjudul):
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if i:
                p.paragraph_format.space_before = Pt(36)
            rr = p.add_run(line)
            rr.bold = True
            rr.font.size = Pt(14)
    if doc.daftar_isi:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        h = d.add_heading("DAFTAR ISI", level=1)
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p = d.add_paragraph()
        _field(
            p,
            'TOC \\o "1-2" \\h \\z \\u',
            "Klik kanan lalu pilih Update Field untuk memperbarui daftar isi.",
        )
    tables = doc.tabel()
    if doc.daftar_tabel and tables:
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        h = d.add_heading("DAFTAR TABEL", level=1)
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for t in tables:
            d.add_paragraph(f"Tabel {t.nomor} {t.judul}")
    for b in doc.bagian:
        _bagian(d, b, 1)
    if doc.lampiran:
        new = d.add_section()
        new.orientation = WD_ORIENT.LANDSCAPE
        new.page_width, new.page_height = Cm(29.7), Cm(21.0)
        new.left_margin = new.right_margin = Cm(1.5)
        for b in doc.lampiran:
            _bagian(d, b, 1)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
