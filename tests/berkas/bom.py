"""Berkas berbahaya kecil untuk tes (dibuat mengalir, tanpa menyimpan isi yang dibuka di memori):
bom dekompresi XLSX dan DOCX, bom alias YAML, arsip cadangan dengan jalur keluar folder."""

from __future__ import annotations

import io
import zipfile

_CT_XLSX = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def _workbook(lembar: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{lembar}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def xlsx_bom(lembar: str = "Realisasi Indikator", baris: int = 3_000_000) -> bytes:
    """±200 KB: satu lembar berisi jutaan baris sama (±100 MB setelah dibuka)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT_XLSX)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _workbook(lembar))
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        potong = ('<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 10_000).encode()
        with z.open(info, "w", force_zip64=True) as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for _ in range(baris // 10_000):
                f.write(potong)
            f.write(b"</sheetData></worksheet>")
    return buf.getvalue()


def docx_bom(paragraf: int = 500_000) -> bytes:
    """DOCX berisi setengah juta paragraf kosong."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as f:
            f.write(
                b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            potong = b"<w:p/>" * 10_000
            for _ in range(paragraf // 10_000):
                f.write(potong)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def yaml_bom(tingkat: int = 7, lebar: int = 10) -> str:
    """Alias bersarang: ``lebar ** tingkat`` nilai setelah dijabarkan dari beberapa ratus bita."""
    teks = "a: &a [" + ",".join(["x"] * lebar) + "]\n"
    sebelum = "a"
    for i in range(tingkat):
        n = f"t{i}"
        teks += f"{n}: &{n} [" + ",".join([f"*{sebelum}"] * lebar) + "]\n"
        sebelum = n
    return teks
