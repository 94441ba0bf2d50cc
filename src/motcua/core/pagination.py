from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from motcua.core.keyset import cursor_after, rows_after
from motcua.core.parsing import parse_small_int


class Pagination(PageNumberPagination):
    """Every list pages: ``?page=N&page_size=M`` (at most 200); a page size that is not a number
    from 1 to 200 (``page_size=null``, ``-1``, ``abc``) is refused, not silently replaced."""

    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        if self.page_size_query_param in request.query_params:
            size = parse_small_int(
                request.query_params[self.page_size_query_param], low=1, high=self.max_page_size
            )
            if size is None:
                raise ValidationError(
                    {
                        "page_size": [
                            _("Số dòng mỗi trang là một số từ 1 đến %(max)s.") % {"max": self.max_page_size}
                        ]
                    }
                )
            return size
        return self.page_size


class KeysetPagination(Pagination):
    """Pages of a list in its own order (the dossiers newest first, the audit log newest first, a
    queue by due date), without counting it.

    ``?page=N`` works as before; the ``next`` link carries a cursor (the last row's sort values and
    id, ``core.keyset``), so a client that follows it reads page 200 as fast as page 1: an index
    range, not an OFFSET over 4,000 rows. The total is counted only when asked (``?count=true``); otherwise ``count`` is
    ``null`` (an exact count of an agency's year of dossiers reads every one of them).
    ``previous`` is given for numbered pages; a client paging by cursor keeps the links it followed.
    """

    cursor_query_param = "cursor"
    count_query_param = "count"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = self.get_page_size(request)
        self.count = queryset.count() if _yes(request.query_params.get(self.count_query_param)) else None
        cursor = request.query_params.get(self.cursor_query_param)
        self.queryset = queryset
        if cursor is not None:
            try:
                queryset = rows_after(queryset, cursor)
            except ValueError:
                raise ValidationError({"cursor": [_("Vị trí trang không hợp lệ.")]}) from None
            self.number, offset = None, 0
        else:
            self.number = _page_number(request.query_params.get(self.page_query_param))
            offset = (self.number - 1) * size
        rows = list(queryset[offset : offset + size + 1]) if not offset else _deep(queryset, offset, size + 1)
        if not rows and self.number not in (None, 1):
            raise NotFound(_("Trang không tồn tại."))
        self.more = len(rows) > size
        self.rows = rows[:size]
        return self.rows

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_next_link(self):
        if not self.more:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, cursor_after(self.queryset, self.rows[-1]))

    def get_previous_link(self):
        if self.number in (None, 1):
            return None
        url = self.request.build_absolute_uri()
        if self.number == 2:
            return remove_query_param(url, self.page_query_param)
        return replace_query_param(url, self.page_query_param, self.number - 1)

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count"] = {
            "type": "integer",
            "nullable": True,
            "description": "tổng số, chỉ khi hỏi ?count=true",
            "example": None,
        }
        return described

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "vị trí trang tiếp theo (lấy từ liên kết next)",
                "schema": {"type": "string"},
            },
            {
                "name": self.count_query_param,
                "required": False,
                "in": "query",
                "description": "true: trả kèm tổng số (đếm toàn bộ, chậm với danh sách lớn)",
                "schema": {"type": "boolean"},
            },
        ]


def _deep(queryset, offset: int, size: int) -> list:
    """A numbered page past the first: its keys first, from the list's index alone where it holds
    the filter's columns (the dossiers' ``dossier_newest_first_cover``), then those rows by key —
    not every column of the thousands of rows the OFFSET skips."""
    keys = list(queryset.values_list("pk", flat=True)[offset : offset + size])
    found = queryset.order_by().in_bulk(keys)
    return [found[key] for key in keys if key in found]


def _yes(value) -> bool:
    return (value or "").lower() in ("1", "true", "yes")


def _page_number(value) -> int:
    if value in (None, ""):
        return 1
    number = parse_small_int(value, low=1, high=10_000_000)
    if number is None:
        raise NotFound(_("Trang không tồn tại."))
    return number
