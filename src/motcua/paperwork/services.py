"""Writes of the paperwork: the dossier's look-up token, issued once."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from motcua.dossiers.models import Dossier
from motcua.paperwork.models import LookupToken


def issue_lookup_token(*, dossier: Dossier) -> str:
    """The dossier's token, created the first time it is asked for (receipts print it as a QR code)."""
    existing = LookupToken.objects.filter(dossier_id=dossier.pk).values_list("token", flat=True).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return LookupToken.objects.create(dossier_id=dossier.pk).token
    except IntegrityError:
        return LookupToken.objects.get(dossier_id=dossier.pk).token
