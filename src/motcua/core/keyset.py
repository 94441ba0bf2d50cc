"""Keyset (cursor) pages for the officials' list pages: "Trang sau" / "Trang trước" carry the
position of the row where the page ended (its sort values and id), not a page number.

An OFFSET page reads and throws away every row before it, and slides when a dossier is added
or leaves the list between two clicks (the same dossier twice, or one never shown). A cursor
page starts where the last one ended, through the list's index, whatever page it is, and asks
for one row more than it shows to know whether there is a next page: nothing is counted (the
page shows the count its tab already has, capped).

The cursor is a position, not a permission: the rows still come from the queryset the view
built from the access rule, so a forged cursor shows nothing it should not. One that cannot be
read is refused with a message and the first page (``KeysetPage.error``).
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from motcua.core.counting import COUNT_CAP
from motcua.core.parsing import parse_small_int

AFTER = "sau"  # ?sau=<cursor>: the rows after this one (Trang sau)
BEFORE = "truoc"  # ?truoc=<cursor>: the rows before this one (Trang trước)
NUMBER = "trang"  # the page's number, carried by the links for its label only


@dataclass
class KeysetPage:
    """One page of a list and the links around it (``after``/``before`` are the cursors the
    "Trang sau"/"Trang trước" links carry, ``""`` when there is no such page)."""

    rows: list
    number: int = 1
    after: str = ""
    before: str = ""
    count: int | None = None  # the list's size as its tab counted it (capped), if known
    per_page: int = 25
    cap: int = COUNT_CAP
    error: str = ""
    first: bool = field(default=True)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_next(self) -> bool:
        return bool(self.after)

    @property
    def has_previous(self) -> bool:
        return bool(self.before) or not self.first

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def previous_number(self) -> int:
        return max(self.number - 1, 1)

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def total_text(self) -> str:
        """How many pages the counted list makes ("40", or "400+" past the count's cap)."""
        if self.count is None:
            return "?"
        pages = max(math.ceil(min(self.count, self.cap) / self.per_page), self.number, 1)
        return f"{pages}+" if self.count > self.cap else str(pages)


def keyset_page(
    queryset: QuerySet,
    params,
    *,
    per_page: int,
    count: int | None = None,
    cap: int = COUNT_CAP,
) -> KeysetPage:
    """The page of ``queryset`` (ordered; its ``order_by`` fields are columns of its model, the
    primary key added last if missing) that the request's ``sau``/``truoc`` cursor asks for."""
    order = _ordering(queryset)
    after, before = params.get(AFTER), params.get(BEFORE)
    number = parse_small_int(params.get(NUMBER) or "1", low=1, high=10_000_000) or 1
    base = dict(per_page=per_page, count=count, cap=cap)
    error = ""
    try:
        position = _read(order, after or before, _columns(queryset.model)) if (after or before) else None
    except ValueError:
        position, error = None, _("Vị trí trang không hợp lệ; đây là trang đầu.")
    if position is None:
        rows = list(_sorted(queryset, order)[: per_page + 1])
        shown = rows[:per_page]
        more = len(rows) > per_page
        return KeysetPage(rows=shown, after=_write(order, shown[-1]) if more else "", error=error, **base)
    if after:
        rows = list(_sorted(queryset.filter(_beyond(order, position)), order)[: per_page + 1])
        shown = rows[:per_page]
        return KeysetPage(
            rows=shown,
            number=max(number, 2),
            after=_write(order, shown[-1]) if len(rows) > per_page else "",
            before=_write(order, shown[0]) if shown else "",
            first=False,
            **base,
        )
    backwards = [(name, not descending) for name, descending in order]
    rows = list(_sorted(queryset.filter(_beyond(backwards, position)), backwards)[: per_page + 1])
    more_before = len(rows) > per_page
    shown = list(reversed(rows[:per_page]))
    return KeysetPage(
        rows=shown,
        number=max(number, 2) if more_before else 1,
        after=_write(order, shown[-1]) if shown else "",
        before=_write(order, shown[0]) if more_before else "",
        first=not more_before,
        **base,
    )


Ordering = list[tuple[str, bool]]  # (column, descending)


def _ordering(queryset: QuerySet) -> Ordering:
    order: Ordering = []
    for term in queryset.query.order_by:
        if not isinstance(term, str) or "__" in term.lstrip("-"):
            raise TypeError(f"a keyset page sorts by the model's own columns, not {term!r}")
        name = term.lstrip("-")
        order.append(("id" if name == "pk" else name, term.startswith("-")))
    if not any(name == "id" for name, _descending in order):
        order.append(("id", order[-1][1] if order else False))
    unknown = {name for name, _descending in order} - set(_columns(queryset.model))
    if unknown:
        raise TypeError(f"a keyset page sorts by the model's own columns, not {unknown}")
    return order


def _columns(model) -> dict[str, models.Field]:
    """The columns a page may sort by: each field by its name and, for a foreign key, by its
    column's own name too (``dossier_id``: the key's value, without reading the row it names)."""
    fields = model._meta.concrete_fields
    return {f.name: f for f in fields} | {f.attname: f for f in fields} | {"id": model._meta.pk}


def _sorted(queryset: QuerySet, order: Ordering) -> QuerySet:
    """NULLs after the values ascending, before them descending: PostgreSQL's own order (its
    indexes read it either way), said out loud so that SQLite sorts the same."""
    columns = _columns(queryset.model)
    terms = []
    for name, descending in order:
        nullable = columns[name].null
        if descending:
            terms.append(F(name).desc(nulls_first=True) if nullable else F(name).desc())
        else:
            terms.append(F(name).asc(nulls_last=True) if nullable else F(name).asc())
    return queryset.order_by(*terms)


def _beyond(order: Ordering, values: list) -> Q:
    """The rows that come after ``values`` in ``order``: (a > x) or (a = x and b > y) or …, with
    NULLs where ``_sorted`` puts them; plus the first column's bound alone, which the index can
    start from (the disjunction alone would be read from the list's beginning)."""
    branches = Q(pk__in=[])
    same = Q()
    for (name, descending), value in zip(order, values, strict=True):
        branches |= same & _past(name, descending, value)
        same &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    name, descending = order[0]
    value = values[0]
    if value is None:
        bound = Q(**{f"{name}__isnull": True}) if not descending else Q()
    else:
        bound = Q(**{f"{name}__lte" if descending else f"{name}__gte": value})
        if not descending:
            bound |= Q(**{f"{name}__isnull": True})
    return bound & branches


def _past(name: str, descending: bool, value) -> Q:
    if value is None:  # NULLs come last ascending (nothing after them), first descending
        return Q(**{f"{name}__isnull": False}) if descending else Q(pk__in=[])
    if descending:
        return Q(**{f"{name}__lt": value})
    return Q(**{f"{name}__gt": value}) | Q(**{f"{name}__isnull": True})


def _write(order: Ordering, row) -> str:
    values = []
    for name, _descending in order:
        value = getattr(row, name)
        values.append(value.isoformat() if isinstance(value, datetime) else value)
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def _read(order: Ordering, cursor: str, columns: dict[str, models.Field]) -> list:
    """The cursor's values, each checked against its column's type (``ValueError`` otherwise)."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValueError(cursor) from None
    if not isinstance(raw, list) or len(raw) != len(order):
        raise ValueError(cursor)
    return [_value(columns[name], value) for (name, _descending), value in zip(order, raw, strict=True)]


def _value(column: models.Field, value):
    if value is None:
        if not column.null:
            raise ValueError(column.name)
        return None
    if isinstance(column, models.ForeignKey):
        column = column.target_field  # the key's own type
    if isinstance(column, models.DateTimeField):
        parsed = datetime.fromisoformat(value) if isinstance(value, str) else None
        if parsed is None or parsed.tzinfo is None:
            raise ValueError(column.name)
        return parsed
    if isinstance(column, models.IntegerField | models.AutoField):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(column.name)
        return value
    if isinstance(column, models.CharField | models.TextField) and isinstance(value, str):
        return value
    raise ValueError(column.name)


def rows_after(queryset: QuerySet, cursor: str) -> QuerySet:
    """``queryset`` (ordered) from the row after ``cursor`` on, in its order (``ValueError`` when
    the cursor cannot be read): the API's ``?cursor=``."""
    order = _ordering(queryset)
    position = _read(order, cursor, _columns(queryset.model))
    return _sorted(queryset.filter(_beyond(order, position)), order)


def cursor_after(queryset: QuerySet, row) -> str:
    """The cursor of the rows after ``row`` in ``queryset``'s order."""
    return _write(_ordering(queryset), row)


__all__ = ["AFTER", "BEFORE", "NUMBER", "KeysetPage", "cursor_after", "keyset_page", "rows_after"]
