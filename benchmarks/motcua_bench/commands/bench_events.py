"""(benchmarks) Events relayed per second and commit → consumer latency, with their baselines.

Runs inside a fresh benchmark database (``motcua bench events``); prints the figures as JSON.
"""

import json
import os
import subprocess
import sys
import time

import pika
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from motcua.dossiers.history import record_event, save_events
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import file_dossier
from motcua.integration.payloads import event_payload
from motcua.integration.relay import relay_batch, waiting
from motcua_testing.factories import BIRTH_DATA
from motcua_testing.integration import AMQP_URL, Consumer, private_exchange
from motcua_testing.world import build_world


def _wait(condition, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the consumer did not receive every event")
        time.sleep(0.002)


def _raw_publisher(exchange):
    conn = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
    channel = conn.channel()
    channel.exchange_declare(exchange=exchange, exchange_type="topic", durable=True)
    channel.confirm_delivery()
    return conn, channel


def _raw_publish(channel, exchange, payload):
    channel.basic_publish(
        exchange=exchange,
        routing_key=payload["type"],
        body=json.dumps(payload, ensure_ascii=False).encode(),
        properties=pika.BasicProperties(
            content_type="application/json", delivery_mode=2, message_id=payload["id"], type=payload["type"]
        ),
    )


class Command(BaseCommand):
    help = "(benchmarks) đo tốc độ phát sự kiện"

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=5000)
        parser.add_argument("--samples", type=int, default=300)

    def handle(self, *args, events=5000, samples=300, **options):
        exchange = private_exchange()
        settings.EVENTS_AMQP_URL = AMQP_URL
        settings.EVENTS_EXCHANGE = exchange
        world = build_world()
        dossier = file_dossier(applicant=world.citizen, procedure=world.procedure, form_data=dict(BIRTH_DATA))
        relay_batch()  # the dossier's own event
        lines = [
            DossierEvent(
                dossier=dossier, seq=dossier.last_event_seq + n, kind="note_added", at=dossier.created_at
            )
            for n in range(1, events + 1)
        ]
        with transaction.atomic():
            Dossier.objects.filter(pk=dossier.pk).update(last_event_seq=dossier.last_event_seq + events)
            save_events(lines)  # the audit log hears them as the outbox trigger does
        figures = {}

        # Throughput: the relay drains the outbox into RabbitMQ, a consumer receives every message.
        with Consumer(exchange) as consumer:
            started = time.perf_counter()
            while relay_batch():
                pass
            _wait(lambda: len(consumer.messages) >= events)
            figures["relayed_per_second"] = events / (time.perf_counter() - started)
        # Baseline: the same payloads published straight to RabbitMQ (confirms on), same consumer.
        payloads = [
            event_payload(e)
            for e in DossierEvent.objects.filter(dossier=dossier).select_related(
                "dossier__procedure", "dossier__receiving_agency", "dossier__competent_agency", "agency"
            )[:events]
        ]
        with Consumer(exchange) as consumer:
            conn, channel = _raw_publisher(exchange)
            started = time.perf_counter()
            for payload in payloads:
                _raw_publish(channel, exchange, payload)
            _wait(lambda: len(consumer.messages) >= len(payloads))
            figures["raw_per_second"] = len(payloads) / (time.perf_counter() - started)
            conn.close()

        # Latency from commit to consumer, with a `motcua relay` process running as in production.
        env = {**os.environ, "MOTCUA_EVENTS_AMQP_URL": AMQP_URL, "MOTCUA_EVENTS_EXCHANGE": exchange}
        connection.close()
        relay = subprocess.Popen(
            [sys.executable, "-m", "motcua.cli", "relay"], env=env, stdout=subprocess.DEVNULL
        )
        try:
            with Consumer(exchange) as consumer:
                time.sleep(3)  # the relay has started and drained what was left
                committed = {}
                for _ in range(samples):
                    with transaction.atomic():
                        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
                        event = record_event(locked, kind="note_added", at=locked.created_at)
                    committed[str(event.event_id)] = time.time()
                    time.sleep(0.02)
                _wait(lambda: consumer.ids() >= set(committed))
                arrived = {}
                for message_id, _key, _payload, at in consumer.messages:
                    arrived.setdefault(message_id, at)
                figures["latency_ms"] = [(arrived[i] - t) * 1000 for i, t in committed.items()]
        finally:
            relay.terminate()
            relay.wait(timeout=30)
        # Baseline latency: publish straight to RabbitMQ, time to the same consumer.
        with Consumer(exchange) as consumer:
            conn, channel = _raw_publisher(exchange)
            sent = {}
            for payload in payloads[:samples]:
                payload = {**payload, "id": f"raw-{len(sent)}"}
                sent[payload["id"]] = time.time()
                _raw_publish(channel, exchange, payload)
                time.sleep(0.02)
            _wait(lambda: consumer.ids() >= set(sent))
            arrived = {}
            for message_id, _key, _payload, at in consumer.messages:
                arrived.setdefault(message_id, at)
            figures["raw_latency_ms"] = [(arrived[i] - t) * 1000 for i, t in sent.items()]
            conn.close()
        figures["waiting_after"] = waiting()
        self.stdout.write(json.dumps(figures))
