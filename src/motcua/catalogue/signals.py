"""Signals the catalogue sends for other apps (the search index listens)."""

from django.dispatch import Signal

# Sent inside the import's transaction with ``procedure_ids``: the procedures created or updated.
procedures_imported = Signal()
