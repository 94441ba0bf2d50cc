"""The demo `make run` loads: a thousand dossiers, some of them late (slow: builds the whole province)."""

import pytest

from motcua.demo.builder import build_demo
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import overdue

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_full_demo_has_a_thousand_dossiers_some_late():
    summary = build_demo()
    assert sum(summary.dossiers.values()) == Dossier.objects.count() == 1000
    assert overdue(Dossier.objects.all()).exists()
    assert Dossier.objects.filter(apologies__isnull=False).exists()
