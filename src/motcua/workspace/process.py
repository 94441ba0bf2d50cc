"""Which steps a dossier goes through: the procedure's internal process from the catalogue,
or, for a procedure without one, the common four (receive, review, approve, return)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.catalogue.models import ProcessStep
from motcua.dossiers.models import Dossier
from motcua.org.models import Agency, Role


@dataclass(frozen=True)
class PlannedStep:
    order: int
    name: str
    role: str
    agency: Agency
    minutes: int
    step: ProcessStep | None = None


DEFAULT_STEPS = (
    (_("Tiếp nhận, chuyển xử lý"), Role.RECEIVER, ProcessStep.Target.RECEIVING),
    (_("Thẩm định, đề xuất"), Role.PROCESSOR, ProcessStep.Target.COMPETENT),
    (_("Phê duyệt"), Role.LEADER, ProcessStep.Target.COMPETENT),
    (_("Trả kết quả"), Role.RECEIVER, ProcessStep.Target.RECEIVING),
)


def _agency(dossier: Dossier, target: str, fixed: Agency | None) -> Agency:
    if fixed is not None:
        return fixed
    return dossier.receiving_agency if target == ProcessStep.Target.RECEIVING else dossier.competent_agency


def plan(dossier: Dossier) -> list[PlannedStep]:
    steps = list(dossier.procedure.steps.select_related("agency").order_by("order"))
    if steps:
        return [
            PlannedStep(s.order, s.name, s.role, _agency(dossier, s.target, s.agency), s.duration_minutes, s)
            for s in steps
        ]
    return [
        PlannedStep(order, str(name), role, _agency(dossier, target, None), 0)
        for order, (name, role, target) in enumerate(DEFAULT_STEPS, start=1)
    ]


def step_after(dossier: Dossier, order: int | None) -> PlannedStep | None:
    for planned in plan(dossier):
        if order is None or planned.order > order:
            return planned
    return None
