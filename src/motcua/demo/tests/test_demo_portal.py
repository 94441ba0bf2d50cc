"""The demo shows the portal at work: blank forms to download, ratings, feedback answered and published."""

import pytest

from motcua.catalogue.models import DocumentComponent
from motcua.demo.builder import build_demo
from motcua.feedback.models import Feedback, Rating
from motcua.feedback.selectors import published_feedback

pytestmark = pytest.mark.django_db


def test_a_small_demo_has_blank_forms_ratings_and_published_answers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    build_demo(dossiers=120, seed=7, signing=False)
    component = DocumentComponent.objects.exclude(form_file="").first()
    assert component is not None
    with component.form_file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert Rating.objects.exists()
    assert Feedback.objects.filter(status="answered").exists() and published_feedback().exists()
