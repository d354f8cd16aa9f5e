"""Issue 32: the LKE template's criterion texts are whole (an unquoted comma inside ``{…}`` cut five
of them), a template with an unknown key is refused, and templates stored before the fix are
repaired by the data migration."""

import importlib

import pytest
import yaml

from sakip.core.lke import TemplatError, baca_templat
from sakip.evaluation.services import TEMPLAT_BAWAAN, TEMPLAT_DIR, baca_berkas_templat

# the regulation's wording (Lampiran PermenPAN-RB 88/2021), as the criteria were cut
UTUH = {
    "1.b.7": "Target yang ditetapkan dalam perencanaan kinerja dapat dicapai, menantang, dan realistis.",
    "1.b.9": "Perencanaan kinerja memberikan informasi hubungan kinerja, strategi, kebijakan dan "
    "aktivitas antarbidang/dengan tugas dan fungsi lain yang berkaitan (crosscutting).",
    "1.c.3": "Target yang ditetapkan dalam perencanaan kinerja telah dicapai dengan baik, atau "
    "setidaknya masih on the right track.",
    "1.c.7": "Setiap unit kerja memahami, peduli, dan berkomitmen mencapai kinerja yang telah "
    "direncanakan.",
    "1.c.8": "Setiap pegawai memahami, peduli, dan berkomitmen mencapai kinerja yang telah "
    "direncanakan.",
}


def _bawaan() -> str:
    return (TEMPLAT_DIR / TEMPLAT_BAWAAN).read_text("utf-8")


def test_every_criterion_text_is_whole():
    _, t = baca_berkas_templat(_bawaan(), TEMPLAT_BAWAAN)
    teks = {kr.kode: kr.teks for _, _, kr in t.semua_kriteria()}
    for kode, utuh in UTUH.items():
        assert teks[kode] == utuh
    assert all(x.rstrip().endswith((".", ")", "?")) for x in teks.values())


@pytest.mark.parametrize(
    "asli,ganti,letak",
    [
        (
            'teks: "Target yang ditetapkan dalam perencanaan kinerja dapat dicapai, menantang, dan realistis."}',
            "teks: Target yang ditetapkan dalam perencanaan kinerja dapat dicapai, menantang, dan realistis.}",
            "kriteria 1.b.7: kunci tidak dikenal: 'menantang', 'dan realistis.'",
        ),
        ("predikat:\n", "predikatt: []\npredikat:\n", "templat: kunci tidak dikenal: 'predikatt'"),
    ],
)
def test_an_unknown_key_is_refused_naming_its_place(asli, ganti, letak):
    teks = _bawaan()
    assert asli in teks
    with pytest.raises(TemplatError) as e:
        baca_berkas_templat(teks.replace(asli, ganti, 1), "ubah.yaml")
    assert any(m.startswith(letak) for m in e.value.galat), e.value.galat


@pytest.mark.django_db
def test_a_template_stored_before_the_fix_is_repaired_by_the_migration():
    from django.apps import apps

    from sakip.evaluation.models import TemplatLKE

    rusak = yaml.safe_load(
        _bawaan().replace(
            'teks: "Target yang ditetapkan dalam perencanaan kinerja dapat dicapai, menantang, dan realistis."}',
            "teks: Target yang ditetapkan dalam perencanaan kinerja dapat dicapai, menantang, dan realistis.}",
        )
    )
    obj = TemplatLKE.objects.create(kode="lama", versi=1, nama="lama", isi=rusak)
    with pytest.raises(TemplatError):
        baca_templat(obj.isi)
    mig = importlib.import_module("sakip.evaluation.migrations.0002_perbaiki_teks_kriteria")
    mig.sambung(apps, None)
    obj.refresh_from_db()
    t = baca_templat(obj.isi)
    assert {kr.kode: kr.teks for _, _, kr in t.semua_kriteria()}["1.b.7"] == UTUH["1.b.7"]
