"""The API's transition endpoints come from the one action table (dossiers.actions)."""

from django.urls import reverse

from motcua.dossiers.actions import ACTIONS
from motcua.dossiers.api import INPUT_SCHEMAS, DossierViewSet
from motcua.dossiers.states import TRANSITIONS


def test_every_transition_has_one_action_and_one_endpoint():
    assert set(TRANSITIONS) <= set(ACTIONS)
    for name, transition in ACTIONS.items():
        assert reverse(f"dossier-{name.replace('_', '-')}", args=["HS-1"]) == (
            f"/api/v1/dossiers/HS-1/{transition.url_path}/"
        )
        assert getattr(DossierViewSet, name).mapping == {"post": name}


def test_each_request_body_names_exactly_the_inputs_of_its_action():
    for transition in ACTIONS.values():
        schema = INPUT_SCHEMAS[transition.inputs]
        fields = set(schema().fields) if schema else set()
        assert fields == set(transition.inputs), transition.name


def test_every_action_records_an_event():
    assert all(transition.event for transition in ACTIONS.values())
