"""Benchmarks run by ``motcua bench`` (``make bench``): each prints its figure beside a
baseline measured in the same run, and the ratio between them.

A benchmark is a module here with a ``run(report)`` function, listed in ``SUITES``.
"""

SUITES = {
    "dossiers": "motcua_bench.dossiers",
    "portal": "motcua_bench.portal",
    "results": "motcua_bench.results",
    "events": "motcua_bench.events",
    "ocr": "motcua_bench.ocr",
    "search": "motcua_bench.search",
    "workspace": "motcua_bench.workspace",
    "payments": "motcua_bench.payments",
    "reports": "motcua_bench.reports",
    "scale": "motcua_bench.scale",
    "submissions": "motcua_bench.submissions",
    "audit": "motcua_bench.audit",
}
# Run only when named (``motcua bench scale``): it builds a province's year of dossiers first.
ON_REQUEST = {"scale"}
