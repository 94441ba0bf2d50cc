from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

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
