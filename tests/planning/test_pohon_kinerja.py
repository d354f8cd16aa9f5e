"""Pohon kinerja as practice has it, on the Denpasar seed: a kinerja statement with its indicators at
every level (Kepala Daerah → Kepala OPD → eselon III → eselon IV), written by the OPD and kept in the
sakip file; crosscutting proposed to another OPD or a vertical agency, accepted or rejected (with a
reason) by the partner, the accepted link shown under the sasaran in the tree and its document."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from sakip.akses import AksesDitolak
from sakip.documents.pemda import bangun_pohon_dokumen
from sakip.documents.render_html import render_html
from sakip.interchange.exporter import export_data, export_text
from sakip.interchange.importer import import_file
from sakip.organisations.models import Peran, PerangkatDaerah
from sakip.planning import pohon_kinerja as layanan
from sakip.planning.alur import ALUR_CROSSCUTTING
from sakip.planning.models import Crosscutting, Kegiatan, Program
from sakip.reporting.pohon import bangun_pohon
from sakip.workflow.alur import AlurError
from sakip.workflow.services import jalankan
from tests.conftest import pengguna

pytestmark = pytest.mark.django_db
TAHUN = 2022


@pytest.fixture
def opd(rpjmd_denpasar):
    mitra = PerangkatDaerah.objects.create(
        pemda=rpjmd_denpasar.pemda, nama="Dinas Sosial Kota Denpasar", slug="dinsos-denpasar"
    )
    pengguna("op", Peran.OPERATOR_OPD, rpjmd_denpasar)
    pengguna("kepala", Peran.KEPALA_OPD, rpjmd_denpasar)
    pengguna("kepala_mitra", Peran.KEPALA_OPD, mitra)
    pengguna("admin", Peran.ADMIN_PEMDA, rpjmd_denpasar)
    pengguna("kabid", Peran.PEJABAT, rpjmd_denpasar)
    return rpjmd_denpasar


def _u(nama):
    return User.objects.get(username=nama)


def _simpul(pohon, jenis, kode):
    return next(n for n in pohon.akar.iter() if n.jenis == jenis and n.kode == kode)


def test_statements_at_every_level_written_and_kept_in_the_file(opd):
    keg = Kegiatan.objects.filter(program__opd=opd).order_by("kode").first()
    prog = keg.program
    isian = {
        f"program:{prog.pk}": "Meningkatnya  kompetensi tenaga kerja",
        f"kegiatan:{keg.pk}": "Terlaksananya pelatihan berbasis kompetensi",
    }
    with pytest.raises(AksesDitolak):
        layanan.simpan_pernyataan(_u("kabid"), opd, isian)
    with pytest.raises(layanan.PohonKinerjaError) as e:
        layanan.simpan_pernyataan(
            _u("op"), opd, {**isian, f"program:{prog.pk}": "x" * 501, "program:999999": "y"}
        )
    assert e.value.galat == {
        f"program:{prog.pk}": f"Program {prog.kode}: pernyataan kinerja paling banyak 500 karakter "
        "(tertulis 501).",
        "program:999999": f"'program:999999' bukan program/kegiatan/sub kegiatan {opd.nama}.",
    }
    assert not Program.objects.exclude(kinerja="").exists()  # nothing half-written
    assert layanan.simpan_pernyataan(_u("op"), opd, isian) == 2
    pohon = bangun_pohon(opd.pemda, TAHUN)
    sas_rpjmd = next(n for n in pohon.akar.iter() if n.jenis == "sasaran_rpjmd")
    assert (sas_rpjmd.tingkat, sas_rpjmd.kinerja) == ("Kepala Daerah", sas_rpjmd.nama)
    p = _simpul(pohon, "program", prog.kode)
    assert (p.tingkat, p.kinerja) == ("Eselon III", "Meningkatnya kompetensi tenaga kerja")
    k = _simpul(pohon, "kegiatan", keg.kode)
    assert (k.tingkat, k.kinerja) == ("Eselon IV", "Terlaksananya pelatihan berbasis kompetensi")
    # the sakip file keeps them: export → import into the same OPD gives them back
    doc = export_data(opd, TAHUN)
    ditulis = next(p for p in doc["program"] if p["kode"] == prog.kode)
    assert ditulis["kinerja"] == "Meningkatnya kompetensi tenaga kerja"
    assert ditulis["kegiatan"][0]["kinerja"] == "Terlaksananya pelatihan berbasis kompetensi"
    teks = export_text(opd, TAHUN)
    Program.objects.filter(opd=opd).update(kinerja="")
    import_file(teks.encode())
    assert Program.objects.get(pk=prog.pk).kinerja == "Meningkatnya kompetensi tenaga kerja"


def test_crosscutting_to_an_opd_accepted_by_its_head_and_shown_in_the_tree(opd):
    from sakip.planning.models import Sasaran

    sasaran = Sasaran.objects.filter(tujuan__renstra__opd=opd).order_by("kode").first()
    salah = layanan.IsianCrosscutting("S-9", "dinsos-denpasar", "BPS", "")
    with pytest.raises(layanan.PohonKinerjaError) as e:
        layanan.usulkan(_u("op"), opd, TAHUN, salah)
    assert set(e.value.galat) == {"sasaran", "mitra", "peran"}
    with pytest.raises(layanan.PohonKinerjaError, match="bukan OPD pengusul sendiri"):
        layanan.usulkan(
            _u("op"), opd, TAHUN, layanan.IsianCrosscutting(sasaran.kode, opd.slug, "", "x")
        )
    c = layanan.usulkan(
        _u("op"),
        opd,
        TAHUN,
        layanan.IsianCrosscutting(
            sasaran.kode, "dinsos-denpasar", "", "Rujukan penyandang disabilitas ke pelatihan"
        ),
    )
    assert c.status == Crosscutting.Status.DIAJUKAN
    with pytest.raises(layanan.PohonKinerjaError, match="sudah diusulkan"):
        layanan.usulkan(
            _u("op"),
            opd,
            TAHUN,
            layanan.IsianCrosscutting(sasaran.kode, "dinsos-denpasar", "", "y"),
        )
    # the proposer's head does not decide for the partner
    with pytest.raises(AlurError):
        jalankan(ALUR_CROSSCUTTING, _u("kepala"), c, "setujui")
    assert all(not n.crosscutting for n in bangun_pohon(opd.pemda, TAHUN).akar.iter())
    c = jalankan(ALUR_CROSSCUTTING, _u("kepala_mitra"), c, "setujui")
    pohon = bangun_pohon(opd.pemda, TAHUN)
    node = _simpul(pohon, "sasaran", sasaran.kode)
    assert [x.nama_mitra for x in node.crosscutting] == ["Dinas Sosial Kota Denpasar"]
    html = render_html(bangun_pohon_dokumen(opd.pemda, TAHUN, opd))
    assert "crosscutting: Dinas Sosial Kota Denpasar" in html


def test_crosscutting_with_a_vertical_agency_is_recorded_by_the_admin_pemda(opd):
    from sakip.planning.models import Sasaran

    sasaran = Sasaran.objects.filter(tujuan__renstra__opd=opd).order_by("kode").first()
    c = layanan.usulkan(
        _u("op"),
        opd,
        TAHUN,
        layanan.IsianCrosscutting(sasaran.kode, "", "BPJS Ketenagakerjaan", "Data kepesertaan"),
    )
    for siapa in ("kepala", "kepala_mitra"):
        with pytest.raises(AlurError):
            jalankan(ALUR_CROSSCUTTING, _u(siapa), c, "kembalikan", "bukan kewenangan")
    with pytest.raises(AlurError, match="Alasan"):
        jalankan(ALUR_CROSSCUTTING, _u("admin"), c, "kembalikan", "")
    c = jalankan(ALUR_CROSSCUTTING, _u("admin"), c, "kembalikan", "BPJS belum bersedia tahun ini")
    assert (c.status, c.alasan) == (
        Crosscutting.Status.DIKEMBALIKAN,
        "BPJS belum bersedia tahun ini",
    )
    assert all(not n.crosscutting for n in bangun_pohon(opd.pemda, TAHUN).akar.iter())


def test_pages_of_the_tree_statements_and_crosscutting(client, opd):
    from sakip.planning.models import Sasaran

    sasaran = Sasaran.objects.filter(tujuan__renstra__opd=opd).order_by("kode").first()
    prog = Program.objects.filter(opd=opd).order_by("kode").first()
    client.force_login(_u("op"))
    url_k = reverse("web:pohon_kinerja", args=[opd.slug, TAHUN])
    r = client.post(url_k, {f"program:{prog.pk}": "x" * 501})
    assert "paling banyak 500 karakter" in r.content.decode()
    r = client.post(url_k, {f"program:{prog.pk}": "Meningkatnya penempatan"}, follow=True)
    assert any("1 pernyataan kinerja disimpan" in str(m) for m in r.context["messages"])
    url = reverse("web:pohon_opd", args=[opd.slug, TAHUN])
    html = client.get(url).content.decode()
    assert "Kinerja Eselon III: <b>Meningkatnya penempatan</b>" in html
    assert "Usulkan crosscutting" in html
    r = client.post(
        reverse("web:crosscutting_usul", args=[opd.slug, TAHUN]),
        {"sasaran": sasaran.kode, "mitra_opd": "dinsos-denpasar", "peran": ""},
        follow=True,
    )
    assert any(
        str(m) == "Kontribusi mitra: Uraikan kontribusi yang diharapkan dari mitra."
        for m in r.context["messages"]
    )
    client.post(
        reverse("web:crosscutting_usul", args=[opd.slug, TAHUN]),
        {"sasaran": sasaran.kode, "mitra_opd": "dinsos-denpasar", "peran": "Rujukan peserta"},
    )
    c = Crosscutting.objects.get()
    # the partner's head sees it on its own tree page and accepts it there
    client.force_login(_u("kepala_mitra"))
    html = client.get(reverse("web:pohon_opd", args=["dinsos-denpasar", TAHUN])).content.decode()
    assert "Rujukan peserta" in html and ">Terima</button>" in html
    client.post(reverse("web:crosscutting_alur", args=["dinsos-denpasar", TAHUN, c.pk, "setujui"]))
    c.refresh_from_db()
    assert c.status == Crosscutting.Status.DISETUJUI
    client.force_login(_u("admin"))
    html = client.get(reverse("web:pohon_pemda", args=[opd.pemda.slug, TAHUN])).content.decode()
    assert "Crosscutting se-Pemda" in html and "Crosscutting: Dinas Sosial Kota Denpasar" in html


def test_a_bad_statement_in_the_file_is_named_and_nothing_is_written(opd):
    import yaml

    from sakip.interchange.schema import InvalidDocument

    doc = yaml.safe_load(export_text(opd, TAHUN))
    p = next(x for x in doc["program"] if x.get("kegiatan"))
    p["kinerja"] = "x" * 501
    p["kegiatan"][0]["kinerja"] = ["bukan", "teks"]
    sebelum = list(Program.objects.filter(opd=opd).values_list("kinerja", flat=True))
    with pytest.raises(InvalidDocument) as e:
        import_file(yaml.safe_dump(doc, allow_unicode=True).encode())
    pesan = str(e.value)
    assert f"program {p['kode']} › kinerja: paling banyak 500 karakter (tertulis 501)" in pesan
    assert f"kegiatan {p['kegiatan'][0]['kode']} › kinerja: harus berupa teks" in pesan
    assert list(Program.objects.filter(opd=opd).values_list("kinerja", flat=True)) == sebelum
