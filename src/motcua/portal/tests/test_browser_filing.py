"""A citizen on a phone finds a procedure, fills its e-form, attaches files, reviews and submits — once."""

import pytest
from conftest import screenshot

from motcua.demo.forms import sample_form_data
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.browser import sign_in
from motcua_testing.catalogue import demo_procedure
from motcua_testing.files import image_bytes, pdf_bytes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

BIRTH = "1.001193"  # Đăng ký khai sinh


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def fill_eform(page, procedure):
    data = sample_form_data(procedure.form_schema)
    for name, value in data.items():
        spec = procedure.form_schema["properties"][name]
        field = page.locator(f'[name="f_{name}"]')
        if spec.get("enum") and len(spec["enum"]) <= 4:
            page.locator(f'input[name="f_{name}"][value="{value}"]').check()
        elif spec.get("enum"):
            field.select_option(str(value))
        elif spec.get("type") == "boolean":
            if value:
                field.check()
        else:
            field.fill(str(value))


def _pdf(name):
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


def test_a_citizen_finds_fills_attaches_reviews_and_submits_once(browser_page, world):
    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    page = browser_page
    sign_in(page, world.citizen.username, lands_on="/ho-so/")

    page.goto("/thu-tuc/")
    page.get_by_label("Bạn cần làm gì?").fill("khai sinh")
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh").first.click()
    page.wait_for_url(f"**/thu-tuc/{BIRTH}/")
    assert page.get_by_role("heading", name="Thành phần hồ sơ").is_visible()
    screenshot(page, "portal-procedure")

    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").first.click()
    fill_eform(page, procedure)
    mandatory = [d for d in procedure.documents.all() if d.mandatory]
    for document in mandatory:
        page.locator(f'input[name="doc_{document.pk}"]').set_input_files(_pdf(f"giay-{document.pk}.pdf"))
    page.locator('input[name="doc_other"]').set_input_files(
        {"name": "anh-chup.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG")}
    )
    screenshot(page, "portal-filing-form")
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()
    page.wait_for_url("**/xem-lai/")
    assert page.get_by_text("Hồ sơ còn thiếu hoặc chưa hợp lệ").count() == 0
    screenshot(page, "portal-review")

    page.get_by_role("button", name="Nộp hồ sơ").dblclick()
    page.wait_for_url("**/da-nop/")
    dossier = Dossier.objects.get(procedure=procedure)
    assert dossier.status == Status.SUBMITTED
    assert page.locator("#dossier-code").inner_text() == dossier.code
    assert page.locator("main svg").count() == 1
    assert dossier.attachments.count() == len(mandatory) + 1
    screenshot(page, "portal-submitted")


def test_submitting_twice_from_the_same_page_makes_one_dossier(browser_page, world):
    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    page = browser_page
    sign_in(page, world.citizen.username, lands_on="/ho-so/")
    page.goto(f"/thu-tuc/{BIRTH}/nop-ho-so/")
    fill_eform(page, procedure)
    for document in procedure.documents.filter(mandatory=True):
        page.locator(f'input[name="doc_{document.pk}"]').set_input_files(_pdf(f"g{document.pk}.pdf"))
    page.get_by_role("button", name="Tiếp tục: xem lại hồ sơ").click()
    page.wait_for_url("**/xem-lai/")
    review_url = page.url
    form = {
        "form_key": page.locator('input[name="form_key"]').input_value(),
        "csrfmiddlewaretoken": page.locator('input[name="csrfmiddlewaretoken"]').first.input_value(),
    }
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url("**/da-nop/")
    # The same form posted again (a reload of the POST, a retry over a flaky network).
    again = page.request.post(review_url, form=form, headers={"Referer": review_url})
    assert again.ok and again.url.endswith("/da-nop/")
    assert Dossier.objects.filter(procedure=procedure).count() == 1
    assert Dossier.objects.get(procedure=procedure).status == Status.SUBMITTED


def test_a_wrong_file_type_is_explained_next_to_its_document(browser_page, world):
    procedure = demo_procedure(BIRTH, agencies=[world.justice])
    page = browser_page
    sign_in(page, world.citizen.username, lands_on="/ho-so/")
    page.goto(f"/thu-tuc/{BIRTH}/nop-ho-so/")
    first = procedure.documents.filter(mandatory=True).first()
    page.locator(f'input[name="doc_{first.pk}"]').set_input_files(
        {"name": "to-khai.pdf", "mimeType": "application/pdf", "buffer": b"PK\x03\x04 a Word file renamed"}
    )
    page.get_by_role("button", name="Lưu nháp").click()
    alert = page.get_by_role("alert").first
    assert "Chưa lưu" in alert.inner_text()
    assert "không phải tệp PDF, JPEG hoặc PNG" in page.locator(f"#doc_{first.pk}-errors").inner_text()
    screenshot(page, "portal-filing-bad-file")
    assert not Dossier.objects.exists()
