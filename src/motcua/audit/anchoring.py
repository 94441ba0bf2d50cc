"""Checkpoints of the audit chain, signed and kept outside the database.

A chain of hashes proves that nothing in the middle changed, but not that the
newest entries are still there: deleting the last ten rows leaves a shorter chain
that verifies. Every few minutes (``AUDIT_CHECKPOINT_SECONDS``, a periodic job) the
head of the chain — its length and hash — is written as a small JSON file outside
the database (``AUDIT_CHECKPOINT_DIR``, or the file storage under
``audit-checkpoints/``), signed with a key derived from ``AUDIT_KEY`` and, when
``AUDIT_TSA_URL`` is set, dated by an RFC 3161 timestamp authority. ``verify``
then knows how long the chain was and what its head hash was at each checkpoint.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from motcua.audit.keys import mac
from motcua.audit.models import AuditEntry

log = logging.getLogger(__name__)

PREFIX = "audit-checkpoints"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    signature: str
    timestamp_token: str = ""  # base64 DER of an RFC 3161 TimeStampResp token, when a TSA was set

    def payload(self) -> bytes:
        return _canonical({"seq": self.seq, "hash": self.hash, "at": self.at})

    @property
    def signed_correctly(self) -> bool:
        return hmac.compare_digest(self.signature, mac(b"checkpoint", self.payload()))


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _storage():
    if settings.AUDIT_CHECKPOINT_DIR:
        return FileSystemStorage(location=settings.AUDIT_CHECKPOINT_DIR)
    return default_storage


def _name(seq: int) -> str:
    return f"{PREFIX}/{seq:015d}.json"


def checkpoints() -> list[Checkpoint]:
    """Every checkpoint found, oldest first; an unreadable file reads as an unsigned checkpoint."""
    storage = _storage()
    try:
        _folders, names = storage.listdir(PREFIX)
    except FileNotFoundError:
        return []
    found = []
    for name in sorted(n for n in names if n.endswith(".json")):
        try:
            with storage.open(f"{PREFIX}/{name}", "rb") as handle:
                body = json.loads(handle.read())
            found.append(
                Checkpoint(
                    seq=int(body["seq"]),
                    hash=str(body["hash"]),
                    at=str(body["at"]),
                    signature=str(body["signature"]),
                    timestamp_token=str(body.get("timestamp_token", "")),
                )
            )
        except (ValueError, KeyError, TypeError):
            found.append(Checkpoint(seq=-1, hash="", at="", signature=name))
    return found


def write_checkpoint() -> Checkpoint | None:
    """Link what is waiting, then sign the chain's head and store it; None while the log is empty or
    unchanged."""
    from motcua.audit.chain import chain_pending

    chain_pending()
    head = AuditEntry.objects.filter(seq__isnull=False).order_by("-seq").values_list("seq", "hash").first()
    if head is None:
        return None
    storage = _storage()
    if storage.exists(_name(head[0])):
        return None
    body = {"seq": head[0], "hash": head[1], "at": timezone.now().isoformat(timespec="seconds")}
    checkpoint = Checkpoint(**body, signature=mac(b"checkpoint", _canonical(body)))
    token = _timestamp(checkpoint.payload()) if settings.AUDIT_TSA_URL else ""
    document = {**body, "signature": checkpoint.signature}
    if token:
        document["timestamp_token"] = token
    storage.save(_name(head[0]), ContentFile(json.dumps(document, indent=1).encode()))
    return Checkpoint(**body, signature=checkpoint.signature, timestamp_token=token)


def _timestamp(payload: bytes) -> str:
    """An RFC 3161 token over the checkpoint (a TSA that is down leaves the checkpoint without one)."""
    import asyncio

    from pyhanko.sign.timestamps import HTTPTimeStamper

    try:
        token = asyncio.run(
            HTTPTimeStamper(settings.AUDIT_TSA_URL).async_timestamp(
                hashlib.sha256(payload).digest(), "sha256"
            )
        )
    except Exception:  # noqa: BLE001 - the checkpoint still counts without its date
        log.exception("audit checkpoint: the timestamp authority did not answer")
        return ""
    return base64.b64encode(token.dump()).decode()


def check_against_checkpoints(head_seq: int, hashes: dict[int, str]) -> tuple[int, str] | None:
    """(seq, problem) for the first checkpoint the chain contradicts, or None.

    ``hashes`` maps the checkpoints' seqs to the hashes the database holds for them.
    """
    for checkpoint in checkpoints():
        if checkpoint.seq < 0 or not checkpoint.signed_correctly:
            return (
                max(checkpoint.seq, 0),
                f"checkpoint {checkpoint.signature or checkpoint.seq} is not signed by the audit key",
            )
        if checkpoint.seq > head_seq:
            return (
                head_seq + 1,
                f"the log ends at entry #{head_seq} but a checkpoint of {checkpoint.at} saw #{checkpoint.seq}: "
                "entries were removed",
            )
        if hashes.get(checkpoint.seq) != checkpoint.hash:
            return (checkpoint.seq, f"entry #{checkpoint.seq} differs from the checkpoint of {checkpoint.at}")
    return None


def seqs_to_check() -> list[int]:
    return [c.seq for c in checkpoints() if c.seq > 0]
