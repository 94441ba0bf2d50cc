"""A seeded random workload through the real services, for the aggregate tests."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from motcua.core.calendar import LOCAL_TZ
from motcua.core.errors import DomainError
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import CLOSED_STATUSES, TRANSITIONS
from motcua.reports import aggregates
from motcua_testing.dossiers import perform
from motcua_testing.factories import BIRTH_DATA, ProcedureFactory

START = datetime(2026, 10, 1, 8, 0, tzinfo=LOCAL_TZ)


def run(world, *, seed: int, steps: int = 120) -> list[Dossier]:
    """File dossiers online and at the counter, then move random ones through random allowed
    transitions (payments by gateway and cash, apologies included) over a few weeks."""
    rng = random.Random(seed)
    partial = ProcedureFactory(agencies=[world.justice], online_level="partial")
    procedures = [world.procedure, partial]
    clock = START
    dossiers: list[Dossier] = []
    for _ in range(steps):
        clock += timedelta(minutes=rng.randint(20, 600))
        open_ones = [d for d in dossiers if d.status not in CLOSED_STATUSES]
        roll = rng.random()
        if roll < 0.25 or not open_ones:
            procedure = rng.choice(procedures)
            if rng.random() < 0.5:
                dossier = services.file_dossier(
                    applicant=world.citizen, procedure=procedure, form_data=dict(BIRTH_DATA), at=clock
                )
            else:
                dossier = services.receive_at_counter(
                    official=world.receiver,
                    agency=world.justice,
                    applicant=world.citizen,
                    procedure=procedure,
                    form_data=dict(BIRTH_DATA),
                    at=clock,
                )
            dossiers.append(dossier)
            continue
        dossier = Dossier.objects.get(pk=rng.choice(open_ones).pk)
        try:
            if roll < 0.32:
                services.settle_fee(
                    dossier=dossier,
                    reference=f"R{rng.randint(1, 10**6)}",
                    amount=50_000,
                    channel=rng.choice(["vnpay", "cash"]),
                    at=clock,
                )
            elif roll < 0.37 and dossier.due_at is not None:
                services.apologize(
                    dossier=dossier,
                    by=world.leader.user,
                    reason="Cần thêm thời gian xác minh",
                    new_due_at=max(dossier.due_at, clock) + timedelta(days=rng.randint(3, 9)),
                    at=clock,
                )
            else:
                names = [n for n, t in TRANSITIONS.items() if dossier.status in t.sources and n != "submit"]
                perform(world, dossier, rng.choice(names), at=clock)
        except DomainError:
            pass  # a date that is not a working day, an apology too early...: nothing changed
        dossiers[dossiers.index(dossier)] = Dossier.objects.get(pk=dossier.pk)
    aggregates.fold()  # the periodic job's turn: the events' contributions reach the figures
    return dossiers
