"""The dossier's row lock: every write to a dossier, from whichever app, holds it.

Two officials acting on one dossier at once (or an official and the deadline job) are put one
after the other by the database; on SQLite the transaction itself serialises the writers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from motcua.dossiers.models import Dossier

WITH_AGENCIES = ("procedure", "receiving_agency", "competent_agency")


@contextmanager
def locked(dossier: Dossier | int, *, related: tuple[str, ...] = WITH_AGENCIES) -> Iterator[Dossier]:
    """Open a transaction (or join the caller's), lock the dossier's row and yield it as it is now.

    The lock holds until the outermost transaction ends; the yielded copy, not the caller's, is
    the one to read and change.
    """
    pk = dossier if isinstance(dossier, int) else dossier.pk
    with transaction.atomic():
        yield Dossier.objects.select_for_update(of=("self",)).select_related(*related).get(pk=pk)
