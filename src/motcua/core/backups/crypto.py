"""Streaming authenticated encryption for backups (AES-256-GCM from ``cryptography``).

Format: ``MOTCUA-BACKUP-1\\n``, a 16-byte salt and an 8-byte nonce prefix, then chunks of
``4-byte length || ciphertext+tag``. The key is HKDF-SHA256(MOTCUA_BACKUP_KEY, salt). Each
chunk's nonce is the prefix and its index; its associated data says whether it is the last,
so a truncated, reordered or altered archive fails to decrypt instead of restoring part of it.
"""

from __future__ import annotations

import io
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"MOTCUA-BACKUP-1\n"
CHUNK = 1024 * 1024


class BackupKeyError(Exception):
    """The archive does not open with this key, or it was cut short or altered."""


def _key(secret: str, salt: bytes) -> AESGCM:
    if not secret:
        raise BackupKeyError("MOTCUA_BACKUP_KEY is not set")
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"motcua backup").derive(
        secret.encode()
    )
    return AESGCM(derived)


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack(">I", index)


def _aad(index: int, last: bool) -> bytes:
    return struct.pack(">I?", index, last)


class EncryptingWriter(io.RawIOBase):
    """A writable file that encrypts what it is given into ``target``."""

    def __init__(self, target, secret: str):
        self.target, self.buffer, self.index = target, bytearray(), 0
        salt, self.prefix = os.urandom(16), os.urandom(8)
        self.cipher = _key(secret, salt)
        target.write(MAGIC + salt + self.prefix)

    def writable(self):
        return True

    def write(self, data) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._emit(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, *, last: bool) -> None:
        sealed = self.cipher.encrypt(_nonce(self.prefix, self.index), plain, _aad(self.index, last))
        self.target.write(struct.pack(">I", len(sealed)) + sealed)
        self.index += 1

    def close(self):
        if not self.closed:
            self._emit(bytes(self.buffer), last=True)
            self.buffer.clear()
            self.target.flush()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A readable file of the plain archive inside ``source``."""

    def __init__(self, source, secret: str):
        self.source, self.pending, self.index, self.finished = source, b"", 0, False
        header = source.read(len(MAGIC) + 24)
        if not header.startswith(MAGIC) or len(header) != len(MAGIC) + 24:
            raise BackupKeyError("not a motcua backup")
        salt, self.prefix = header[len(MAGIC) : len(MAGIC) + 16], header[len(MAGIC) + 16 :]
        self.cipher = _key(secret, salt)

    def readable(self):
        return True

    def _next_chunk(self) -> bytes:
        size = self.source.read(4)
        if len(size) < 4:
            raise BackupKeyError("the archive is cut short")
        if struct.unpack(">I", size)[0] > CHUNK + 16:
            raise BackupKeyError("the archive is damaged")
        sealed = self.source.read(struct.unpack(">I", size)[0])
        for last in (False, True):
            try:
                plain = self.cipher.decrypt(_nonce(self.prefix, self.index), sealed, _aad(self.index, last))
            except InvalidTag:
                continue
            self.index += 1
            self.finished = last
            return plain
        raise BackupKeyError("wrong MOTCUA_BACKUP_KEY, or the archive was altered")

    def readinto(self, target) -> int:
        while not self.pending and not self.finished:
            self.pending = self._next_chunk()
        count = min(len(target), len(self.pending))
        target[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count
