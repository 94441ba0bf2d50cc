"""``motcua manage search_eval [FILE]``: the search's figures on an evaluation set, as JSON."""

import json

from django.core.management.base import BaseCommand

from motcua.search.evaluation import evaluate, load_cases


class Command(BaseCommand):
    help = "Đo chất lượng và tốc độ tìm kiếm trên bộ câu hỏi đánh giá (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=None)

    def handle(self, *args, file=None, **options):
        self.stdout.write(json.dumps(evaluate(load_cases(file)), indent=1))
