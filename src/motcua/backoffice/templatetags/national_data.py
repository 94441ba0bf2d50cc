"""``{% verified_form_data dossier %}``: on an official's dossier page, which e-form values were
verified against a national database, when, and what the applicant reported wrong."""

from __future__ import annotations

from django import template

from motcua.accounts.national_data import verified_for_dossier
from motcua.catalogue.eform_fields import eform_fields

register = template.Library()


@register.inclusion_tag("backoffice/dossier/_verified.html")
def verified_form_data(dossier):
    row = verified_for_dossier(dossier.uuid)
    if row is None:
        return {"row": None}
    labels = {f.name: f.label for f in eform_fields(dossier.procedure.form_schema, {})}
    return {"row": row, "fields": [labels.get(name, name) for name in row.values]}
