"""The papers of the counter as PDFs: what a citizen reads on them, and that a validator accepts them."""

import re
import shutil

import pytest
from conftest import require_service

from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers import services
from motcua.dossiers.states import Status
from motcua.paperwork import letters
from motcua.paperwork.models import LookupToken
from motcua_testing.dossiers import dossier_in, perform
from motcua_testing.factories import BIRTH_DATA, DocumentFactory
from motcua_testing.pdf import pdf_fonts, pdf_text, qpdf_check

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def walk_in(world):
    world.receiver.user.full_name = "Trần Thị Thu Hà"
    world.receiver.user.save()
    form = DocumentFactory(procedure=world.procedure, name="Tờ khai đăng ký khai sinh", originals=1)
    DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh", originals=1, copies=2, mandatory=False)
    return services.receive_at_counter(
        official=world.receiver,
        agency=world.justice,
        applicant=world.citizen,
        procedure=world.procedure,
        form_data=dict(BIRTH_DATA),
        documents_received=[form.pk],
    )


def test_the_receipt_states_code_appointment_documents_and_the_receiving_official(walk_in):
    content, filename = letters.render("receipt", walk_in)
    text = _flat(pdf_text(content))
    due = walk_in.due_at.astimezone(LOCAL_TZ)
    assert filename == f"giay-tiep-nhan-{walk_in.code}.pdf"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert walk_in.code in text
    assert (
        f"{due.hour:02d} giờ {due.minute:02d} phút, ngày {due.day:02d} tháng {due.month:02d} năm {due.year}"
        in text
    )
    assert "Trần Thị Thu Hà" in text
    assert walk_in.applicant_name in text
    assert "Tờ khai đăng ký khai sinh — 01 bản chính" in text
    assert "Giấy chứng sinh" not in text  # not ticked at the counter, so not on the receipt


def test_the_receipt_qr_code_carries_an_unguessable_token_not_the_code(walk_in):
    content, _name = letters.render("receipt", walk_in)
    token = LookupToken.objects.get(dossier=walk_in).token
    assert len(token) >= 22
    assert f"/tra-cuu/{token}/" in _flat(pdf_text(content)).replace(" ", "")


def test_the_receipt_is_a_valid_pdf_with_its_vietnamese_font_embedded(walk_in):
    require_service("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
    content, _name = letters.render("receipt", walk_in)
    valid, report = qpdf_check(content)
    assert valid, report
    assert any("Noto" in name or "DejaVu" in name for name in pdf_fonts(content))


def test_the_supplement_request_lists_what_is_missing_and_why(world):
    dossier = dossier_in(world, Status.SUBMITTED)
    services.request_supplement(
        dossier=dossier,
        by=world.receiver.user,
        reason="Bản chụp giấy chứng sinh bị mờ",
        missing=["Giấy chứng sinh (bản chụp rõ nét)"],
    )
    text = _flat(pdf_text(letters.render("supplement_request", dossier)[0]))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Giấy chứng sinh (bản chụp rõ nét)" in text
    assert "Bản chụp giấy chứng sinh bị mờ" in text
    assert world.receiver.user.full_name in text


def test_the_rejection_letter_gives_the_reason(world):
    dossier = dossier_in(world, Status.REJECTED)
    text = _flat(pdf_text(letters.render("rejection", dossier)[0]))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Hồ sơ không thuộc thẩm quyền" in text
    assert dossier.code in text


def test_the_handover_record_names_both_sides(world):
    dossier = dossier_in(world, Status.RESULT_READY)
    dossier = perform(world, dossier, "return_result")
    text = _flat(pdf_text(letters.render("handover", dossier)[0]))
    assert "BIÊN BẢN GIAO NHẬN KẾT QUẢ" in text
    assert world.receiver.user.full_name in text and dossier.applicant_name in text
    assert "đánh giá mức độ hài lòng" in text


def test_papers_exist_only_once_their_event_happened(world):
    submitted = dossier_in(world, Status.SUBMITTED)
    assert letters.available(submitted) == []
    from motcua.core.errors import InvalidTransition

    with pytest.raises(InvalidTransition):
        letters.render("receipt", submitted)
    received = perform(world, submitted, "receive")
    assert letters.available(received) == ["receipt", "tracking_slip"]  # form 05 starts at reception
