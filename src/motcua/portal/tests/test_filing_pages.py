"""Online filing through the pages (Django's test client): every bad input a clear message, nothing half-saved."""

import pytest
from django.urls import reverse

from motcua.core.idempotency import new_form_key
from motcua.documents.models import Attachment
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.factories import DocumentFactory
from motcua_testing.files import image_bytes, scanned_pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def component(world):
    return DocumentFactory(procedure=world.procedure, name="Tờ khai đăng ký khai sinh", mandatory=True)


@pytest.fixture
def citizen(client, world):
    client.force_login(world.citizen)
    return client


def _form(key=None, **extra):
    values = {
        "form_key": key or new_form_key(),
        "f_child_name": "Nguyễn Thị An",
        "f_birth_date": "2026-11-01",
        "f_sex": "Nữ",
        "action": "review",
    }
    values.update(extra)
    return values


def test_the_filing_page_asks_anonymous_visitors_to_sign_in(client, world):
    response = client.get(reverse("portal:file", args=[world.procedure.code]))
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/?next=")


def test_the_form_is_drawn_from_the_procedure_schema(citizen, world, component):
    page = citizen.get(reverse("portal:file", args=[world.procedure.code])).content.decode()
    assert 'name="f_child_name"' in page and 'type="date"' in page and 'name="f_sex"' in page
    assert f'name="doc_{component.pk}"' in page and "Tờ khai đăng ký khai sinh" in page


def test_a_wrong_file_type_is_named_and_nothing_is_saved(citizen, world, component):
    response = citizen.post(
        reverse("portal:file", args=[world.procedure.code]),
        _form(**{f"doc_{component.pk}": upload("to-khai.pdf", b"<html><script>alert(1)</script>")}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "to-khai.pdf" in page and "không phải tệp PDF, JPEG hoặc PNG" in page
    assert 'value="Nguyễn Thị An"' in page  # what was typed is shown again
    assert not Dossier.objects.exists() and not Attachment.objects.exists()


def test_a_file_too_large_is_refused_with_the_limit(citizen, world, component, settings):
    settings.MAX_FILE_BYTES = 1000
    big = upload("anh-chup.png", image_bytes("PNG", size=(400, 400), color=(10, 200, 90)) + b"\0" * 2000)
    response = citizen.post(
        reverse("portal:file", args=[world.procedure.code]), _form(**{f"doc_{component.pk}": big})
    )
    assert response.status_code == 400
    assert "vượt mức tối đa 1000" in response.content.decode()
    assert not Dossier.objects.exists()


def test_review_then_submit_without_the_mandatory_document_is_refused(citizen, world, component):
    response = citizen.post(reverse("portal:file", args=[world.procedure.code]), _form())
    draft = Dossier.objects.get()
    assert response["Location"] == reverse("portal:review", args=[draft.uuid])
    review = citizen.get(response["Location"]).content.decode()
    assert "Chưa đính kèm: Tờ khai đăng ký khai sinh" in review
    refused = citizen.post(response["Location"], {"form_key": new_form_key()})
    assert refused.status_code == 400
    assert "Hồ sơ còn thiếu giấy tờ bắt buộc: Tờ khai đăng ký khai sinh" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_double_posted_form_makes_one_draft_and_a_double_submit_one_dossier(citizen, world, component):
    key = new_form_key()
    for _ in range(2):
        citizen.post(
            reverse("portal:file", args=[world.procedure.code]),
            _form(key, **{f"doc_{component.pk}": scanned_pdf()}),
        )
    draft = Dossier.objects.get()
    assert draft.attachments.count() == 1
    submit_key = new_form_key()
    first = citizen.post(reverse("portal:review", args=[draft.uuid]), {"form_key": submit_key})
    again = citizen.post(reverse("portal:review", args=[draft.uuid]), {"form_key": submit_key})
    assert first["Location"] == again["Location"] == reverse("portal:submitted", args=[draft.uuid])
    assert Dossier.objects.filter(status=Status.SUBMITTED).count() == 1
    page = citizen.get(first["Location"]).content.decode()
    draft.refresh_from_db()
    assert draft.code in page and "<svg" in page


def test_an_invalid_form_is_shown_on_the_review_page_per_field(citizen, world, component):
    citizen.post(
        reverse("portal:file", args=[world.procedure.code]), _form(f_child_name="", f_birth_date="31/02/2026")
    )
    draft = Dossier.objects.get()
    review = citizen.get(reverse("portal:review", args=[draft.uuid])).content.decode()
    assert "Cần nhập Họ, chữ đệm, tên của trẻ." in review
    assert "Ngày sinh phải là ngày hợp lệ" in review


def test_another_applicant_cannot_open_or_submit_my_draft(client, world, component):
    client.force_login(world.citizen)
    client.post(reverse("portal:file", args=[world.procedure.code]), _form())
    draft = Dossier.objects.get()
    client.force_login(world.other_citizen)
    assert client.get(reverse("portal:review", args=[draft.uuid])).status_code == 404
    assert (
        client.post(reverse("portal:review", args=[draft.uuid]), {"form_key": new_form_key()}).status_code
        == 404
    )


def test_an_official_is_told_the_filing_page_is_for_applicants(client, world):
    client.force_login(world.receiver.user)
    response = client.get(reverse("portal:file", args=[world.procedure.code]))
    assert response.status_code == 403 and "dành cho công dân, tổ chức" in response.content.decode()


def test_an_offline_procedure_says_where_to_submit(citizen, world):
    world.procedure.online_level = "offline"
    world.procedure.save()
    page = citizen.get(reverse("portal:file", args=[world.procedure.code])).content.decode()
    assert "chưa cho phép nộp trực tuyến" in page


def test_a_huge_file_is_dropped_while_it_arrives_and_named_on_the_page(citizen, world, component, settings):
    settings.MAX_FILE_BYTES = 64 * 1024
    huge = upload("ban-quet.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    response = citizen.post(
        reverse("portal:file", args=[world.procedure.code]), _form(**{f"doc_{component.pk}": huge})
    )
    assert response.status_code == 400
    assert "Tệp “ban-quet.pdf” vượt mức tối đa 64,0" in response.content.decode()
    assert not Dossier.objects.exists() and not Attachment.objects.exists()


def test_the_supplement_page_shows_what_is_missing_and_takes_the_files(citizen, world, component):
    from motcua_testing.dossiers import dossier_in

    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    url = reverse("portal:supplement", args=[dossier.uuid])
    page = citizen.get(url).content.decode()
    assert "Giấy chứng sinh" in page and "Thiếu bản sao giấy chứng sinh" in page
    empty = citizen.post(url, {"form_key": new_form_key(), "note": ""})
    assert (
        empty.status_code == 400 and "Cần đính kèm tệp hoặc ghi nội dung bổ sung." in empty.content.decode()
    )
    done = citizen.post(
        url,
        {
            "form_key": new_form_key(),
            "note": "Bổ sung giấy chứng sinh",
            f"doc_{component.pk}": scanned_pdf("gcs.pdf"),
        },
    )
    assert done["Location"] == reverse("portal:dossier", args=[dossier.uuid])
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and dossier.paused_at is None
    assert dossier.attachments.get().filename == "gcs.pdf"


def test_the_review_page_shows_the_fees_due_in_dong(citizen, world):
    from motcua_testing.factories import FeeFactory
    from motcua_testing.forms import RenderedForm, follow

    FeeFactory(procedure=world.procedure, name="Lệ phí đăng ký khai sinh", amount=8_000)
    FeeFactory(procedure=world.procedure, name="Phí cấp bản sao trích lục", amount=1_250_000)
    page = follow(
        citizen, citizen.get(reverse("portal:procedure", args=[world.procedure.code])), "Nộp hồ sơ trực tuyến"
    )
    form = RenderedForm(page)
    form.fill("Họ, chữ đệm, tên của trẻ", "Nguyễn Thị An").fill("Ngày sinh", "2026-11-01").choose("Nữ")
    review = citizen.get(form.submit(citizen, "Tiếp tục: xem lại hồ sơ")["Location"]).content.decode()
    assert "Phí, lệ phí" in review
    assert "Lệ phí đăng ký khai sinh" in review and "8.000 đ" in review and "1.250.000 đ" in review


def test_a_procedure_without_fees_says_so_on_the_review_page(citizen, world):
    from motcua_testing.forms import RenderedForm

    form = RenderedForm(citizen.get(reverse("portal:file", args=[world.procedure.code])))
    form.fill("Họ, chữ đệm, tên của trẻ", "Nguyễn Thị An")
    review = citizen.get(form.submit(citizen, "Tiếp tục: xem lại hồ sơ")["Location"]).content.decode()
    assert "không thu phí, lệ phí" in review


def test_file_limits_are_stated_before_any_upload(citizen, world, component, settings):
    settings.MAX_FILE_BYTES = 20 * 1024 * 1024
    settings.MAX_DOSSIER_BYTES = 100 * 1024 * 1024
    page = (
        citizen.get(reverse("portal:file", args=[world.procedure.code])).content.decode().replace("\xa0", " ")
    )
    assert "PDF, JPEG hoặc PNG, mỗi tệp tối đa 20,0 MB, cả hồ sơ tối đa 100,0 MB" in page


def test_an_agency_left_unchosen_is_named_without_its_technical_code(citizen, world):
    from motcua_testing.forms import RenderedForm

    world.procedure.agencies.add(world.construction)
    form = RenderedForm(citizen.get(reverse("portal:file", args=[world.procedure.code])))
    assert form.options("Nộp hồ sơ tới")[1:] == ["Sở Tư pháp", "Sở Xây dựng"]
    form.fill("Họ, chữ đệm, tên của trẻ", "Nguyễn Thị An")
    response = form.submit(citizen, "Lưu nháp")
    page = response.content.decode()
    assert response.status_code == 400 and "Sở Tư pháp" in page and "Sở Xây dựng" in page
    assert world.justice.code not in page and world.construction.code not in page
