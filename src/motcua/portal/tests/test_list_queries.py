"""Every list page of the portal answers with as many queries for 3N rows as for N (no N+1)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import ProcedureFactory
from motcua_testing.queries import assert_no_n_plus_one, held_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_the_procedure_list(client, world):
    def grow(k):
        return [ProcedureFactory(agencies=[world.justice]).name for _ in range(k)]

    assert_no_n_plus_one(lambda: client.get(reverse("portal:procedures")), grow)


def test_my_dossiers(client, world):
    client.force_login(world.citizen)
    grow = lambda k: [dossier_in(world, Status.RECEIVED).code for _ in range(k)]  # noqa: E731
    assert_no_n_plus_one(lambda: client.get(reverse("portal:my-dossiers")), grow)


def test_my_repository(client, world):
    client.force_login(world.citizen)
    assert_no_n_plus_one(lambda: client.get(reverse("portal:repository")), lambda k: held_documents(world, k))
