"""Every "Tải mẫu" link the procedure and filing pages show opens a blank form (it used to answer 404)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua_testing.factories import DocumentFactory
from motcua_testing.files import pdf_bytes
from motcua_testing.forms import links
from motcua_testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def components(world):
    named = DocumentFactory(
        procedure=world.procedure, name="Tờ khai đăng ký khai sinh", form_name="Mẫu TK-01"
    )
    stored = DocumentFactory(procedure=world.procedure, name="Đơn đề nghị", form_name="Mẫu ĐN-02")
    stored.form_file.save("mau-don-de-nghi.pdf", ContentFile(pdf_bytes("Don de nghi cua so")))
    lost = DocumentFactory(procedure=world.procedure, name="Bản khai bị mất tệp", form_name="Mẫu BK-03")
    lost.form_file.name = "forms/khong-con-tren-dia.pdf"
    lost.save()
    plain = DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh", form_name="")
    return {"named": named, "stored": stored, "lost": lost, "plain": plain}


def _form_links(response, prefix: str) -> dict[str, str]:
    return {text: href for text, href in links(response).items() if text.startswith(prefix)}


def test_every_blank_form_link_on_the_procedure_page_downloads_a_form(client, world, components):
    page = client.get(reverse("portal:procedure", args=[world.procedure.code]))
    shown = _form_links(page, "Tải mẫu")
    assert len(shown) == 3, shown  # the document without a form has no link
    for text, href in shown.items():
        response = client.get(href)
        assert response.status_code == 200, (text, href)
        assert response["Content-Disposition"].startswith("attachment")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert body.startswith(b"%PDF-")
    stored = client.get(shown["Tải mẫu: Mẫu ĐN-02"])
    assert "Don de nghi cua so" in pdf_text(b"".join(stored.streaming_content))


def test_a_form_drawn_from_the_e_form_names_the_document_and_its_fields(client, world, components):
    page = client.get(reverse("portal:procedure", args=[world.procedure.code]))
    text = pdf_text(client.get(_form_links(page, "Tải mẫu")["Tải mẫu: Mẫu TK-01"]).content)
    for expected in (
        "TỜ KHAI ĐĂNG KÝ KHAI SINH",
        "Mẫu TK-01",
        "Họ, chữ đệm, tên của trẻ",
        "Ngày sinh",
        "NGƯỜI KHAI",
    ):
        assert expected in text


def test_a_form_file_missing_from_storage_still_gives_a_blank_form(client, world, components):
    page = client.get(reverse("portal:procedure", args=[world.procedure.code]))
    response = client.get(_form_links(page, "Tải mẫu")["Tải mẫu: Mẫu BK-03"])
    assert response.status_code == 200 and "BẢN KHAI BỊ MẤT TỆP" in pdf_text(response.content)


def test_the_filing_page_links_the_same_blank_forms(client, world, components):
    client.force_login(world.citizen)
    page = client.get(reverse("portal:file", args=[world.procedure.code]))
    shown = _form_links(page, "Tải mẫu đơn")
    assert len(shown) == 3
    for href in shown.values():
        assert client.get(href).status_code == 200


def test_a_document_without_a_form_has_no_blank_form(client, world, components):
    url = reverse("portal:blank-form", args=[world.procedure.code, components["plain"].pk])
    assert client.get(url).status_code == 404


def test_the_api_gives_the_same_working_address(client, world, components, settings):
    settings.SITE_URL = "http://testserver"
    body = client.get(f"/api/v1/procedures/{world.procedure.code}/").json()
    urls = {d["name"]: d["form_url"] for d in body["documents"]}
    assert urls["Giấy chứng sinh"] is None
    response = client.get(urls["Tờ khai đăng ký khai sinh"].removeprefix("http://testserver"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
