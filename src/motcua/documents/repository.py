"""The applicant's data repository (kho dữ liệu điện tử): what was digitized or issued for them.

A document once digitized is never asked for again: at the next submission, each document
component the repository holds a matching, still valid document for offers "Dùng lại"
(reuse) instead of an upload, and the dossier records which document it reused.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalogue.models import DocumentComponent
from motcua.core.errors import Forbidden, InvalidTransition, NotFound, ValidationFailed
from motcua.core.text import fold
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.selectors import total_bytes
from motcua.documents.validation import check_dossier_total
from motcua.dossiers import locking
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status

DIGITIZED = (DigitizedDocument.State.DONE, DigitizedDocument.State.PARTIAL)


def repository_of(user) -> QuerySet[DigitizedDocument]:
    """Everything held for this applicant, newest first (results and digitized scans)."""
    if user is None or not user.is_authenticated:
        return DigitizedDocument.objects.none()
    return (
        DigitizedDocument.objects.filter(owner=user, state__in=DIGITIZED)
        .select_related("dossier", "dossier__procedure", "searchable", "original")
        .order_by("-created_at", "-id")
    )


def document_of(user, reference) -> DigitizedDocument:
    found = repository_of(user).filter(uuid=reference).first()
    if found is None:
        raise NotFound(_("Không tìm thấy giấy tờ trong kho dữ liệu của bạn."))
    return found


def _label(document: DigitizedDocument) -> str:
    return fold(document.document_type or document.title)


def matches(document: DigitizedDocument, component: DocumentComponent) -> bool:
    """The same paper: the names agree once folded, or one names the other (``Bản sao Giấy khai sinh``)."""
    wanted = fold(component.name)
    have = {fold(document.title), _label(document)} - {""}
    return any(
        name == wanted or (len(name) >= 8 and name in wanted) or (len(wanted) >= 8 and wanted in name)
        for name in have
    )


def reusable_for(user, components) -> dict[int, list[DigitizedDocument]]:
    """Per component id, the applicant's still valid documents that match it."""
    today = timezone.localdate()
    held = list(repository_of(user).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today)))
    found: dict[int, list[DigitizedDocument]] = {}
    for component in components:
        hits = [document for document in held if matches(document, component)]
        if hits:
            found[component.pk] = hits
    return found


def reuse_documents(
    *, dossier: Dossier, by, choices: list[tuple[DocumentComponent, DigitizedDocument]]
) -> list[Attachment]:
    """Dùng lại: attach documents from the applicant's repository to their draft (or supplement).

    The dossier records the reuse (``Attachment.reused_from``, stage "reuse"); the searchable
    PDF is attached, the same stored file, never a copy.
    """
    if not choices:
        return []
    with locking.locked(dossier, related=()) as locked:
        if by is None or by.pk != locked.applicant_id:
            raise Forbidden(_("Chỉ người nộp hồ sơ mới dùng lại được giấy tờ của mình."))
        if locked.status not in (Status.DRAFT, Status.SUPPLEMENT_REQUESTED):
            raise InvalidTransition(_("Chỉ dùng lại giấy tờ khi lập hồ sơ hoặc bổ sung hồ sơ."))
        already = set(Attachment.objects.filter(dossier=locked).values_list("component_id", "reused_from_id"))
        fresh = []
        for component, document in choices:
            if document.owner_id != by.pk or document.state not in DIGITIZED:
                raise NotFound(_("Không tìm thấy giấy tờ trong kho dữ liệu của bạn."))
            if component.procedure_id != locked.procedure_id or not matches(document, component):
                raise ValidationFailed(
                    fields={
                        f"doc_{component.pk}": [
                            _("Giấy tờ “%(title)s” không dùng được cho thành phần này.")
                            % {"title": document.title}
                        ]
                    }
                )
            if (component.pk, document.pk) not in already:
                already.add((component.pk, document.pk))
                fresh.append((component, document))
        files = [document.searchable or document.original for _c, document in fresh]
        check_dossier_total(current=total_bytes(locked), adding=sum(f.size for f in files))
        stage = Attachment.Stage.REUSE
        return [
            Attachment.objects.create(
                dossier=locked,
                component=component,
                component_name=component.name,
                file=stored,
                filename=f"{document.applicant_title[:100]}.pdf",
                stage=stage,
                uploaded_by=by,
                reused_from=document,
            )
            for (component, document), stored in zip(fresh, files, strict=True)
        ]
