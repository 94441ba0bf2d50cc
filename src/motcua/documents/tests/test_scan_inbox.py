"""The scan inbox: cover sheets route the pages after them; pages without one wait in the tray."""

import io
import os
import time

import pikepdf
import pytest

from motcua.core.errors import Conflict, Forbidden
from motcua.documents import inbox
from motcua.documents.models import Attachment, DigitizedDocument, ScanItem
from motcua.documents.watch import InboxWatcher
from motcua.dossiers.states import Status
from motcua.org.models import Counter
from motcua_testing.dossiers import dossier_in
from motcua_testing.scans import SAMPLE_PAGE, image_bytes, pdf_of, rasterize, scanned, text_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.SCAN_INBOX_DIR = str(tmp_path / "inbox")


@pytest.fixture
def counter(world):
    return Counter.objects.create(agency=world.justice, number=3, name="Quầy 3")


def _cover_scan(dossier, *, rotate: float, seed: int):
    """The printed cover sheet as the scanner sees it: 300 dpi, slightly turned, specks of dust."""
    (page,) = rasterize(inbox.cover_sheet_pdf(dossier), dpi=300)
    return scanned(page, rotate=rotate, noise=0.001, seed=seed)


def _drop(counter, name: str, content: bytes):
    folder = inbox.inbox_root() / inbox.counter_folder_name(counter)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return path


def _pages(attachment) -> int:
    with inbox.open_stored(attachment.file) as handle:
        with pikepdf.open(io.BytesIO(handle.read())) as pdf:
            return len(pdf.pages)


def test_cover_sheets_route_the_pages_after_them_and_the_rest_waits_in_the_tray(
    world, counter, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "motcua.documents.digitization.enqueue", lambda *args: None
    )  # OCR is tested elsewhere
    first = dossier_in(world, Status.RECEIVED)
    second = dossier_in(world, Status.PROCESSING)
    pages = [
        text_page(["Trang lạc, không có tờ bìa"]),
        _cover_scan(first, rotate=1.5, seed=1),
        text_page(SAMPLE_PAGE[:4]),
        text_page(SAMPLE_PAGE[4:8]),
        _cover_scan(second, rotate=-2.0, seed=2),
        text_page(SAMPLE_PAGE[8:]),
    ]
    path = _drop(counter, "lo-quet-001.pdf", pdf_of(pages))

    with django_capture_on_commit_callbacks(execute=True):
        outcome = inbox.ingest_file(counter_id=counter.pk, path=str(path))

    assert outcome == "3 segments"
    (to_first,) = Attachment.objects.filter(dossier=first)
    (to_second,) = Attachment.objects.filter(dossier=second)
    assert (_pages(to_first), _pages(to_second)) == (2, 1)
    assert to_first.filename == "lo-quet-001-trang-3-4.pdf"
    assert to_first.stage == Attachment.Stage.COUNTER
    assert (
        DigitizedDocument.objects.filter(attachment__in=[to_first, to_second]).count() == 2
    )  # queued for OCR
    (waiting,) = inbox.unassigned(world.receiver.user)
    assert (waiting.filename, waiting.pages) == ("lo-quet-001-trang-1.pdf", 1)
    assert not path.exists()  # taken out of the inbox once stored


def test_a_batch_without_cover_sheet_waits_and_the_official_attaches_it(world, counter, monkeypatch):
    monkeypatch.setattr("motcua.documents.digitization.enqueue", lambda *args: None)
    dossier = dossier_in(world, Status.RECEIVED)
    path = _drop(counter, "anh-chup.pdf", pdf_of([text_page(SAMPLE_PAGE[:3]), text_page(SAMPLE_PAGE[3:6])]))
    inbox.ingest_file(counter_id=counter.pk, path=str(path))
    assert not Attachment.objects.exists()
    (item,) = inbox.unassigned(world.receiver.user)
    assert item.pages == 2
    assert list(inbox.unassigned(world.other_receiver.user)) == []  # another agency's official sees nothing

    with pytest.raises(Forbidden):
        inbox.assign_scan(item=item, dossier_code=dossier.code, by=world.other_receiver.user)
    component = world.procedure.documents.create(name="Giấy khai sinh", mandatory=True)
    attachment = inbox.assign_scan(
        item=item, dossier_code=dossier.code, component_id=component.pk, by=world.receiver.user
    )

    assert attachment.dossier == dossier and attachment.component == component
    assert attachment.uploaded_by == world.receiver.user
    assert list(inbox.unassigned(world.receiver.user)) == []
    with pytest.raises(Conflict):
        inbox.assign_scan(
            item=ScanItem.objects.get(pk=item.pk), dossier_code=dossier.code, by=world.receiver.user
        )


def test_a_bad_file_in_the_inbox_is_set_aside_with_its_reason(world, counter):
    path = _drop(counter, "hong.pdf", b"%PDF-1.4\n1 0 obj\n<<")
    assert inbox.ingest_file(counter_id=counter.pk, path=str(path)) == "refused"
    refused = path.parent / "refused"
    assert (refused / "hong.pdf").exists()
    assert "bị cắt cụt" in (refused / "hong.pdf.txt").read_text()
    assert not ScanItem.objects.exists() and not Attachment.objects.exists()


def test_the_watcher_waits_until_the_scanner_has_finished_writing(tmp_path):
    root = tmp_path / "inbox"
    (root / "000.00.12.H30-3").mkdir(parents=True)
    handed = []
    watcher = InboxWatcher(root, lambda folder, path: handed.append((folder, path.name)), stable_seconds=2)
    growing = root / "000.00.12.H30-3" / "lo-002.pdf"
    growing.write_bytes(b"%PDF-1.4 first part")
    (root / "000.00.12.H30-3" / "lo-003.pdf.part").write_bytes(b"%PDF-")  # still being written
    watcher.notice(growing)
    watcher.notice(root / "000.00.12.H30-3" / "lo-003.pdf.part")
    start = time.monotonic()
    assert watcher.poll(start) == []  # first sight
    with open(growing, "ab") as handle:
        handle.write(b" second part")
    assert watcher.poll(start + 1) == []  # it grew
    assert watcher.poll(start + 2.5) == []  # not stable long enough yet
    claimed = watcher.poll(start + 3.5)
    assert [path.parent.name for path in claimed] == [".processing"]
    assert claimed[0].read_bytes() == b"%PDF-1.4 first part second part"
    assert handed == [("000.00.12.H30-3", claimed[0].name)]
    assert not growing.exists()


def test_a_claimed_file_keeps_the_scanners_name(tmp_path):
    claimed = tmp_path / "000.00.12.H30-3" / ".processing" / "0123456789ab-lo-quet-2026-11-23.pdf"
    assert inbox.original_name(claimed) == "lo-quet-2026-11-23.pdf"
    assert inbox.original_name(tmp_path / "lo-quet-1.pdf") == "lo-quet-1.pdf"


def test_the_counter_folder_names_its_counter(world, counter):
    assert inbox.counter_folder_name(counter) == "000.00.12.H30-3"
    assert inbox.counter_for_folder("000.00.12.H30-3") == counter
    assert inbox.counter_for_folder("khong-phai-quay") is None


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_motcua_scan_inbox_takes_a_file_only_once_the_scanner_has_written_it_all(world, settings, tmp_path):
    """The real long-running command: a batch written in two goes is stored once, whole."""
    import os
    import subprocess
    import sys

    from motcua_testing.jobs import database_url, wait_for

    counter = Counter.objects.create(agency=world.justice, number=4, name="Quầy 4")
    folder = tmp_path / "inbox" / inbox.counter_folder_name(counter)
    folder.mkdir(parents=True)
    batch = pdf_of([text_page(SAMPLE_PAGE[:3]), text_page(SAMPLE_PAGE[3:6])])
    env = {
        **os.environ,
        "MOTCUA_DATA_DIR": str(settings.DATA_DIR),
        "MOTCUA_DATABASE_URL": database_url(),
        "MOTCUA_SCAN_INBOX_DIR": str(tmp_path / "inbox"),
        "MOTCUA_STORAGE_URL": f"file://{settings.MEDIA_ROOT}",
        "MOTCUA_JOBS_EAGER": "1",  # the command ingests in its own process: no worker needed here
    }
    from django.db import connection

    connection.close()
    log = open(tmp_path / "scan-inbox.log", "w")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "motcua.cli", "scan-inbox"], env=env, stdout=log, stderr=log
    )
    try:
        time.sleep(3)  # watching
        with open(folder / "lo-005.pdf", "wb") as scanner:
            scanner.write(batch[: len(batch) // 2])
            scanner.flush()
            time.sleep(1.2)  # the scanner is still writing: a half file must not be taken
            assert not ScanItem.objects.exists()
            scanner.write(batch[len(batch) // 2 :])
        assert wait_for(lambda: ScanItem.objects.exists(), timeout=60), (
            tmp_path / "scan-inbox.log"
        ).read_text()
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    (item,) = ScanItem.objects.all()
    assert (item.counter, item.pages, item.file.size) == (counter, 2, len(batch))
    assert list(folder.iterdir()) == [folder / ".processing"] and not any((folder / ".processing").iterdir())


def _claimed(counter, name: str, content: bytes, *, at_seconds: float):
    """A file as the watcher leaves it for the job: in ``.processing/``, its arrival in its name."""
    folder = inbox.inbox_root() / inbox.counter_folder_name(counter) / ".processing"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{int(at_seconds * 1e9):020d}-{name}"
    path.write_bytes(content)
    return path


def test_a_cover_sheet_scanned_as_its_own_image_routes_the_files_after_it(
    world, counter, monkeypatch, django_capture_on_commit_callbacks
):
    """One image per sheet: cover, two pages, then (after the scanner was idle) a stray page."""
    monkeypatch.setattr("motcua.documents.digitization.enqueue", lambda *args: None)
    dossier = dossier_in(world, Status.RECEIVED)
    start = time.time()
    cover = _claimed(
        counter, "scan_0001.png", image_bytes(_cover_scan(dossier, rotate=0.8, seed=3)), at_seconds=start
    )
    first = _claimed(counter, "scan_0002.png", image_bytes(text_page(SAMPLE_PAGE[:4])), at_seconds=start + 4)
    second = _claimed(counter, "scan_0003.png", image_bytes(text_page(SAMPLE_PAGE[4:])), at_seconds=start + 8)
    stray = _claimed(counter, "scan_0004.png", image_bytes(text_page(["Trang lạc"])), at_seconds=start + 900)

    with django_capture_on_commit_callbacks(execute=True):
        # the worker takes the jobs in any order; the last page's job comes first
        inbox.ingest_file(counter_id=counter.pk, path=str(second))
        for path in (cover, first, second, stray):
            inbox.ingest_file(counter_id=counter.pk, path=str(path))

    names = sorted(Attachment.objects.filter(dossier=dossier).values_list("filename", flat=True))
    assert names == ["scan_0002-trang-1.png", "scan_0003-trang-1.png"]  # the cover itself is not kept
    (waiting,) = inbox.unassigned(world.receiver.user)
    assert waiting.filename == "scan_0004-trang-1.png"  # fifteen minutes later: a new batch


def test_pages_stored_before_their_cover_sheet_are_routed_when_it_arrives(world, counter, monkeypatch):
    """The cover's file came back from a restarted watcher after the pages: they wait, then follow it."""
    monkeypatch.setattr("motcua.documents.digitization.enqueue", lambda *args: None)
    dossier = dossier_in(world, Status.RECEIVED)
    start = time.time()
    page = _claimed(counter, "b.png", image_bytes(text_page(SAMPLE_PAGE[:4])), at_seconds=start + 3)
    inbox.ingest_file(counter_id=counter.pk, path=str(page))
    assert inbox.unassigned(world.receiver.user).count() == 1
    cover = _drop(counter, "a.png", image_bytes(_cover_scan(dossier, rotate=0.0, seed=4)))
    os.utime(cover, (start, start))  # not claimed by the watcher: ordered by its modification time
    inbox.ingest_file(counter_id=counter.pk, path=str(cover))
    assert list(inbox.unassigned(world.receiver.user)) == []
    assert Attachment.objects.get(dossier=dossier).filename == "b-trang-1.png"
