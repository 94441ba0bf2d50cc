"""What each paper of the one-stop-shop says (Circular 01/2018/TT-VPCP, forms 01–03, and the
hand-over record at return), built from the dossier and its history.

Each function returns the context of its template in ``templates/paperwork/``;
``render`` turns one into PDF bytes. The papers are legal forms, so their text
is Vietnamese whatever language the page is in (it is not marked for translation). Nothing is stored: a paper printed again
says the same, because everything in it comes from the dossier's append-only
history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.activation import activation_notice
from motcua.core.calendar import LOCAL_TZ, working_calendar
from motcua.core.errors import InvalidTransition
from motcua.core.pdf import pdf_response, render_pdf
from motcua.core.qr import qr_data_uri
from motcua.documents.selectors import attachments_of
from motcua.dossiers.fees import collected_fee
from motcua.dossiers.models import Channel, Dossier, DossierEvent
from motcua.dossiers.states import Status
from motcua.org.models import Agency
from motcua.org.selectors import place_name, reception_places
from motcua.paperwork.selectors import lookup_url
from motcua.paperwork.services import issue_lookup_token
from motcua.workspace.selectors import tasks_of


@dataclass(frozen=True)
class Letterhead:
    authority: str  # cơ quan chủ quản
    agency: str
    unit: str
    place: str
    day: datetime


@dataclass(frozen=True)
class DocumentLine:
    name: str
    originals: int = 0
    copies: int = 0
    files: int = 0


def letterhead(agency: Agency, at: datetime) -> Letterhead:
    return Letterhead(
        authority=agency.parent.name if agency.parent_id else "",
        agency=agency.name,
        unit="Bộ phận tiếp nhận và trả kết quả",
        place=place_name(agency),
        day=at.astimezone(LOCAL_TZ),
    )


def _last_event(dossier: Dossier, kind: str) -> DossierEvent | None:
    return dossier.events.filter(kind=kind).order_by("-seq").first()


def processing_time_text(dossier: Dossier) -> str:
    procedure = dossier.procedure
    if procedure.processing_time_amount is None:
        return procedure.processing_time_note or "theo quy định"
    amount = procedure.processing_time_amount
    number = f"{amount:g}" if amount % 1 else f"{int(amount)}"
    unit = "ngày làm việc" if procedure.processing_time_unit == "working_day" else "giờ làm việc"
    return f"{number} {unit}"


def documents_received(dossier: Dossier) -> list[DocumentLine]:
    """The documents the receipt lists: ticked at the counter, or attached online (with how many files)."""
    components = {c.pk: c for c in dossier.procedure.documents.all()}
    lines: dict[str, DocumentLine] = {}
    if dossier.channel == Channel.COUNTER:
        event = _last_event(dossier, "received")
        data = event.data if event else {}
        names = data.get("documents_received_names")
        if names is None:
            names = [components[i].name for i in data.get("documents_received", []) if i in components]
        by_name = {c.name: c for c in components.values()}
        for name in names:
            component = by_name.get(name)
            lines[name] = DocumentLine(
                name,
                originals=component.originals if component else 0,
                copies=component.copies if component else 0,
            )
    for attachment in attachments_of(dossier):
        name = attachment.component_name or "Giấy tờ khác"
        line = lines.get(name) or DocumentLine(name)
        component = components.get(attachment.component_id)
        lines[name] = DocumentLine(
            name,
            originals=line.originals or (component.originals if component else 0),
            copies=line.copies or (component.copies if component else 0),
            files=line.files + 1,
        )
    return list(lines.values())


def _applicant(dossier: Dossier) -> dict:
    return {
        "name": dossier.applicant_name,
        "id_number": dossier.applicant_id_number,
        "address": dossier.applicant_address,
        "phone": dossier.applicant_phone,
        "email": dossier.applicant_email,
    }


def _qr(dossier: Dossier) -> dict:
    url = lookup_url(issue_lookup_token(dossier=dossier))
    return {"lookup_url": url, "qr": qr_data_uri(url)}


def receipt(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Mẫu số 01: giấy tiếp nhận hồ sơ và hẹn trả kết quả (the dossier has been received)."""
    if dossier.received_at is None:
        raise InvalidTransition(_("Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận."))
    official = dossier.received_by.user.full_name if dossier.received_by_id else ""
    if not official:
        event = _last_event(dossier, "received")
        official = event.actor_name if event else ""
    return {
        "title": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
        "letterhead": letterhead(dossier.receiving_agency, at or dossier.received_at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "documents": documents_received(dossier),
        "processing_time": processing_time_text(dossier),
        "received_at": dossier.received_at.astimezone(LOCAL_TZ),
        "due_at": dossier.due_at.astimezone(LOCAL_TZ) if dossier.due_at else None,
        "official": official,
        # How the applicant activates the account the counter opened (a second factor: accounts.activation).
        "activation": activation_notice(dossier.applicant),
        "place": reception_places([dossier.receiving_agency])[0],
        **_qr(dossier),
    }


def supplement_request(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Mẫu số 02: phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (what is missing and why)."""
    event = _last_event(dossier, "supplement_requested")
    if event is None:
        raise InvalidTransition(_("Hồ sơ chưa có yêu cầu bổ sung."))
    agency = dossier.receiving_agency
    return {
        "title": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        "letterhead": letterhead(event.agency or agency, at or event.at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "missing": event.data.get("missing") or [],
        "reason": event.note,
        "official": event.actor_name,
        "contact_agency": event.agency or agency,
        **_qr(dossier),
    }


def rejection(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Mẫu số 03: phiếu từ chối tiếp nhận giải quyết hồ sơ (with the reason)."""
    event = _last_event(dossier, "rejected")
    if event is None or dossier.status != Status.REJECTED:
        raise InvalidTransition(_("Hồ sơ không bị từ chối tiếp nhận."))
    return {
        "title": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        "letterhead": letterhead(dossier.receiving_agency, at or event.at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "reason": event.note,
        "official": event.actor_name,
        **_qr(dossier),
    }


def handover(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Biên bản giao nhận kết quả: the result handed to the applicant, on time or late."""
    event = _last_event(dossier, "returned")
    if event is None or dossier.returned_at is None:
        raise InvalidTransition(_("Hồ sơ chưa trả kết quả."))
    return {
        "title": "Biên bản giao nhận kết quả giải quyết thủ tục hành chính",
        "letterhead": letterhead(dossier.receiving_agency, at or event.at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "result": dossier.procedure.result,
        "received_at": dossier.received_at.astimezone(LOCAL_TZ) if dossier.received_at else None,
        "due_at": dossier.due_at.astimezone(LOCAL_TZ) if dossier.due_at else None,
        "finished_at": dossier.finished_at.astimezone(LOCAL_TZ) if dossier.finished_at else None,
        "returned_at": dossier.returned_at.astimezone(LOCAL_TZ),
        "timeliness": timeliness(dossier.finished_at, dossier.due_at),
        "fee": collected_fee(dossier),
        "official": event.actor_name,
        **_qr(dossier),
    }


def timeliness(finished: datetime | None, due: datetime | None) -> str:
    """How the result came against the appointment date, as the hand-over record says it:
    "sớm hạn 2 ngày làm việc", "đúng hạn", "quá hạn 1 ngày làm việc" (working days, local dates)."""
    if finished is None or due is None:
        return ""
    calendar = working_calendar()
    finished_day, due_day = finished.astimezone(LOCAL_TZ).date(), due.astimezone(LOCAL_TZ).date()
    if finished <= due:
        early = calendar.working_days_between(finished_day, due_day)
        return f"sớm hạn {early} ngày làm việc" if early else "đúng hạn"
    late = calendar.working_days_between(due_day, finished_day)
    return f"quá hạn {late} ngày làm việc" if late else "quá hạn"


def apology(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Mẫu số 04: phiếu xin lỗi và hẹn lại ngày trả kết quả (the latest apology of a late dossier)."""
    latest = dossier.apologies.select_related("official__user").order_by("-at").first()
    if latest is None:
        raise InvalidTransition(_("Hồ sơ chưa có phiếu xin lỗi và hẹn lại."))
    return {
        "title": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
        "letterhead": letterhead(dossier.competent_agency, at or latest.at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "received_at": dossier.received_at.astimezone(LOCAL_TZ) if dossier.received_at else None,
        "previous_due_at": latest.previous_due_at.astimezone(LOCAL_TZ),
        "new_due_at": latest.new_due_at.astimezone(LOCAL_TZ),
        "reason": latest.reason,
        "official": str(latest.official),
        **_qr(dossier),
    }


def refusal(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Thông báo không giải quyết hồ sơ: the leader's refusal and its reason, for the applicant."""
    event = _last_event(dossier, "refused")
    if event is None or dossier.status != Status.REFUSED:
        raise InvalidTransition(_("Hồ sơ không ở trạng thái không giải quyết."))
    return {
        "title": "Thông báo về việc không giải quyết hồ sơ",
        "letterhead": letterhead(dossier.competent_agency, at or event.at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "received_at": dossier.received_at.astimezone(LOCAL_TZ) if dossier.received_at else None,
        "reason": event.note,
        "official": event.actor_name,
        **_qr(dossier),
    }


def _slip_rows(dossier: Dossier) -> list[dict]:
    rows = []
    for task in tasks_of(dossier):
        finished = task.finished_at.astimezone(LOCAL_TZ) if task.finished_at else None
        if task.due_at is None:
            verdict = ""
        elif task.finished_at is None:
            verdict = "Quá hạn" if task.is_late else ""
        else:
            verdict = (
                "Quá hạn"
                if task.is_late
                else ("Đúng hạn" if task.finished_at == task.due_at else "Trước hạn")
            )
        rows.append(
            {
                "seq": task.seq,
                "step": task.name,
                "agency": task.agency.name,
                "official": str(task.finished_by or task.assignee or ""),
                "received_at": task.received_at.astimezone(LOCAL_TZ),
                "handed_on_at": finished,
                "due_at": task.due_at.astimezone(LOCAL_TZ) if task.due_at else None,
                "verdict": verdict,
                "outcome": task.get_outcome_display() if task.outcome else "Đang xử lý",
                "note": task.note,
            }
        )
    return rows


def tracking_slip(dossier: Dossier, *, at: datetime | None = None) -> dict:
    """Mẫu số 05: phiếu kiểm soát quá trình giải quyết hồ sơ — each step, who, when received,
    when handed on, and whether on time."""
    if dossier.received_at is None:
        raise InvalidTransition(_("Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát."))
    finished = dossier.finished_at
    return {
        "title": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "letterhead": letterhead(dossier.receiving_agency, at or dossier.received_at),
        "dossier": dossier,
        "applicant": _applicant(dossier),
        "received_at": dossier.received_at.astimezone(LOCAL_TZ),
        "due_at": dossier.due_at.astimezone(LOCAL_TZ) if dossier.due_at else None,
        "finished_at": finished.astimezone(LOCAL_TZ) if finished else None,
        "overall": ("Quá hạn" if dossier.is_overdue() else ("Đúng hạn" if finished else "")),
        "rows": _slip_rows(dossier),
        **_qr(dossier),
    }


PAPERS = {
    "receipt": (receipt, "paperwork/receipt.html", "giay-tiep-nhan"),
    "supplement_request": (supplement_request, "paperwork/supplement_request.html", "phieu-yeu-cau-bo-sung"),
    "rejection": (rejection, "paperwork/rejection.html", "phieu-tu-choi-tiep-nhan"),
    "handover": (handover, "paperwork/handover.html", "bien-ban-giao-ket-qua"),
    "apology": (apology, "paperwork/apology.html", "phieu-xin-loi-hen-lai"),
    "refusal": (refusal, "paperwork/refusal.html", "thong-bao-khong-giai-quyet"),
    "tracking_slip": (tracking_slip, "paperwork/tracking_slip.html", "phieu-kiem-soat"),
}


def render(kind: str, dossier: Dossier) -> tuple[bytes, str]:
    """(PDF bytes, file name) of one paper of the dossier."""
    build, template, stem = PAPERS[kind]
    # Papers of the one-stop-shop are legal forms: always in Vietnamese, whatever the page's language.
    with translation.override("vi"):
        context = build(dossier, at=None)
        return render_pdf(template, context), f"{stem}-{dossier.code}.pdf"


def available(dossier: Dossier) -> list[str]:
    """The papers a dossier has now (buttons show only these)."""
    kinds = []
    if dossier.received_at is not None:
        kinds.append("receipt")
    if dossier.events.filter(kind="supplement_requested").exists():
        kinds.append("supplement_request")
    if dossier.status == Status.REJECTED:
        kinds.append("rejection")
    if dossier.returned_at is not None:
        kinds.append("handover")
    if dossier.received_at is not None:
        kinds.append("tracking_slip")
    if dossier.apologies.exists():
        kinds.append("apology")
    if dossier.status == Status.REFUSED:
        kinds.append("refusal")
    return kinds


def paper_response(slug: str, dossier: Dossier):
    """The PDF response for one paper of the dossier named by its slug (404 if it has no such paper now)."""
    from django.http import Http404

    kind = next((kind for kind, (_b, _t, stem) in PAPERS.items() if stem == slug), None)
    if kind is None or kind not in available(dossier):
        raise Http404
    return pdf_response(*render(kind, dossier))
