"""An online submission over the API is the portal's hot path (issue 19: ≥ 300 a second): the
token is checked in one read (with the account and its official record), and the dossier is
written in one short transaction of INSERTs — nothing updated that a new dossier cannot have (its
steps are opened by later events)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import CONSTANTS

from motcua.accounts.tokens import issue_token
from motcua.dossiers.states import Status
from motcua.workspace.models import Task
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import BIRTH_DATA

pytestmark = pytest.mark.django_db


def submit(api, world, token):
    body = {"procedure": world.procedure.code, "form_data": BIRTH_DATA}
    return api.post("/api/v1/dossiers/", body, format="json", HTTP_AUTHORIZATION=f"Token {token}")


def test_a_submission_reads_the_token_and_account_once_and_updates_no_step(api, world):
    token, _ = issue_token(world.citizen)
    for _ in range(3):  # other devices' tokens: knox read them all on every request
        issue_token(world.citizen)
    submit(api, world, token)  # the first request of a process reads what later ones keep
    with CaptureQueriesContext(connection) as statements:
        response = submit(api, world, token)
    assert response.status_code == 201, response.content
    sql = [q["sql"] for q in statements.captured_queries]
    assert sum("knox_authtoken" in s for s in sql) == 1, sql
    # the account's official record (a citizen has none) comes with the token, for the access rule
    assert [s for s in sql if "org_official" in s] == [s for s in sql if "knox_authtoken" in s], sql
    assert not [s for s in sql if "workspace_task" in s], sql
    assert not Task.objects.exists()


def test_an_accounts_expired_tokens_go_when_it_signs_in_again(api, world):
    kept, _ = issue_token(world.citizen)
    issue_token(world.citizen)
    AuthToken.objects.exclude(token_key=kept[: CONSTANTS.TOKEN_KEY_LENGTH]).update(
        expiry=timezone.now() - timedelta(minutes=1)
    )
    assert submit(api, world, kept).status_code == 201
    assert AuthToken.objects.filter(user=world.citizen).count() == 2  # the expired one waits…
    issue_token(world.citizen)
    assert AuthToken.objects.filter(user=world.citizen).count() == 2  # …for the next sign-in
    assert not AuthToken.objects.filter(expiry__lt=timezone.now()).exists()


def test_an_expired_token_presented_is_refused_and_deleted(api, world):
    token, _ = issue_token(world.citizen)
    AuthToken.objects.update(expiry=timezone.now() - timedelta(seconds=1))
    assert submit(api, world, token).status_code == 401
    assert not AuthToken.objects.exists()


def test_an_officials_token_carries_the_official_for_the_access_rule(api, world):
    dossier = dossier_in(world, Status.PROCESSING)
    token, _ = issue_token(world.processor.user)
    with CaptureQueriesContext(connection) as statements:
        response = api.get(f"/api/v1/dossiers/{dossier.code}/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200, response.content
    assert response.json()["allowed_actions"], "the processor may act on it"
    sql = [q["sql"] for q in statements.captured_queries]
    assert not [s for s in sql if s.startswith('SELECT "org_official"')], sql
