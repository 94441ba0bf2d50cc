"""The audit log search for administrators (a front door's endpoint: the log as an official sees it
needs the visibility rules of org and dossiers)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated

from motcua.audit.models import AuditEntry
from motcua.core.errors import Forbidden, ValidationFailed
from motcua.core.pagination import KeysetPagination
from motcua.core.parsing import parse_day
from motcua.dossiers import audit_access


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "seq",
            "at",
            "actor_id",
            "actor_name",
            "action",
            "object_type",
            "object_ref",
            "detail",
            "ip",
            "previous_hash",
            "hash",
        ]
        read_only_fields = fields


@extend_schema(tags=["audit"])
class AuditViewSet(viewsets.GenericViewSet):
    """Nhật ký truy cập: administrators search the audit log."""

    pagination_class = KeysetPagination  # the next page by cursor; the total only on ?count=true
    permission_classes = [IsAuthenticated]
    serializer_class = AuditEntrySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("actor", OpenApiTypes.STR, description="tên hoặc mã người dùng"),
            OpenApiParameter("action", OpenApiTypes.STR),
            OpenApiParameter("object", OpenApiTypes.STR, description="mã hồ sơ hoặc tên đăng nhập"),
            OpenApiParameter("since", OpenApiTypes.DATE),
            OpenApiParameter("until", OpenApiTypes.DATE),
        ],
        responses=AuditEntrySerializer(many=True),
    )
    def list(self, request):
        if not audit_access.may_search(request.user):
            raise Forbidden()
        params = request.query_params

        def day(name):
            if not params.get(name):
                return None
            parsed = parse_day(params[name])
            if parsed is None:
                raise ValidationFailed(fields={name: [_("Ngày không hợp lệ (YYYY-MM-DD).")]})
            return parsed

        entries = audit_access.search(
            user=request.user,
            actor=params.get("actor", ""),
            action=params.get("action", ""),
            object_ref=params.get("object", ""),
            since=day("since"),
            until=day("until"),
        )
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(AuditEntrySerializer(page, many=True).data)
