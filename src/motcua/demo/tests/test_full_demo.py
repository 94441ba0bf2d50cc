"""The demo `make run` loads: a thousand dossiers, some of them late (slow: builds the whole province)."""

import pytest

from motcua.demo.builder import build_demo
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import overdue

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_full_demo_has_a_thousand_dossiers_some_late():
    summary = build_demo(signing=False)
    assert sum(summary.dossiers.values()) == Dossier.objects.count() == 1000
    assert overdue(Dossier.objects.all()).exists()
    assert Dossier.objects.filter(apologies__isnull=False).exists()


@pytest.mark.slow
def test_every_demo_leader_can_sign_and_every_procedure_has_a_template():
    from motcua.org.models import Official, Role
    from motcua.signing.models import ResultTemplate, SigningKey

    build_demo(dossiers=30, seed=3)
    leaders = Official.objects.filter(roles__role=Role.LEADER).distinct()
    assert SigningKey.objects.filter(official__in=leaders, is_active=True).count() == leaders.count()
    procedures_with_dossiers = Dossier.objects.values("procedure").distinct().count()
    assert ResultTemplate.objects.filter(kind="result", is_active=True).count() == procedures_with_dossiers
