"""A result's draft is rendered by a background worker, not in the official's request."""

import shutil

import pytest
from conftest import require_service

from motcua.dossiers.states import Status
from motcua.jobs.celery import app
from motcua.signing.models import ResultDocument
from motcua.signing.services import prepare_result
from motcua_testing.dossiers import dossier_in
from motcua_testing.jobs import running_worker, wait_for
from motcua_testing.signing import result_template_for


@pytest.fixture
def jobs_queued():
    """Jobs go to the broker, as in production, instead of running inline."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_du_thao_cho_worker_dung_roi_thanh_ban_du_thao(world, jobs_queued, tmp_path):
    require_service(
        "LibreOffice", shutil.which("soffice") is not None, "apt-get install libreoffice-writer-nogui"
    )
    result_template_for(world.procedure)
    dossier = dossier_in(world, Status.PROCESSING)

    document = prepare_result(dossier=dossier, by=world.processor.user)
    assert document.state == ResultDocument.State.RENDERING  # the request returns at once
    assert not document.draft_pdf

    def rendered() -> bool:
        document.refresh_from_db()
        return document.state != ResultDocument.State.RENDERING

    log = tmp_path / "worker.log"
    with running_worker(log):
        assert wait_for(rendered, timeout=120), log.read_text()[-3000:]
    assert document.state == ResultDocument.State.DRAFT, document.problem
    assert document.draft_pdf.read().startswith(b"%PDF")
