"""What the officials' home page (/can-bo/) shows: one panel per role, each with its counts and
the shortcuts to the pages where that work is done.

- receiver: the counter's queues (waiting for reception, results to return, supplements awaited),
  walk-in reception;
- every official with a role: their steps to do, due soon, overdue, waiting; a leader first sees
  what waits for their signature;
- administrator (the ``admin`` role, or a superuser): dossiers open and overdue in their reach,
  the audit log, the admin site;
- finance officer (kế toán thu phí): the agencies whose fees they reconcile, the daily statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.counter_queues import queue_counts as counter_counts
from motcua.backoffice.counter_queues import receiving_agencies
from motcua.dossiers.audit_access import may_search
from motcua.dossiers.selectors import dossiers_visible_to, overdue
from motcua.dossiers.states import OPEN_STATUSES
from motcua.org.models import Role
from motcua.org.selectors import roles_of
from motcua.workspace import selectors as workspace


@dataclass(frozen=True)
class Tile:
    """A count that leads to the list it counts."""

    label: str
    count: int
    url: str
    tone: str = ""  # "attention" (waits for this official) or "overdue"


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    primary: bool = False


@dataclass
class Panel:
    key: str
    title: str
    tiles: list[Tile] = field(default_factory=list)
    shortcuts: list[Shortcut] = field(default_factory=list)
    note: str = ""


def _url(name: str, **query) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(query)}" if query else url


def may_use_admin_site(user) -> bool:
    """The admin site is useful only to staff holding some model permission, their own or a
    group's. The model backend is the only one here that grants permissions (the directory's
    group permissions are off), so one EXISTS answers, on every page, without building the set
    of every permission the user holds."""
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or Permission.objects.filter(Q(user=user) | Q(group__user=user)).exists()


def _counter_panel(official, agencies) -> Panel:
    counts = counter_counts(official)
    names = ", ".join(a.name for a in agencies)
    return Panel(
        "counter",
        str(_("Tiếp nhận, trả kết quả")),
        tiles=[
            Tile(
                str(_("Chờ tiếp nhận")),
                counts["cho-tiep-nhan"],
                _url("backoffice:counter", hang="cho-tiep-nhan"),
                "attention",
            ),
            Tile(
                str(_("Chờ trả kết quả")),
                counts["cho-tra-ket-qua"],
                _url("backoffice:counter", hang="cho-tra-ket-qua"),
                "attention",
            ),
            Tile(
                str(_("Chờ công dân bổ sung")),
                counts["cho-bo-sung"],
                _url("backoffice:counter", hang="cho-bo-sung"),
            ),
        ],
        shortcuts=[
            Shortcut(str(_("Tiếp nhận hồ sơ trực tiếp")), reverse("backoffice:walk-in"), primary=True),
            Shortcut(str(_("Hàng chờ một cửa")), reverse("backoffice:counter")),
        ],
        note=names,
    )


def _work_panel(user, official, roles: set[str]) -> Panel:
    reach = workspace.reach_of(official)
    counts = workspace.queue_counts(user, reach=reach, open_only=True)
    tiles = []
    if Role.LEADER in roles:
        tiles.append(
            Tile(
                str(_("Chờ ký duyệt")),
                counts["cho-ky"],
                _url("workspace:queue", hang="cho-ky"),
                "attention",
            )
        )
    tiles += [
        Tile(str(_("Cần xử lý")), counts["can-xu-ly"], _url("workspace:queue", hang="can-xu-ly")),
        Tile(str(_("Sắp đến hạn")), counts["sap-den-han"], _url("workspace:queue", hang="sap-den-han")),
        Tile(
            str(_("Quá hạn")),
            counts["qua-han"],
            _url("workspace:queue", hang="qua-han"),
            "overdue" if counts["qua-han"] else "",
        ),
        Tile(str(_("Chờ bổ sung")), counts["cho-bo-sung"], _url("workspace:queue", hang="cho-bo-sung")),
    ]
    return Panel(
        "work",
        str(_("Xử lý hồ sơ")),
        tiles=tiles,
        shortcuts=[
            Shortcut(str(_("Hồ sơ của tôi")), reverse("workspace:queue"), primary=Role.RECEIVER not in roles),
            Shortcut(str(_("Hồ sơ của đơn vị")), _url("workspace:queue", **{"pham-vi": "don-vi"})),
            Shortcut(str(_("Số hóa giấy tờ")), reverse("documents-backoffice:tray")),
            Shortcut(str(_("Phản ánh, kiến nghị")), reverse("backoffice:feedback")),
        ],
    )


def _admin_panel(user) -> Panel:
    visible = dossiers_visible_to(user)
    panel = Panel(
        "admin",
        str(_("Quản trị")),
        tiles=[
            Tile(str(_("Hồ sơ đang giải quyết")), visible.filter(status__in=OPEN_STATUSES).count(), ""),
            Tile(str(_("Hồ sơ quá hạn")), overdue(visible).count(), "", "overdue"),
        ],
    )
    if may_search(user):
        panel.shortcuts.append(
            Shortcut(str(_("Nhật ký truy cập")), reverse("backoffice:audit"), primary=True)
        )
        panel.shortcuts.append(
            Shortcut(str(_("Kiểm tra chuỗi nhật ký")), _url("backoffice:audit", kiem_tra="1"))
        )
    # Administrators oversee their agencies' figures (a superuser, every agency's: reports.backoffice.reach).
    panel.shortcuts.append(Shortcut(str(_("Chỉ số, báo cáo")), reverse("reports:dashboard")))
    if may_use_admin_site(user):
        panel.shortcuts.append(Shortcut(str(_("Trang quản trị")), reverse("admin:index")))
    return panel


def _finance_panel(finance) -> Panel:
    return Panel(
        "finance",
        str(_("Phí, lệ phí")),
        tiles=[Tile(str(_("Đơn vị được giao đối soát")), finance.agencies.count(), "")],
        shortcuts=[
            Shortcut(str(_("Đối soát phí, lệ phí")), reverse("payments:reconciliation"), primary=True)
        ],
    )


def home_panels(user) -> dict:
    """The context of the home page: the official's roles and one panel per kind of work."""
    official = getattr(user, "official", None)
    assignments = roles_of(official) if official is not None else []
    roles = {a.role for a in assignments}
    panels = []
    if official is not None:
        agencies = receiving_agencies(official) if Role.RECEIVER in roles else []
        if agencies:
            panels.append(_counter_panel(official, agencies))
        if roles:
            panels.append(_work_panel(user, official, roles))
    finance = getattr(official, "finance_officer", None) if official is not None else None
    if finance is not None:
        panels.append(_finance_panel(finance))
    if user.is_superuser or Role.ADMIN in roles:
        panels.append(_admin_panel(user))
    return {"assignments": assignments, "panels": panels, "official": official}
