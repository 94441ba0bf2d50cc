"""Webhooks are signed, retried with exponential back-off, dead-lettered and replayed from the admin."""

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.dossiers.states import Status
from motcua.integration import webhooks
from motcua.integration.deliveries import deliver_due
from motcua.integration.models import Delivery, WebhookSubscription
from motcua.integration.relay import relay_batch
from motcua_testing.dossiers import dossier_in
from motcua_testing.integration import WebhookReceiver


def _webhooks():
    return Delivery.objects.filter(channel=Delivery.Channel.WEBHOOK).order_by("id")


def test_webhook_den_ben_nhan_voi_chu_ky_hop_le(world):
    with WebhookReceiver("bí-mật-của-tỉnh") as receiver:
        WebhookSubscription.objects.create(name="LGSP", url=receiver.url, secret="bí-mật-của-tỉnh")
        dossier = dossier_in(world, Status.RECEIVED)
        relay_batch()
        deliver_due()

    assert receiver.bad_signatures == 0
    bodies = [r["body"] for r in receiver.received]
    assert [b["type"] for b in sorted(bodies, key=lambda b: b["sequence"])] == [
        "dossier.submitted",
        "dossier.received",
    ]
    received = next(b for b in bodies if b["type"] == "dossier.received")
    assert received["dossier"]["code"] == dossier.code
    assert received["dossier"]["national_status"] == 2
    headers = next(r["headers"] for r in receiver.received if r["body"] is received)
    assert headers["Motcua-Event-Id"] == received["id"]
    assert all(d.state == Delivery.State.DELIVERED for d in _webhooks())


def test_chu_ky_sai_khoa_hoac_qua_cu_bi_tu_choi():
    body = b'{"id":"1"}'
    headers = {
        "Motcua-Timestamp": "1700000000",
        "Motcua-Signature": webhooks.signature("k", "1700000000", body),
    }

    assert webhooks.verify("k", headers, body, now=1700000010)
    assert not webhooks.verify("khóa-khác", headers, body, now=1700000010)
    assert not webhooks.verify("k", headers, body + b" ", now=1700000010)
    assert not webhooks.verify("k", headers, body, now=1700000000 + 3600)  # replayed an hour later


def test_ben_nhan_loi_thi_thu_lai_gian_cach_tang_gap_doi_roi_vao_danh_sach_chet(world, settings):
    settings.DELIVERY_MAX_ATTEMPTS = 3
    settings.DELIVERY_RETRY_SECONDS = 30
    with WebhookReceiver("s", status=503) as receiver:
        WebhookSubscription.objects.create(name="LGSP", url=receiver.url, secret="s", events="submitted")
        dossier_in(world, Status.SUBMITTED)
        relay_batch()
        now = timezone.now()

        deliver_due(now=now)
        delivery = _webhooks().get()
        assert (delivery.state, delivery.attempts) == (Delivery.State.PENDING, 1)
        assert "HTTP 503" in delivery.last_error
        assert timedelta(seconds=29) < delivery.next_attempt_at - now < timedelta(seconds=40)

        assert deliver_due(now=now + timedelta(seconds=10)) == 0  # not due yet
        deliver_due(now=now + timedelta(seconds=31))
        delivery.refresh_from_db()
        assert delivery.attempts == 2
        assert timedelta(seconds=59) < delivery.next_attempt_at - timezone.now() < timedelta(seconds=70)

        deliver_due(now=now + timedelta(minutes=10))
        delivery.refresh_from_db()
        assert (delivery.state, delivery.attempts) == (Delivery.State.DEAD, 3)
        assert deliver_due(now=now + timedelta(days=1)) == 0  # dead: waits for a person
    assert receiver.received == []


@pytest.mark.django_db
def test_gui_lai_tu_trang_quan_tri_dua_lan_gui_chet_ve_hang_doi(world, admin_client, settings):
    settings.DELIVERY_MAX_ATTEMPTS = 1
    with WebhookReceiver("s", status=500) as receiver:
        WebhookSubscription.objects.create(name="LGSP", url=receiver.url, secret="s", events="submitted")
        dossier_in(world, Status.SUBMITTED)
        relay_batch()
        deliver_due()
        delivery = _webhooks().get()
        assert delivery.state == Delivery.State.DEAD

        page = admin_client.get("/admin/integration/delivery/?state__exact=dead")
        assert delivery.recipient in page.content.decode()

        receiver.status = 200  # the subscriber is fixed
        answer = admin_client.post(
            "/admin/integration/delivery/",
            {"action": "replay", "_selected_action": [delivery.pk]},
            follow=True,
        )
        assert "Đã xếp lại 1 lần gửi vào hàng đợi." in answer.content.decode()
        deliver_due()
    delivery.refresh_from_db()
    assert delivery.state == Delivery.State.DELIVERED
    assert [r["body"]["type"] for r in receiver.received] == ["dossier.submitted"]


def test_trang_quan_tri_dang_ky_webhook_va_hop_thu_di_mo_duoc(world, admin_client):
    dossier_in(world, Status.SUBMITTED)
    answer = admin_client.post(
        "/admin/integration/webhooksubscription/add/",
        {
            "name": "Nền tảng tích hợp tỉnh",
            "url": "https://lgsp.example.gov.vn/hooks",
            "secret": "s3",
            "is_active": "on",
        },
        follow=True,
    )
    assert answer.status_code == 200
    assert WebhookSubscription.objects.get().url == "https://lgsp.example.gov.vn/hooks"
    outbox = admin_client.get("/admin/integration/outboxevent/?relayed_at__isempty=1")
    assert outbox.status_code == 200
    assert "1 sự kiện chờ gửi" in outbox.content.decode()
