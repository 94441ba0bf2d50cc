"""What every official's page of a dossier shows beside its actions, so the next step never needs
another page: the files (with their digitized versions), the electronic result (draft, signing,
the signed file) and the papers the dossier has.

Used by the counter's page (``backoffice.counter``) and the workspace's page (``backoffice.workspace``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from motcua.documents.models import DigitizedDocument
from motcua.documents.selectors import checklist
from motcua.dossiers.models import Dossier
from motcua.org.models import Role
from motcua.org.selectors import agency_ids_for
from motcua.paperwork import letters
from motcua.signing.models import ResultDocument
from motcua.signing.selectors import has_result_template, results_visible_to

# The papers' names on buttons, in the order a dossier gets them.
PAPER_LABELS = {
    "receipt": _("In giấy tiếp nhận, hẹn trả (Mẫu 01)"),
    "supplement_request": _("In phiếu yêu cầu bổ sung (Mẫu 02)"),
    "rejection": _("In phiếu từ chối tiếp nhận (Mẫu 03)"),
    "apology": _("In phiếu xin lỗi và hẹn lại (Mẫu 04)"),
    "tracking_slip": _("In phiếu kiểm soát quá trình (Mẫu 05)"),
    "refusal": _("In thông báo không giải quyết"),
    "handover": _("In biên bản giao nhận kết quả"),
}
# A paper that also has a page of its own is named as the page.
PAGE_LABELS = {"tracking_slip": _("Phiếu kiểm soát quá trình (Mẫu 05)")}


@dataclass(frozen=True)
class Paper:
    kind: str
    label: str
    url: str
    is_pdf: bool = True


def files(dossier: Dossier) -> list:
    """The document checklist (each component with its files), each file with ``digitized``: its
    searchable version when the worker made one (or the repository's document it reused)."""
    lines = checklist(dossier)
    attachments = [a for line in lines for a in line.attachments]
    digitized = {
        d.attachment_id: d
        for d in DigitizedDocument.objects.filter(attachment__in=[a.pk for a in attachments])
    }
    reused_ids = {a.reused_from_id for a in attachments if a.reused_from_id}
    reused = {d.pk: d for d in DigitizedDocument.objects.filter(pk__in=reused_ids)} if reused_ids else {}
    for attachment in attachments:
        attachment.digitized_version = digitized.get(attachment.pk) or reused.get(attachment.reused_from_id)
    return lines


@dataclass(frozen=True)
class ResultPanel:
    documents: list[ResultDocument]
    may_prepare: bool
    may_sign: bool
    has_template: bool = False  # a draft can be made from a template (the procedure's or the province's)

    @property
    def drafts(self) -> list[ResultDocument]:
        return [d for d in self.documents if d.state == ResultDocument.State.DRAFT]

    @property
    def signed(self) -> list[ResultDocument]:
        return [d for d in self.documents if d.state == ResultDocument.State.SIGNED]


def result(dossier: Dossier, user) -> ResultPanel:
    """The dossier's electronic results and whether this official drafts (processor, leader of the
    competent agency) or signs (its leader) them."""
    official = getattr(user, "official", None)
    roles = agency_ids_for(official, [Role.PROCESSOR, Role.LEADER]) if official is not None else set()
    leads = agency_ids_for(official, [Role.LEADER]) if official is not None else set()
    documents = list(results_visible_to(user).filter(dossier=dossier).order_by("created_at"))
    return ResultPanel(
        documents=documents,
        may_prepare=dossier.competent_agency_id in roles,
        may_sign=dossier.competent_agency_id in leads,
        has_template=dossier.competent_agency_id in roles and has_result_template(dossier.procedure),
    )


def papers(dossier: Dossier, url_name: str, *, pages: dict[str, str] | None = None) -> list[Paper]:
    """The papers the dossier has now, each with its PDF's address under ``url_name``
    (``workspace:paper`` or ``backoffice:counter-paper``), or the page given in ``pages``."""
    available = set(letters.available(dossier))
    slugs = {kind: stem for kind, (_build, _template, stem) in letters.PAPERS.items()}
    pages = pages or {}
    return [
        Paper(kind, str(PAGE_LABELS[kind]), pages[kind], is_pdf=False)
        if kind in pages
        else Paper(kind, str(label), reverse(url_name, args=[dossier.code, slugs[kind]]))
        for kind, label in PAPER_LABELS.items()
        if kind in available
    ]
