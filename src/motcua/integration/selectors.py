"""Read queries of the integration app."""

from __future__ import annotations

from motcua.integration.models import ContactPreference


def contact_preference(user) -> ContactPreference:
    """The applicant's choice, or the default (e-mail on, SMS off, Vietnamese) when never saved."""
    return ContactPreference.objects.filter(user=user).first() or ContactPreference(user=user)
