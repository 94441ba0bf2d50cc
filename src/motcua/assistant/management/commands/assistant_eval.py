"""``motcua manage assistant_eval [FILE]``: how honest the assistant is, as JSON."""

import json

from django.core.management.base import BaseCommand

from motcua.assistant.evaluation import evaluate
from motcua.search.evaluation import load_cases


class Command(BaseCommand):
    help = "Đo tỷ lệ trợ lý ảo trả lời câu hỏi về thủ tục và từ chối câu hỏi ngoài lề (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None)

    def handle(self, *args, file=None, **options):
        self.stdout.write(json.dumps(evaluate(load_cases(file)), indent=1))
