"""Tampering the penetration test did unnoticed: truncation, a recomputed chain, raw SQL updates."""

import hashlib
import json
from datetime import UTC

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from motcua.audit import anchoring
from motcua.audit.chain import chain_pending
from motcua.audit.models import Action, AuditEntry
from motcua.audit.services import GENESIS, record, verify
from motcua.testing.audit import as_database_owner

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _checkpoints_in_a_temporary_folder(settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")


def _log(world, count=5):
    entries = [
        record(action=Action.READ, user=world.processor.user, object_type="dossier", object_ref=f"D-{i}")
        for i in range(count)
    ]
    chain_pending()
    return [AuditEntry.objects.get(pk=entry.pk) for entry in entries]


def test_removing_the_newest_entries_is_noticed_through_the_last_checkpoint(world):
    entries = _log(world)
    anchoring.write_checkpoint()
    with as_database_owner():
        AuditEntry.objects.filter(seq__gte=entries[3].seq)._raw_delete(connection.alias)
    report = verify()
    assert not report.ok
    assert "removed" in report.problem
    with pytest.raises(CommandError, match="removed"):
        call_command("audit", "verify")


def test_an_entry_rewritten_with_the_chain_recomputed_in_plain_sha256_is_noticed(world):
    entries = _log(world)
    with as_database_owner():
        previous = entries[1].previous_hash
        for entry in AuditEntry.objects.filter(seq__gte=entries[1].seq).order_by("seq"):
            actor = "người khác" if entry.seq == entries[1].seq else entry.actor_name
            payload = {
                "previous": previous,
                "seq": entry.seq,
                "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
                "actor_id": entry.actor_id,
                "actor_name": actor,
                "action": entry.action,
                "object_type": entry.object_type,
                "object_ref": entry.object_ref,
                "detail": entry.detail,
                "ip": entry.ip,
            }
            text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            new_hash = hashlib.sha256(text.encode()).hexdigest()
            AuditEntry.objects.filter(pk=entry.pk).update(
                actor_name=actor, previous_hash=previous, hash=new_hash
            )
            previous = new_hash
    report = verify()
    assert report.broken_at == entries[1].seq
    assert "changed" in report.problem


def test_a_chain_recomputed_with_another_key_is_noticed(world, settings):
    _log(world, 3)
    settings.AUDIT_KEY = "a key the attacker chose"
    assert not verify().ok


def test_updates_and_deletes_are_refused_by_the_database(world):
    (entry,) = _log(world, 1)
    for attempt in (
        lambda: AuditEntry.objects.filter(pk=entry.pk).update(actor_name="x"),
        lambda: AuditEntry.objects.filter(pk=entry.pk).delete(),
        lambda: connection.cursor().execute("UPDATE audit_auditentry SET ip = '1.2.3.4'"),
        lambda: connection.cursor().execute("DELETE FROM audit_auditentry"),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    assert AuditEntry.objects.get(pk=entry.pk).actor_name == entry.actor_name
    assert verify().ok


def test_a_forged_checkpoint_is_noticed(world, settings, tmp_path):
    entries = _log(world, 2)
    folder = tmp_path / "checkpoints" / anchoring.PREFIX
    folder.mkdir(parents=True)
    forged = {"seq": 99, "hash": "0" * 64, "at": "2026-01-01T00:00:00+00:00", "signature": "f" * 64}
    (folder / f"{99:015d}.json").write_text(json.dumps(forged))
    report = verify()
    assert not report.ok and "not signed" in report.problem
    assert entries[-1].previous_hash != GENESIS


def test_the_checkpoint_job_writes_the_head_outside_the_database(world, tmp_path):
    from motcua.audit.tasks import checkpoint

    entries = _log(world, 3)
    assert checkpoint.delay().get() == entries[-1].seq
    (written,) = (tmp_path / "checkpoints" / anchoring.PREFIX).iterdir()
    body = json.loads(written.read_text())
    assert (body["seq"], body["hash"]) == (entries[-1].seq, entries[-1].hash)
    assert anchoring.write_checkpoint() is None  # nothing new since
    assert verify().ok


def test_a_failed_sign_in_keeps_no_typed_identifier(world, client):
    typed = "mat-khau-go-nham-o-o-ten"
    client.post("/dang-nhap/", {"username": typed, "password": "x"})
    client.post("/dang-nhap/", {"username": typed, "password": "y"})
    failed = AuditEntry.objects.filter(action=Action.SIGN_IN_FAILED)
    assert failed.count() == 2
    assert not AuditEntry.objects.filter(object_ref__contains=typed).exists()
    assert not any(typed in json.dumps(detail) for detail in failed.values_list("detail", flat=True))
    assert len(set(failed.values_list("object_ref", flat=True))) == 1  # the attempts still group


def test_a_checkpoint_is_dated_by_the_timestamp_authority_when_one_is_set(world, settings):
    import base64

    from asn1crypto import cms, tsp

    from motcua.testing.tsa import LocalTimestampAuthority

    _log(world, 2)
    with LocalTimestampAuthority() as authority:
        settings.AUDIT_TSA_URL = authority.url
        written = anchoring.write_checkpoint()
    assert authority.requests == 1 and written.timestamp_token
    token = cms.ContentInfo.load(base64.b64decode(written.timestamp_token))
    info = tsp.TSTInfo.load(token["content"]["encap_content_info"]["content"].parsed.dump())
    assert info["message_imprint"]["hashed_message"].native == hashlib.sha256(written.payload()).digest()
    assert verify().ok
