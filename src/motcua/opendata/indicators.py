"""The indicators' aggregates (``motcua.reports``) as open datasets: the province's monthly results
and Decision 766 scores, and each agency's results under that agency as organisation.

``reports.public`` decides what is published (aggregates only, never a dossier or a person);
this module only adapts its datasets and says which filters their downloads take.
"""

from __future__ import annotations

from motcua.opendata.datasets import Dataset, from_source
from motcua.reports import public

GROUP = "indicators"
TAGS = ("chi-so", "ket-qua-giai-quyet-ho-so", "so-lieu-tong-hop")
# The keyword filters reports.public's rows() take (see its docstring).
FILTERS = ("month", "start", "end", "agency", "procedure", "field")


def datasets() -> list[Dataset]:
    return [
        from_source(dataset, group=GROUP, frequency="continuous", tags=TAGS, filters=FILTERS)
        for dataset in public.datasets()
    ]
