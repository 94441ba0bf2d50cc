"""``motcua manage assistant_eval [FILE] [--fit]``: how honest the assistant is, as JSON."""

import json

from django.core.management.base import BaseCommand

from motcua.assistant import evaluation
from motcua.search.evaluation import load_cases


class Command(BaseCommand):
    help = "Đo tỷ lệ trợ lý ảo trả lời câu hỏi về thủ tục và từ chối câu hỏi ngoài lề (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None)
        parser.add_argument("--fit", action="store_true", help="fit the confidence weights (JSON)")

    def handle(self, *args, file=None, fit=False, **options):
        cases = load_cases(file)
        if fit:
            self.stdout.write(json.dumps(evaluation.fit(cases)))
            return
        self.stdout.write(json.dumps(evaluation.evaluate(cases), indent=1))
