"""The audit log: what is written, the hash chain, and its check."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from motcua.audit.chain import chain_pending
from motcua.audit.models import Action, AuditEntry
from motcua.audit.services import identifier_digest, record, verify
from motcua.dossiers.selectors import read_dossier_for
from motcua.dossiers.states import Status
from motcua_testing.audit import as_database_owner
from motcua_testing.dossiers import dossier_in

pytestmark = pytest.mark.django_db


def test_each_entry_carries_the_hash_of_the_one_before(world):
    first = record(action=Action.EXPORT, user=world.leader.user, object_type="dossier", object_ref="A")
    second = record(action=Action.EXPORT, user=world.leader.user, object_type="dossier", object_ref="B")
    chain_pending()
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.seq == first.seq + 1
    assert second.previous_hash == first.hash
    assert verify().ok


def test_verify_names_the_entry_that_was_edited(world):
    for ref in "ABC":
        record(action=Action.READ, user=world.processor.user, object_type="dossier", object_ref=ref)
    chain_pending()
    edited = AuditEntry.objects.get(object_ref="B")
    with as_database_owner():
        AuditEntry.objects.filter(pk=edited.pk).update(actor_name="người khác")
    report = verify()
    assert not report.ok
    assert report.broken_at == edited.seq
    assert "changed" in report.problem


def test_verify_notices_a_removed_entry(world):
    for ref in "ABC":
        record(action=Action.READ, user=world.processor.user, object_type="dossier", object_ref=ref)
    chain_pending()
    removed = AuditEntry.objects.get(object_ref="B")
    with as_database_owner():
        AuditEntry.objects.filter(pk=removed.pk)._raw_delete(connection.alias)
    assert verify().broken_at == removed.seq


def test_entries_cannot_be_changed_through_the_model(world):
    entry = record(action=Action.READ, user=world.processor.user, object_ref="A")
    entry.actor_name = "x"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_the_command_fails_on_a_broken_chain(world, capsys):
    record(action=Action.READ, user=world.processor.user, object_ref="A")
    chain_pending()
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    with as_database_owner():
        AuditEntry.objects.update(ip="10.0.0.9")
    with pytest.raises(CommandError, match="broken at entry #1"):
        call_command("audit", "verify")


def test_every_change_of_a_dossier_is_logged_in_its_transaction(world):
    dossier = dossier_in(world, Status.PROCESSING)
    changes = list(
        AuditEntry.objects.filter(action=Action.CHANGE, object_ref=dossier.code)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert [c["event"] for c in changes] == ["submitted", "received", "processing_started"]


def test_an_officials_look_at_personal_data_is_logged_but_the_applicants_own_is_not(world):
    dossier = dossier_in(world, Status.RECEIVED)
    read_dossier_for(world.processor.user, dossier.code, view="test")
    read_dossier_for(world.citizen, dossier.code, view="test")
    reads = AuditEntry.objects.filter(action=Action.READ, object_ref=dossier.code)
    assert list(reads.values_list("actor_id", flat=True)) == [world.processor.user.pk]


def test_sign_in_and_failed_sign_in_are_logged(world, client):
    from motcua_testing.factories import PASSWORD

    client.post("/dang-nhap/", {"username": world.processor.user.username, "password": "sai-mat-khau"})
    client.post("/dang-nhap/", {"username": world.processor.user.username, "password": PASSWORD})
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "object_ref"))
    assert (Action.SIGN_IN_FAILED, identifier_digest(world.processor.user.username)) in actions
    assert (Action.SIGN_IN, world.processor.user.username) in actions


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql
@pytest.mark.parametrize("mode", ["inline", "sequencer"])
def test_parallel_writers_keep_one_unbroken_chain(world, settings, mode):
    """Eight threads, each with its own PostgreSQL connection, append at once (linked at once, or later)."""
    settings.AUDIT_CHAIN = mode
    errors = []

    def write(n):
        try:
            for i in range(15):
                record(action=Action.READ, object_type="dossier", object_ref=f"{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    chain_pending()
    report = verify()
    assert report.ok, report.problem
    assert AuditEntry.objects.filter(object_ref__contains="-").count() == 120


def test_an_official_opening_an_attached_file_is_logged(world, client, settings, tmp_path):
    from motcua.documents.services import Upload, attach_files
    from motcua_testing.files import pdf_bytes, upload

    settings.MEDIA_ROOT = tmp_path
    dossier = dossier_in(world, Status.RECEIVED)
    (attachment,) = attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(file=upload("ban-quet.pdf", pdf_bytes("x")), component=None, field="scan")],
        stage="counter",
    )
    client.force_login(world.processor.user)
    assert client.get(f"/tep/{attachment.uuid}/").status_code == 200
    entry = AuditEntry.objects.filter(action=Action.READ, object_ref=dossier.code).latest("id")
    assert entry.detail == {"view": f"file:{attachment.uuid}"}
    assert entry.actor_id == world.processor.user.pk


AWKWARD_DETAIL = {
    "z": 'quote " backslash \\ tab\t newline\n \x01 and ơư đ €',
    "a": [1, 2.5, None, True, {"b": "x", "a": ["é", {}]}],
    "Ä": {"k": -3, "empty": "", "nested": {"y": [], "x": 0}},
    "1": "digits sort before letters",
}


def test_verify_hashes_every_field_on_its_fast_path_and_catches_each_change(world, monkeypatch):
    """The fast path (PostgreSQL: canonical JSON put together from the database's text) must agree
    with the chain for awkward text, or every entry would fall back to the slow exact check; and a
    change to any field must still be caught."""
    from motcua.audit import verification

    record(
        action=Action.EXPORT, user=None, object_type='a"b', object_ref="ref\\\n ạ", detail=AWKWARD_DETAIL,
        ip="::1", actor_name='Nguyễn "Bé"\t\x02',
    )  # fmt: skip
    record(action=Action.READ, user=world.processor.user, object_type="dossier", object_ref="B", detail={})
    chain_pending()
    exact_checks = []
    real_exact = verification._exact_match
    monkeypatch.setattr(
        verification, "_exact_match", lambda *args: exact_checks.append(args[1]) or real_exact(*args)
    )
    assert verify().ok
    assert exact_checks == []  # every entry passed on the fast path
    entry = AuditEntry.objects.get(object_type='a"b')
    for change in (
        {"actor_name": 'Nguyễn "Bé"\t\x03'},
        {"object_ref": "ref\\\n a"},
        {"object_type": "a'b"},
        {"ip": "::2"},
        {"actor_id": 1},
        {"detail": {**AWKWARD_DETAIL, "1": "other"}},
        {"at": entry.at.replace(microsecond=(entry.at.microsecond + 1) % 1_000_000)},
        {"action": Action.READ},
    ):
        with as_database_owner():
            AuditEntry.objects.filter(pk=entry.pk).update(**change)
        report = verify()
        assert report.broken_at == entry.seq, change
        assert "changed" in report.problem
        with as_database_owner():
            AuditEntry.objects.filter(pk=entry.pk).update(
                **{field: getattr(entry, field) for field in change}
            )
    assert verify().ok
