"""Django's ``flush``, allowed to empty the append-only audit table (audit.guard) with the rest."""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from motcua.audit import guard


class Command(FlushCommand):
    def handle(self, **options):
        with guard.maintenance(connections[options["database"]]):
            return super().handle(**options)
