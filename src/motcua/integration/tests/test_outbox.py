"""Every dossier event is written to the outbox in the same transaction, and relayed once."""

import pytest
from django.db import transaction

from motcua.core.errors import InvalidTransition
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.integration.models import Delivery, OutboxEvent, WebhookSubscription
from motcua.integration.relay import relay_batch, waiting
from motcua_testing.dossiers import dossier_in, perform


def test_moi_su_kien_cua_ho_so_co_mot_dong_outbox(world):
    dossier = dossier_in(world, Status.PROCESSING)

    events = set(DossierEvent.objects.filter(dossier=dossier).values_list("event_id", flat=True))
    assert len(events) == 3  # submitted, received, processing started
    assert set(OutboxEvent.objects.values_list("event_id", flat=True)) == events
    assert waiting() == 3


def test_thao_tac_bi_tu_choi_khong_de_lai_dong_outbox(world):
    dossier = dossier_in(world, Status.SUBMITTED)
    before = OutboxEvent.objects.count()

    with pytest.raises(InvalidTransition):
        perform(world, dossier, "approve")  # a submitted dossier cannot be approved

    assert OutboxEvent.objects.count() == before


def test_giao_dich_bi_huy_thi_su_kien_va_outbox_cung_mat(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        dossier_in(world, Status.RECEIVED)
        raise RuntimeError("the request fails after the dossier was received")

    assert DossierEvent.objects.count() == 0
    assert OutboxEvent.objects.count() == 0


def test_relay_danh_dau_da_phat_va_tao_lan_gui_cho_tung_dich(world):
    subscription = WebhookSubscription.objects.create(name="Nền tảng tích hợp", url="http://127.0.0.1:1/")
    only_returned = WebhookSubscription.objects.create(
        name="Kho dữ liệu", url="http://127.0.0.1:2/", events="returned"
    )
    dossier_in(world, Status.RECEIVED)  # submitted + received

    assert relay_batch() == 2
    assert waiting() == 0
    assert relay_batch() == 0  # nothing is relayed twice

    targets = sorted(Delivery.objects.values_list("outbox__event__kind", "target"))
    assert targets == [
        ("received", f"email:{world.citizen.pk}"),
        ("received", "national_portal"),
        ("received", f"webhook:{subscription.pk}"),
        ("submitted", "national_portal"),
        ("submitted", f"webhook:{subscription.pk}"),
    ]
    assert not Delivery.objects.filter(subscription=only_returned).exists()


def test_relay_lam_tung_lo(world, settings):
    for _ in range(3):
        dossier_in(world, Status.SUBMITTED)

    assert relay_batch(limit=2) == 2
    assert waiting() == 1
    assert relay_batch(limit=2) == 1


def test_lich_su_co_truoc_khi_ket_noi_khong_bi_gui_di(world):
    dossier_in(world, Status.RETURNED)
    from motcua.integration.services import settle_backlog

    assert settle_backlog() == 5  # submitted, received, processing started, approved, returned
    assert waiting() == 0
    assert relay_batch() == 0
    assert not Delivery.objects.exists()


def test_su_kien_ghi_hang_loat_cung_co_dong_outbox(world):
    dossier = dossier_in(world, Status.SUBMITTED)
    DossierEvent.objects.bulk_create(
        [DossierEvent(dossier=dossier, seq=n, kind="note_added", at=dossier.created_at) for n in (2, 3, 4)]
    )

    assert set(OutboxEvent.objects.values_list("event_id", flat=True)) == set(
        DossierEvent.objects.values_list("event_id", flat=True)
    )
    assert waiting() == 4
