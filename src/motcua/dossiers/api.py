"""Dossier endpoints: file, list, read, one endpoint per transition, history."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle

from motcua.audit.services import record_dossier_list
from motcua.catalogue.selectors import procedure_for_filing
from motcua.core.errors import ValidationFailed
from motcua.core.idempotency import idempotent
from motcua.core.json_bodies import BoundedJSONField
from motcua.core.pagination import KeysetPagination, Pagination
from motcua.dossiers import services
from motcua.dossiers.actions import ACTIONS, Action
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.selectors import (
    applicant_history,
    dossiers_visible_to,
    for_list,
    get_dossier_for,
    history,
    overdue,
    read_dossier_for,
)
from motcua.org.api import AgencyBriefSerializer
from motcua.org.models import Agency
from motcua.org.selectors import active_agency

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Gửi lại cùng khóa sẽ nhận lại đúng kết quả lần đầu; khác nội dung bị từ chối (422).",
)


class ProcedureBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ApplicantSerializer(serializers.Serializer):
    name = serializers.CharField(source="applicant_name")
    id_number = serializers.CharField(source="applicant_id_number")
    phone = serializers.CharField(source="applicant_phone")
    email = serializers.CharField(source="applicant_email")
    address = serializers.CharField(source="applicant_address")


class DossierSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    status_label = serializers.CharField(source="get_status_display")
    national_status_code = serializers.IntegerField(allow_null=True)
    procedure = ProcedureBriefSerializer()
    receiving_agency = AgencyBriefSerializer()
    competent_agency = AgencyBriefSerializer()
    applicant = ApplicantSerializer(source="*")
    is_overdue = serializers.SerializerMethodField()
    is_paused = serializers.BooleanField()

    class Meta:
        model = Dossier
        fields = [
            "id",
            "code",
            "status",
            "status_label",
            "national_status_code",
            "channel",
            "procedure",
            "receiving_agency",
            "competent_agency",
            "applicant",
            "created_at",
            "submitted_at",
            "received_at",
            "due_at",
            "is_overdue",
            "is_paused",
            "remaining_minutes",
            "finished_at",
            "returned_at",
            "closed_at",
        ]
        read_only_fields = fields

    def get_is_overdue(self, obj) -> bool:
        return obj.is_overdue()

    def to_representation(self, obj):
        """The declared fields, built directly: lists and submissions are the hot paths, and DRF's
        generic field walk costs more than the database work. ``test_fast_output_matches_the_declared_fields``
        keeps both in step."""
        when = _datetime
        return {
            "id": str(obj.uuid),
            "code": obj.code,
            "status": obj.status,
            "status_label": str(obj.get_status_display()),
            "national_status_code": obj.national_status_code,
            "channel": obj.channel,
            "procedure": {"code": obj.procedure.code, "name": obj.procedure.name},
            "receiving_agency": {"code": obj.receiving_agency.code, "name": obj.receiving_agency.name},
            "competent_agency": {"code": obj.competent_agency.code, "name": obj.competent_agency.name},
            "applicant": {
                "name": obj.applicant_name,
                "id_number": obj.applicant_id_number,
                "phone": obj.applicant_phone,
                "email": obj.applicant_email,
                "address": obj.applicant_address,
            },
            "created_at": when(obj.created_at),
            "submitted_at": when(obj.submitted_at),
            "received_at": when(obj.received_at),
            "due_at": when(obj.due_at),
            "is_overdue": obj.is_overdue(),
            "is_paused": obj.is_paused,
            "remaining_minutes": obj.remaining_minutes,
            "finished_at": when(obj.finished_at),
            "returned_at": when(obj.returned_at),
            "closed_at": when(obj.closed_at),
        }

    def declared_representation(self, obj):
        return super().to_representation(obj)


_DATETIME = serializers.DateTimeField()


def _datetime(value):
    return _DATETIME.to_representation(value) if value is not None else None


class DossierDetailSerializer(DossierSerializer):
    allowed_actions = serializers.SerializerMethodField()

    class Meta(DossierSerializer.Meta):
        fields = DossierSerializer.Meta.fields + ["form_data", "processing_minutes", "allowed_actions"]
        read_only_fields = fields

    def get_allowed_actions(self, obj) -> list[str]:
        return allowed_actions(obj, self.context["request"].user)

    def to_representation(self, obj):
        data = super().to_representation(obj)
        data["form_data"] = obj.form_data
        data["processing_minutes"] = obj.processing_minutes
        data["allowed_actions"] = self.get_allowed_actions(obj)
        return data

    def declared_representation(self, obj):
        return serializers.ModelSerializer.to_representation(self, obj)


class DossierCreateSerializer(serializers.Serializer):
    procedure = serializers.CharField(help_text="mã thủ tục, ví dụ 1.001193")
    receiving_agency = serializers.CharField(required=False, help_text="mã định danh nơi tiếp nhận")
    competent_agency = serializers.CharField(required=False, help_text="mã định danh cơ quan giải quyết")
    form_data = BoundedJSONField(required=False, default=dict)
    submit = serializers.BooleanField(required=False, default=True, help_text="false: chỉ lưu bản nháp")


class DraftUpdateSerializer(serializers.Serializer):
    form_data = BoundedJSONField()


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SupplementRequestSerializer(ReasonSerializer):
    missing = serializers.ListField(child=serializers.CharField(), required=False, default=list)


class SupplementSerializer(NoteSerializer):
    form_data = BoundedJSONField(required=False)


class PaymentRequestSerializer(NoteSerializer):
    amount = serializers.IntegerField(required=False, min_value=0, max_value=10**15, allow_null=True)


class PaymentConfirmSerializer(serializers.Serializer):
    reference = serializers.CharField(required=False, allow_blank=True, default="")


class ApologySerializer(ReasonSerializer):
    new_due_at = serializers.DateTimeField(
        help_text="ngày giờ hẹn mới (hoặc chỉ ngày: hết giờ làm việc ngày đó)"
    )

    def to_internal_value(self, data):
        value = data.get("new_due_at") if hasattr(data, "get") else None
        if isinstance(value, str) and len(value) == 10:
            from datetime import date

            try:
                parsed = date.fromisoformat(value)
            except ValueError:
                raise serializers.ValidationError(
                    {"new_due_at": ["Ngày không hợp lệ (YYYY-MM-DD)."]}
                ) from None
            return {"new_due_at": parsed, "reason": data.get("reason", "")}
        return super().to_internal_value(data)


class EventSerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(allow_null=True)
    actor = serializers.CharField(source="actor_name")

    class Meta:
        model = DossierEvent
        fields = [
            "seq",
            "event_id",
            "kind",
            "from_status",
            "to_status",
            "at",
            "actor",
            "agency",
            "note",
            "data",
        ]
        read_only_fields = fields


def _agency(code: str | None, field: str) -> Agency | None:
    if not code:
        return None
    agency = active_agency(code=code)
    if agency is None:
        raise ValidationFailed(fields={field: [f"Không có cơ quan mã {code}."]})
    return agency


def _parsed(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(tags=["dossiers"])
class DossierViewSet(viewsets.GenericViewSet):
    """Hồ sơ. Applicants see their own; officials those of their agencies."""

    permission_classes = [IsAuthenticated]
    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"
    serializer_class = DossierSerializer
    pagination_class = KeysetPagination

    def get_queryset(self):
        queryset = dossiers_visible_to(self.request.user)
        params = self.request.query_params
        if params.get("status"):
            queryset = queryset.filter(status__in=params["status"].split(","))
        if params.get("procedure"):
            queryset = queryset.filter(procedure__code=params["procedure"])
        if params.get("agency"):
            queryset = queryset.filter(
                Q(competent_agency__code=params["agency"]) | Q(receiving_agency__code=params["agency"])
            )
        if params.get("overdue") in ("1", "true"):
            queryset = overdue(queryset)
        return queryset.order_by("-created_at", "-id")

    def _dossier(self, reference: str) -> Dossier:
        return get_dossier_for(self.request.user, reference)

    def _answer(self, dossier: Dossier, status: int = 200) -> Response:
        return Response(
            DossierDetailSerializer(dossier, context={"request": self.request}).data, status=status
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status", OpenApiTypes.STR, description="một hoặc nhiều trạng thái, cách nhau dấu phẩy"
            ),
            OpenApiParameter("procedure", OpenApiTypes.STR),
            OpenApiParameter("agency", OpenApiTypes.STR),
            OpenApiParameter("overdue", OpenApiTypes.BOOL),
        ],
        responses=DossierSerializer(many=True),
    )
    def list(self, request):
        page = self.paginate_queryset(for_list(self.get_queryset()))
        record_dossier_list(
            user=request.user, codes=[d.code or str(d.uuid) for d in page], what="api:dossiers"
        )
        return self.get_paginated_response(DossierSerializer(page, many=True).data)

    @extend_schema(responses=DossierDetailSerializer)
    def retrieve(self, request, reference=None):
        return self._answer(read_dossier_for(request.user, reference, view="api"))

    @extend_schema(
        request=DossierCreateSerializer,
        responses={201: DossierDetailSerializer},
        parameters=[IDEMPOTENCY_PARAMETER],
    )
    @idempotent
    def create(self, request):
        data = _parsed(DossierCreateSerializer, request)
        dossier = services.file_dossier(
            applicant=request.user,
            procedure=procedure_for_filing(data["procedure"]),
            form_data=data.get("form_data"),
            receiving_agency=_agency(data.get("receiving_agency"), "receiving_agency"),
            competent_agency=_agency(data.get("competent_agency"), "competent_agency"),
            submit=data["submit"],
        )
        return self._answer(dossier, status=201)

    @extend_schema(request=DraftUpdateSerializer, responses=DossierDetailSerializer)
    def partial_update(self, request, reference=None):
        data = _parsed(DraftUpdateSerializer, request)
        dossier = services.update_draft(
            dossier=self._dossier(reference), by=request.user, form_data=data["form_data"]
        )
        return self._answer(dossier)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=Pagination)  # a dossier's lines, counted as before
    def history(self, request, reference=None):
        dossier = read_dossier_for(request.user, reference, view="api:history")
        # Applicants read their steps, not the officials' working events (warnings, hand-overs, notes).
        events = (
            applicant_history(dossier) if getattr(request.user, "is_applicant", False) else history(dossier)
        )
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True).data)


# -- transitions: one endpoint each, from the one action table (dossiers.actions) -----------------

# The request body of each action, by the inputs it takes (a test checks they name the same fields).
INPUT_SCHEMAS = {
    (): None,
    ("note",): NoteSerializer,
    ("reason",): ReasonSerializer,
    ("reason", "missing"): SupplementRequestSerializer,
    ("note", "form_data"): SupplementSerializer,
    ("note", "amount"): PaymentRequestSerializer,
    ("reference",): PaymentConfirmSerializer,
    ("reason", "new_due_at"): ApologySerializer,
}


def _transition_endpoint(transition: Action):
    schema = INPUT_SCHEMAS[transition.inputs]

    def endpoint(self, request, reference=None):
        values = _parsed(schema, request) if schema else {}
        dossier = self._dossier(reference)
        return self._answer(transition.perform(dossier=dossier, by=request.user, values=values))

    endpoint.__name__ = endpoint.__qualname__ = transition.name
    endpoint = idempotent(endpoint)
    endpoint = action(detail=True, methods=["post"], url_path=transition.url_path)(endpoint)
    return extend_schema(
        request=schema, responses=DossierDetailSerializer, parameters=[IDEMPOTENCY_PARAMETER]
    )(endpoint)


for _transition in ACTIONS.values():
    setattr(DossierViewSet, _transition.name, _transition_endpoint(_transition))


@extend_schema(
    tags=["lookup"],
    responses=inline_serializer(
        "PublicStatus",
        {
            "code": serializers.CharField(),
            "status": serializers.CharField(),
            "status_label": serializers.CharField(),
            "national_status_code": serializers.IntegerField(allow_null=True),
            "procedure_code": serializers.CharField(),
            "procedure_name": serializers.CharField(),
            "receiving_agency": serializers.CharField(),
            "competent_agency": serializers.CharField(),
            "submitted_at": serializers.DateTimeField(allow_null=True),
            "received_at": serializers.DateTimeField(allow_null=True),
            "due_at": serializers.DateTimeField(allow_null=True),
            "finished_at": serializers.DateTimeField(allow_null=True),
            "returned_at": serializers.DateTimeField(allow_null=True),
            "is_overdue": serializers.BooleanField(),
            "is_paused": serializers.BooleanField(),
            "steps": serializers.ListField(child=serializers.DictField()),
        },
    ),
)
class LookupViewSet(viewsets.ViewSet):
    """Tra cứu hồ sơ: public status by dossier code, without personal data."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "lookup"
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def retrieve(self, request, code=None):
        from dataclasses import asdict

        from motcua.dossiers.selectors import public_status

        status = asdict(public_status(code))
        for key in ("submitted_at", "received_at", "due_at", "finished_at", "returned_at"):
            status[key] = serializers.DateTimeField().to_representation(status[key]) if status[key] else None
        for step in status["steps"]:
            step["at"] = serializers.DateTimeField().to_representation(step["at"])
        return Response(status)
