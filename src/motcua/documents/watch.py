"""``motcua scan-inbox``: watch every counter's scan folder and hand each arriving file to a job.

watchdog reports files as they appear and grow; a scanner writes a file over seconds,
so a file is claimed only once its size and modification time have stayed the same for
``stable_seconds`` (and never while its name marks it unfinished: ``.part``, ``.tmp``,
``.crdownload``, or a leading dot, the rename convention of many scanners). Claiming
is a rename into the counter's ``.processing/`` folder, atomic on one file system, so
two watchers never take the same file; the job deletes it once stored. The claimed name starts
with the time of the claim in nanoseconds, strictly increasing, and the files that became stable
together are claimed in the order of their names: a scanner that saves one image per sheet
(``scan_0001.jpg``, ``scan_0002.jpg``) keeps its order, and a cover sheet routes the files after it. Files found at
start (arrived while the watcher was down, or claimed and never processed) are queued too.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger(__name__)

UNFINISHED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".txt")
SPECIAL_FOLDERS = {".processing", "refused"}


def is_candidate(path: Path, root: Path) -> bool:
    try:
        relative = path.relative_to(root)
    except ValueError:
        return False
    if len(relative.parts) != 2:  # <counter folder>/<file>, nothing deeper
        return False
    return not path.name.startswith(".") and not path.name.lower().endswith(UNFINISHED_SUFFIXES)


class InboxWatcher:
    """Keeps the files seen, claims the stable ones; ``poll()`` is called about once a second."""

    def __init__(self, root: Path, hand_over: Callable[[str, Path], None], *, stable_seconds: float = 2.0):
        self.root = Path(root)
        self.hand_over = hand_over  # (counter folder name, claimed path)
        self.stable_seconds = stable_seconds
        self.seen: dict[Path, tuple[int, float, float]] = {}  # path → (size, mtime, since)
        self.lock = threading.Lock()
        self.last_token = 0

    def notice(self, path: Path) -> None:
        if is_candidate(path, self.root):
            with self.lock:
                self.seen.setdefault(path, (-1, -1.0, time.monotonic()))

    def scan_existing(self) -> None:
        for folder in self.root.iterdir() if self.root.exists() else []:
            if not folder.is_dir():
                continue
            for path in folder.iterdir():
                if path.is_file():
                    self.notice(path)
            processing = folder / ".processing"
            if processing.is_dir():
                for path in sorted(processing.iterdir()):  # claimed names sort in order of arrival
                    self.hand_over(folder.name, path)

    def token(self) -> str:
        """The claim's place in the order of arrival: nanoseconds, never equal to the last one."""
        self.last_token = max(time.time_ns(), self.last_token + 1)
        return f"{self.last_token:020d}"

    def poll(self, now: float | None = None) -> list[Path]:
        """Claim the files that stopped changing, in the order of their names; returns the claimed paths."""
        now = time.monotonic() if now is None else now
        claimed = []
        with self.lock:
            items = sorted(self.seen.items(), key=lambda item: (str(item[0].parent), item[0].name))
        for path, (size, mtime, since) in items:
            try:
                stat = path.stat()
            except FileNotFoundError:
                with self.lock:
                    self.seen.pop(path, None)
                continue
            if (stat.st_size, stat.st_mtime) != (size, mtime) or stat.st_size == 0:
                with self.lock:
                    self.seen[path] = (stat.st_size, stat.st_mtime, now)
                continue
            if now - since < self.stable_seconds:
                continue
            target_dir = path.parent / ".processing"
            target_dir.mkdir(exist_ok=True)
            target = target_dir / f"{self.token()}-{path.name}"
            try:
                os.rename(path, target)
            except FileNotFoundError:
                pass  # another watcher claimed it
            else:
                claimed.append(target)
                self.hand_over(path.parent.name, target)
            with self.lock:
                self.seen.pop(path, None)
        return claimed


class _Events(FileSystemEventHandler):
    def __init__(self, watcher: InboxWatcher):
        self.watcher = watcher

    def on_created(self, event):
        if not event.is_directory:
            self.watcher.notice(Path(event.src_path))

    def on_modified(self, event):
        self.on_created(event)

    def on_moved(self, event):
        if not event.is_directory:
            self.watcher.notice(Path(event.dest_path))


def run(root: Path, hand_over: Callable[[str, Path], None], *, stop: threading.Event | None = None) -> None:
    """Watch until ``stop`` is set (or forever)."""
    stop = stop or threading.Event()
    root.mkdir(parents=True, exist_ok=True)
    watcher = InboxWatcher(root, hand_over)
    observer = Observer()
    observer.schedule(_Events(watcher), str(root), recursive=True)
    observer.start()
    watcher.scan_existing()
    log.info("scan inbox: watching %s", root)
    try:
        while not stop.wait(1.0):
            watcher.poll()
    finally:
        observer.stop()
        observer.join()
