"""``motcua manage search_robustness [FILE]``: the search's figures on questions typed as people
really type them (Telex, VNI, a slipped key, chat words, a long story), as JSON."""

import json

from django.core.management.base import BaseCommand

from motcua.assistant.robustness import evaluate
from motcua.search.evaluation import load_cases


class Command(BaseCommand):
    help = "Đo độ bền của tìm kiếm với cách gõ thật: Telex, VNI, gõ nhầm phím, lời nhắn, câu dài (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None)

    def handle(self, *args, file=None, **options):
        self.stdout.write(json.dumps(evaluate(load_cases(file)), indent=1))
