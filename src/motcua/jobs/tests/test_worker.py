"""The embedded broker keeps queued jobs on disk, and ``motcua worker`` does them when it starts."""

from pathlib import Path

import pytest
from django.conf import settings

from motcua.jobs.celery import app
from motcua_testing.jobs import running_worker, wait_for


def _queued_files() -> list[Path]:
    return list(Path(settings.BROKER_DIR).glob("*.msg"))


@pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored")
def test_mot_viec_xep_hang_khi_khong_co_worker_duoc_lam_khi_worker_khoi_dong(tmp_path):
    if settings.CELERY_BROKER_URL != "filesystem://":
        pytest.skip("the embedded broker is not in use (MOTCUA_BROKER_URL is set)")
    for stale in _queued_files():
        stale.unlink()

    # No worker runs: the job waits on disk, as it would across a restart of the whole installation.
    app.send_task("motcua.jobs.ping", args=["xin chào"])
    assert len(_queued_files()) == 1

    log = tmp_path / "worker.log"
    with running_worker(log):
        assert wait_for(lambda: "succeeded" in log.read_text()), log.read_text()[-2000:]
    text = log.read_text()
    assert "motcua.jobs.ping" in text and "'xin chào'" in text
    assert _queued_files() == []
