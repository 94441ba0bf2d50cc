"""A leader drafts, reads and signs a result in the browser."""

import shutil

import pytest
from conftest import require_service, screenshot

from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.browser import sign_in
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import PIN, give_agency_a_seal, give_leader_a_key, result_template_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_leader_drafts_and_signs_and_the_dossier_has_its_result(browser_page, world):
    require_service(
        "LibreOffice", shutil.which("soffice") is not None, "apt-get install libreoffice-writer-nogui"
    )
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    result_template_for(world.procedure)
    dossier = dossier_in(world, Status.PROCESSING)
    page = browser_page
    sign_in(page, world.leader.user)
    page.goto(f"/can-bo/ket-qua/{dossier.code}/")
    # Jobs run inline here, so the click waits for LibreOffice: allow for a loaded machine.
    page.get_by_role("button", name="Lập dự thảo kết quả từ mẫu").click(timeout=90_000)
    assert "Đã lập dự thảo" in page.get_by_role("status").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải dự thảo (PDF) để đọc trước khi ký").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_label("Mã PIN khóa ký số").fill("000000")
    page.get_by_role("button", name="Ký số và phê duyệt").click()
    assert "Mã PIN của khóa ký số không đúng." in page.content()
    page.get_by_label("Mã PIN khóa ký số").fill(PIN)
    screenshot(page, "leader-sign-result")
    page.get_by_role("button", name="Ký số và phê duyệt").click()
    assert "Đã ký số" in page.get_by_role("status").inner_text()
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RESULT_READY
    page.get_by_role("link", name="Trang xác thực (mã QR)").click()
    assert "Hợp lệ" in page.get_by_role("status").inner_text()


def test_a_processor_can_draft_but_not_sign(browser_page, world):
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    page = browser_page
    sign_in(page, world.processor.user)
    page.goto(f"/can-bo/ket-qua/{dossier.code}/")
    assert page.get_by_role("button", name="Lập dự thảo kết quả từ mẫu").is_visible()
    assert page.get_by_role("button", name="Ký số và phê duyệt").count() == 0


def test_an_official_of_another_agency_gets_404(browser_page, world):
    dossier = dossier_in(world, Status.PROCESSING)
    page = browser_page
    sign_in(page, world.other_receiver.user)
    response = page.goto(f"/can-bo/ket-qua/{dossier.code}/")
    assert response.status == 404
