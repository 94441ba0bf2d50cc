"""Real procedures of the demo catalogue for tests that people look at (screenshots, browser flows)."""

from __future__ import annotations

import json

from motcua.catalogue.models import Level, Procedure
from motcua.catalogue.services import import_procedures
from motcua.demo.builder import CATALOGUE
from motcua.org.models import Agency


def demo_procedure(code: str, *, agencies: list[Agency]) -> Procedure:
    """Import one procedure of ``demo/catalogue.json`` as the demo does, served by ``agencies``."""
    from importlib import import_module

    # A transactional test's flush empties the rows the levels data migration wrote.
    for level, name, order in import_module("motcua.catalogue.migrations.0002_levels").LEVELS:
        Level.objects.get_or_create(code=level, defaults={"name": name, "order": order})
    records = json.loads(CATALOGUE.read_text())["procedures"]
    record = next(dict(r) for r in records if r["code"] == code)
    record.pop("demo_owner", None)
    record["agencies"] = []
    import_procedures([(1, record)])
    procedure = Procedure.objects.get(code=code)
    procedure.agencies.set(agencies)
    return procedure
