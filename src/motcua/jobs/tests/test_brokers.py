"""Workers at scale: jobs go through RabbitMQ or Redis (MOTCUA_BROKER_URL), not only the embedded broker."""

import uuid

import pytest
from celery import Celery
from conftest import require_service

from motcua_testing.integration import AMQP_URL, REDIS_URL, reachable
from motcua_testing.jobs import running_worker, wait_for

BROKERS = {
    "rabbitmq": (AMQP_URL, 5672, "127.0.0.1:5672, apt-get install rabbitmq-server"),
    "redis": (REDIS_URL, 6379, "127.0.0.1:6379, apt-get install redis-server"),
}


@pytest.mark.slow
@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_worker_lam_viec_xep_hang_tren_broker_ngoai(broker, tmp_path):
    url, port, how = BROKERS[broker]
    require_service(broker, reachable("127.0.0.1", port), how)
    queue = f"motcua-test-{uuid.uuid4().hex[:8]}"  # several test runs may share the broker
    sender = Celery("sender", broker=url)

    # Queued before any worker runs: the job waits in the broker.
    sender.send_task("motcua.jobs.ping", args=[f"xin chào {broker}"], queue=queue)

    log = tmp_path / "worker.log"
    with running_worker(log, "--queues", queue, env={"MOTCUA_BROKER_URL": url}):
        assert wait_for(lambda: "succeeded" in log.read_text(), timeout=60), log.read_text()[-2000:]
    assert f"'xin chào {broker}'" in log.read_text()
    with sender.connection_for_write() as connection:
        connection.default_channel.queue_delete(queue)  # leave the shared broker as we found it
    sender.close()
