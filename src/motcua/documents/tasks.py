"""Background jobs of the documents: OCR, files arriving in a scan inbox, scans left behind."""

from celery import shared_task

from motcua.documents.digitization import digitize_document, resume_and_queue
from motcua.documents.inbox import ingest_file
from motcua.documents.storage import sweep_orphans as sweep

__all__ = ["digitize_document", "digitize_received", "ingest_scan", "sweep_orphans"]


@shared_task(name="motcua.documents.ingest_scan")
def ingest_scan(counter_id: int, path: str) -> str:
    """A file the watcher found in a counter's scan inbox (``motcua scan-inbox``)."""
    return ingest_file(counter_id=counter_id, path=path)


@shared_task(name="motcua.documents.digitize_received")
def digitize_received(limit: int = 200) -> int:
    """Queue the attachments of received dossiers not digitized yet, and OCR left behind by a dead worker."""
    return resume_and_queue(limit=limit)


@shared_task(name="motcua.documents.sweep_orphans")
def sweep_orphans() -> int:
    """Bytes left without a row by a rolled-back upload or a killed process (documents.storage)."""
    return sweep()
