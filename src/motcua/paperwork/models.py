"""The token printed as a QR code on a dossier's papers."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


def new_token() -> str:
    # 16 random bytes (128 bits): unguessable, and short enough for a small, easily scanned QR code.
    return secrets.token_urlsafe(16)


class LookupToken(models.Model):
    """Mã tra cứu: the unguessable token a dossier's receipt carries as a QR code.

    It opens the dossier's public status and its satisfaction rating. Dossier
    codes are sequential and easy to guess, so they open the status only; the
    rating needs the token (or the applicant's own sign-in).
    """

    dossier = models.OneToOneField(
        Dossier, on_delete=models.PROTECT, related_name="lookup_token", verbose_name=_("hồ sơ")
    )
    token = models.CharField(_("mã tra cứu"), max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("mã tra cứu")
        verbose_name_plural = _("mã tra cứu")

    def __str__(self):
        return f"{self.dossier}"
