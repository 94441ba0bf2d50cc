"""The verification pages in a real browser: the QR link, and checking an uploaded file."""

import pytest
from conftest import screenshot

from motcua.dossiers.states import Status
from motcua.signing.services import sign_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.signing import (
    PIN,
    draft_document,
    give_agency_a_seal,
    give_leader_a_key,
    result_template_for,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def signed(world, unsigned_pdf):
    give_leader_a_key(world)
    give_agency_a_seal(world.justice)
    document = draft_document(
        dossier_in(world, Status.PROCESSING), result_template_for(world.procedure), unsigned_pdf
    )
    return sign_result(document=document, by=world.leader.user, pin=PIN)


def test_the_qr_link_shows_a_valid_result(browser_page, signed):
    page = browser_page
    page.goto(f"/xac-thuc/{signed.token}/")
    assert "Hợp lệ" in page.get_by_role("status").inner_text()
    assert signed.dossier.code in page.content()
    assert signed.dossier.applicant_name not in page.content()
    screenshot(page, "result-verification")


def test_an_uploaded_copy_that_was_changed_is_shown_invalid(browser_page, signed, tmp_path):
    pdf = signed.signed_pdf.read()
    changed = bytearray(pdf)
    changed[pdf.index(b"stream", len(pdf) // 4) + 20] ^= 0x01
    (tmp_path / "da-sua.pdf").write_bytes(bytes(changed))
    page = browser_page
    page.goto("/xac-thuc/")
    page.get_by_label("Tệp PDF (tối đa 20 MB)").set_input_files(str(tmp_path / "da-sua.pdf"))
    page.get_by_role("button", name="Kiểm tra").click()
    assert "Không hợp lệ" in page.get_by_role("alert").inner_text()
    screenshot(page, "result-verification-tampered")


def test_the_original_file_uploaded_is_recognised(browser_page, signed, tmp_path):
    (tmp_path / "goc.pdf").write_bytes(signed.signed_pdf.read())
    page = browser_page
    page.goto("/xac-thuc/")
    page.get_by_label("Tệp PDF (tối đa 20 MB)").set_input_files(str(tmp_path / "goc.pdf"))
    page.get_by_role("button", name="Kiểm tra").click()
    assert "Hợp lệ" in page.get_by_role("status").inner_text()
    assert "Đây đúng là tệp hệ thống đã cấp." in page.content()
