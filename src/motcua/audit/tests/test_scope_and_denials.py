"""Who reads the audit log sees only what the access rule allows; refusals are logged, without floods."""

import pytest
from django.core.cache import cache

from motcua.audit.models import Action, AuditEntry
from motcua.audit.services import record
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def listed_refs(api, user):
    api.force_authenticate(user)
    response = api.get("/api/v1/audit/", {"page_size": 100})
    assert response.status_code == 200
    return [(row["action"], row["object_ref"], row["actor_name"]) for row in response.json()["results"]]


def test_a_departments_administrator_sees_only_their_departments_entries(api, world, client):
    mine = dossier_in(world, Status.RECEIVED)
    other = world.other_receiver.user
    record(action=Action.READ, user=other, object_type="dossier", object_ref="000.00.15.H30-261206-0001")
    record(action=Action.LIST, user=other, object_type="dossier", object_ref="3", detail={"codes": ["x"]})
    client.post("/dang-nhap/", {"username": "ai-do", "password": "sai"})
    administrator = OfficialFactory.with_roles((world.justice, Role.ADMIN)).user
    seen = listed_refs(api, administrator)
    assert any(ref == mine.code for _a, ref, _n in seen)
    assert all(ref != "000.00.15.H30-261206-0001" for _a, ref, _n in seen)
    assert all(action not in (Action.LIST, Action.SIGN_IN_FAILED) for action, _r, _n in seen)
    superuser = OfficialFactory.with_roles((world.justice, Role.ADMIN)).user
    superuser.is_superuser = True
    superuser.save()
    everything = listed_refs(api, superuser)
    assert any(action == Action.SIGN_IN_FAILED for action, _r, _n in everything)
    assert any(ref == "000.00.15.H30-261206-0001" for _a, ref, _n in everything)


def test_asking_for_another_departments_dossier_is_logged_as_denied(api, world):
    theirs = dossier_in(world, Status.RECEIVED)
    api.force_authenticate(world.other_receiver.user)
    assert api.get(f"/api/v1/dossiers/{theirs.code}/").status_code == 404
    denied = AuditEntry.objects.get(action=Action.DENIED)
    assert (denied.actor_id, denied.object_type, denied.object_ref) == (
        world.other_receiver.user.pk,
        "dossier",
        theirs.code,
    )


def test_a_refused_action_under_an_idempotency_key_is_still_logged(api, world):
    dossier = dossier_in(world, Status.SUBMITTED)
    api.force_authenticate(world.other_receiver.user)
    response = api.post(
        f"/api/v1/dossiers/{dossier.code}/receive/", {}, format="json", HTTP_IDEMPOTENCY_KEY="r-1"
    )
    assert response.status_code == 404
    assert AuditEntry.objects.filter(action=Action.DENIED, object_ref=dossier.code).count() == 1


def test_a_flood_of_refusals_writes_one_entry_per_actor_and_minute(api, world, client):
    dossier = dossier_in(world, Status.RECEIVED)
    attachment_refs = [f"00000000-0000-0000-0000-{n:012d}" for n in range(40)]
    client.force_login(world.other_receiver.user)
    for ref in attachment_refs:
        assert client.get(f"/tep/{ref}/").status_code == 404
    api.force_authenticate(world.other_receiver.user)
    api.get(f"/api/v1/dossiers/{dossier.code}/")
    assert AuditEntry.objects.filter(action=Action.DENIED).count() <= 2
