"""Returning the result at the counter: the signed result at hand, the fee due shown, the fee
collected recorded in the history and on the hand-over record; repeated clicks answer once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers.fees import collected_fee
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.paperwork.letters import timeliness
from motcua.signing.services import sign_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import FeeFactory
from motcua_testing.files import pdf_bytes
from motcua_testing.pages import Page, follow, open_page, submit
from motcua_testing.pdf import pdf_text
from motcua_testing.signing import PIN, draft_document, give_leader_a_key, result_template_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def signed(world):
    """A dossier whose result the leader signed (so it waits at the counter), with its fees."""
    FeeFactory(procedure=world.procedure, kind="charge", name="Lệ phí cấp giấy chứng nhận", amount=500_000)
    FeeFactory(procedure=world.procedure, kind="fee", name="Phí thẩm định", amount=300_000)
    give_leader_a_key(world)
    template = result_template_for(world.procedure, needs_seal=False)
    dossier = dossier_in(world, Status.PROCESSING)
    document = draft_document(dossier, template, pdf_bytes("Giấy chứng nhận thử nghiệm"))
    sign_result(document=document, by=world.leader.user, pin=PIN)
    dossier.refresh_from_db()
    assert dossier.status == Status.RESULT_READY
    return dossier


def counter_page_of(client, world, dossier) -> Page:
    client.force_login(world.receiver.user)
    home = open_page(client, "/can-bo/")
    queue = follow(client, home, "Chờ trả kết quả")
    return follow(client, queue, dossier.code)


def test_the_counter_shows_the_signed_result_and_the_fee_due(client, world, signed):
    page = counter_page_of(client, world, signed)
    assert page.tree.get_element_by_id("fee-total").text_content().strip() == "800.000 đ"
    assert "Phí thẩm định" in page.text and "Lệ phí cấp giấy chứng nhận" in page.text
    result = client.get(page.link("Tải kết quả đã ký"))
    assert result.status_code == 200
    assert b"".join(result.streaming_content).startswith(b"%PDF")


def test_the_fee_collected_is_recorded_in_the_history_and_on_the_hand_over_record(client, world, signed):
    page = counter_page_of(client, world, signed)
    form = page.form("Trả kết quả").fill(receipt_number="BL-2026-0042").choose("method", "Tiền mặt")
    done = submit(client, form)
    assert "Đã trả kết quả." in done.text
    assert "Thu phí, lệ phí 800.000 đồng, tiền mặt, biên lai số BL-2026-0042" in done.text  # the history
    assert collected_fee(signed).amount == 800_000
    record = client.get(done.link("In biên bản giao nhận kết quả"))
    text = " ".join(pdf_text(record.content).split())
    assert "đã thu 800.000 đồng (tiền mặt; biên lai số BL-2026-0042)" in text


def test_a_return_with_a_fee_but_no_receipt_names_every_mistake_at_once_and_changes_nothing(
    client, world, signed
):
    page = counter_page_of(client, world, signed)
    response = page.form("Trả kết quả").submit(client)
    assert response.status_code == 400
    shown = Page(response, page.url)
    assert "Nhập số biên lai thu phí, lệ phí." in shown.text
    assert "Chọn hình thức thu: tiền mặt hoặc chuyển khoản." in shown.text
    signed.refresh_from_db()
    assert signed.status == Status.RESULT_READY
    bad = (
        shown.form("Trả kết quả")
        .fill(amount="tám trăm", receipt_number="BL-1")
        .choose("method", "Chuyển khoản")
    )
    again = Page(bad.submit(client), page.url)
    assert "Số tiền là số nguyên đồng, không âm (ví dụ 800.000)." in again.text
    assert again.tree.get_element_by_id("fee-receipt").get("value") == "BL-1"  # what was typed stays


def test_a_free_procedure_is_returned_without_fee_fields(client, world):
    dossier = dossier_in(world, Status.RESULT_READY)
    page = counter_page_of(client, world, dossier)
    assert "Thủ tục không thu phí, lệ phí." in page.text
    done = submit(client, page.form("Trả kết quả"))
    assert "Đã trả kết quả." in done.text
    assert collected_fee(dossier).amount == 0


def test_a_double_click_on_return_returns_once_and_answers_like_the_first(client, world):
    dossier = dossier_in(world, Status.RESULT_READY)
    page = counter_page_of(client, world, dossier)
    form = page.form("Trả kết quả")
    first, second = form.submit(client), form.submit(client)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert "Đã trả kết quả." in Page(client.get(second["Location"]), second["Location"]).text
    assert DossierEvent.objects.filter(dossier=dossier, kind="returned").count() == 1


def test_a_double_click_on_receive_answers_like_the_first(client, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    client.force_login(world.receiver.user)
    page = follow(client, open_page(client, "/can-bo/mot-cua/"), dossier.code)
    form = page.form("Tiếp nhận hồ sơ")
    first, second = form.submit(client), form.submit(client)
    assert first["Location"] == second["Location"]
    shown = Page(client.get(second["Location"]), second["Location"])
    assert "Đã tiếp nhận hồ sơ." in shown.text and "đã ở trạng thái" not in shown.text
    assert DossierEvent.objects.filter(dossier=dossier, kind="received").count() == 1


def test_the_hand_over_record_says_how_early_the_result_came(world):
    due = datetime(2026, 3, 20, 9, 0, tzinfo=LOCAL_TZ)  # a Friday, no holiday in the weeks around
    assert timeliness(due - timedelta(days=7), due) == "sớm hạn 5 ngày làm việc"
    assert timeliness(due - timedelta(minutes=30), due) == "đúng hạn"
    assert timeliness(due + timedelta(days=7), due) == "quá hạn 5 ngày làm việc"


def test_after_receiving_the_counter_hands_the_dossier_to_processing(client, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    client.force_login(world.receiver.user)
    page = follow(client, open_page(client, "/can-bo/mot-cua/"), dossier.code)
    received = submit(client, page.form("Tiếp nhận hồ sơ"))
    assert "Bước tiếp theo: Thẩm định, đề xuất" in received.text
    handed = submit(client, received.form("Chuyển xử lý"))
    assert "Đã chuyển hồ sơ sang bước xử lý tiếp theo." in handed.text
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING


def test_a_fee_paid_online_is_not_asked_again_when_the_result_is_returned(client, world, signed):
    """Found walking ``make run``: the applicant paid 800.000 đ through the gateway when filing; the
    counter asked for 800.000 đ again and refused to return the result without a second receipt."""
    from django.utils import timezone

    from motcua.payments.models import Channel, Payment

    Payment.objects.create(
        dossier=signed,
        agency=signed.receiving_agency,
        channel=Channel.ONLINE,
        status=Payment.Status.PAID,
        txn_ref="261207WALKER01",
        amount=800_000,
        payer_name=signed.applicant_name,
        paid_at=timezone.now(),
        receipt_number="BL001/2026/0000042",
    )
    page = counter_page_of(client, world, signed)
    paid = " ".join(page.tree.get_element_by_id("fee-total").text_content().split())
    assert paid == "Đã nộp 800.000 đ (biên lai BL001/2026/0000042): không thu thêm khi trả kết quả."
    assert "Số biên lai thu phí, lệ phí" not in page.text
    done = submit(client, page.form("Trả kết quả"))
    assert "Đã trả kết quả." in done.text
    assert collected_fee(signed).amount == 0  # nothing more was taken at the counter


def test_a_fee_paid_online_leaves_no_collection_button_and_names_the_receipt(client, world, signed):
    """The fees panel still offered "Thu phí tại quầy" after the applicant had paid online."""
    from django.utils import timezone

    from motcua.payments.models import Channel, Payment

    Payment.objects.create(
        dossier=signed,
        agency=signed.receiving_agency,
        channel=Channel.ONLINE,
        status=Payment.Status.PAID,
        txn_ref="261207POLISH01",
        amount=800_000,
        payer_name=signed.applicant_name,
        paid_at=timezone.now(),
        receipt_number="BL001/2026/0000043",
    )
    page = counter_page_of(client, world, signed)
    assert not page.has_link("Thu phí tại quầy")
    settled = " ".join(page.tree.get_element_by_id("fees-settled").text_content().split())
    assert (
        settled == "Đã nộp đủ phí, lệ phí: 800.000 đ (biên lai BL001/2026/0000043). Không thu thêm tại quầy."
    )


def test_a_fee_collected_at_the_return_is_not_offered_for_collection_again(client, world, signed):
    """After the return with its receipt, the fees panel offered "Thu phí tại quầy" and its page took
    the same 800.000 đ a second time."""
    from motcua.core.errors import InvalidTransition
    from motcua.payments.models import Payment
    from motcua.payments.services import collect_at_counter

    page = counter_page_of(client, world, signed)
    form = page.form("Trả kết quả").fill(receipt_number="BL-2026-0044").choose("method", "Tiền mặt")
    done = submit(client, form)
    assert "Đã trả kết quả." in done.text
    assert not done.has_link("Thu phí tại quầy")
    settled = " ".join(done.tree.get_element_by_id("fees-settled").text_content().split())
    assert settled == "Đã thu 800.000 đ khi trả kết quả (biên lai BL-2026-0044). Không thu thêm tại quầy."
    with pytest.raises(InvalidTransition):
        collect_at_counter(dossier=signed, by=world.receiver.user, channel="cash")
    assert not Payment.objects.exists()
