"""Applicants hear about their dossier on the channels they chose, in their language."""

import logging

import pytest
from django.core import mail

from motcua.dossiers.states import Status
from motcua.integration import notifications
from motcua.integration.deliveries import deliver_due
from motcua.integration.models import ContactPreference, Delivery
from motcua.integration.relay import relay_batch
from motcua_testing.dossiers import dossier_in


def _relay_and_deliver():
    relay_batch()
    deliver_due()


def test_cong_dan_nhan_thu_khi_ho_so_duoc_tiep_nhan(world):
    dossier = dossier_in(world, Status.RECEIVED)
    _relay_and_deliver()

    (message,) = mail.outbox  # "submitted" sends nothing, "received" one e-mail
    assert message.to == [world.citizen.email]
    assert message.subject == f"Hồ sơ {dossier.code} đã được tiếp nhận"
    assert "Ngày hẹn trả kết quả:" in message.body
    assert f"/tra-cuu/{dossier.code}/" in message.body
    assert message.extra_headers["X-Motcua-Event-Id"]


def test_cong_dan_chon_tieng_anh_va_sms(world, caplog):
    ContactPreference.objects.create(user=world.citizen, by_email=True, by_sms=True, language="en")
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    with caplog.at_level(logging.INFO, logger="motcua.sms"):
        _relay_and_deliver()

    message = mail.outbox[-1]
    assert message.subject == f"Dossier {dossier.code} needs a supplement"
    assert "Thiếu bản sao giấy chứng sinh" in message.body  # the official's words stay as written
    sms = [r.getMessage() for r in caplog.records if r.name == "motcua.sms"]
    event_id = dossier.events.get(kind="supplement_requested").event_id
    assert f"SMS to {world.citizen.phone} [{event_id}]: Dossier {dossier.code} needs a supplement" in sms


def test_cong_dan_tat_thu_thi_khong_nhan_thu(world):
    ContactPreference.objects.create(user=world.citizen, by_email=False, by_sms=False)
    dossier_in(world, Status.RESULT_READY)
    _relay_and_deliver()

    assert mail.outbox == []
    assert not Delivery.objects.filter(channel__in=["email", "sms"]).exists()


def test_co_ket_qua_thi_cong_dan_nhan_thu(world):
    dossier = dossier_in(world, Status.RESULT_READY)
    _relay_and_deliver()

    assert [m.subject for m in mail.outbox] == [
        f"Hồ sơ {dossier.code} đã được tiếp nhận",
        f"Hồ sơ {dossier.code} đã có kết quả",
    ]


@pytest.mark.parametrize("language", notifications.LANGUAGES)
@pytest.mark.parametrize("kind", sorted(notifications.FOR_APPLICANT | notifications.FOR_OFFICIALS))
def test_moi_su_kien_co_mau_thong_bao_bang_hai_thu_tieng(world, kind, language):
    dossier = dossier_in(world, Status.PROCESSING)
    event = dossier.events.last()
    event.kind = kind  # the template for each event, on a real dossier

    subject, body = notifications.render(event, language)

    assert dossier.code in subject and dossier.code in body
    assert "{{" not in subject + body and "None" not in subject


def test_with_verified_contacts_only_an_unverified_email_hears_nothing_until_verified(world, settings):
    from django.utils import timezone

    from motcua.accounts.models import VerifiedContact

    settings.NOTIFY_VERIFIED_CONTACTS_ONLY = True
    dossier_in(world, Status.RECEIVED)
    _relay_and_deliver()
    assert mail.outbox == []
    VerifiedContact.objects.create(
        user=world.citizen, channel="email", address=world.citizen.email, verified_at=timezone.now()
    )
    dossier_in(world, Status.RECEIVED)
    _relay_and_deliver()
    assert [m.to for m in mail.outbox] == [[world.citizen.email]]
