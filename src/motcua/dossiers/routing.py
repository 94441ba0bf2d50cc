"""Which agency receives a dossier and which one decides it.

Since July 2025 a dossier may be filed at any counter in the province; it is
routed to the agency competent for the procedure.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.core.errors import ValidationFailed
from motcua.org.models import Agency


def route(
    procedure: Procedure, *, receiving_agency: Agency | None = None, competent_agency: Agency | None = None
) -> tuple[Agency, Agency]:
    """(receiving agency, competent agency) for a new dossier."""
    candidates = getattr(procedure, "active_agencies", None)
    if candidates is None:
        candidates = list(procedure.agencies.filter(is_active=True))
    if competent_agency is not None:
        if candidates and competent_agency not in candidates:
            raise ValidationFailed(
                fields={
                    "competent_agency": [
                        _("%(agency)s không giải quyết thủ tục này.") % {"agency": competent_agency.name}
                    ]
                }
            )
        competent = competent_agency
    elif receiving_agency is not None and receiving_agency in candidates:
        competent = receiving_agency
    elif len(candidates) == 1:
        competent = candidates[0]
    elif not candidates:
        raise ValidationFailed(
            _("Thủ tục này chưa được gán cơ quan giải quyết trong tỉnh."),
            fields={"procedure": [_("Thủ tục này chưa được gán cơ quan giải quyết trong tỉnh.")]},
        )
    else:
        # Names only: an agency's electronic code means nothing to an applicant.
        names = sorted(a.name for a in candidates)
        choices = ", ".join(names[:10]) + (
            _(" và %(n)d nơi khác") % {"n": len(names) - 10} if len(names) > 10 else ""
        )
        raise ValidationFailed(
            fields={
                "competent_agency": [_("Cần chọn cơ quan giải quyết: %(choices)s.") % {"choices": choices}]
            }
        )
    return receiving_agency or competent, competent
