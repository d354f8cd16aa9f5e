import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sakip.organisations.models import PerangkatDaerah
from sakip.review import alur_lkjip as workflow
from sakip.review.models import TemuanReviu
from sakip.review.services import perbarui_temuan


@pytest.fixture
def setup(db):
    call_command("demo", "--no-serve")
    u = get_user_model().objects
    return (
        PerangkatDaerah.objects.get(slug="disnaker-klungkung"),
        u.get(username="operator.klungkung"),
        u.get(username="kepala.klungkung"),
    )


@pytest.mark.django_db
def test_lkjip_cannot_be_approved_with_open_kritis_findings(setup):
    opd, operator, kepala = setup
    perbarui_temuan(opd, 2024)
    with pytest.raises(workflow.AlurError, match="diajukan lebih dahulu"):
        workflow.setujui(kepala, opd, 2024)
    with pytest.raises(workflow.AlurError, match="Hanya Operator"):
        workflow.ajukan(kepala, opd, 2024)
    workflow.ajukan(operator, opd, 2024)
    with pytest.raises(workflow.AlurError, match="temuan reviu kritis yang terbuka"):
        workflow.setujui(kepala, opd, 2024)
    with pytest.raises(workflow.AlurError, match="Alasan pengembalian wajib"):
        workflow.kembalikan(kepala, opd, 2024, " ")
    obj = workflow.kembalikan(kepala, opd, 2024, "Perbaiki capaian TPAK")
    assert obj.status == "dikembalikan" and obj.alasan == "Perbaiki capaian TPAK"
    workflow.ajukan(operator, opd, 2024)
    TemuanReviu.objects.filter(opd=opd, tingkat="kritis").update(
        status="ditindaklanjuti", tanggapan="diperbaiki"
    )
    with pytest.raises(workflow.AlurError, match="Hanya Kepala"):
        workflow.setujui(operator, opd, 2024)
    assert workflow.setujui(kepala, opd, 2024).status == "disetujui"
    with pytest.raises(workflow.AlurError):
        workflow.ajukan(operator, opd, 2024)


@pytest.mark.django_db
def test_workflow_through_the_page(client, setup):
    opd, operator, kepala = setup
    client.login(username="operator.klungkung", password="sakip-demo-2024")
    resp = client.post("/opd/disnaker-klungkung/2024/lkjip/ajukan/", follow=True)
    assert "LKjIP diajukan" in resp.content.decode()
    resp = client.post("/opd/disnaker-klungkung/2024/lkjip/setujui/")
    assert resp.status_code == 403 and "tidak berwenang" in resp.content.decode()
    client.login(username="kepala.klungkung", password="sakip-demo-2024")
    resp = client.post("/opd/disnaker-klungkung/2024/lkjip/setujui/", follow=True)
    html = resp.content.decode()
    assert "temuan reviu kritis yang terbuka" in html  # approving runs the reviu first
    assert "Status LKjIP:</b> Diajukan" in html
    client.login(username="operator.disnaker", password="sakip-demo-2022")
    client.post("/opd/disnaker-denpasar/2022/lkjip/ajukan/")
    client.login(username="kepala.disnaker", password="sakip-demo-2022")
    resp = client.post("/opd/disnaker-denpasar/2022/lkjip/setujui/", follow=True)
    assert "Status LKjIP:</b> Disetujui" in resp.content.decode()  # Denpasar: warnings only
    assert client.post("/opd/disnaker-klungkung/2024/lkjip/setujui/").status_code == 403
