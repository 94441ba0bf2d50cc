"""``motcua demo``: one demo province, built once, through the same services users go through."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from motcua.catalogue.importers.json_file import read as read_catalogue
from motcua.catalogue.models import Procedure
from motcua.catalogue.services import import_procedures
from motcua.demo.dossiers import create_applicants, create_dossiers
from motcua.demo.organisation import build_organisation
from motcua.demo.payments import equip_for_fees
from motcua.demo.portal import add_blank_forms, add_ratings_and_feedback
from motcua.org.models import Agency, AgencyKind
from motcua.signing.demo import equip as equip_for_signing

CATALOGUE = Path(__file__).with_name("catalogue.json")


@dataclass
class DemoSummary:
    agencies: int
    officials: int
    procedures: int
    applicants: int
    dossiers: dict[str, int]


def demo_loaded() -> bool:
    return Agency.objects.filter(kind=AgencyKind.PROVINCE_COMMITTEE).exists()


def load_catalogue(org) -> int:
    rows = read_catalogue(CATALOGUE)
    owners = {record["code"]: record.pop("demo_owner") for _line, record in rows}
    import_procedures(rows)
    for procedure in Procedure.objects.filter(code__in=owners):
        owner = owners[procedure.code]
        procedure.agencies.set(org.communes if owner == "commune" else [org.departments[owner]])
    return len(rows)


@transaction.atomic
def build_demo(
    *, dossiers: int = 1000, seed: int = 20251123, province_code: int | None = None, signing: bool = True
) -> DemoSummary:
    """The demo province; ``signing`` also makes a CA, keys and templates (slow: RSA keys)."""
    rng = random.Random(seed)
    org = build_organisation(province_code or settings.DEMO_PROVINCE_CODE, rng)
    procedures = load_catalogue(org)
    equip_for_fees()
    applicants = create_applicants(rng, citizens=max(20, dossiers // 4), businesses=max(5, dossiers // 30))
    counts = create_dossiers(org, rng, total=dossiers, applicants=applicants)
    add_blank_forms()
    add_ratings_and_feedback(rng)
    if signing:
        equip_for_signing(province_name=org.province.name)
    return DemoSummary(
        agencies=Agency.objects.count(),
        officials=sum(len(s.receivers) + len(s.processors) + len(s.leaders) for s in org.staff.values()),
        procedures=procedures,
        applicants=len(applicants),
        dossiers=counts,
    )
