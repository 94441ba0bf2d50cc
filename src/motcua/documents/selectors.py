"""Reads of attachments, under the dossier's visibility rule."""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from motcua.audit.denials import note_denial
from motcua.audit.services import record_dossier_read
from motcua.catalogue.models import DocumentComponent
from motcua.core.errors import NotFound
from motcua.documents.models import Attachment
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossiers_visible_to


def attachments_of(dossier: Dossier) -> QuerySet[Attachment]:
    return Attachment.objects.filter(dossier=dossier).select_related("file", "component")


def total_bytes(dossier: Dossier) -> int:
    return Attachment.objects.filter(dossier=dossier).aggregate(total=Sum("file__size"))["total"] or 0


def attachment_for(user, reference: str) -> Attachment:
    """An attachment by its id, if ``user`` may see its dossier; NotFound otherwise (same answer either way)."""
    from django.utils.translation import gettext as _

    try:
        key = uuid_module.UUID(str(reference))
    except ValueError:
        key = None
    found = (
        Attachment.objects.select_related("file", "dossier")
        .filter(uuid=key, dossier__in=dossiers_visible_to(user))
        .first()
        if key is not None
        else None
    )
    if found is None:
        note_denial(user=user, what="file", reference=reference, reason="not_found")
        raise NotFound(message=_("Không tìm thấy tệp."))

    record_dossier_read(user=user, dossier=found.dossier, what=f"file:{found.uuid}")
    return found


@dataclass
class ComponentFiles:
    """One line of the dossier's document checklist: the component and what is attached to it."""

    component: DocumentComponent | None
    name: str
    mandatory: bool
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def key(self) -> str:
        return str(self.component.pk) if self.component else "other"

    @property
    def missing(self) -> bool:
        return self.mandatory and not self.attachments


def checklist(dossier: Dossier) -> list[ComponentFiles]:
    """Every component of the procedure with its attachments, then other documents (if any)."""
    lines = {
        component.pk: ComponentFiles(component, component.name, component.mandatory)
        for component in dossier.procedure.documents.all()
    }
    other = ComponentFiles(None, "", False)
    for attachment in attachments_of(dossier):
        line = lines.get(attachment.component_id)
        (line or other).attachments.append(attachment)
    result = list(lines.values())
    if other.attachments:
        result.append(other)
    return result


def missing_components(dossier: Dossier) -> list[DocumentComponent]:
    """Mandatory components with nothing attached (an online dossier cannot be submitted without them)."""
    attached = set(
        Attachment.objects.filter(dossier=dossier, component__isnull=False).values_list(
            "component_id", flat=True
        )
    )
    return [c for c in dossier.procedure.documents.filter(mandatory=True) if c.pk not in attached]
