"""The counter's pages through Django's test client: queue, reception, supplement, rejection, return, walk-in."""

import pytest
from django.urls import reverse

from motcua.accounts.models import User
from motcua.core.idempotency import new_form_key
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import BIRTH_DATA, DocumentFactory, personal_id_for
from motcua_testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(client, world):
    client.force_login(world.receiver.user)
    return client


def test_the_queue_lists_online_dossiers_waiting_oldest_first(counter, world):
    first = dossier_in(world, Status.SUBMITTED)
    second = dossier_in(world, Status.SUBMITTED)
    dossier_in(world, Status.RECEIVED)
    page = counter.get(reverse("backoffice:counter")).content.decode()
    assert page.index(first.code) < page.index(second.code)
    assert "Chờ tiếp nhận (2)" in page


def test_the_queue_of_another_agency_stays_out_of_sight(client, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    client.force_login(world.other_receiver.user)
    assert dossier.code not in client.get(reverse("backoffice:counter")).content.decode()
    assert client.get(reverse("backoffice:counter-dossier", args=[dossier.code])).status_code == 404


def test_an_official_without_the_receiver_role_is_told_so(client, world):
    client.force_login(world.processor.user)
    response = client.get(reverse("backoffice:counter"))
    assert response.status_code == 403 and "vai trò tiếp nhận" in response.content.decode()


def test_receiving_fixes_the_appointment_and_the_receipt_prints_it(counter, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    response = counter.post(
        reverse("backoffice:counter-action", args=[dossier.code, "receive"]), {"note": ""}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and dossier.due_at is not None
    page = counter.get(response["Location"]).content.decode()
    assert "In giấy tiếp nhận, hẹn trả (Mẫu 01)" in page
    pdf = counter.get(reverse("backoffice:counter-paper", args=[dossier.code, "giay-tiep-nhan"]))
    assert pdf["Content-Type"] == "application/pdf" and dossier.code in pdf_text(pdf.content)


def test_a_rejection_needs_a_reason_and_changes_nothing_without_one(counter, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    response = counter.post(
        reverse("backoffice:counter-action", args=[dossier.code, "reject"]), {"reason": " "}
    )
    assert response.status_code == 400 and "Cần ghi rõ lý do." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    counter.post(
        reverse("backoffice:counter-action", args=[dossier.code, "reject"]), {"reason": "Sai thẩm quyền"}
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.REJECTED


def test_a_supplement_request_lists_the_ticked_documents(counter, world):
    component = DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh")
    dossier = dossier_in(world, Status.SUBMITTED)
    counter.post(
        reverse("backoffice:counter-action", args=[dossier.code, "request_supplement"]),
        {"missing": [component.pk], "missing_other": "Chữ ký người khai", "reason": "Thiếu giấy tờ"},
    )
    event = dossier.events.get(kind="supplement_requested")
    assert event.data["missing"] == ["Giấy chứng sinh", "Chữ ký người khai"] and event.note == "Thiếu giấy tờ"


def test_returning_the_result_prints_the_handover_record(counter, world):
    dossier = dossier_in(world, Status.RESULT_READY)
    counter.post(reverse("backoffice:counter-action", args=[dossier.code, "return_result"]), {"note": ""})
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED
    pdf = counter.get(reverse("backoffice:counter-paper", args=[dossier.code, "bien-ban-giao-ket-qua"]))
    assert "BIÊN BẢN GIAO NHẬN KẾT QUẢ" in pdf_text(pdf.content)


def test_walk_in_with_an_invalid_personal_id_says_what_is_wrong(counter):
    response = counter.get(reverse("backoffice:walk-in"), {"so": "999123456789"})
    assert response.status_code == 400 and "không phải mã tỉnh" in response.content.decode()


def test_walk_in_registers_a_new_applicant_and_receives_the_dossier_once(counter, world):
    component = DocumentFactory(procedure=world.procedure, name="Tờ khai", mandatory=True)
    number = personal_id_for(__import__("datetime").date(1988, 3, 9), male=True, serial=4242)
    url = reverse("backoffice:walk-in-record", args=[world.procedure.code])
    form = {
        "so": number,
        "form_key": new_form_key(),
        "full_name": "Hồ Văn Tâm",
        "birth_date": "1988-03-09",
        "sex": "male",
        "agency": world.justice.pk,
        "documents": [component.pk],
        **{f"f_{k}": v for k, v in BIRTH_DATA.items()},
    }
    first = counter.post(url, form)
    again = counter.post(url, form)
    dossier = Dossier.objects.get()
    assert (
        first["Location"] == again["Location"] == reverse("backoffice:counter-dossier", args=[dossier.code])
    )
    assert dossier.status == Status.RECEIVED and dossier.channel == "counter"
    assert User.objects.get(personal_id=number).full_name == "Hồ Văn Tâm"


def test_walk_in_without_a_mandatory_document_names_it_and_creates_nothing(counter, world):
    DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh", mandatory=True)
    response = counter.post(
        reverse("backoffice:walk-in-record", args=[world.procedure.code]),
        {
            "so": world.citizen.personal_id,
            "form_key": new_form_key(),
            "agency": world.justice.pk,
            **{f"f_{k}": v for k, v in BIRTH_DATA.items()},
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Còn 1 mục cần sửa" in page and "Thiếu: Giấy chứng sinh" in page
    assert not Dossier.objects.exists()


def test_receiving_twice_shows_the_received_dossier_not_an_error(counter, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    url = reverse("backoffice:counter-action", args=[dossier.code, "receive"])
    counter.post(url, {"note": ""})
    again = counter.post(url, {"note": ""}, follow=True)
    assert again.status_code == 200 and "Hồ sơ đã ở trạng thái “Đã tiếp nhận”." in again.content.decode()
    assert dossier.events.filter(kind="received").count() == 1
