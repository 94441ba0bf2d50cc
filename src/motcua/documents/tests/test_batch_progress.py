"""The officials' digitization page shows a batch's progress: pages done of the total, and time left."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from motcua.dossiers.states import Status
from motcua_testing.dossiers import digitized_document, dossier_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_the_page_shows_pages_done_of_the_batch_and_the_time_left(client, world):
    dossier = dossier_in(world, Status.RECEIVED)
    now = timezone.now()
    queued = now - datetime.timedelta(seconds=30)  # "Số hóa tất cả": three files queued together

    def ago(seconds):
        return now - datetime.timedelta(seconds=seconds)

    digitized_document(
        dossier, "a", state="done", pages_done=4, pages_total=4, created_at=queued, started_at=ago(20)
    )
    digitized_document(
        dossier, "b", state="running", pages_done=6, pages_total=16, created_at=queued, started_at=ago(10)
    )
    digitized_document(dossier, "c", state="queued", created_at=queued)
    client.force_login(world.receiver.user)

    page = client.get(
        reverse("documents-backoffice:dossier", args=[dossier.code]), headers={"HX-Request": "true"}
    ).content.decode()  # what the page's own polling (htmx) fetches every two seconds

    text = " ".join(re.sub("<[^>]+>", "", page).split())
    assert "Đang số hóa: 10/20 trang và 1 tệp đang chờ" in text
    assert re.search(r"còn khoảng 2\d giây", text)  # 10 pages in ~20 s: 10 more take about as long
    assert 'hx-trigger="every 2s"' in page


def test_no_progress_line_once_the_batch_is_done(client, world):
    dossier = dossier_in(world, Status.RECEIVED)
    digitized_document(dossier, "a", state="done", pages_done=2, pages_total=2)
    client.force_login(world.receiver.user)
    page = client.get(reverse("documents-backoffice:dossier", args=[dossier.code])).content.decode()
    assert "batch-progress" not in page and "Đang số hóa:" not in page
