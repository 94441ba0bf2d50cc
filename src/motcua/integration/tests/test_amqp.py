"""Events reach RabbitMQ (topic exchange motcua.events, routing key dossier.<event>), once per id."""

import pytest

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.integration.relay import relay_batch
from motcua_testing.dossiers import dossier_in
from motcua_testing.integration import Consumer
from motcua_testing.jobs import wait_for


def test_nguoi_nhan_amqp_nhan_moi_su_kien_mot_lan(world, rabbitmq):
    with Consumer(rabbitmq) as consumer:
        first = dossier_in(world, Status.RETURNED)
        second = dossier_in(world, Status.REJECTED)
        relay_batch()
        relay_batch()  # nothing left: nothing published again
        expected = {str(i) for i in DossierEvent.objects.values_list("event_id", flat=True)}
        assert wait_for(lambda: len(consumer.messages) >= len(expected), timeout=15)

    ids = [message_id for message_id, *_ in consumer.messages]
    assert sorted(ids) == sorted(expected)  # each once
    keys = {payload["id"]: key for _, key, payload, _ in consumer.messages}
    kinds = dict(DossierEvent.objects.values_list("event_id", "kind"))
    assert all(keys[str(event_id)] == f"dossier.{kind}" for event_id, kind in kinds.items())
    returned = next(p for _, key, p, _ in consumer.messages if key == "dossier.returned")
    assert returned["dossier"]["code"] == first.code and returned["dossier"]["national_status"] == 10
    rejected = next(p for _, key, p, _ in consumer.messages if key == "dossier.rejected")
    assert rejected["dossier"]["code"] == second.code and rejected["note"] == "Hồ sơ không thuộc thẩm quyền"


def test_broker_khong_toi_duoc_thi_su_kien_van_cho_trong_csdl(world, settings):
    settings.EVENTS_AMQP_URL = "amqp://guest:guest@127.0.0.1:9/%2F"  # nothing listens there
    dossier_in(world, Status.SUBMITTED)

    with pytest.raises(Exception):  # noqa: B017 - whatever the AMQP client raises, nothing is marked
        relay_batch()

    from motcua.integration.relay import waiting

    assert waiting() == 1
