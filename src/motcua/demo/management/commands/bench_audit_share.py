"""(benchmarks) The audit's share of a submission, measured in one process on the benchmark's
database (made by ``bench_fixture``); ``--check``: does every submission have its linked entry?"""

import json
import time

from django.core.management.base import BaseCommand

from motcua.audit.chain import chain_pending
from motcua.audit.models import AuditEntry
from motcua.audit.verification import verify
from motcua.dossiers import subscribers
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import file_dossier


class Command(BaseCommand):
    help = "(benchmarks) phần thời gian ghi nhật ký truy cập trong một lần nộp hồ sơ"

    def add_arguments(self, parser):
        parser.add_argument("--submissions", type=int, default=200)
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, submissions, check, **options):
        if check:
            chain_pending()
            report = verify()
            self.stdout.write(
                json.dumps(
                    {
                        "dossiers": Dossier.objects.exclude(code=None).count(),
                        "submission_entries": AuditEntry.objects.filter(detail__event="submitted").count(),
                        "unchained": AuditEntry.objects.filter(seq=None).count(),
                        "verify": "ok" if report.ok else report.problem,
                    }
                )
            )
            return
        template = Dossier.objects.exclude(code=None).select_related("applicant", "procedure").first()
        spent = [0.0]
        record = subscribers.record

        def timed_record(**kwargs):
            started = time.perf_counter()
            try:
                return record(**kwargs)
            finally:
                spent[0] += time.perf_counter() - started

        subscribers.record = timed_record  # the one call the audit subscriber makes
        try:
            started = time.perf_counter()
            for _ in range(submissions):
                file_dossier(
                    applicant=template.applicant, procedure=template.procedure, form_data=template.form_data
                )
            total = time.perf_counter() - started
        finally:
            subscribers.record = record
        self.stdout.write(
            json.dumps(
                {"submission_ms": total / submissions * 1000, "audit_ms": spent[0] / submissions * 1000}
            )
        )
