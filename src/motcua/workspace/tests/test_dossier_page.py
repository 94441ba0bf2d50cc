"""The processor's and leader's dossier page: everything the next step needs is reached from it
(files with their digitized versions, the e-form, the result's drafting and signing, the papers),
one primary action per step, and a repeated action answers as the first one."""

from __future__ import annotations

import pytest

from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.workspace import services as workspace_services
from motcua.workspace.models import Consultation
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes, scanned_pdf
from motcua_testing.pages import Page, follow, open_page, submit
from motcua_testing.signing import PIN, draft_document, give_leader_a_key, result_template_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def primaries(page: Page) -> list[str]:
    """The buttons and button-links that stand out (not secondary, not danger)."""
    found = page.tree.xpath("//main//button[contains(@class, 'primary')]")
    found += page.tree.xpath(
        "//main//a[contains(concat(' ', @class, ' '), ' button ') and not(contains(@class, 'secondary'))]"
    )
    return [" ".join(e.text_content().split()) for e in found]


def with_file(world, status):
    dossier = dossier_in(world, status)
    attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(scanned_pdf("giay-chung-sinh.pdf", "Giấy chứng sinh"), None, "scan")],
        stage=Attachment.Stage.COUNTER,
    )
    return dossier


def test_the_processor_opens_the_files_from_the_dossier_page(client, world):
    dossier = with_file(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    queue = open_page(client, "/can-bo/xu-ly/")
    page = follow(client, queue, dossier.code)
    assert "giay-chung-sinh.pdf" in page.text
    download = client.get(page.link("giay-chung-sinh.pdf"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_digitized_version_of_a_file_is_offered_beside_it(client, world):
    dossier = with_file(world, Status.PROCESSING)
    attachment = dossier.attachments.get()
    DigitizedDocument.objects.create(
        attachment=attachment,
        dossier=dossier,
        original=attachment.file,
        searchable=attachment.file,
        title="Giấy chứng sinh",
        state=DigitizedDocument.State.DONE,
    )
    client.force_login(world.processor.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    searchable = client.get(page.link("Bản số hóa (PDF/A)"))
    assert searchable.status_code == 200


def test_the_counter_page_of_a_dossier_takes_a_processor_to_their_own_page(client, world):
    dossier = with_file(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    response = client.get(f"/can-bo/mot-cua/ho-so/{dossier.code}/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/can-bo/xu-ly/ho-so/{dossier.code}/"
    assert "giay-chung-sinh.pdf" in response.content.decode()


def test_the_processor_reaches_the_drafting_of_the_result_and_the_papers(client, world):
    result_template_for(world.procedure, needs_seal=False)
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    assert "Họ, chữ đệm, tên của trẻ" in page.text  # the e-form's data
    results = follow(client, page, "Lập dự thảo, ký số kết quả")
    assert results.status_code == 200 and "Lập dự thảo kết quả từ mẫu" in results.text
    receipt = client.get(page.link("In giấy tiếp nhận, hẹn trả (Mẫu 01)"))
    assert receipt["Content-Type"] == "application/pdf"
    slip = follow(client, page, "Phiếu kiểm soát quá trình (Mẫu 05)")
    assert slip.status_code == 200


def test_one_primary_action_per_step(client, world):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    assert primaries(page) == ["Chuyển bước tiếp theo"]
    # A leader looking at the processor's step may hand it on too; approval stays secondary.
    client.force_login(world.leader.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    assert primaries(page) == ["Chuyển bước tiếp theo"]
    assert "Phê duyệt" in page.buttons("secondary")


def test_at_the_leaders_step_approval_is_the_one_action_and_no_hand_over_to_the_counter(client, world):
    dossier = dossier_in(world, Status.PROCESSING)
    workspace_services.hand_over(dossier=dossier, by=world.processor.user)
    client.force_login(world.leader.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    assert primaries(page) == ["Phê duyệt"]
    assert not page.has_form("Chuyển bước tiếp theo")
    approved = submit(client, page.form("Phê duyệt", form_id="approve"))
    assert "Đã phê duyệt" in approved.text
    assert approved.tree.get_element_by_id("status").text_content() == "Đã có kết quả"


def test_with_a_draft_the_leaders_primary_action_is_signing(client, world):
    template = result_template_for(world.procedure, needs_seal=False)
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    workspace_services.hand_over(dossier=dossier, by=world.processor.user)
    draft_document(dossier, template, pdf_bytes("Giấy chứng nhận thử nghiệm"))
    client.force_login(world.leader.user)
    waiting = open_page(client, "/can-bo/xu-ly/?hang=cho-ky")
    page = follow(client, waiting, dossier.code)
    assert primaries(page) == ["Xem dự thảo và ký số"]
    results = follow(client, page, "Xem dự thảo và ký số")
    assert results.has_form("Ký số và phê duyệt")
    assert results.has_link("Tải dự thảo (PDF) để đọc trước khi ký")


def test_with_a_result_template_the_leaders_primary_action_is_drafting_the_result(client, world):
    result_template_for(world.procedure, needs_seal=False)
    dossier = dossier_in(world, Status.PROCESSING)
    workspace_services.hand_over(dossier=dossier, by=world.processor.user)
    client.force_login(world.leader.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    assert primaries(page) == ["Lập dự thảo, ký số kết quả"]
    # Approving without an electronic result is still there, among the other actions.
    assert "Phê duyệt" in page.buttons("secondary")
    results = follow(client, page, "Lập dự thảo, ký số kết quả")
    assert results.has_form("Lập dự thảo kết quả từ mẫu")


def test_once_a_draft_exists_signing_not_drafting_is_the_primary_button(client, world):
    template = result_template_for(world.procedure, needs_seal=False)
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    workspace_services.hand_over(dossier=dossier, by=world.processor.user)
    client.force_login(world.leader.user)
    results = open_page(client, f"/can-bo/ket-qua/{dossier.code}/")
    assert primaries(results) == ["Lập dự thảo kết quả từ mẫu"]
    draft_document(dossier, template, pdf_bytes("Giấy chứng nhận thử nghiệm"))
    results = open_page(client, f"/can-bo/ket-qua/{dossier.code}/")
    assert primaries(results) == ["Ký số và phê duyệt"]
    assert "Lập dự thảo kết quả từ mẫu" in results.buttons("secondary")


def test_a_double_click_on_hand_over_answers_like_the_first_click(client, world):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    form = page.form("Chuyển bước tiếp theo").fill(note="Đủ điều kiện")
    first = form.submit(client)
    second = form.submit(client)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/can-bo/xu-ly/ho-so/{dossier.code}/"
    shown = Page(client.get(second["Location"]), second["Location"])
    assert "Đã chuyển hồ sơ sang bước tiếp theo." in shown.text
    assert "không giao cho bạn" not in shown.text
    assert DossierEvent.objects.filter(dossier=dossier, kind="handed_over").count() == 1


def test_a_repeated_consultation_request_asks_once(client, world):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    form = page.form("Gửi xin ý kiến").choose("agency", world.construction.name)
    form.fill(question="Xin ý kiến về hiện trạng công trình", days="3")
    assert form.submit(client).status_code == form.submit(client).status_code == 302
    assert Consultation.objects.filter(dossier=dossier).count() == 1


def test_a_double_click_on_drafting_drafts_once(client, world):
    result_template_for(world.procedure, needs_seal=False)
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    results = follow(client, page, "Lập dự thảo, ký số kết quả")
    form = results.form("Lập dự thảo kết quả từ mẫu")
    first, second = form.submit(client), form.submit(client)
    assert first["Location"] == second["Location"]
    assert dossier.results.count() == 1


def test_a_double_click_on_signing_signs_once_and_says_it_signed(client, world):
    template = result_template_for(world.procedure, needs_seal=False)
    give_leader_a_key(world)
    dossier = dossier_in(world, Status.PROCESSING)
    draft_document(dossier, template, pdf_bytes("Giấy chứng nhận thử nghiệm"))
    client.force_login(world.leader.user)
    page = open_page(client, f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    results = follow(client, page, "Xem dự thảo và ký số")
    form = results.form("Ký số và phê duyệt").fill(pin=PIN)
    form.submit(client)
    shown = Page(form.submit(client, follow=True), results.url)
    assert "Đã ký số" in shown.text and "không phải dự thảo" not in shown.text
    assert dossier.results.get().signers[0]["role"] == "leader"
