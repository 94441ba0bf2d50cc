"""The audit log's details in words: "Sự kiện: Trả kết quả; trạng thái: Đã có kết quả → Đã trả
kết quả" rather than ``event: returned; from: result_ready``. Entries keep their code names
(they are hashed as written); only the page translates them. A key or value this module does
not know yet is shown as written, never dropped.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from motcua.backoffice.dossier_panels import PAGE_LABELS, PAPER_LABELS
from motcua.dossiers.event_kinds import event_kind_label
from motcua.dossiers.states import Status
from motcua.paperwork.letters import PAPERS
from motcua.workspace.selectors import QUEUES, SCOPES

KEYS = {
    "event": _("Sự kiện"),
    "status": _("Trạng thái"),
    "seq": _("Dòng lịch sử số"),
    "view": _("Trang"),
    "codes": _("Hồ sơ"),
    "paper": _("Giấy tờ"),
    "via": _("Qua"),
    "what": _("Nội dung"),
    "dossiers": _("Số hồ sơ"),
    "consent": _("Mục đích"),
    "given": _("Đồng ý"),
    "erasure": _("Xóa dữ liệu"),
    "archived_dossiers": _("Hồ sơ giữ lại để lưu trữ"),
    "two_factor": _("Xác thực hai yếu tố"),
    "passkey": _("Khóa truy cập"),
    "password": _("Mật khẩu"),
    "account": _("Tài khoản"),
    "alert": _("Cảnh báo"),
    "user_agent": _("Trình duyệt"),
    "by": _("Bởi"),
}
VIEWS = {
    "counter": _("Hồ sơ tại bộ phận một cửa"),
    "workspace": _("Xử lý hồ sơ"),
    "digitization": _("Số hóa giấy tờ"),
    "results": _("Kết quả điện tử"),
    "tracking_slip": _("Phiếu kiểm soát quá trình"),
    "detail": _("Chi tiết hồ sơ"),
    "api": _("API: chi tiết hồ sơ"),
    "api:history": _("API: lịch sử hồ sơ"),
    "api:documents": _("API: giấy tờ của hồ sơ"),
    "api:steps": _("API: các bước xử lý"),
    "api:dossiers": _("API: danh sách hồ sơ"),
}
# The workspace's actions as the page's buttons name them.
ACTIONS = {
    "hand_over": _("Chuyển bước tiếp theo"),
    "send_back": _("Trả lại bước trước"),
    "reassign": _("Giao lại người xử lý"),
    "consult": _("Xin ý kiến phối hợp"),
    "answer": _("Trả lời phối hợp"),
    "request_supplement": _("Yêu cầu bổ sung"),
    "approve": _("Phê duyệt"),
    "refuse": _("Không giải quyết"),
    "apologize": _("Xin lỗi và hẹn lại"),
}
VALUES = {
    "via": {"api": _("API"), "national_identity": _("Định danh điện tử")},
    "two_factor": {
        "enrolled": _("Đăng ký ứng dụng xác thực"),
        "reset": _("Đặt lại"),
        "passkey_added": _("Thêm khóa truy cập"),
        "passkey_removed": _("Xóa khóa truy cập"),
    },
    "password": {"changed": _("Đổi mật khẩu"), "reset": _("Đặt lại mật khẩu")},
    "account": {"created": _("Tạo tài khoản"), "linked": _("Liên kết tài khoản")},
    "alert": {
        "many_failures": _("Nhập sai nhiều lần liên tiếp"),
        "new_device": _("Đăng nhập từ trình duyệt chưa dùng trước đây"),
        "passkey_counter": _("Khóa truy cập có dấu hiệu bị sao chép"),
    },
    "by": {"demo command": _("lệnh của bản demo")},
    "what": {"personal_data": _("Toàn bộ dữ liệu cá nhân")},
    "erasure": {"done": _("Đã thực hiện")},
}
CODES_SHOWN = 5


def _paper(slug: str) -> str:
    kind = next((kind for kind, (_b, _t, stem) in PAPERS.items() if stem == slug), None)
    return str(PAPER_LABELS.get(kind) or PAGE_LABELS.get(kind) or slug)


def _queue(key: str) -> str:
    return str(next((q.label for q in QUEUES if q.key == key), key))


def view_words(view: str) -> str:
    """``workspace:hand_over`` → "Xử lý hồ sơ: Chuyển bước tiếp theo", ``paper:giay-tiep-nhan`` → …"""
    if view in VIEWS:
        return str(VIEWS[view])
    head, _sep, rest = view.partition(":")
    if head == "paper":
        return f"{_('Giấy tờ')}: {_paper(rest)}"
    if head == "file":
        return str(_("Tải tệp đính kèm"))
    if head == "digitized":
        return str(_("Tải bản số hóa"))
    if head == "workspace":
        action, _sep, scope = rest.partition(":")
        if action in ACTIONS:
            return f"{VIEWS['workspace']}: {ACTIONS[action]}"
        scopes = {SCOPES[0]: _("của tôi"), SCOPES[1]: _("của đơn vị")}
        return f"{_('Hàng đợi')} “{_queue(action)}” ({scopes.get(scope, scope)})"
    if head == "api" and rest.startswith("workspace:"):
        return f"{_('API: hàng đợi')} “{_queue(rest.partition(':')[2])}”"
    return view


def _status(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


def _codes(codes) -> str:
    codes = list(codes or [])
    shown = ", ".join(codes[:CODES_SHOWN])
    more = len(codes) - CODES_SHOWN
    return shown + (str(_(" và %(n)d hồ sơ khác") % {"n": more}) if more > 0 else "")


def detail_words(detail: dict) -> list[tuple[str, str]]:
    """(label, value) pairs of an entry's detail, in the page's language."""
    detail = dict(detail or {})
    words: list[tuple[str, str]] = []
    if "event" in detail:
        words.append((str(KEYS["event"]), event_kind_label(str(detail.pop("event")))))
    before, after = detail.pop("from", None), detail.pop("to", None)
    if before or after:
        change = (
            _status(after or before)
            if before == after or not before
            else f"{_status(before)} → {_status(after)}"
        )
        words.append((str(KEYS["status"]), change))
    for key, value in detail.items():
        label = str(KEYS.get(key, key))
        if key == "view":
            words.append((label, view_words(str(value))))
        elif key == "codes":
            words.append((label, _codes(value)))
        elif key == "paper":
            words.append((label, _paper(str(value))))
        elif isinstance(value, bool):
            words.append((label, str(_("Có") if value else _("Không"))))
        else:
            words.append((label, str(VALUES.get(key, {}).get(value, value))))
    return words
