"""Every list page of the officials' site answers with as many queries for 3N rows as for N (no N+1)."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from motcua.audit.services import record
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import OfficialFactory
from motcua_testing.queries import assert_no_n_plus_one

pytestmark = pytest.mark.django_db


def test_the_counter_queue(client, world):
    client.force_login(world.receiver.user)
    grow = lambda k: [dossier_in(world, Status.SUBMITTED).code for _ in range(k)]  # noqa: E731
    assert_no_n_plus_one(lambda: client.get(reverse("backoffice:counter")), grow)


def test_the_processing_queue(client, world):
    client.force_login(world.processor.user)
    grow = lambda k: [dossier_in(world, Status.PROCESSING).code for _ in range(k)]  # noqa: E731
    assert_no_n_plus_one(lambda: client.get(reverse("workspace:queue")), grow)


def test_the_audit_log(client, world):
    administrator = OfficialFactory.with_roles((world.justice, Role.ADMIN))
    client.force_login(administrator.user)
    made = itertools.count()

    def grow(k):
        refs = [f"HS-{next(made):04d}" for _ in range(k)]
        for ref in refs:
            record(action="read", user=world.processor.user, object_type="dossier", object_ref=ref)
        return refs

    assert_no_n_plus_one(lambda: client.get(reverse("backoffice:audit")), grow)
