"""The provincial administrator watches failed deliveries (admin → Lần gửi) without being shown
links to pages they may not open (the outbox event's page is not theirs)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from motcua.dossiers.states import Status
from motcua.integration.deliveries import deliver_due
from motcua.integration.models import Delivery, WebhookSubscription
from motcua.integration.relay import relay_batch
from motcua_testing.crawler import client_fetcher, crawl
from motcua_testing.dossiers import dossier_in
from motcua_testing.integration import WebhookReceiver

pytestmark = pytest.mark.django_db


def test_every_link_of_the_delivery_pages_opens_for_who_may_see_deliveries(client, world, settings):
    settings.DELIVERY_MAX_ATTEMPTS = 1
    with WebhookReceiver("s", status=500) as receiver:
        WebhookSubscription.objects.create(name="LGSP", url=receiver.url, secret="s", events="submitted")
        dossier_in(world, Status.SUBMITTED)
        relay_batch()
        deliver_due()
    assert Delivery.objects.filter(state=Delivery.State.DEAD).exists()
    watcher = world.receiver.user
    watcher.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="integration", content_type__model__in=["delivery", "webhooksubscription"]
        )
    )
    client.force_login(watcher)
    report = crawl(client_fetcher(client), start="/admin/integration/delivery/", limit=80)
    assert any("/admin/integration/delivery/" in url and "/change/" in url for url in report.visited)
    assert not report.problems, "\n".join(map(str, report.problems))
