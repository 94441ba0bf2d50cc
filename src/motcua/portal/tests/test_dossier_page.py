"""The applicant's dossier page: the signed result to download, and only the steps meant for the applicant."""

import datetime

import lxml.html
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.dossiers.states import Status
from motcua.integration.deadlines import warn_due_soon
from motcua.signing.models import ResultDocument
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes
from motcua_testing.forms import follow, links

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _result(dossier, state=ResultDocument.State.SIGNED, content=b""):
    document = ResultDocument.objects.create(
        dossier=dossier, kind="result", title="Giấy xác nhận tình trạng hôn nhân", state=state
    )
    if state == ResultDocument.State.SIGNED:
        document.signed_pdf.save(f"{document.token}.pdf", ContentFile(content), save=False)
        document.signed_at = dossier.finished_at or dossier.received_at
        document.save()
    return document


def test_the_dossier_page_links_the_signed_result_to_download(client, world):
    dossier = dossier_in(world, Status.RETURNED)
    signed = pdf_bytes("ket qua da ky so")
    _result(dossier, content=signed)
    _result(dossier, state=ResultDocument.State.DRAFT)
    client.force_login(world.citizen)
    my_list = client.get(reverse("portal:my-dossiers"))
    page = follow(client, my_list, dossier.procedure.name)
    shown = links(page)
    assert "Tải kết quả đã ký số (PDF)" in shown and "Kiểm tra chữ ký số" in shown
    assert page.content.decode().count("Tải kết quả đã ký số (PDF)") == 1  # the draft is not offered
    response = follow(client, page, "Tải kết quả đã ký số (PDF)")
    assert response.status_code == 200 and b"".join(response.streaming_content) == signed


def test_another_citizen_cannot_download_the_result(client, world):
    dossier = dossier_in(world, Status.RETURNED)
    document = _result(dossier, content=pdf_bytes("ket qua"))
    client.force_login(world.other_citizen)
    assert client.get(reverse("signing:result-pdf", args=[document.token])).status_code == 404


def test_no_result_no_link(client, world):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.citizen)
    page = client.get(reverse("portal:dossier", args=[dossier.uuid])).content.decode()
    assert "Tải kết quả đã ký số" not in page


def test_the_officials_deadline_warning_is_not_in_the_citizens_history(client, world, api):
    dossier = dossier_in(world, Status.PROCESSING)
    assert warn_due_soon(at=dossier.due_at - datetime.timedelta(hours=1)) == 1
    assert dossier.events.filter(kind="deadline_warning").exists()
    client.force_login(world.citizen)
    page = client.get(reverse("portal:dossier", args=[dossier.uuid]))
    steps = " ".join(lxml.html.fromstring(page.content.decode()).xpath("//ol[@class='steps']")[0].itertext())
    assert "Nộp hồ sơ" in steps and "Cảnh báo" not in steps

    api.force_authenticate(world.citizen)
    kinds = [e["kind"] for e in api.get(f"/api/v1/dossiers/{dossier.code}/history/").json()["results"]]
    assert "deadline_warning" not in kinds and "received" in kinds
    api.force_authenticate(world.processor.user)
    kinds = [e["kind"] for e in api.get(f"/api/v1/dossiers/{dossier.code}/history/").json()["results"]]
    assert "deadline_warning" in kinds


def test_look_up_codes_are_case_insensitive(client, world):
    dossier = dossier_in(world, Status.RECEIVED)
    typed = "  " + dossier.code.lower() + " "
    page = client.get(reverse("portal:lookup"), {"ma": typed})
    assert page.status_code == 200 and dossier.code in page.content.decode()
    by_path = client.get(reverse("portal:lookup-reference", args=[dossier.code.lower()]))
    assert by_path.status_code == 200
    assert client.get(f"/api/v1/lookup/{dossier.code.lower()}/").status_code == 200
