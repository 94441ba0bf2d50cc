"""Real receivers for the integration tests and benchmarks: a webhook endpoint on loopback, a
RabbitMQ consumer (pika), a TCP proxy that can cut the line to the broker, and a ``motcua relay``
process."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.conf import settings
from django.db import connection

from motcua.integration import webhooks
from motcua_testing.jobs import database_url

AMQP_URL = os.environ.get("MOTCUA_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")
REDIS_URL = os.environ.get("MOTCUA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# The port range this project's tests may listen on (several test runs share the machine).
PORTS = range(
    int(os.environ.get("MOTCUA_TEST_PORT_FIRST", "8300")),
    int(os.environ.get("MOTCUA_TEST_PORT_LAST", "8399")) + 1,
)


def private_exchange() -> str:
    """An exchange of its own for one test, so runs sharing a RabbitMQ never see each other's events."""
    return f"motcua.events.test-{uuid.uuid4().hex[:12]}"


def reachable(host: str, port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


class WebhookReceiver:
    """An HTTP endpoint on loopback that checks every request's signature like a real subscriber."""

    def __init__(self, secret: str, *, status: int = 200):
        self.secret = secret
        self.status = status
        self.received: list[dict] = []
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not webhooks.verify(receiver.secret, self.headers, body):
                    receiver.bad_signatures += 1
                    self.send_response(401)
                elif receiver.status >= 300:
                    self.send_response(receiver.status)
                else:
                    receiver.received.append({"headers": dict(self.headers), "body": json.loads(body)})
                    self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/motcua-events"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class Consumer:
    """A RabbitMQ consumer on its own queue bound to ``motcua.events`` (``dossier.#``), in a thread."""

    def __init__(self, exchange: str, url: str = AMQP_URL, binding: str = "dossier.#"):
        import pika

        self.exchange = exchange
        self.messages: list[tuple[str, str, dict, float]] = []  # (message_id, routing key, payload, time)
        self._stop = threading.Event()
        self._connection = pika.BlockingConnection(pika.URLParameters(url))
        channel = self._connection.channel()
        channel.exchange_declare(exchange=exchange, exchange_type="topic", durable=True)
        self.queue = channel.queue_declare(queue="", exclusive=True).method.queue
        channel.queue_bind(queue=self.queue, exchange=exchange, routing_key=binding)
        channel.basic_consume(queue=self.queue, on_message_callback=self._on_message, auto_ack=True)
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _on_message(self, channel, method, properties, body):
        self.messages.append((properties.message_id, method.routing_key, json.loads(body), time.time()))

    def _run(self):
        while not self._stop.is_set():
            self._connection.process_data_events(time_limit=0.1)

    def ids(self) -> set[str]:
        return {message_id for message_id, *_ in self.messages}

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)
        with contextlib.suppress(Exception):
            self._connection.channel().exchange_delete(self.exchange)
        with contextlib.suppress(Exception):
            self._connection.close()


class Proxy:
    """A TCP forwarder to ``target``: ``cut()`` drops every connection and refuses new ones until
    ``restore()`` — a broker going away and coming back, without stopping the real one."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def _accept(self, listener: socket.socket):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def __enter__(self):
        self.restore()
        return self

    def __exit__(self, *exc):
        self.cut()


@contextlib.contextmanager
def running_relay(log: Path, *args: str, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """A ``motcua relay`` process on the test database; stopped (TERM, then KILL) after."""
    environ = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(settings.DATA_DIR),
        "MOTCUA_DATABASE_URL": database_url(),
        **(env or {}),
    }
    connection.close()
    with open(log, "a") as out:
        relay = subprocess.Popen(
            [sys.executable, "-m", "motcua.cli", "relay", *args],
            env=environ,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield relay
        finally:
            if relay.poll() is None:
                relay.terminate()
                try:
                    relay.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    relay.kill()
                    relay.wait()
