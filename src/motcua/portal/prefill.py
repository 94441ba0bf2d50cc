"""A new e-form starts with what the applicant's account already says: name, number, birth date, address,
phone, e-mail. Every value stays editable.

Which e-form field holds which of these the catalogue says with the keyword
``"x-prefill"`` on a property (validators ignore unknown keywords):
``full_name``, ``identity_number``, ``birth_date``, ``sex``, ``address``, ``phone``,
``email`` (the applicant as a person), ``organisation_name``, ``tax_code`` (an
organisation). Without it, only names that cannot mean anyone else are filled
(``requester_full_name``, ``applicant_id_number``, ``phone``, ``email``…;
``"x-prefill": false`` opts out): a form's ``full_name`` or ``birth_date`` may be
a child's or a deceased person's, and a wrong value filled in is worse than an
empty box.
"""

from __future__ import annotations

from motcua.accounts.models import User

PREFILL_KEY = "x-prefill"

_BY_NAME = {
    "phone": "phone",
    "contact_phone": "phone",
    "email": "email",
    "contact_email": "email",
    "contact_address": "address",
}
for _who in ("applicant", "requester"):
    _BY_NAME.update(
        {
            f"{_who}_full_name": "full_name",
            f"{_who}_name": "full_name",
            f"{_who}_id_number": "identity_number",
            f"{_who}_birth_date": "birth_date",
            f"{_who}_address": "address",
            f"{_who}_phone": "phone",
            f"{_who}_email": "email",
        }
    )


def _account_values(user: User) -> dict[str, object]:
    citizen = user.kind == User.Kind.CITIZEN
    business = user.kind == User.Kind.BUSINESS
    return {
        "full_name": user.full_name if citizen else None,
        "identity_number": user.personal_id if citizen else None,
        "birth_date": user.birth_date.isoformat() if citizen and user.birth_date else None,
        "sex": None if not citizen or user.is_male is None else ("Nam" if user.is_male else "Nữ"),
        "organisation_name": user.full_name if business else None,
        "tax_code": user.tax_code if business else None,
        "address": user.address or None,
        "phone": user.phone or None,
        "email": user.email or None,
    }


def _fits(spec: dict, value) -> bool:
    """The value is one the field can hold (a choice it offers, text not longer than allowed)."""
    if spec.get("type") not in (None, "string"):
        return False
    if spec.get("enum") and value not in spec["enum"]:
        return False
    max_length = spec.get("maxLength")
    return not (isinstance(max_length, int) and len(str(value)) > max_length)


def prefilled_values(schema: dict, user) -> dict:
    """E-form values taken from the signed-in applicant's account, for a new dossier's form."""
    if not getattr(user, "is_applicant", False):
        return {}
    account = _account_values(user)
    values = {}
    for name, spec in (schema.get("properties") or {}).items():
        if not isinstance(spec, dict):
            continue
        # "x-prefill": false (or null) keeps a field empty even when its name would be filled.
        source = spec.get(PREFILL_KEY, _BY_NAME.get(name))
        value = account.get(source) if isinstance(source, str) else None
        if value is not None and _fits(spec, value):
            values[name] = value
    return values


def prefill_sources(schema: dict) -> dict[str, str]:
    """Which account datum (``x-prefill`` key) each e-form field takes, by keyword or by its name."""
    sources = {}
    for name, spec in (schema.get("properties") or {}).items():
        if isinstance(spec, dict):
            source = spec.get(PREFILL_KEY, _BY_NAME.get(name))
            if isinstance(source, str):
                sources[name] = source
    return sources
