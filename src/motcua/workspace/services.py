"""The officials' actions on a dossier's internal process: hand over, send back, reassign,
consult another agency and answer. One transaction each, the dossier's row locked, every
action a line in the dossier's history (and so in the audit log).

Approval, refusal, supplement requests and apologies are transitions of the dossier
itself: ``motcua.dossiers.services`` (the steps follow them, see ``handlers``).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.calendar import MINUTES_PER_DAY, working_calendar
from motcua.core.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed
from motcua.core.parsing import parse_id
from motcua.dossiers import locking
from motcua.dossiers import services as dossier_services
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.history import record_event
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.org.models import Agency, Official, Role
from motcua.org.selectors import agency_ids_for, holds_role
from motcua.workspace.models import Consultation, Outcome, Task
from motcua.workspace.process import PlannedStep, step_after
from motcua.workspace.steps import current_task, finish_open_tasks, open_task

WORKING_STATUSES = (Status.RECEIVED, Status.PROCESSING)


def _same_status_event(dossier: Dossier, **values):
    """A workspace action leaves the dossier's status as it is: one history line with it on both sides."""
    return record_event(dossier, from_status=dossier.status, to_status=dossier.status, **values)


def _official(user) -> Official:
    official = getattr(user, "official", None) if user is not None and user.is_authenticated else None
    if official is None:
        raise Forbidden(_("Chỉ cán bộ mới xử lý được hồ sơ."))
    return official


def can_work_on(official: Official, task: Task) -> bool:
    """The step's assignee; anyone with its role at its agency while unassigned; a leader of the agency."""
    if task.assignee_id == official.id:
        return True
    if task.assignee_id is None and task.agency_id in agency_ids_for(official, [task.role]):
        return True
    return task.agency_id in agency_ids_for(official, [Role.LEADER])


def can_lead(official: Official, agency_id: int) -> bool:
    return agency_id in agency_ids_for(official, [Role.LEADER, Role.ADMIN])


def _working_task(locked: Dossier, official: Official) -> Task:
    if locked.status not in WORKING_STATUSES:
        raise InvalidTransition(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không chuyển bước được.")
            % {"status": locked.get_status_display()}
        )
    task = current_task(locked)
    if task is None:
        raise InvalidTransition(_("Hồ sơ không có bước xử lý đang mở."))
    if not can_work_on(official, task):
        raise Forbidden(_("Bước “%(step)s” không giao cho bạn.") % {"step": task.name})
    return task


def _holder(official_id, agency: Agency, role: str, field: str) -> Official | None:
    if official_id in (None, ""):
        return None
    try:
        chosen = Official.objects.select_related("user").get(pk=parse_id(official_id))
    except Official.DoesNotExist:
        raise ValidationFailed(fields={field: [_("Không có cán bộ này.")]}) from None
    if not holds_role(chosen, agency, role):
        raise ValidationFailed(
            fields={
                field: [
                    _("%(name)s không có vai trò này tại %(agency)s.")
                    % {"name": chosen, "agency": agency.name}
                ]
            }
        )
    return chosen


def hand_over(
    *, dossier: Dossier, by, note: str = "", to: int | None = None, at: datetime | None = None
) -> Dossier:
    """Chuyển bước: the current step is done; the next step of the process starts (optionally with
    a named official). From the counter this is "chuyển xử lý" (start processing)."""
    at = at or timezone.now()
    official = _official(by)
    with locking.locked(dossier) as locked:
        task = _working_task(locked, official)
        planned = step_after(locked, task.step_order)
        if planned is None or (locked.status == Status.PROCESSING and planned.role == Role.RECEIVER):
            raise InvalidTransition(
                _("Đây là bước cuối trước khi trả kết quả: lãnh đạo phê duyệt hoặc không giải quyết.")
            )
        assignee = _holder(to, planned.agency, planned.role, "to")
        if locked.status == Status.RECEIVED:
            locked = dossier_services.start_processing(dossier=locked, by=by, at=at, note=note)
            if assignee is not None:
                Task.objects.filter(dossier=locked, finished_at__isnull=True).update(assignee=assignee)
            return locked
        finish_open_tasks(locked, at=at, by=official, outcome=Outcome.HANDED_ON, note=note)
        opened = open_task(locked, planned, at=at, assignee=assignee)
        _same_status_event(
            locked,
            kind=EventKind.HANDED_OVER,
            at=at,
            actor=by,
            agency=task.agency,
            note=note,
            data={
                "from_step": task.name,
                "to_step": opened.name,
                "to_agency": opened.agency.code,
                "to_official": str(assignee) if assignee else "",
            },
        )
    return locked


def send_back(*, dossier: Dossier, by, reason: str, at: datetime | None = None) -> Dossier:
    """Trả lại bước trước: the step goes back to whoever did the one before, with the reason."""
    at = at or timezone.now()
    official = _official(by)
    if not (reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Cần ghi rõ lý do trả lại.")]})
    with locking.locked(dossier) as locked:
        task = _working_task(locked, official)
        previous = locked.tasks.filter(seq__lt=task.seq, outcome=Outcome.HANDED_ON).order_by("-seq").first()
        if previous is None:
            raise InvalidTransition(_("Đây là bước đầu tiên, không có bước trước để trả lại."))
        finish_open_tasks(locked, at=at, by=official, outcome=Outcome.SENT_BACK, note=reason)
        planned = PlannedStep(
            previous.step_order, previous.name, previous.role, previous.agency, 0, previous.step
        )
        reopened = open_task(locked, planned, at=at, assignee=previous.finished_by or previous.assignee)
        _same_status_event(
            locked,
            kind=EventKind.SENT_BACK,
            at=at,
            actor=by,
            agency=task.agency,
            note=reason,
            data={
                "from_step": task.name,
                "to_step": reopened.name,
                "to_official": str(reopened.assignee) if reopened.assignee_id else "",
            },
        )
    return locked


def reassign(*, dossier: Dossier, by, to: int, note: str = "", at: datetime | None = None) -> Dossier:
    """Giao lại: a leader of the step's agency gives the step to another official of that agency."""
    at = at or timezone.now()
    official = _official(by)
    with locking.locked(dossier) as locked:
        task = current_task(locked)
        if task is None or locked.status not in (
            *WORKING_STATUSES,
            Status.SUPPLEMENT_REQUESTED,
            Status.AWAITING_PAYMENT,
        ):
            raise InvalidTransition(_("Hồ sơ không có bước xử lý đang mở."))
        if not can_lead(official, task.agency_id):
            raise Forbidden(
                _("Chỉ lãnh đạo %(agency)s mới giao lại được bước này.") % {"agency": task.agency.name}
            )
        assignee = _holder(to, task.agency, task.role, "to")
        if assignee is None:
            raise ValidationFailed(fields={"to": [_("Chọn cán bộ nhận xử lý.")]})
        previous = str(task.assignee) if task.assignee_id else ""
        task.assignee = assignee
        task.save(update_fields=["assignee"])
        _same_status_event(
            locked,
            kind=EventKind.REASSIGNED,
            at=at,
            actor=by,
            agency=task.agency,
            note=note,
            data={"step": task.name, "from_official": previous, "to_official": str(assignee)},
        )
    return locked


def consult(
    *, dossier: Dossier, by, agency: Agency, question: str, days: int = 3, at: datetime | None = None
) -> Consultation:
    """Xin ý kiến phối hợp: another agency is asked, with its own deadline in working days."""
    at = at or timezone.now()
    official = _official(by)
    if not (question or "").strip():
        raise ValidationFailed(fields={"question": [_("Cần ghi rõ nội dung xin ý kiến.")]})
    if not isinstance(days, int) or not 1 <= days <= 30:
        raise ValidationFailed(fields={"days": [_("Thời hạn trả lời từ 1 đến 30 ngày làm việc.")]})
    with locking.locked(dossier) as locked:
        task = _working_task(locked, official)
        if agency.pk == task.agency_id:
            raise ValidationFailed(fields={"agency": [_("Chọn một cơ quan khác để phối hợp.")]})
        consultation = Consultation.objects.create(
            dossier=locked,
            from_agency=task.agency,
            to_agency=agency,
            question=question.strip(),
            asked_by=official,
            asked_at=at,
            due_at=working_calendar().add_working_minutes(at, days * MINUTES_PER_DAY),
        )
        dossier_services.grant_access(dossier=locked, agency_id=agency.pk)
        _same_status_event(
            locked,
            kind=EventKind.CONSULTATION_REQUESTED,
            at=at,
            actor=by,
            agency=task.agency,
            note=question.strip(),
            data={
                "to_agency": agency.code,
                "due_at": consultation.due_at.isoformat(),
                "consultation": consultation.pk,
            },
        )
    return consultation


def answer(*, consultation_id: int, by, text: str, at: datetime | None = None) -> Consultation:
    """Trả lời phối hợp: an official of the consulted agency gives its opinion (once)."""
    at = at or timezone.now()
    official = _official(by)
    if not (text or "").strip():
        raise ValidationFailed(fields={"answer": [_("Cần ghi nội dung trả lời.")]})
    with transaction.atomic():
        try:
            consultation = (
                Consultation.objects.select_for_update().select_related("to_agency").get(pk=consultation_id)
            )
        except Consultation.DoesNotExist:
            raise NotFound(_("Không tìm thấy yêu cầu phối hợp.")) from None
        if consultation.to_agency_id not in agency_ids_for(official):
            raise NotFound(_("Không tìm thấy yêu cầu phối hợp."))
        if consultation.answered_at is not None:
            raise InvalidTransition(_("Yêu cầu phối hợp này đã được trả lời."))
        with locking.locked(consultation.dossier_id) as locked:
            consultation.answer = text.strip()
            consultation.answered_by = official
            consultation.answered_at = at
            consultation.save(update_fields=["answer", "answered_by", "answered_at"])
            _same_status_event(
                locked,
                kind=EventKind.CONSULTATION_ANSWERED,
                at=at,
                actor=by,
                agency=consultation.to_agency,
                note=consultation.answer,
                data={"consultation": consultation.pk, "late": consultation.is_late},
            )
    return consultation
