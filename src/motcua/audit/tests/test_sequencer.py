"""The chain linked off the commit path: entries written without a lock, linked by the sequencer."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from motcua.audit import verification
from motcua.audit.chain import GENESIS, chain_pending
from motcua.audit.models import Action, AuditEntry
from motcua.audit.services import record
from motcua.audit.verification import verify
from motcua_testing.audit import as_database_owner

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sequencer(settings, tmp_path):
    settings.AUDIT_CHAIN = "sequencer"
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")


def _write(count: int, prefix: str = "D") -> list[AuditEntry]:
    return [
        record(action=Action.READ, object_type="dossier", object_ref=f"{prefix}-{i}") for i in range(count)
    ]


def test_an_entry_is_written_outside_the_chain_until_the_sequencer_links_it():
    (entry,) = _write(1)
    assert (entry.seq, entry.hash) == (None, None) and entry.mac
    assert verify().ok and verify().unchained == 1
    assert chain_pending() == 1
    entry.refresh_from_db()
    assert (entry.seq, entry.previous_hash) == (1, GENESIS)
    report = verify()
    assert report.ok and report.checked == 1 and report.unchained == 0


def test_the_sequencer_links_in_order_once_however_often_it_runs():
    _write(3)
    assert chain_pending() == 3
    assert chain_pending() == 0
    _write(2, "E")
    assert chain_pending(batch=1) == 2  # several batches, one chain
    rows = list(AuditEntry.objects.order_by("seq").values_list("seq", "object_ref", "previous_hash", "hash"))
    assert [r[:2] for r in rows] == [(1, "D-0"), (2, "D-1"), (3, "D-2"), (4, "E-0"), (5, "E-1")]
    assert all(rows[i][2] == rows[i - 1][3] for i in range(1, 5))
    assert verify().ok


def test_an_entry_slipped_in_without_the_key_is_never_linked_and_verify_names_it():
    _write(2)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (at, actor_id, actor_name, action, object_type, object_ref, detail, ip,"
            " previous_hash, mac) VALUES (%s, NULL, 'kẻ giả mạo', 'read', 'dossier', 'X', '{}', '', '', %s)",
            [timezone.now(), "f" * 64],
        )
    assert chain_pending() == 2
    assert AuditEntry.objects.get(object_ref="X").seq is None
    report = verify()
    assert not report.ok and "without the audit key" in report.problem
    with pytest.raises(CommandError, match="without the audit key"):
        call_command("audit", "verify")


def test_an_entry_changed_before_it_was_linked_is_reported():
    (entry,) = _write(1)
    with as_database_owner():
        AuditEntry.objects.filter(pk=entry.pk).update(actor_name="người khác")
    assert chain_pending() == 0
    assert "changed" in verify().problem


def test_an_entry_left_unlinked_longer_than_allowed_fails_verify(settings):
    _write(2)
    settings.AUDIT_CHAIN_LAG_SECONDS = 60
    assert verify().ok
    later = timezone.now() + timedelta(seconds=61)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("motcua.audit.verification.timezone.now", lambda: later)
        report = verify()
    assert not report.ok and "2 entries written more than 60 s ago are not in the chain" in report.problem
    chain_pending()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("motcua.audit.verification.timezone.now", lambda: later)
        assert verify().ok


def test_the_database_lets_through_only_the_link_itself():
    (entry,) = _write(1)
    refused = [
        "UPDATE audit_auditentry SET seq = 1, hash = 'x', actor_name = 'người khác'",
        "UPDATE audit_auditentry SET actor_name = 'người khác'",
        "UPDATE audit_auditentry SET mac = 'x'",
    ]
    for statement in refused:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(statement)
    chain_pending()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        connection.cursor().execute("UPDATE audit_auditentry SET seq = 7, hash = 'y'")  # relinking
    entry.refresh_from_db()
    assert entry.seq == 1 and verify().ok


def test_the_checkpoint_links_what_waits_before_anchoring_the_head():
    from motcua.audit.anchoring import write_checkpoint

    _write(3)
    written = write_checkpoint()
    assert written.seq == 3
    assert verify().ok


def test_the_periodic_job_and_the_command_link_the_waiting_entries(capsys, settings):
    from motcua.audit.tasks import chain

    assert {"task": "motcua.audit.chain", "schedule": settings.AUDIT_CHAIN_SECONDS} in (
        settings.CELERY_BEAT_SCHEDULE.values()
    )

    _write(2)
    assert chain.delay().get() == 2
    _write(1, "E")
    call_command("audit", "chain")
    assert "1 entries linked" in capsys.readouterr().out
    call_command("audit", "verify")
    assert "audit chain intact: 3 entries" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_a_log_checked_in_parallel_slices_finds_what_one_process_finds():
    _write(60)
    chain_pending()
    assert verify(workers=3, parallel_from=1).ok
    assert verify(workers=3, parallel_from=1).checked == 60
    target = AuditEntry.objects.get(seq=45)
    with as_database_owner():
        AuditEntry.objects.filter(pk=target.pk).update(ip="10.0.0.9")
    report = verify(workers=3, parallel_from=1)
    assert (report.broken_at, report.checked) == (45, 44) and "changed" in report.problem
    assert verify(workers=1).broken_at == 45


@pytest.mark.django_db(transaction=True)
def test_a_removed_entry_at_a_slice_boundary_is_found_in_parallel():
    _write(40)
    chain_pending()
    with as_database_owner():
        AuditEntry.objects.filter(seq=21)._raw_delete(connection.alias)  # the second slice's first entry
    report = verify(workers=2, parallel_from=1)
    assert report.broken_at == 21 and "missing" in report.problem


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
def test_writers_and_sequencers_at_once_make_one_chain_with_every_entry():
    """Eight writers and two sequencers, each with its own PostgreSQL connection."""
    errors, stop = [], threading.Event()

    def write(n):
        try:
            for i in range(25):
                with transaction.atomic():
                    record(action=Action.CHANGE, object_type="dossier", object_ref=f"{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def sequence():
        try:
            while not stop.is_set():
                chain_pending(batch=7)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    sequencers = [threading.Thread(target=sequence) for _ in range(2)]
    writers = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in sequencers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    for thread in sequencers:
        thread.join()
    chain_pending()
    assert errors == []
    report = verify()
    assert report.ok and report.checked == 200 and report.unchained == 0
    assert sorted(AuditEntry.objects.values_list("seq", flat=True)) == list(range(1, 201))


def test_entries_with_awkward_text_verify_without_falling_back_to_the_slow_check(monkeypatch):
    """The database builds most of each entry's canonical JSON on PostgreSQL: quotes, backslashes,
    control characters, Vietnamese, emoji and nested details must come out as Python writes them."""
    awkward = ['Nguyễn "Tư" \\ Pháp', "dòng\nmới\ttab\x01\x1f\x7f", "\u2028\u2029 🙂 𝔸", "</script>&<>'"]
    for n, text in enumerate(awkward):
        record(
            action=Action.CHANGE,
            object_type="dossier",
            object_ref=text[:120],
            actor_name=text,
            ip=text[:45],
            detail={
                "note": text,
                "n": n,
                "ratio": 0.1 + n,
                "nested": {"z": [1, None, True], "a": text},
                "Ă": "ă",
            },
        )
    chain_pending()
    monkeypatch.setattr(
        "motcua.audit.verification._exact_match", lambda *args: pytest.fail("fell back to the slow check")
    )
    report = verify()
    assert report.ok and report.checked == len(awkward)


_TEST_PROCESS = os.getpid()
_CHECK_SLICE = verification._check_slice


def _misreading_in_a_worker(first, last):
    """``_check_slice`` as a worker process that reads nothing would answer (the parent reads right)."""
    if os.getpid() == _TEST_PROCESS:
        return _CHECK_SLICE(first, last)
    return verification._Slice(first, last, 0, None, None, (first, f"missing entry #{first}"))


@pytest.mark.django_db(transaction=True)
def test_a_slice_a_worker_process_misread_is_checked_again_before_it_is_reported(monkeypatch):
    """A worker process that reads nothing (seen once in a full run) must not report an intact log broken."""
    _write(30)
    chain_pending()
    monkeypatch.setattr(verification, "_check_slice", _misreading_in_a_worker)
    report = verify(workers=3, parallel_from=1)
    assert report.ok and report.checked == 30


def _backend_of_this_process() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_worker_process_never_talks_over_its_parents_connection():
    """With an event loop running in the parent's thread (as Playwright's sync API leaves one in the
    browser tests) Django's connections of that context are kept apart from the thread's own, and
    ``close_all()`` closes only the former: a forked worker found the thread's own still open and
    sent its queries down the parent's socket (a full CI run hung there, and once read no rows).
    Played in a thread of its own, so the main thread's loop (Playwright's) is left alone."""
    import asyncio

    if connection.vendor != "postgresql":
        pytest.skip("the backend's process id tells the connections apart on PostgreSQL")
    seen = {}

    def parent_with_a_running_loop():
        seen["parent"] = _backend_of_this_process()  # the thread's own connection, left open
        loop = asyncio.new_event_loop()
        asyncio._set_running_loop(loop)
        try:
            connections.close_all()  # sees the loop's context only
            with verification.worker_pool(1) as pool:
                seen["worker"] = pool.submit(_backend_of_this_process).result(timeout=60)
        finally:
            asyncio._set_running_loop(None)
            loop.close()
            connections.close_all()

    thread = threading.Thread(target=parent_with_a_running_loop)
    thread.start()
    thread.join(timeout=90)
    assert seen["worker"] != seen["parent"]
