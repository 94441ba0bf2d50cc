"""Counts that don't scan: a list's size shown as "10.000+" beyond a cap.

An exact ``COUNT(*)`` over an agency's year of dossiers reads every one of them; nobody acts on
the difference between 12,345 and 12,346. Counting stops at ``COUNT_CAP + 1`` rows, so a count
costs at most that many index entries whatever the table's size.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

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


class CappedPaginator(Paginator):
    """Django's paginator over a capped count: past ``cap`` rows (``COUNT_CAP`` unless given) the
    last page offered is the cap's (a person pages through a queue's first pages and searches for
    the rest)."""

    def __init__(self, object_list, per_page, *, cap: int = COUNT_CAP, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.known_count = known_count  # the page has counted it already (the queue's tab)

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)  # an exact count pages no further than a capped one
        return capped_count(self.object_list, self.cap)

    @property
    def capped(self) -> bool:
        return self.count > self.cap
