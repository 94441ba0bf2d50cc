"""The embedded broker (files under MOTCUA_DATA_DIR/broker/) never hands a worker a message that
is still being written: the job would fail to decode and be lost (kombu issue #1551)."""

from __future__ import annotations

import builtins
from queue import Empty

import pytest

from motcua.jobs.celery import app


@pytest.fixture
def channel(tmp_path):
    options = {"data_folder_in": str(tmp_path), "data_folder_out": str(tmp_path), "store_processed": False}
    with app.connection_for_write(transport_options=options) as connection:
        yield connection.default_channel


def test_a_worker_polling_while_a_job_is_queued_finds_nothing_or_the_whole_job(channel, monkeypatch):
    job = {"body": "x" * 100_000, "headers": {"task": "motcua.jobs.ping"}}
    seen_while_writing = []
    real_open = builtins.open

    def open_then_let_a_worker_poll(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        if "w" in mode and not seen_while_writing:
            # The message file exists, nothing written yet: another worker polls the queue now.
            try:
                seen_while_writing.append(channel._get("celery"))
            except Empty:
                seen_while_writing.append("empty")
            except Exception as failed:  # an empty file does not decode
                seen_while_writing.append(failed)
        return handle

    monkeypatch.setattr(builtins, "open", open_then_let_a_worker_poll)
    channel._put("celery", job)
    monkeypatch.setattr(builtins, "open", real_open)

    assert seen_while_writing == ["empty"]
    assert channel._get("celery") == job
    with pytest.raises(Empty):
        channel._get("celery")


def test_two_workers_never_take_the_same_job(channel):
    for n in range(20):
        channel._put("celery", {"n": n})
    taken = []
    with pytest.raises(Empty):
        while True:
            taken.append(channel._get("celery")["n"])
    assert sorted(taken) == list(range(20))
