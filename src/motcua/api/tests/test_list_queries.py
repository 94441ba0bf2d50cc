"""Every list endpoint answers with as many queries for 3N rows as for N (no N+1)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from motcua.audit.services import record
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.states import Status
from motcua.org.models import Agency, Role
from motcua.signing.models import ResultDocument
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import FieldFactory, OfficialFactory, ProcedureFactory
from motcua_testing.files import pdf_bytes, upload
from motcua_testing.queries import assert_no_n_plus_one, held_documents

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_procedures(api, world):
    def grow(k):
        return [ProcedureFactory(agencies=[world.justice]).code for _ in range(k)]

    assert_no_n_plus_one(lambda: api.get("/api/v1/procedures/"), grow)


def test_fields(api, world):
    made = iter(range(100))

    def grow(k):
        return [
            FieldFactory(code=f"linh-vuc-{i}", name=f"Lĩnh vực {i}").name
            for i in (next(made) for _ in range(k))
        ]

    assert_no_n_plus_one(lambda: api.get("/api/v1/fields/"), grow)


def test_agencies(api, world):
    # Not AgencyFactory: its code sequence is shared by the suite and must not reach the test
    # province's fixed codes (000.00.12.H30, 000.00.15.H30) in a later test.
    made = iter(range(100))

    def grow(k):
        codes = [f"000.00.{next(made)}.H78" for _ in range(k)]
        for code in codes:
            Agency.objects.create(
                code=code, name=f"Cơ quan {code}", kind="department", unit=world.justice.unit
            )
        return codes

    assert_no_n_plus_one(lambda: api.get("/api/v1/agencies/"), grow)


def test_an_applicants_dossiers(api, world):
    api.force_authenticate(world.citizen)
    grow = lambda k: [dossier_in(world, Status.RECEIVED).code for _ in range(k)]  # noqa: E731
    assert_no_n_plus_one(lambda: api.get("/api/v1/dossiers/"), grow)


def test_an_officials_queue(api, world):
    api.force_authenticate(world.processor.user)
    grow = lambda k: [dossier_in(world, Status.PROCESSING).code for _ in range(k)]  # noqa: E731
    assert_no_n_plus_one(lambda: api.get("/api/v1/workspace/"), grow)


def test_the_audit_log(api, world):
    administrator = OfficialFactory.with_roles((world.justice, Role.ADMIN))
    api.force_authenticate(administrator.user)
    made = iter(range(100))

    def grow(k):
        refs = [f"HS-{next(made):04d}" for _ in range(k)]
        for ref in refs:
            record(action="read", user=world.processor.user, object_type="dossier", object_ref=ref)
        return refs

    assert_no_n_plus_one(lambda: api.get("/api/v1/audit/"), grow)


def test_a_dossiers_documents(api, world):
    dossier = dossier_in(world, Status.RECEIVED)
    api.force_authenticate(world.processor.user)
    made = iter(range(100))

    def grow(k):
        names = [f"giay-{next(made)}.pdf" for _ in range(k)]
        uploads = [Upload(file=upload(name, pdf_bytes(name)), component=None, field="scan") for name in names]
        attach_files(dossier=dossier, by=world.receiver.user, uploads=uploads, stage="counter")
        return names

    assert_no_n_plus_one(lambda: api.get(f"/api/v1/dossiers/{dossier.code}/documents/"), grow)


def test_a_dossiers_results(api, world):
    dossier = dossier_in(world, Status.RETURNED)
    api.force_authenticate(world.citizen)
    made = iter(range(100))

    def grow(k):
        titles = []
        for _ in range(k):
            title = f"Kết quả {next(made)}"
            document = ResultDocument.objects.create(
                dossier=dossier, kind="result", title=title, state=ResultDocument.State.SIGNED
            )
            document.signed_pdf.save(f"{document.token}.pdf", ContentFile(pdf_bytes(title)), save=False)
            document.signed_at = dossier.received_at
            document.save()
            titles.append(title)
        return titles

    assert_no_n_plus_one(lambda: api.get(f"/api/v1/dossiers/{dossier.code}/results/"), grow)


def test_an_applicants_repository(api, world):
    api.force_authenticate(world.citizen)
    assert_no_n_plus_one(lambda: api.get("/api/v1/repository/"), lambda k: held_documents(world, k))
