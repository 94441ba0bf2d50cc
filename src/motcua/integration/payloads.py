"""What an event looks like outside: the JSON every consumer (AMQP, webhooks) receives.

No personal data leaves in these payloads (Decree 13/2023): the applicant is not named; the
national-portal adapter builds its own payload (``national_portal.py``).
"""

from __future__ import annotations

from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import NATIONAL_STATUS_CODES

SCHEMA = "motcua.event/1"

# Select-related path from an outbox row to everything a payload needs.
RELATED = (
    "event__dossier__procedure",
    "event__dossier__receiving_agency",
    "event__dossier__competent_agency",
    "event__agency",
)


def _iso(value):
    return value.isoformat() if value else None


def event_type(kind: str) -> str:
    return f"dossier.{kind}"


def event_payload(event: DossierEvent) -> dict:
    """The event as consumers receive it; ``id`` is the same on every retry (de-duplicate on it)."""
    dossier = event.dossier
    status = event.to_status or dossier.status
    return {
        "schema": SCHEMA,
        "id": str(event.event_id),
        "type": event_type(event.kind),
        "occurred_at": _iso(event.at),
        "sequence": event.seq,
        "from_status": event.from_status or None,
        "to_status": event.to_status or None,
        "agency": event.agency.code if event.agency_id else None,
        "note": event.note,
        "dossier": {
            "uuid": str(dossier.uuid),
            "code": dossier.code,
            "procedure": dossier.procedure.code,
            "status": status,
            "national_status": NATIONAL_STATUS_CODES.get(status),
            "channel": dossier.channel,
            "receiving_agency": dossier.receiving_agency.code,
            "competent_agency": dossier.competent_agency.code,
            "submitted_at": _iso(dossier.submitted_at),
            "received_at": _iso(dossier.received_at),
            "due_at": _iso(dossier.due_at),
        },
    }
