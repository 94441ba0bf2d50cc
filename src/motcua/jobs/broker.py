"""The embedded broker: kombu's filesystem transport, with each message file written whole and
taken by one worker.

kombu creates a message file under its final name, then locks and writes it; the lock is advisory
and the reader never takes it. A worker polling the folder can move and read the file between the
create and the write, find it empty or half-written, fail to decode it, and the job is gone
(kombu issue #1551). Here a message is written under a name no reader looks at, flushed to disk,
then renamed (atomic on one file system): a reader sees it whole or not at all. A worker takes a
message by renaming it in the same folder, so two workers never both take it, and it never crosses
to another file system (kombu moves it to the system's temporary folder, a copy that can be seen
half-done).
"""

from __future__ import annotations

import contextlib
import os
import uuid
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads

WRITING = ".part"  # after "<queue>.msg": the reader, matching names ending in it, skips these
TAKEN = ".taken-"


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = final + WRITING
        try:
            with open(partial, "wb") as handle:
                handle.write(str_to_bytes(dumps(payload)))
                handle.flush()
                os.fsync(handle.fileno())  # a job queued is a job kept, even across a power cut
            os.replace(partial, final)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc

    def _get(self, queue):
        wanted = f"{queue}.msg"
        folder = self.data_folder_in
        for name in sorted(os.listdir(folder)):
            if name.partition(".")[2] != wanted:
                continue
            taken = os.path.join(folder, f"{name}{TAKEN}{uuid.uuid4().hex}")
            try:
                os.rename(os.path.join(folder, name), taken)
            except OSError:
                continue  # another worker took it first
            try:
                with open(taken, "rb") as handle:
                    payload = handle.read()
                if self.store_processed:
                    os.replace(taken, os.path.join(self.processed_folder, name))
                else:
                    os.remove(taken)
            except OSError as exc:
                raise ChannelError(f"Cannot read file {taken!r} from queue.") from exc
            return loads(bytes_to_str(payload))
        raise Empty()


class Transport(filesystem.Transport):
    Channel = Channel
    driver_name = "filesystem (written whole)"
