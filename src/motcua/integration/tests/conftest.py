import pytest
from conftest import require_service

from motcua_testing.integration import AMQP_URL, private_exchange, reachable


@pytest.fixture
def rabbitmq(settings):
    """The relay publishes to the real RabbitMQ, on an exchange of this test's own."""
    require_service(
        "RabbitMQ", reachable("127.0.0.1", 5672), "127.0.0.1:5672, apt-get install rabbitmq-server"
    )
    settings.EVENTS_AMQP_URL = AMQP_URL
    settings.EVENTS_EXCHANGE = private_exchange()
    return settings.EVENTS_EXCHANGE
