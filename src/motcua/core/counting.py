"""Counts that don't scan: a list's size shown as "10.000+" beyond a cap.

An exact ``COUNT(*)`` over an agency's year of dossiers reads every one of them; nobody acts on
the difference between 12,345 and 12,346. Counting stops at ``COUNT_CAP + 1`` rows, so a count
costs at most that many index entries whatever the table's size.
"""

from __future__ import annotations

from django.db.models import QuerySet

COUNT_CAP = 10_000


def capped_count(queryset: QuerySet, cap: int = COUNT_CAP) -> int:
    """The number of rows, or ``cap + 1`` when there are more than ``cap`` (``count_text`` shows it)."""
    # Only the keys: a queue's annotations (the current step's name, due date, assignee) are
    # correlated subqueries that a count need not run 10,001 times.
    return queryset.order_by().values("pk")[: cap + 1].count()


def count_text(count: int, cap: int = COUNT_CAP) -> str:
    """``1234`` → ``"1.234"``; past the cap → ``"10.000+"`` (Vietnamese thousands separator)."""
    shown = f"{min(count, cap):,}".replace(",", ".")
    return f"{shown}+" if count > cap else shown
