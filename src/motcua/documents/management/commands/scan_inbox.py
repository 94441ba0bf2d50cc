"""``motcua scan-inbox``: the long-running watcher of the counters' scan folders (documents/watch.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from motcua.documents import inbox, watch
from motcua.jobs import enqueue
from motcua.org.models import Counter


class Command(BaseCommand):
    help = "Watch every counter's scan folder and queue each file that arrives (one job per file)."

    def handle(self, *args, **options):
        root = inbox.inbox_root()
        root.mkdir(parents=True, exist_ok=True)
        for counter in Counter.objects.select_related("agency"):
            (root / inbox.counter_folder_name(counter)).mkdir(exist_ok=True)
        self.stdout.write(f"motcua: watching {root} (one folder per counter)")

        def hand_over(folder: str, path: Path) -> None:
            from motcua.documents.tasks import ingest_scan

            counter = inbox.counter_for_folder(folder)
            if counter is None:
                self.stderr.write(
                    f"motcua: {folder!r} is no counter (<agency code>-<number>); file left in place"
                )
                return
            enqueue(ingest_scan, counter.pk, str(path))
            self.stdout.write(f"motcua: queued {path.name} for counter {folder}")

        watch.run(root, hand_over)
