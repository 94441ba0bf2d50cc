"""Publishing events to RabbitMQ: topic exchange ``motcua.events``, routing key ``dossier.<event>``.

Messages are persistent and published with publisher confirms, so a message counts as
published only once RabbitMQ has taken responsibility for it; until then the outbox row stays
waiting and the relay tries again (the same ``message_id``: consumers de-duplicate on it).
"""

from __future__ import annotations

import json
import logging

import pika
from django.conf import settings

logger = logging.getLogger(__name__)


class Publisher:
    """One connection kept for the life of the relay process; dropped and rebuilt after any error."""

    def __init__(self, url: str, exchange: str):
        self.url = url
        self.exchange = exchange
        self._connection = None
        self._channel = None

    def _open(self):
        if self._channel is not None and self._channel.is_open:
            return self._channel
        parameters = pika.URLParameters(self.url)
        parameters.connection_attempts = 1
        parameters.socket_timeout = 5
        parameters.blocked_connection_timeout = 30
        self._connection = pika.BlockingConnection(parameters)
        channel = self._connection.channel()
        channel.exchange_declare(exchange=self.exchange, exchange_type="topic", durable=True)
        channel.confirm_delivery()
        self._channel = channel
        return channel

    def publish(self, payloads: list[dict]) -> None:
        """Publish every payload or raise (nothing is then marked sent).

        A connection left idle past its heartbeat has been closed by the broker: the first
        failure gets one fresh connection before giving up (messages already confirmed are
        published again with the same ids, which consumers drop).
        """
        for attempt in (1, 2):
            try:
                channel = self._open()
                for payload in payloads:
                    channel.basic_publish(
                        exchange=self.exchange,
                        routing_key=payload["type"],
                        body=json.dumps(payload, ensure_ascii=False).encode(),
                        properties=pika.BasicProperties(
                            content_type="application/json",
                            delivery_mode=pika.DeliveryMode.Persistent,
                            message_id=payload["id"],
                            type=payload["type"],
                        ),
                    )
                return
            except Exception:
                self.close()
                if attempt == 2:
                    raise

    def close(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None and connection.is_open:
            try:
                connection.close()
            except Exception:  # the connection is already broken; nothing more to release
                logger.debug("closing a broken AMQP connection", exc_info=True)


_publishers: dict[tuple[str, str], Publisher] = {}


def publisher() -> Publisher | None:
    """The process's publisher for MOTCUA_EVENTS_AMQP_URL, or None when AMQP publishing is off."""
    if not settings.EVENTS_AMQP_URL:
        return None
    key = (settings.EVENTS_AMQP_URL, settings.EVENTS_EXCHANGE)
    if key not in _publishers:
        _publishers[key] = Publisher(*key)
    return _publishers[key]
