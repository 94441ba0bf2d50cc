"""Nothing is lost when processes die or the broker goes away: the outbox rows are the truth.

Real processes (``motcua relay``, ``motcua worker``) publish to the real RabbitMQ and are killed
with SIGKILL in the middle of their work; a TCP proxy in front of RabbitMQ is cut and restored.
"""

import os
import signal
from pathlib import Path

import pytest
from django.db import transaction

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.integration.models import OutboxEvent
from motcua.integration.relay import waiting
from motcua.jobs.celery import app
from motcua_testing.dossiers import dossier_in
from motcua_testing.integration import AMQP_URL, Consumer, Proxy, running_relay
from motcua_testing.jobs import running_worker, wait_for


def _many_events(world, count: int) -> set[str]:
    """``count`` history lines on one dossier (their outbox rows come with them)."""
    dossier = dossier_in(world, Status.PROCESSING)
    events = [
        DossierEvent(
            dossier=dossier, seq=dossier.last_event_seq + n, kind="note_added", at=dossier.created_at
        )
        for n in range(1, count + 1)
    ]
    with transaction.atomic():
        DossierEvent.objects.bulk_create(events)
    return {str(e) for e in DossierEvent.objects.values_list("event_id", flat=True)}


def _assert_each_delivered_with_one_meaning(consumer: Consumer, expected: set[str]) -> None:
    assert consumer.ids() == expected  # none lost, none invented
    by_id: dict[str, dict] = {}
    for message_id, _key, payload, _at in consumer.messages:
        assert by_id.setdefault(message_id, payload) == payload  # a duplicate is the same event


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _env(exchange: str, **extra) -> dict:
    return {"MOTCUA_EVENTS_AMQP_URL": AMQP_URL, "MOTCUA_EVENTS_EXCHANGE": exchange, **extra}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_relay_bi_giet_giua_lo_thi_khoi_dong_lai_gui_du_khong_mat(world, rabbitmq, tmp_path):
    expected = _many_events(world, 3000)
    log = tmp_path / "relay.log"
    with Consumer(rabbitmq) as consumer:
        with running_relay(log, "--batch", "100", env=_env(rabbitmq)) as relay:
            assert wait_for(lambda: len(consumer.messages) >= 300, timeout=60, every=0.01), log.read_text()[
                -2000:
            ]
            os.kill(relay.pid, signal.SIGKILL)
            relay.wait()
        published_before_kill = len(consumer.ids())
        left = waiting()
        assert 0 < left < len(expected)  # killed in the middle of the work
        with running_relay(log, "--batch", "100", env=_env(rabbitmq)):
            assert wait_for(lambda: consumer.ids() >= expected and waiting() == 0, timeout=120), (
                log.read_text()[-2000:]
            )

    _assert_each_delivered_with_one_meaning(consumer, expected)
    # What was published but not yet marked when the relay died came again, with the same ids.
    assert len(consumer.messages) >= len(expected)
    assert published_before_kill + left >= len(expected)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_worker_bi_giet_giua_lo_thi_viec_dinh_ky_gui_not(world, rabbitmq, tmp_path):
    expected = _many_events(world, 3000)
    log = tmp_path / "worker.log"
    app.conf.task_always_eager = False
    try:
        with Consumer(rabbitmq) as consumer:
            env = _env(rabbitmq, MOTCUA_RELAY_BATCH_SIZE="100", MOTCUA_RELAY_EVERY_SECONDS="2")
            with running_worker(log, env=env) as worker:
                app.send_task("motcua.integration.relay")
                assert wait_for(lambda: len(consumer.messages) >= 300, timeout=90, every=0.01), (
                    log.read_text()[-3000:]
                )
                for pid in [
                    *_children(worker.pid),
                    worker.pid,
                ]:  # the pool process doing the job, then the worker
                    os.kill(pid, signal.SIGKILL)
                worker.wait()
            assert 0 < waiting() < len(expected)
            # A new worker with its scheduler: the periodic relay finds the rows still waiting.
            with running_worker(log, "--beat", env=env):
                assert wait_for(lambda: consumer.ids() >= expected and waiting() == 0, timeout=180), (
                    log.read_text()[-3000:]
                )
    finally:
        app.conf.task_always_eager = True

    _assert_each_delivered_with_one_meaning(consumer, expected)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_broker_mat_mot_luc_roi_tro_lai_khong_mat_su_kien(world, rabbitmq, tmp_path):
    log = tmp_path / "relay.log"
    with Consumer(rabbitmq) as consumer, Proxy(("127.0.0.1", 5672)) as proxy:
        env = _env(rabbitmq)
        env["MOTCUA_EVENTS_AMQP_URL"] = f"amqp://guest:guest@127.0.0.1:{proxy.port}/%2F"
        with running_relay(log, env=env):
            before = {str(dossier_in(world, Status.SUBMITTED).events.get().event_id) for _ in range(5)}
            assert wait_for(lambda: consumer.ids() >= before, timeout=30), log.read_text()[-2000:]

            proxy.cut()  # the broker is gone
            during = {str(dossier_in(world, Status.SUBMITTED).events.get().event_id) for _ in range(5)}
            assert not wait_for(lambda: consumer.ids() & during, timeout=5)
            assert waiting() == 5  # still in the database, not in memory
            assert "relay:" in log.read_text()  # the relay says why it waits

            proxy.restore()  # and back
            assert wait_for(lambda: consumer.ids() >= before | during, timeout=60), log.read_text()[-2000:]
            assert wait_for(lambda: waiting() == 0, timeout=10)

    _assert_each_delivered_with_one_meaning(consumer, before | during)
    assert OutboxEvent.objects.filter(relayed_at__isnull=True).count() == 0
