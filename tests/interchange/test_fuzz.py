"""Masukan yang diacak (hypothesis) dari berkas contoh sungguhan: berkas YAML OPD-tahun dan buku kerja
Excel realisasi. Tidak pernah 500 atau traceback; selalu pesan Indonesia yang menyebut tempatnya
(baris/medan, lembar/baris); dan basis data sama persis sebelum dan sesudah masukan yang ditolak."""

import hashlib
import io
import re

import pytest
from django.core import serializers
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sakip.audit.backup import MODELS_URUT
from sakip.interchange.importer import import_file
from sakip.interchange.schema import InvalidDocument
from sakip.paths import SEEDS_DIR
from tests.demo_cepat import muat_demo

FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Kata-kata pesan galat berbahasa Inggris dari pustaka (yaml, pydantic, openpyxl, Python) yang
# berarti sebuah pesan lolos tanpa diterjemahkan.
INGGRIS = re.compile(
    r"\b(expected|could not|found character|invalid|Traceback|Error\b|unexpected|must be|"
    r"not supported|object has no|NoneType|KeyError|is not)\b"
)
SEEDS = {
    "denpasar": (SEEDS_DIR / "denpasar-2022.yaml").read_text(),
    "klungkung": (SEEDS_DIR / "klungkung-2024.yaml").read_text(),
}


def sidik_db(kecuali: frozenset = frozenset()) -> str:
    """Sidik seluruh isi basis data (setiap baris setiap model data, kecuali label ``kecuali``)."""
    h = hashlib.sha256()
    for m in MODELS_URUT():
        if m._meta.label in kecuali:
            continue
        h.update(serializers.serialize("json", m._default_manager.order_by("pk")).encode())
    return h.hexdigest()


NILAI_ANEH = st.sampled_from(
    [
        "",
        "~",
        "-1",
        "-0,5",
        "1e400",
        "9" * 60,
        ".nan",
        ".inf",
        "-.inf",
        "NaN",
        "tiga",
        "[1, 2]",
        "{a: 1}",
        "2022-13-45",
        "'1.164,5'",
        "0",
        "true",
        "!!binary AAAA",
        "&a 1",
        "*tidakada",
        '"\\x00"',
        "ñ€𝄞",
    ]
)


@st.composite
def yaml_rusak(draw):
    """Seed sungguhan yang dirusak: dipotong, nilai diganti, kunci asing, kode ganda, penyandian lain,
    bita dibalik, struktur diganti."""
    text = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    lines = text.split("\n")
    cara = draw(
        st.sampled_from(
            ["potong", "nilai", "kunci", "ganda", "penyandian", "bita", "struktur", "indentasi"]
        )
    )
    if cara == "potong":
        raw = text.encode()
        return raw[: draw(st.integers(0, len(raw) - 1))]
    if cara in ("nilai", "kunci", "ganda", "struktur", "indentasi"):
        kandidat = [i for i, ln in enumerate(lines) if re.match(r"^\s*-?\s*[a-z_]+:\s*\S", ln)]
        i = draw(st.sampled_from(kandidat))
        m = re.match(r"^(\s*-?\s*)([a-z_]+):\s*(.*)$", lines[i])
        indent, key, _ = m.groups()
        if cara == "nilai":
            lines[i] = f"{indent}{key}: {draw(NILAI_ANEH)}"
        elif cara == "kunci":
            lines.insert(i + 1, " " * len(indent) + "kunci_tidak_dikenal: 1")
        elif cara == "ganda":
            lines.insert(i + 1, lines[i].replace("-", " ", 1) if "-" in indent else lines[i])
        elif cara == "struktur":
            lines[i] = f"{indent}{key}: [{draw(NILAI_ANEH)}]"
        else:
            lines[i] = " " + lines[i]
        return "\n".join(lines).encode()
    if cara == "penyandian":
        enc = draw(st.sampled_from(["utf-16", "latin-1", "cp1252", "utf-32"]))
        return (text.replace("Kinerja", "Kinérja")).encode(enc, errors="replace")
    raw = bytearray(text.encode())
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, len(raw) - 1))
        raw[pos] = draw(st.integers(0, 255))
    return bytes(raw)


@pytest.mark.django_db
@FUZZ
@given(data=yaml_rusak())
def test_yaml_import_mutations_never_crash_and_leave_db_untouched(denpasar, data):
    before = sidik_db()
    try:
        with transaction.atomic():
            import_file(data)
            raise _Diterima
    except _Diterima:
        return  # berkas masih sah: diterima (dan di sini dibatalkan untuk contoh berikutnya)
    except InvalidDocument as exc:
        assert exc.masalah
        for m in exc.masalah:
            text = str(m)
            assert m.lokasi or m.baris, f"pesan tanpa tempat: {text}"
            assert not INGGRIS.search(m.pesan), f"pesan tidak berbahasa Indonesia: {text}"
    assert sidik_db() == before


class _Diterima(Exception):
    pass


# --- Excel -----------------------------------------------------------------------------------

URL = "/opd/disnaker-denpasar/2022/excel/"
LEMBAR = ("Realisasi Indikator", "Anggaran")
ISI_ANEH = st.one_of(
    st.sampled_from(
        [
            "tiga",
            "1.164,5,3",
            "-5",
            "1e400",
            "NaN",
            "=1/0",
            "#DIV/0!",
            "",
            " ",
            "9" * 40,
            "12,5%",
            "Rp1.000",
            "ñ€𝄞",
            "S1-1",
        ]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.booleans(),
    st.dates(),
)


@st.composite
def buku_kerja_rusak(draw, templat: bytes):
    cara = draw(
        st.sampled_from(["sel", "sel", "sel", "lembar", "judul", "potong", "bita", "baris"])
    )
    if cara == "potong":
        return templat[: draw(st.integers(0, len(templat) - 1))]
    if cara == "bita":
        raw = bytearray(templat)
        for _ in range(draw(st.integers(1, 8))):
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
        return bytes(raw)
    wb = load_workbook(io.BytesIO(templat))
    ws = wb[draw(st.sampled_from(LEMBAR))]
    if cara == "lembar":
        del wb[ws.title]
    elif cara == "judul":
        ws.cell(row=1, column=draw(st.integers(1, ws.max_column))).value = draw(ISI_ANEH)
    elif cara == "baris":
        src = draw(st.integers(2, ws.max_row))
        ws.append([c.value for c in ws[src]])  # kode ganda
    else:
        for _ in range(draw(st.integers(1, 4))):
            r = draw(st.integers(2, ws.max_row + 2))
            c = draw(st.integers(1, ws.max_column + 1))
            ws.cell(row=r, column=c).value = draw(ISI_ANEH)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def operator_excel(client, db):
    muat_demo()
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    templat = client.get(URL + "templat.xlsx").content
    return client, templat


@pytest.mark.django_db
def test_excel_upload_mutations_never_crash_and_leave_db_untouched(operator_excel):
    client, templat = operator_excel

    @FUZZ
    @given(data=buku_kerja_rusak(templat))
    def cek(data):
        before = sidik_db()
        f = io.BytesIO(data)
        f.name = "realisasi.xlsx"
        resp = client.post(URL, {"berkas": f})
        assert resp.status_code in (200, 302), resp.status_code
        html = resp.content.decode()
        assert "Traceback" not in html
        for blok in re.findall(r'<div class="galat">(.*?)</div>', html, re.S):
            for pesan in re.findall(r"<li>(.*?)</li>", blok, re.S):
                assert not INGGRIS.search(pesan), pesan
                assert re.search(r"[Ll]embar|[Bb]aris|[Bb]erkas|[Kk]olom", pesan), (
                    f"pesan tanpa tempat: {pesan}"
                )
        # unggahan hanya pratinjau: tidak ada yang tersimpan sebelum dikonfirmasi
        assert sidik_db() == before
        konfirmasi = client.post(URL, {"konfirmasi": "1"})
        assert konfirmasi.status_code in (200, 302)
        if konfirmasi.status_code == 302:
            page = client.get(konfirmasi["Location"]).content.decode()
            assert "Traceback" not in page

    cek()


@pytest.mark.django_db
def test_nul_characters_are_refused_everywhere(client, denpasar):
    """PostgreSQL cannot store NUL: the YAML importer names the line, pages and API answer 400
    (found by the API fuzz test on PostgreSQL: a NUL in the slug was a 500)."""
    text = SEEDS["denpasar"].replace(
        "singkatan: Disnaker SK Denpasar", 'singkatan: "Disnaker\\x00"'
    )
    with pytest.raises(InvalidDocument) as exc:
        import_file(text.encode())
    assert any("NUL" in m.pesan and m.baris for m in exc.value.masalah)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("su", password="x"))
    before = sidik_db()
    resp = client.get("/api/opd/%00/2022/pengukuran")
    assert resp.status_code == 422 and "NUL" in resp.json()["detail"]
    resp = client.post(
        "/api/opd/disnaker-denpasar/2022/realisasi/1",
        '{"isian": [{"indikator": "S2-1", "pembilang": "1", "penyebut": "2", "catatan": "a\\u0000"}]}',
        content_type="application/json",
    )
    assert resp.status_code == 422
    resp = client.post("/opd/disnaker-denpasar/2022/narasi/", {"bab1": "teks\x00"})
    assert resp.status_code == 400 and "NUL" in resp.content.decode()
    assert sidik_db() == before
