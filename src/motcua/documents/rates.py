"""Digitization rates for the KPI dashboard (group 3 of Decision 766/QĐ-TTg: digitization of dossiers
and results): the share of dossiers whose documents are all digitized, and of results issued electronically.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from motcua.documents.models import Attachment, DigitizedDocument
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status

DIGITIZED = (DigitizedDocument.State.DONE, DigitizedDocument.State.PARTIAL)
FINISHED = (Status.RESULT_READY, Status.RETURNED)


@dataclass(frozen=True)
class DossierDigitization:
    attachments: int
    digitized: int

    @property
    def complete(self) -> bool:
        return self.attachments > 0 and self.digitized == self.attachments


def _digitized_attachment():
    return Q(digitized__state__in=DIGITIZED) | Q(reused_from__isnull=False)


def of_dossier(dossier: Dossier) -> DossierDigitization:
    attachments = Attachment.objects.filter(dossier=dossier)
    return DossierDigitization(attachments.count(), attachments.filter(_digitized_attachment()).count())


@dataclass(frozen=True)
class Rates:
    dossiers: int
    dossiers_digitized: int
    results: int
    results_electronic: int

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def dossier_rate(self) -> float | None:
        return self._share(self.dossiers_digitized, self.dossiers)

    @property
    def result_rate(self) -> float | None:
        return self._share(self.results_electronic, self.results)


def digitization_rates(
    dossiers: QuerySet[Dossier],
    *,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> Rates:
    """Over received dossiers (by reception time) and finished ones (by finishing time) in the window.

    A dossier counts as digitized when it has documents and every one of them is digitized (or
    reused from the repository, digitized already). A result counts as electronic when a signed
    electronic result was issued for the dossier: signing files every one in the applicant's data
    repository (``digitization.file_signed_result``), so documents counts them without asking signing.
    """
    received = dossiers.filter(received_at__isnull=False)
    finished = dossiers.filter(status__in=FINISHED, finished_at__isnull=False)
    if since:
        received, finished = received.filter(received_at__gte=since), finished.filter(finished_at__gte=since)
    if until:
        received, finished = received.filter(received_at__lt=until), finished.filter(finished_at__lt=until)
    counted = received.annotate(
        n_files=Count("attachments", distinct=True),
        n_digitized=Count(
            "attachments",
            filter=Q(attachments__digitized__state__in=DIGITIZED) | Q(attachments__reused_from__isnull=False),
            distinct=True,
        ),
    )
    signed = DigitizedDocument.objects.filter(dossier=OuterRef("pk"), source=DigitizedDocument.Source.RESULT)
    return Rates(
        dossiers=received.count(),
        dossiers_digitized=counted.filter(n_files__gt=0).filter(n_files=F("n_digitized")).count(),
        results=finished.count(),
        results_electronic=finished.filter(Exists(signed)).count(),
    )


def digitization_as_of(dossier_id: int, at: datetime.datetime) -> tuple[bool, bool]:
    """Whether, at ``at``, every document of the dossier (there is at least one) was digitized, and
    whether one was reused from the applicant's repository: dated, so a report recomputed later
    gives the same answer as the one counted at the time."""
    attachments = Attachment.objects.filter(dossier_id=dossier_id, uploaded_at__lte=at)
    done = Q(reused_from__isnull=False) | Q(digitized__state__in=DIGITIZED, digitized__finished_at__lte=at)
    counts = attachments.aggregate(
        files=Count("id", distinct=True),
        digitized=Count("id", filter=done, distinct=True),
        reused=Count("id", filter=Q(reused_from__isnull=False), distinct=True),
    )
    return (counts["files"] > 0 and counts["files"] == counts["digitized"], counts["reused"] > 0)
