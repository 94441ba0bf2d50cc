"""Benchmarks run by ``motcua bench`` (``make bench``): each prints its figure beside a
baseline measured in the same run, and the ratio between them.

A benchmark is a module here with a ``run(report)`` function, listed in ``SUITES``.
"""

SUITES = {
    "dossiers": "motcua.benchmarks.dossiers",
    "portal": "motcua.benchmarks.portal",
    "results": "motcua.benchmarks.results",
    "events": "motcua.benchmarks.events",
    "ocr": "motcua.benchmarks.ocr",
    "search": "motcua.benchmarks.search",
    "workspace": "motcua.benchmarks.workspace",
    "payments": "motcua.benchmarks.payments",
    "reports": "motcua.benchmarks.reports",
    "scale": "motcua.benchmarks.scale",
    "submissions": "motcua.benchmarks.submissions",
    "audit": "motcua.benchmarks.audit",
}
# Run only when named (``motcua bench scale``): it builds a province's year of dossiers first.
ON_REQUEST = {"scale"}
