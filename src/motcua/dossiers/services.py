"""Write use-cases of the dossier: one public function per transition, one transaction each.

Every function takes keyword arguments, checks who may act and from which
status, changes the dossier, and appends the history event in the same
transaction. A refused action raises a domain error and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalogue.eforms import form_errors
from motcua.catalogue.models import Procedure
from motcua.core.calendar import LOCAL_TZ, WORK_PERIODS, working_calendar
from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers import locking
from motcua.dossiers.codes import issue_code
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.fees import CollectedFee
from motcua.dossiers.history import first_events, record_event, save_events
from motcua.dossiers.models import Apology, Channel, ClockPause, Dossier, DossierAccess, DossierEvent
from motcua.dossiers.permissions import NOBODY, actor_for, official_of
from motcua.dossiers.routing import route
from motcua.dossiers.states import CLOCK_RUNNING_STATUSES, CLOSED_STATUSES, OPEN_STATUSES, TRANSITIONS, Status
from motcua.org.models import Agency, Official, Role
from motcua.org.selectors import agency_ids_for


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _official_of(user) -> Official | None:
    return official_of(user)


def _authorize(name: str, dossier: Dossier, user) -> Official | None:
    """The acting official (``None`` for the applicant); Forbidden when ``user`` may not act."""
    actor = actor_for(name, dossier, user)
    if actor is NOBODY:
        label = str(TRANSITIONS[name].label).lower()
        raise Forbidden(_("Bạn không có quyền %(action)s hồ sơ này.") % {"action": label})
    return actor


def _apply(
    name: str,
    dossier: Dossier,
    user,
    *,
    at: datetime | None,
    note: str = "",
    data: dict | None = None,
    change: Callable[[Dossier, Official | None, datetime], str | None] | None = None,
    field_errors: dict | None = None,
) -> Dossier:
    """Lock the dossier, check actor and status, then what was typed (the reason, and ``field_errors``
    found by the caller, all reported at once), apply ``change``, move to the target, record the event.
    Who may act and from which status are answered before anything about the input."""
    transition = TRANSITIONS[name]
    at = _now(at)
    with locking.locked(dossier) as locked:
        official = _authorize(name, locked, user)
        if locked.status not in transition.sources:
            raise InvalidTransition(
                _("Không thể %(action)s: hồ sơ đang ở trạng thái “%(status)s”.")
                % {"action": str(transition.label).lower(), "status": locked.get_status_display()}
            )
        errors = dict(field_errors or {})
        if transition.needs_reason and not (note or "").strip():
            errors = {"reason": [_("Cần ghi rõ lý do.")], **errors}
        if errors:
            raise ValidationFailed(fields=errors)
        from_status = locked.status
        target = change(locked, official, at) if change else None
        locked.status = target or transition.target
        locked.save()
        agency = locked.receiving_agency if transition.agency == "receiving" else locked.competent_agency
        record_event(
            locked,
            kind=transition.event,
            at=at,
            actor=user,
            agency=agency if official is not None else None,
            from_status=from_status,
            to_status=locked.status,
            note=note or "",
            data=data,
        )
    return locked


# -- the clock ---------------------------------------------------------------------------------


def _start_clock(dossier: Dossier, at: datetime) -> None:
    duration = dossier.procedure.processing_time
    dossier.received_at = at
    if duration is not None:
        dossier.processing_minutes = duration.minutes
        dossier.due_at = working_calendar().add_working_minutes(at, duration.minutes)


def _pause_clock(dossier: Dossier, at: datetime, reason: str) -> None:
    """Stop the clock, keeping the working time left (negative when already late)."""
    dossier.resume_status = dossier.status
    if dossier.status in CLOCK_RUNNING_STATUSES and dossier.due_at is not None:
        remaining = working_calendar().working_minutes_between(at, dossier.due_at)
        dossier.paused_at = at
        dossier.remaining_minutes = remaining
        ClockPause.objects.create(dossier=dossier, reason=reason, started_at=at, remaining_minutes=remaining)


def _resume_clock(dossier: Dossier, at: datetime) -> str:
    """Restart the clock with the time that was left; returns the status to go back to."""
    if dossier.paused_at is not None:
        remaining = dossier.remaining_minutes or 0
        if remaining > 0:
            dossier.due_at = working_calendar().add_working_minutes(at, remaining)
        dossier.paused_at = None
        dossier.remaining_minutes = None
        ClockPause.objects.filter(dossier=dossier, ended_at__isnull=True).update(ended_at=at)
    target, dossier.resume_status = dossier.resume_status, ""
    return target


# -- creating and submitting ------------------------------------------------------------------


def _snapshot_applicant(dossier: Dossier, applicant) -> None:
    dossier.applicant_name = applicant.full_name or applicant.username
    dossier.applicant_id_number = applicant.identity_number
    dossier.applicant_phone = applicant.phone
    dossier.applicant_email = applicant.email
    dossier.applicant_address = applicant.address


def _check_form(procedure: Procedure, form_data) -> None:
    errors = form_errors(procedure.form_schema, form_data)
    if errors:
        raise ValidationFailed(_("Biểu mẫu điện tử còn thông tin chưa hợp lệ."), fields=errors)


def _check_procedure(procedure: Procedure, channel: str) -> None:
    if not procedure.is_active:
        raise ValidationFailed(fields={"procedure": [_("Thủ tục này không còn áp dụng.")]})
    if channel == Channel.ONLINE and not procedure.accepts_online:
        raise ValidationFailed(
            fields={
                "procedure": [
                    _("Thủ tục này chưa cho phép nộp trực tuyến; vui lòng nộp tại bộ phận một cửa.")
                ]
            }
        )


def file_dossier(
    *,
    applicant,
    procedure: Procedure,
    form_data: dict | None = None,
    receiving_agency: Agency | None = None,
    competent_agency: Agency | None = None,
    submit: bool = True,
    at: datetime | None = None,
) -> Dossier:
    """An applicant's online dossier: saved as a draft, or submitted at once (it then gets its code).

    Submitting at once is the hot path of the portal: the dossier is written
    submitted, with its code and both history events, in one short transaction.
    """
    at = _now(at)
    if not getattr(applicant, "is_applicant", False):
        raise Forbidden(_("Chỉ công dân, tổ chức mới nộp hồ sơ trực tuyến."))
    form_data = form_data if form_data is not None else {}
    if not isinstance(form_data, dict):
        raise ValidationFailed(fields={"form_data": [_("Dữ liệu biểu mẫu phải là một đối tượng.")]})
    _check_procedure(procedure, Channel.ONLINE)
    if submit:
        _check_form(procedure, form_data)
    receiving, competent = route(
        procedure, receiving_agency=receiving_agency, competent_agency=competent_agency
    )
    dossier = Dossier(
        procedure=procedure,
        applicant=applicant,
        receiving_agency=receiving,
        competent_agency=competent,
        channel=Channel.ONLINE,
        status=Status.SUBMITTED if submit else Status.DRAFT,
        form_data=form_data,
        created_at=at,
        submitted_at=at if submit else None,
    )
    _snapshot_applicant(dossier, applicant)
    with transaction.atomic():
        if submit:
            dossier.code = issue_code(receiving, at)
            first = {"kind": EventKind.SUBMITTED, "to_status": Status.SUBMITTED}
        else:
            first = {"kind": EventKind.CREATED, "to_status": Status.DRAFT}
        (event,) = first_events(dossier, [first], at=at, actor=applicant)
        dossier.save()
        save_events([event])
    return dossier


def update_draft(*, dossier: Dossier, by, form_data: dict) -> Dossier:
    """Save what the applicant typed so far (no validation until submission)."""
    if by is None or by.pk != dossier.applicant_id:
        raise Forbidden()
    if not isinstance(form_data, dict):
        raise ValidationFailed(fields={"form_data": [_("Dữ liệu biểu mẫu phải là một đối tượng.")]})
    with locking.locked(dossier, related=()) as locked:
        if locked.status != Status.DRAFT:
            raise InvalidTransition(_("Chỉ sửa được hồ sơ đang là bản nháp."))
        locked.form_data = form_data
        locked.save(update_fields=["form_data", "updated_at"])
    return locked


def submit_dossier(*, dossier: Dossier, by, at: datetime | None = None) -> Dossier:
    """Nộp hồ sơ: the form is checked, the dossier gets its code and waits for reception."""

    def change(locked: Dossier, _official, at: datetime):
        _check_procedure(locked.procedure, locked.channel)
        _check_form(locked.procedure, locked.form_data)
        locked.submitted_at = at
        locked.code = issue_code(locked.receiving_agency, at)
        return None

    return _apply("submit", dossier, by, at=at, change=change)


def receive_at_counter(
    *,
    official: Official,
    agency: Agency,
    applicant,
    procedure: Procedure,
    form_data: dict | None = None,
    documents_received: list[int] | None = None,
    competent_agency: Agency | None = None,
    at: datetime | None = None,
    note: str = "",
) -> Dossier:
    """Walk-in reception: the counter official records a paper dossier, received at once (clock starts)."""
    at = _now(at)
    if agency.id not in agency_ids_for(official, [Role.RECEIVER]):
        raise Forbidden(_("Bạn không có vai trò tiếp nhận tại %(agency)s.") % {"agency": agency.name})
    _check_procedure(procedure, Channel.COUNTER)
    form_data = form_data or {}
    _check_form(procedure, form_data)
    mandatory = set(procedure.documents.filter(mandatory=True).values_list("id", flat=True))
    received = set(documents_received or [])
    if documents_received is not None and not mandatory <= received:
        missing = procedure.documents.filter(id__in=mandatory - received).values_list("name", flat=True)
        raise ValidationFailed(
            _("Hồ sơ còn thiếu giấy tờ bắt buộc."),
            fields={"documents_received": [str(n)[:200] for n in missing]},
        )
    receiving, competent = route(procedure, receiving_agency=agency, competent_agency=competent_agency)
    with transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            applicant=applicant,
            receiving_agency=receiving,
            competent_agency=competent,
            channel=Channel.COUNTER,
            status=Status.RECEIVED,
            form_data=form_data,
            created_at=at,
            submitted_at=at,
            received_by=official,
        )
        _snapshot_applicant(dossier, applicant)
        _start_clock(dossier, at)
        dossier.code = issue_code(receiving, at)
        dossier.save()
        user = official.user
        record_event(dossier, kind=EventKind.SUBMITTED, at=at, actor=applicant, to_status=Status.SUBMITTED)
        record_event(
            dossier,
            kind=EventKind.RECEIVED,
            at=at,
            actor=user,
            agency=receiving,
            from_status=Status.SUBMITTED,
            to_status=Status.RECEIVED,
            note=note,
            data={
                "documents_received": sorted(received),
                # Names too: re-importing the catalogue replaces components, the receipt must still list them.
                "documents_received_names": list(
                    procedure.documents.filter(id__in=received)
                    .order_by("order")
                    .values_list("name", flat=True)
                ),
                "due_at": dossier.due_at.isoformat() if dossier.due_at else None,
            },
        )
    return dossier


# -- officials' transitions -------------------------------------------------------------------


def receive(*, dossier: Dossier, by, at: datetime | None = None, note: str = "") -> Dossier:
    """Tiếp nhận: the dossier is valid and complete; the clock starts and the appointment date is fixed."""

    def change(locked: Dossier, official: Official, at: datetime):
        _start_clock(locked, at)
        locked.received_by = official
        return None

    return _apply("receive", dossier, by, at=at, note=note, change=change)


def reject(*, dossier: Dossier, by, reason: str, at: datetime | None = None) -> Dossier:
    """Từ chối tiếp nhận: the dossier is not accepted, with the reason."""

    def change(locked: Dossier, _official, at: datetime):
        locked.closed_at = at
        return None

    return _apply("reject", dossier, by, at=at, note=reason, change=change)


def request_supplement(
    *, dossier: Dossier, by, reason: str, missing: list[str] | None = None, at: datetime | None = None
) -> Dossier:
    """Yêu cầu bổ sung: the applicant must add what is missing; the clock stops until they do.

    The request names what is missing (form 02 lists it for the applicant): at least one line,
    whichever door it came through (counter, workspace, API).
    """
    missing = [str(line).strip() for line in (missing or []) if str(line).strip()]
    errors = {} if missing else {"missing": [_("Chọn hoặc ghi rõ giấy tờ, nội dung cần bổ sung.")]}

    def change(locked: Dossier, _official, at: datetime):
        _pause_clock(locked, at, ClockPause.Reason.SUPPLEMENT)
        return None

    return _apply(
        "request_supplement",
        dossier,
        by,
        at=at,
        note=reason,
        data={"missing": missing},
        change=change,
        field_errors=errors,
    )


def supplement(
    *,
    dossier: Dossier,
    by,
    note: str = "",
    form_data: dict | None = None,
    documents: list[str] | None = None,
    at: datetime | None = None,
) -> Dossier:
    """Nộp bổ sung: the applicant supplies what was asked; the clock resumes with the time that was left.

    ``documents`` names the files handed in with the supplement (kept in the history).
    """

    def change(locked: Dossier, _official, at: datetime):
        if form_data is not None:
            _check_form(locked.procedure, form_data)
            locked.form_data = form_data
        return _resume_clock(locked, at)

    data = {"documents": list(documents)} if documents else None
    return _apply("supplement", dossier, by, at=at, note=note, data=data, change=change)


def start_processing(*, dossier: Dossier, by, at: datetime | None = None, note: str = "") -> Dossier:
    """Chuyển xử lý: the counter hands the dossier to the competent department."""
    return _apply("start_processing", dossier, by, at=at, note=note)


def request_payment(
    *, dossier: Dossier, by, amount: int | None = None, at: datetime | None = None, note: str = ""
) -> Dossier:
    """Yêu cầu thực hiện nghĩa vụ tài chính: the clock stops until the applicant pays."""
    if amount is not None and (not isinstance(amount, int) or amount < 0):
        raise ValidationFailed(fields={"amount": [_("Số tiền phải là số nguyên đồng không âm.")]})

    def change(locked: Dossier, _official, at: datetime):
        _pause_clock(locked, at, ClockPause.Reason.PAYMENT)
        return None

    return _apply("request_payment", dossier, by, at=at, note=note, data={"amount": amount}, change=change)


def confirm_payment(*, dossier: Dossier, by, reference: str = "", at: datetime | None = None) -> Dossier:
    """The financial obligation is met; processing continues where it stopped."""

    def change(locked: Dossier, _official, at: datetime):
        return _resume_clock(locked, at)

    return _apply(
        "confirm_payment", dossier, by, at=at, note=reference, data={"reference": reference}, change=change
    )


def settle_fee(
    *, dossier: Dossier, reference: str, amount: int, channel: str, at: datetime | None = None
) -> bool:
    """The fee is paid (a verified gateway notification, or a payment confirmed at the counter by the
    payments app): a dossier waiting for it goes back where it stopped and its clock resumes; a dossier
    that paid at filing keeps its status and the payment is written in its history. Returns ``False``
    (and changes nothing) when the dossier is closed: the caller refunds the money.

    No user acts here: the payments app calls this only after checking the gateway's signature or
    the official's right to take money, so the history names the channel, not a person."""
    at = _now(at)
    with locking.locked(dossier, related=()) as locked:
        if locked.status in CLOSED_STATUSES or locked.status == Status.DRAFT:
            return False
        from_status = locked.status
        if locked.status == Status.AWAITING_PAYMENT:
            locked.status = _resume_clock(locked, at) or Status.PROCESSING
            locked.save()
        record_event(
            locked,
            kind=EventKind.PAYMENT_CONFIRMED,
            at=at,
            from_status=from_status,
            to_status=locked.status,
            note=reference,
            data={"reference": reference, "amount": int(amount), "channel": channel},
        )
    return True


def approve(*, dossier: Dossier, by, at: datetime | None = None, note: str = "") -> Dossier:
    """Phê duyệt: the leader approves; the result is ready to hand out."""

    def change(locked: Dossier, _official, at: datetime):
        locked.finished_at = at
        return None

    return _apply("approve", dossier, by, at=at, note=note, change=change)


def refuse(*, dossier: Dossier, by, reason: str, at: datetime | None = None) -> Dossier:
    """Không giải quyết: the leader refuses, with the reason (the refusal letter states it)."""

    def change(locked: Dossier, _official, at: datetime):
        locked.finished_at = at
        locked.closed_at = at
        return None

    return _apply("refuse", dossier, by, at=at, note=reason, change=change)


def return_result(
    *, dossier: Dossier, by, at: datetime | None = None, note: str = "", fee: CollectedFee | None = None
) -> Dossier:
    """Trả kết quả, thu phí, lệ phí: the result is handed to the applicant; the fee collected (if
    the counter recorded one) is kept in the event and written in its note."""

    def change(locked: Dossier, _official, at: datetime):
        locked.returned_at = at
        locked.closed_at = at
        return None

    if fee is not None:
        note = "; ".join(part for part in (fee.summary(), note) if part)
    data = {"fee": fee.as_data()} if fee is not None else None
    return _apply("return_result", dossier, by, at=at, note=note, data=data, change=change)


def withdraw(*, dossier: Dossier, by, reason: str = "", at: datetime | None = None) -> Dossier:
    """Rút hồ sơ: the applicant withdraws a dossier that is still open."""

    def change(locked: Dossier, _official, at: datetime):
        locked.closed_at = at
        if locked.paused_at is not None:
            ClockPause.objects.filter(dossier=locked, ended_at__isnull=True).update(ended_at=at)
        return None

    return _apply("withdraw", dossier, by, at=at, note=reason, change=change)


def apologize(
    *, dossier: Dossier, by, new_due_at: datetime, reason: str, at: datetime | None = None
) -> Dossier:
    """Phiếu xin lỗi và hẹn lại: a late (or soon late) dossier gets a new appointment date, with an apology."""
    at = _now(at)
    if not (reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Cần ghi rõ lý do chậm trễ.")]})
    if isinstance(new_due_at, datetime) and timezone.is_naive(new_due_at):
        new_due_at = new_due_at.replace(tzinfo=LOCAL_TZ)
    elif not isinstance(new_due_at, datetime):  # a date: the end of that working day
        new_due_at = datetime.combine(new_due_at, WORK_PERIODS[-1][1], LOCAL_TZ)
    with locking.locked(dossier) as locked:
        official = _official_of(by)
        roles = [Role.RECEIVER, Role.PROCESSOR, Role.LEADER]
        if official is None or locked.competent_agency_id not in agency_ids_for(official, roles):
            raise Forbidden(_("Bạn không có quyền hẹn lại hồ sơ này."))
        if locked.status not in OPEN_STATUSES or locked.due_at is None:
            raise InvalidTransition(_("Chỉ hẹn lại được hồ sơ đã tiếp nhận và chưa có kết quả."))
        if new_due_at <= max(locked.due_at, at):
            raise ValidationFailed(
                fields={"new_due_at": [_("Ngày hẹn mới phải sau ngày hẹn cũ và sau hôm nay.")]}
            )
        if not working_calendar().is_working_day(new_due_at.astimezone(LOCAL_TZ).date()):
            raise ValidationFailed(fields={"new_due_at": [_("Ngày hẹn mới phải là ngày làm việc.")]})
        previous = locked.due_at
        Apology.objects.create(
            dossier=locked,
            previous_due_at=previous,
            new_due_at=new_due_at,
            reason=reason,
            official=official,
            at=at,
        )
        locked.due_at = new_due_at
        locked.save(update_fields=["due_at", "updated_at"])
        record_event(
            locked,
            kind=EventKind.APOLOGIZED,
            at=at,
            actor=by,
            agency=locked.competent_agency,
            from_status=locked.status,
            to_status=locked.status,
            note=reason,
            data={"previous_due_at": previous.isoformat(), "new_due_at": new_due_at.isoformat()},
        )
    return locked


def record_deadline_event(dossier_id: int, kind: str, at: datetime) -> bool:
    """A deadline job's mark (``deadline_warning``, ``overdue``), once per appointment date, while the
    clock runs; False when there is nothing to mark (paused, closed, already marked for this date)."""
    with locking.locked(dossier_id, related=()) as dossier:
        if dossier.status not in CLOCK_RUNNING_STATUSES or dossier.paused_at or dossier.due_at is None:
            return False
        due = dossier.due_at.isoformat()
        if DossierEvent.objects.filter(dossier=dossier, kind=kind, data__due_at=due).exists():
            return False
        record_event(dossier, kind=kind, at=at, data={"due_at": due})
    return True


def close_for_erasure(*, applicant, by, at: datetime | None = None) -> list[str]:
    """The dossiers' side of erasing an applicant's personal data (Decree 13/2023).

    Refused (ValidationFailed, nothing changed) while one of their dossiers is being processed.
    Otherwise each draft is emptied and withdrawn like any withdrawal: a history event, so the
    audit log and the outbox (``dossier.withdrawn``) hear of it. Returns the codes of the
    submitted dossiers, kept unchanged as archived administrative records.
    """
    at = _now(at)
    with transaction.atomic():
        owned = Dossier.objects.select_for_update().filter(applicant=applicant)
        open_codes = list(owned.filter(status__in=OPEN_STATUSES).values_list("code", flat=True))
        if open_codes:
            raise ValidationFailed(
                _("Chưa xóa được: còn %(n)d hồ sơ đang giải quyết (%(codes)s). Hồ sơ phải kết thúc trước.")
                % {"n": len(open_codes), "codes": ", ".join(open_codes[:5])},
                fields={"dossiers": open_codes},
            )
        for draft_id in owned.filter(status=Status.DRAFT).values_list("pk", flat=True):
            with locking.locked(draft_id, related=()) as draft:
                draft.form_data = {}
                draft.status = Status.WITHDRAWN
                draft.closed_at = at
                draft.save(update_fields=["form_data", "status", "closed_at", "updated_at"])
                record_event(
                    draft,
                    kind=EventKind.WITHDRAWN,
                    at=at,
                    actor=by,
                    from_status=Status.DRAFT,
                    to_status=Status.WITHDRAWN,
                    data={"erasure": True},
                )
        return list(owned.exclude(code__isnull=True).values_list("code", flat=True))


def grant_access(*, dossier: Dossier, agency_id: int) -> None:
    """An agency works on the dossier (a step is held there, or it is consulted): its officials may see it.

    Called by the capability that opens the step or sends the consultation, in its transaction.
    The receiving and the competent agency see the dossier anyway and get no row, so the table
    stays small (the visibility rule reads it for every list)."""
    if agency_id in (dossier.receiving_agency_id, dossier.competent_agency_id):
        return
    DossierAccess.objects.get_or_create(dossier_id=dossier.pk, agency_id=agency_id)
