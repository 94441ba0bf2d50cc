"""The documents API: the applicant's repository, a dossier's digitization, metadata, rates."""

import pytest

from motcua.documents.services import Upload, attach_files
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def digitized(world, api):
    """A received dossier whose counter scan (a born-digital PDF: converted to PDF/A, nothing to OCR) is digitized."""
    dossier = dossier_in(world, Status.RECEIVED)
    attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(upload("giay.pdf", pdf_bytes("So: 12/2026/GP")))],
        stage="counter",
    )
    api.force_authenticate(world.receiver.user)
    answer = api.post(f"/api/v1/dossiers/{dossier.code}/documents/digitize/")
    assert answer.status_code == 202, answer.content
    return dossier, answer.json()[0]


def test_the_official_follows_the_digitization_of_a_dossier(world, api, digitized):
    dossier, queued = digitized
    listing = api.get(f"/api/v1/dossiers/{dossier.code}/documents/").json()
    assert listing["count"] == 1
    (item,) = listing["results"]
    assert item["filename"] == "giay.pdf" and item["digitized"]["state"] == "done"
    assert item["digitized"]["uuid"] == queued["uuid"]
    from motcua.audit.models import AuditEntry

    reads = AuditEntry.objects.filter(action="read", object_ref=dossier.code, actor_id=world.receiver.user.pk)
    assert [entry.detail["view"] for entry in reads] == ["api:documents"]  # a read of personal data, logged
    api.force_authenticate(world.other_receiver.user)
    assert api.get(f"/api/v1/dossiers/{dossier.code}/documents/").status_code == 404


def test_metadata_confirmation_refuses_bad_dates_in_both_languages(world, api, digitized):
    _dossier, queued = digitized
    url = f"/api/v1/digitized/{queued['uuid']}/confirm/"
    bad = {"document_type": "Giấy phép", "issued_on": "2026-03-01", "valid_until": "2026-02-01"}
    refused = api.post(url, bad, format="json")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["valid_until"] == ["Ngày hết hiệu lực phải sau ngày cấp."]
    english = api.post(url, bad, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "after the issue date" in english.json()["error"]["fields"]["valid_until"][0]
    assert api.get(f"/api/v1/digitized/{queued['uuid']}/").json()["confirmed_at"] is None
    confirmed = api.post(url, {"document_type": "Giấy phép", "number": "12/2026/GP"}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["confirmed_at"]


def test_the_applicant_reads_their_repository_and_nobody_elses(world, api, digitized):
    api.force_authenticate(world.citizen)
    mine = api.get("/api/v1/repository/").json()
    assert mine["count"] == 1 and mine["results"][0]["state"] == "done"
    api.force_authenticate(world.other_citizen)
    assert api.get("/api/v1/repository/").json()["count"] == 0
    assert api.get(f"/api/v1/repository/{mine['results'][0]['uuid']}/").status_code == 404


def test_digitization_rates_for_officials_only(world, api, digitized):
    rates = api.get("/api/v1/digitization/rates/").json()
    assert (rates["dossiers"], rates["dossiers_digitized"], rates["dossier_rate"]) == (1, 1, 1.0)
    assert api.get("/api/v1/digitization/rates/?since=yesterday").status_code == 400
    api.force_authenticate(world.citizen)
    assert api.get("/api/v1/digitization/rates/").status_code == 403


def test_the_applicants_data_download_holds_their_repository(world, api, digitized):
    import io
    import json
    import zipfile

    api.force_authenticate(world.citizen)
    archive = zipfile.ZipFile(io.BytesIO(api.get("/api/v1/me/data/").content))
    (held,) = json.loads(archive.read("data.json"))["repository"]
    assert held["dossier"] == digitized[0].code and "12/2026/GP" in held["text"]
    assert archive.read(held["path"]).startswith(b"%PDF")
