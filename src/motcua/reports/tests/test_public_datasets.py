"""The public datasets: aggregates only, the same figures the dashboard sums, filters that work."""

import pytest

from motcua.reports.public import datasets
from motcua.reports.tests.workload import run

pytestmark = pytest.mark.django_db

PERSONAL = ("applicant", "name_of", "phone", "email", "address", "id_number", "dossier_code")


def test_datasets_describe_themselves_and_hold_no_personal_columns(world):
    run(world, seed=11, steps=50)
    found = {d.slug: d for d in datasets()}
    assert {"ket-qua-giai-quyet-tthc", "chi-so-766"} <= set(found)
    agency_sets = [d for d in found.values() if d.organisation == world.justice.code]
    assert len(agency_sets) == 1
    for dataset in found.values():
        assert dataset.title.vi and dataset.title.en and dataset.description.en
        assert dataset.last_updated is not None
        names = [name for name, _label in dataset.columns]
        assert not [n for n in names if any(p in n for p in PERSONAL)]
        for row in dataset.rows():
            assert list(row) == names


def test_monthly_rows_add_up_to_the_dossiers_received(world):
    from motcua.dossiers.models import DossierEvent

    run(world, seed=12, steps=60)
    rows = list({d.slug: d for d in datasets()}["ket-qua-giai-quyet-tthc"].rows())
    assert sum(r["received"] for r in rows) == DossierEvent.objects.filter(kind="received").count()
    month = rows[0]["month"]
    only = list({d.slug: d for d in datasets()}["ket-qua-giai-quyet-tthc"].rows(month=month))
    assert only and {r["month"] for r in only} == {month}
    assert list({d.slug: d for d in datasets()}["ket-qua-giai-quyet-tthc"].rows(agency="no-such")) == []


def test_the_score_dataset_gives_each_agency_a_total_out_of_100(world):
    run(world, seed=13, steps=60)
    rows = list({d.slug: d for d in datasets()}["chi-so-766"].rows())
    assert rows
    for row in rows:
        groups = [v for k, v in row.items() if k.startswith("points_")]
        assert len(groups) == 5
        assert 0 <= row["score_766"] <= 100
        assert row["score_766"] == pytest.approx(sum(groups), abs=0.05)
