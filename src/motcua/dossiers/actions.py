"""The one action table: every transition a person asks for, by any door (API, counter, workspace).

Each entry says, next to ``TRANSITIONS`` (which holds who may act, from which status, and the
event it records — the history line and the audit kind; an apology changes no status and names
its event itself):

- ``inputs``: what the action takes besides the dossier and the person (the input schema; the
  API's request body and the pages' form fields carry these names);
- ``service``: the ``dossiers.services`` function that does it (the rules live there);
- ``url_path``: the API endpoint, ``POST /api/v1/dossiers/{code}/<url_path>/``;
- ``done`` (and ``done_at_counter``): the success message a page shows.

The API's endpoints (``dossiers/api.py``), the counter (``backoffice/counter.py``) and the
workspace (``backoffice/workspace.py``) dispatch from this table instead of restating it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.event_kinds import EventKind
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import TRANSITIONS, Transition


@dataclass(frozen=True)
class Action:
    name: str
    inputs: tuple[str, ...]
    service: Callable[..., Dossier]
    url_path: str
    done: str | Promise = ""
    done_at_counter: str | Promise = ""
    recorded: EventKind | None = None  # for an action that changes no status (an apology)

    @property
    def transition(self) -> Transition | None:
        """Who may act and from which status (``None``: the service checks, as for an apology)."""
        return TRANSITIONS.get(self.name)

    @property
    def event(self) -> EventKind:
        """The history event (and audit kind) the action records."""
        return self.transition.event if self.transition is not None else self.recorded

    def perform(self, *, dossier: Dossier, by, values: Mapping | None = None, **extra) -> Dossier:
        """Run the service with the inputs present in ``values`` (absent ones take the service's
        default) and any door-specific ``extra`` (the counter's collected fee)."""
        values = values or {}
        kwargs = {name: values[name] for name in self.inputs if name in values}
        return self.service(dossier=dossier, by=by, **kwargs, **extra)

    def message(self, *, at_counter: bool = False) -> str:
        return str(self.done_at_counter if at_counter and self.done_at_counter else self.done)


def _a(name, inputs, service, url_path=None, **more) -> Action:
    return Action(name, tuple(inputs), service, url_path or name, **more)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        _a("submit", (), services.submit_dossier),
        _a(
            "receive",
            ("note",),
            services.receive,
            done_at_counter=_("Đã tiếp nhận hồ sơ. In giấy tiếp nhận và hẹn trả kết quả cho công dân."),
        ),
        _a(
            "reject",
            ("reason",),
            services.reject,
            done_at_counter=_("Đã từ chối tiếp nhận. In phiếu từ chối tiếp nhận giải quyết hồ sơ."),
        ),
        _a(
            "request_supplement",
            ("reason", "missing"),
            services.request_supplement,
            "request-supplement",
            done=_("Đã gửi yêu cầu bổ sung; thời gian giải quyết tạm dừng."),
            done_at_counter=_("Đã gửi yêu cầu bổ sung. In phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."),
        ),
        _a("supplement", ("note", "form_data"), services.supplement),
        _a("start_processing", ("note",), services.start_processing, "start-processing"),
        _a("request_payment", ("note", "amount"), services.request_payment, "request-payment"),
        _a("confirm_payment", ("reference",), services.confirm_payment, "confirm-payment"),
        _a(
            "approve",
            ("note",),
            services.approve,
            done=_("Đã phê duyệt; hồ sơ chuyển về bộ phận một cửa để trả kết quả."),
        ),
        _a(
            "refuse",
            ("reason",),
            services.refuse,
            done=_("Đã ghi nhận không giải quyết. In thông báo gửi công dân."),
        ),
        _a(
            "return_result",
            ("note",),
            services.return_result,
            "return",
            done_at_counter=_("Đã trả kết quả. In biên bản giao nhận kết quả."),
        ),
        _a("withdraw", ("reason",), services.withdraw),
        _a(
            "apologize",
            ("reason", "new_due_at"),
            services.apologize,
            done=_("Đã hẹn lại ngày trả kết quả. In phiếu xin lỗi và hẹn lại (Mẫu 04)."),
            recorded=EventKind.APOLOGIZED,
        ),
    )
}


def form_values(action: Action, posted, dossier: Dossier) -> dict:
    """The inputs of ``action`` as a page's form posts them (text trimmed; the missing documents
    ticked among the procedure's, plus one per line typed; the new appointment as a date)."""
    values = {}
    for name in action.inputs:
        if name in ("note", "reason"):
            values[name] = posted.get(name, "").strip()
        elif name == "missing":
            names = {str(c.pk): c.name for c in dossier.procedure.documents.all()}
            missing = [names[k] for k in posted.getlist("missing") if k in names]
            missing += [line.strip() for line in posted.get("missing_other", "").splitlines() if line.strip()]
            values[name] = missing
        elif name == "new_due_at":
            try:
                values[name] = date.fromisoformat(posted.get("new_due_at", ""))
            except ValueError:
                raise ValidationFailed(
                    fields={"new_due_at": [gettext("Nhập ngày hẹn mới hợp lệ.")]}
                ) from None
        elif name in posted:
            values[name] = posted.get(name)
    return values
