"""The Celery application.

Embedded default: a broker kept in files under ``MOTCUA_DATA_DIR/broker/`` (kombu's
filesystem transport), so ``make run`` needs no server and queued jobs survive a restart.
At scale: ``MOTCUA_BROKER_URL=amqp://…`` (RabbitMQ) or ``redis://…`` and any number of
``motcua worker`` processes on any number of machines.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

app = Celery("motcua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
