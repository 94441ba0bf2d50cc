"""The officials' workspace (xử lý hồ sơ) under /can-bo/xu-ly/: queues, the dossier with its
internal process, the actions, the tracking slip and the letters.

Thin: reads go through ``workspace.selectors`` and ``dossiers.selectors`` (one access rule,
every look at personal data logged), writes through services.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.audit.models import Action
from motcua.audit.services import record, record_dossier_list
from motcua.backoffice import dossier_panels
from motcua.catalogue.eform_fields import display_rows
from motcua.core.counting import capped_count
from motcua.core.errors import DomainError, InvalidTransition, NotFound, ValidationFailed
from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key
from motcua.core.keyset import keyset_page
from motcua.core.parsing import parse_id
from motcua.dossiers.actions import ACTIONS as ACTION_TABLE
from motcua.dossiers.actions import form_values
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.selectors import history_lines, read_dossier_for
from motcua.dossiers.states import Status
from motcua.org.access import official_required
from motcua.org.models import Role
from motcua.org.selectors import active_agencies, active_agency, agency_ids_for
from motcua.paperwork import letters
from motcua.workspace import selectors, services
from motcua.workspace.process import step_after
from motcua.workspace.steps import current_task

ACTIONS = (
    "hand_over",
    "send_back",
    "reassign",
    "consult",
    "answer",
    "request_supplement",
    "approve",
    "refuse",
    "apologize",
)
PER_PAGE = 25  # dossiers on a page of a queue


@official_required
def queue_page(request):
    """Hàng đợi: the official's (or their units') dossiers, with counts per queue."""
    params = request.GET
    reach = selectors.reach_of(request.user.official)
    keys = selectors.QUEUE_KEYS if selectors.is_leader(reach) else selectors.QUEUE_KEYS - {"cho-ky"}
    key = params.get("hang") if params.get("hang") in keys else "can-xu-ly"
    scope = params.get("pham-vi") if params.get("pham-vi") in selectors.SCOPES else "ca-nhan"
    sort = params.get("sap-xep") if params.get("sap-xep") in selectors.SORTS else "han"
    text, procedure = params.get("q", ""), params.get("thu-tuc", "")
    # The units' page counts the official's own work too, in the same query, for the menu.
    counts = selectors.queue_counts(request.user, scope=scope, reach=reach, mine_too=True)
    cap = next(q.cap for q in selectors.QUEUES if q.key == key)
    steps = None
    if sort in selectors.STEP_SORTS and not text and not procedure:
        steps = selectors.queue_steps(request.user, key, scope=scope, reach=reach)
    if steps is not None:
        # Open work by appointment date (the default): the page is read from the open steps,
        # and the tab has counted it.
        ordered = steps.order_by(*selectors.STEP_SORTS[sort])
        page = keyset_page(ordered, params, per_page=PER_PAGE, count=counts[key], cap=cap)
        page.rows = selectors.dossiers_of_steps(page.rows)
    else:
        dossiers = selectors.filtered(
            selectors.queue(request.user, key, scope=scope, reach=reach),
            text=text,
            procedure=procedure,
            sort=sort,
        )
        # The tab has counted this queue; a search or a procedure filter narrows it: count that.
        known = capped_count(dossiers, cap) if text or procedure else counts[key]
        page = keyset_page(selectors.for_page(dossiers), params, per_page=PER_PAGE, count=known, cap=cap)
    record_dossier_list(user=request.user, codes=[d.code for d in page], what=f"workspace:{key}:{scope}")
    request.workspace_counts = selectors.own_counts(counts, scope)  # the menu shows these
    return render(
        request,
        "workspace/queue.html",
        {
            "queues": [(q, counts[q.key]) for q in selectors.QUEUES if q.key in counts],
            "chosen": key,
            "scope": scope,
            "sort": sort,
            "page": page,
            "q": params.get("q", ""),
            "procedure": params.get("thu-tuc", ""),
        },
        status=400 if page.error else 200,
    )


def _dossier(request, code, view):
    try:
        return read_dossier_for(request.user, code, view=view)
    except NotFound:
        raise Http404 from None


def _next_action(*, actions, task, can_work, can_hand_over, result, to_answer) -> str:
    """The one action the page puts forward: what moves this dossier on, for this official."""
    if "approve" in actions and can_work and task is not None and task.role == Role.LEADER:
        if result.drafts and result.may_sign:
            return "sign"
        # Where a result can be drafted from a template, the leader's step ends in a signed result:
        # drafting it is what moves the dossier on; approving without one stays among the others.
        if result.may_prepare and result.has_template and not result.signed:
            return "draft"
        return "approve"
    if can_hand_over:
        return "hand_over"
    if to_answer:
        return "answer"
    return ""


def _context(request, dossier, **extra):
    official = request.user.official
    task = current_task(dossier)
    can_work = task is not None and services.can_work_on(official, task)
    can_lead = task is not None and services.can_lead(official, task.agency_id)
    following = step_after(dossier, task.step_order) if task is not None else None
    # As the service decides: the leader's step ends in approval, never in a hand-over to the counter.
    can_hand_over = (
        can_work
        and following is not None
        and dossier.status in services.WORKING_STATUSES
        and not (dossier.status == Status.PROCESSING and following.role == Role.RECEIVER)
    )
    consultations = selectors.consultations_of(dossier)
    mine = agency_ids_for(official)
    actions = allowed_actions(dossier, request.user)
    to_answer = [c for c in consultations if c.answered_at is None and c.to_agency_id in mine]
    result = dossier_panels.result(dossier, request.user)
    return {
        "dossier": dossier,
        "rows": display_rows(dossier.procedure.form_schema, dossier.form_data),
        "tasks": selectors.tasks_of(dossier),
        "task": task,
        "can_work": can_work,
        "can_lead": can_lead,
        "can_hand_over": can_hand_over,
        "following": following,
        "next_action": _next_action(
            actions=actions,
            task=task,
            can_work=can_work,
            can_hand_over=can_hand_over,
            result=result,
            to_answer=to_answer,
        ),
        "next_officials": selectors.colleagues(following.agency.pk, following.role) if can_hand_over else [],
        "reassign_officials": selectors.colleagues(task.agency_id, task.role) if can_lead else [],
        "consultations": consultations,
        "to_answer": to_answer,
        "consult_agencies": active_agencies()
        .exclude(pk=getattr(task, "agency_id", None))
        .order_by("name")
        .only("pk", "name")
        if can_work
        else [],
        "actions": actions,
        "components": list(dossier.procedure.documents.all()),
        "files": dossier_panels.files(dossier),
        "result": result,
        "papers": dossier_panels.papers(
            dossier,
            "workspace:paper",
            pages={"tracking_slip": reverse("workspace:slip", args=[dossier.code])},
        ),
        "receiver_here": dossier.receiving_agency_id in agency_ids_for(official, [Role.RECEIVER]),
        "steps": history_lines(dossier),
        "today": date.today().isoformat(),
        "form_key": extra.pop("form_key", "") or new_form_key(),
        "form_errors": {},
        **extra,
    }


@official_required
def dossier_page(request, code):
    dossier = _dossier(request, code, "workspace")
    return render(request, "workspace/dossier.html", _context(request, dossier))


def _int(value):
    return parse_id(value)


@official_required
@require_POST
def act(request, code, action):
    """One action of the workspace, each a service; a refused action shows its message and changes nothing.

    The page's forms carry a key (``core.idempotency``): a repeated POST of the same form (a double
    click, a reload) answers as the first did, with the same message, and does nothing again.
    """
    if action not in ACTIONS:
        raise Http404
    dossier = _dossier(request, code, f"workspace:{action}")
    key = request.POST.get("form_key", "")
    try:
        if valid_form_key(key):
            outcome, _repeated = once(
                owner=owner_of(request.user), key=key, work=lambda: _perform(request, dossier, action)
            )
        else:
            outcome = _perform(request, dossier, action)
    except DomainError as exc:
        dossier.refresh_from_db()
        status = 409 if isinstance(exc, InvalidTransition) else exc.status
        context = _context(
            request,
            dossier,
            message=str(exc.message),
            form_errors={action: [m for texts in exc.fields.values() for m in texts]},
            open_action=action,
            form_key=key if valid_form_key(key) else "",
        )
        return render(request, "workspace/dossier.html", context, status=status)
    messages.success(request, outcome["message"])
    return redirect("workspace:dossier", dossier.code)


def _perform(request, dossier, action) -> dict:
    posted = request.POST
    user = request.user
    note = posted.get("note", "").strip()
    reason = posted.get("reason", "").strip()
    if action == "hand_over":
        services.hand_over(dossier=dossier, by=user, note=note, to=_int(posted.get("to")))
        done = _("Đã chuyển hồ sơ sang bước tiếp theo.")
    elif action == "send_back":
        services.send_back(dossier=dossier, by=user, reason=reason)
        done = _("Đã trả hồ sơ về bước trước.")
    elif action == "reassign":
        services.reassign(dossier=dossier, by=user, to=_int(posted.get("to")), note=note)
        done = _("Đã giao lại bước xử lý.")
    elif action == "consult":
        agency = active_agency(pk=_int(posted.get("agency")) or 0)
        if agency is None:
            raise ValidationFailed(fields={"agency": [_("Chọn cơ quan phối hợp.")]})
        services.consult(
            dossier=dossier,
            by=user,
            agency=agency,
            question=posted.get("question", ""),
            days=_int(posted.get("days")) or 0,
        )
        done = _("Đã gửi xin ý kiến phối hợp.")
    elif action == "answer":
        services.answer(
            consultation_id=_int(posted.get("consultation")) or 0, by=user, text=posted.get("answer", "")
        )
        done = _("Đã gửi ý kiến trả lời.")
    else:  # a transition of the dossier: the one action table
        transition = ACTION_TABLE[action]
        transition.perform(dossier=dossier, by=user, values=form_values(transition, posted, dossier))
        done = transition.message()
    return {"message": str(done)}


@official_required
def slip_page(request, code):
    """Phiếu kiểm soát quá trình giải quyết hồ sơ (form 05) as a page."""
    dossier = _dossier(request, code, "tracking_slip")
    return render(request, "workspace/slip.html", {"dossier": dossier, **letters.tracking_slip(dossier)})


@official_required
def paper(request, code, slug):
    dossier = _dossier(request, code, f"paper:{slug}")
    response = letters.paper_response(slug, dossier)
    record(
        action=Action.EXPORT,
        user=request.user,
        object_type="dossier",
        object_ref=dossier.code,
        detail={"paper": slug},
    )
    return response
