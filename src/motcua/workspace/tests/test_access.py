"""One access rule over every list and detail endpoint and page: an official sees only dossiers of
agencies where they hold a role; a leader of a parent unit sees its children's; a provincial
administrator sees everything, and every look is logged."""

from __future__ import annotations

import pytest

from motcua.audit.models import Action, AuditEntry
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import AgencyFactory, OfficialFactory

pytestmark = pytest.mark.django_db

DETAIL_PAGES = [
    "/can-bo/xu-ly/ho-so/{code}/",
    "/can-bo/xu-ly/ho-so/{code}/phieu-kiem-soat/",
    "/can-bo/xu-ly/ho-so/{code}/giay-to/phieu-kiem-soat.pdf",
]
DETAIL_API = [
    "/api/v1/dossiers/{code}/",
    "/api/v1/dossiers/{code}/history/",
    "/api/v1/workspace/{code}/steps/",
    "/api/v1/workspace/{code}/consultations/",
]
LIST_PAGES = [f"/can-bo/xu-ly/?pham-vi=don-vi&hang={key}" for key in ("can-xu-ly", "da-xu-ly")]
LIST_API = [
    "/api/v1/dossiers/",
    "/api/v1/workspace/?scope=don-vi",
    "/api/v1/workspace/?scope=don-vi&queue=da-xu-ly",
]


@pytest.fixture
def province(world):
    """Sở Tư pháp under the provincial committee; its leader and the provincial administrator."""
    committee = AgencyFactory(code="000.00.00.H30", name="UBND tỉnh", kind="province_committee")
    world.justice.parent = committee
    world.justice.save()
    return {
        "leader_above": OfficialFactory.with_roles((committee, Role.LEADER)),
        "administrator": OfficialFactory.with_roles((committee, Role.ADMIN)),
    }


@pytest.fixture
def dossier(world):
    done = dossier_in(world, Status.PROCESSING)
    from motcua.workspace.services import hand_over

    hand_over(dossier=done, by=world.processor.user)  # so the "done" queues hold it too
    return done


def allowed(world, province):
    return {
        "processor": world.processor.user,
        "leader": world.leader.user,
        "leader_above": province["leader_above"].user,
        "administrator": province["administrator"].user,
    }


@pytest.mark.parametrize("url", DETAIL_PAGES)
def test_detail_pages_follow_the_rule(world, province, dossier, client, url):
    url = url.format(code=dossier.code)
    for name, user in allowed(world, province).items():
        client.force_login(user)
        assert client.get(url).status_code == 200, name
    client.force_login(world.other_receiver.user)
    assert client.get(url).status_code == 404
    client.force_login(world.citizen)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("url", DETAIL_API)
def test_detail_endpoints_follow_the_rule(world, province, dossier, api, url):
    url = url.format(code=dossier.code)
    for name, user in allowed(world, province).items():
        api.force_authenticate(user)
        assert api.get(url).status_code == 200, name
    api.force_authenticate(world.other_receiver.user)
    assert api.get(url).status_code == 404
    api.force_authenticate(None)
    assert api.get(url).status_code == 401


@pytest.mark.parametrize("url", LIST_PAGES)
def test_list_pages_follow_the_rule(world, province, dossier, client, url):
    for name, user in allowed(world, province).items():
        client.force_login(user)
        assert dossier.code in client.get(url).content.decode(), name
    client.force_login(world.other_receiver.user)
    page = client.get(url)
    assert page.status_code == 200 and dossier.code not in page.content.decode()


@pytest.mark.parametrize("url", LIST_API)
def test_list_endpoints_follow_the_rule(world, province, dossier, api, url):
    for name, user in allowed(world, province).items():
        api.force_authenticate(user)
        codes = [d["code"] for d in api.get(url).json()["results"]]
        assert dossier.code in codes, name
    api.force_authenticate(world.other_receiver.user)
    response = api.get(url)
    assert response.status_code == 200 and dossier.code not in [d["code"] for d in response.json()["results"]]


def test_an_official_of_another_agency_cannot_act_and_nothing_changes(world, dossier, api, client):
    before = dossier.events.count()
    api.force_authenticate(world.other_receiver.user)
    for action in ("hand-over", "send-back", "reassign", "consult", "answer"):
        assert api.post(
            f"/api/v1/workspace/{dossier.code}/{action}/", {"reason": "x", "to": 1}, format="json"
        ).status_code in (
            400,
            404,
        ), action
    client.force_login(world.other_receiver.user)
    assert client.post(f"/can-bo/xu-ly/ho-so/{dossier.code}/hand_over/").status_code == 404
    assert dossier.events.count() == before


def test_every_look_by_the_provincial_administrator_is_logged(world, province, dossier, api, client):
    administrator = province["administrator"].user
    client.force_login(administrator)
    client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    api.force_authenticate(administrator)
    api.get(f"/api/v1/dossiers/{dossier.code}/")
    api.get("/api/v1/dossiers/")
    looks = AuditEntry.objects.filter(actor_id=administrator.pk)
    assert looks.filter(action=Action.READ, object_ref=dossier.code).count() == 2
    assert dossier.code in looks.get(action=Action.LIST).detail["codes"]


def test_the_audit_search_is_for_administrators_only(world, province, dossier, api):
    api.force_authenticate(world.leader.user)
    assert api.get("/api/v1/audit/").status_code == 403
    api.force_authenticate(province["administrator"].user)
    response = api.get("/api/v1/audit/", {"action": "change"})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 1  # the total only on ?count=true (issue 19)
    response = api.get("/api/v1/audit/", {"since": "hôm qua"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400


def test_the_api_names_who_may_take_the_next_step_and_hands_over_to_them(world, api):
    dossier = dossier_in(world, Status.PROCESSING)
    api.force_authenticate(world.processor.user)
    candidates = api.get(f"/api/v1/workspace/{dossier.code}/candidates/").json()
    assert [o["id"] for o in candidates["next_officials"]] == [world.leader.pk]
    assert candidates["reassign_officials"] == []
    response = api.post(
        f"/api/v1/workspace/{dossier.code}/hand-over/",
        {"to": world.leader.pk, "note": "Đề xuất cấp"},
        format="json",
    )
    assert response.status_code == 200
    steps = api.get(f"/api/v1/workspace/{dossier.code}/steps/").json()
    assert steps[-1]["assignee"] == str(world.leader) and steps[-2]["note"] == "Đề xuất cấp"
    api.force_authenticate(world.leader.user)
    queue = api.get("/api/v1/workspace/").json()["results"]
    assert [d["code"] for d in queue] == [dossier.code]
    response = api.post(
        f"/api/v1/workspace/{dossier.code}/hand-over/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 409
    assert "the leader approves or refuses" in response.json()["error"]["message"]
