"""Workspace endpoints: the official's queues, the steps of a dossier and the actions on them
(hand over, send back, reassign, consult, answer)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from motcua.audit.services import record_dossier_list
from motcua.core.errors import Forbidden, ValidationFailed
from motcua.core.idempotency import idempotent
from motcua.core.pagination import KeysetPagination
from motcua.core.parsing import MAX_ID
from motcua.dossiers.api import IDEMPOTENCY_PARAMETER, DossierDetailSerializer, DossierSerializer
from motcua.dossiers.selectors import get_dossier_for, read_dossier_for
from motcua.org.selectors import active_agency
from motcua.workspace import selectors, services
from motcua.workspace.process import step_after
from motcua.workspace.steps import current_task


def _official(request):
    if getattr(request.user, "official", None) is None:
        raise Forbidden()
    return request.user.official


class QueueDossierSerializer(DossierSerializer):
    step = serializers.CharField(allow_null=True)
    step_assignee = serializers.CharField(allow_null=True)

    class Meta(DossierSerializer.Meta):
        fields = DossierSerializer.Meta.fields + ["step", "step_assignee"]
        read_only_fields = fields

    def to_representation(self, obj):
        data = super().to_representation(obj)
        data["step"] = getattr(obj, "step_name", None)
        data["step_assignee"] = getattr(obj, "step_assignee", None)
        return data


class TaskSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    agency = serializers.CharField(source="agency.code")
    assignee = serializers.CharField(allow_null=True)
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    finished_by = serializers.CharField(allow_null=True)
    outcome = serializers.CharField()
    is_late = serializers.BooleanField()
    note = serializers.CharField()


class ConsultationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    from_agency = serializers.CharField(source="from_agency.code")
    to_agency = serializers.CharField(source="to_agency.code")
    question = serializers.CharField()
    asked_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField()


class HandOverSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    to = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="mã cán bộ nhận bước sau (không bắt buộc)",
    )


class SendBackSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReassignSerializer(serializers.Serializer):
    to = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="mã cán bộ được giao")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ConsultSerializer(serializers.Serializer):
    agency = serializers.CharField(help_text="mã định danh cơ quan phối hợp")
    question = serializers.CharField(required=False, allow_blank=True, default="")
    days = serializers.IntegerField(
        required=False, default=3, help_text="thời hạn trả lời, ngày làm việc (1–30)"
    )


class AnswerSerializer(serializers.Serializer):
    consultation = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    answer = serializers.CharField(required=False, allow_blank=True, default="")


def _parsed(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _task(task) -> dict:
    return TaskSerializer(
        {
            "seq": task.seq,
            "name": task.name,
            "role": task.role,
            "agency": task.agency,
            "assignee": str(task.assignee) if task.assignee_id else None,
            "received_at": task.received_at,
            "due_at": task.due_at,
            "finished_at": task.finished_at,
            "finished_by": str(task.finished_by) if task.finished_by_id else None,
            "outcome": task.outcome,
            "is_late": task.is_late,
            "note": task.note,
        }
    ).data


@extend_schema(tags=["workspace"])
class WorkspaceViewSet(viewsets.GenericViewSet):
    """Xử lý hồ sơ: the official's queues and the internal-process actions."""

    pagination_class = KeysetPagination  # the next page by cursor; the total only on ?count=true
    permission_classes = [IsAuthenticated]
    serializer_class = QueueDossierSerializer
    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "queue",
                OpenApiTypes.STR,
                enum=sorted(selectors.QUEUE_KEYS),
                description="hàng đợi (mặc định can-xu-ly)",
            ),
            OpenApiParameter(
                "scope",
                OpenApiTypes.STR,
                enum=list(selectors.SCOPES),
                description="ca-nhan: của tôi; don-vi: của đơn vị",
            ),
            OpenApiParameter("q", OpenApiTypes.STR, description="mã hồ sơ hoặc tên người nộp"),
            OpenApiParameter("procedure", OpenApiTypes.STR),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=list(selectors.SORTS)),
        ],
        responses=QueueDossierSerializer(many=True),
    )
    def list(self, request):
        _official(request)
        params = request.query_params
        key = params.get("queue", "can-xu-ly")
        if key not in selectors.QUEUE_KEYS:
            raise ValidationFailed(
                fields={
                    "queue": [
                        _("Hàng đợi không hợp lệ; chọn một trong: %(choices)s.")
                        % {"choices": ", ".join(sorted(selectors.QUEUE_KEYS))}
                    ]
                }
            )
        scope = params.get("scope", "ca-nhan")
        if scope not in selectors.SCOPES:
            raise ValidationFailed(fields={"scope": [_("Phạm vi là ca-nhan hoặc don-vi.")]})
        dossiers = selectors.filtered(
            selectors.queue(request.user, key, scope=scope),
            text=params.get("q", ""),
            procedure=params.get("procedure", ""),
            sort=params.get("sort", "han"),
        )
        page = self.paginate_queryset(dossiers)
        record_dossier_list(user=request.user, codes=[d.code for d in page], what=f"api:workspace:{key}")
        return self.get_paginated_response(QueueDossierSerializer(page, many=True).data)

    @extend_schema(responses={200: {"type": "object", "additionalProperties": {"type": "integer"}}})
    @action(detail=False, methods=["get"])
    def counts(self, request):
        _official(request)
        scope = request.query_params.get("scope", "ca-nhan")
        return Response(
            selectors.queue_counts(request.user, scope=scope if scope in selectors.SCOPES else "ca-nhan")
        )

    @extend_schema(responses=TaskSerializer(many=True))
    @action(detail=True, methods=["get"])
    def steps(self, request, reference=None):
        _official(request)
        dossier = read_dossier_for(request.user, reference, view="api:steps")
        return Response([_task(t) for t in selectors.tasks_of(dossier)])

    @extend_schema(
        responses=inline_serializer(
            "WorkspaceCandidates",
            {
                "next_step": serializers.CharField(allow_null=True),
                "next_agency": serializers.CharField(allow_null=True),
                "next_officials": serializers.ListField(child=serializers.DictField()),
                "reassign_officials": serializers.ListField(child=serializers.DictField()),
            },
        )
    )
    @action(detail=True, methods=["get"])
    def candidates(self, request, reference=None):
        """Who may take the next step (for ``hand-over``'s ``to``) and, for a leader, the current one (``reassign``)."""
        official = _official(request)
        dossier = get_dossier_for(request.user, reference)
        task = current_task(dossier)
        following = step_after(dossier, task.step_order) if task is not None else None

        def people(officials):
            return [{"id": o.pk, "name": str(o), "username": o.user.username} for o in officials]

        leads = task is not None and services.can_lead(official, task.agency_id)
        return Response(
            {
                "next_step": following.name if following else None,
                "next_agency": following.agency.code if following else None,
                "next_officials": people(selectors.colleagues(following.agency.pk, following.role))
                if following
                else [],
                "reassign_officials": people(selectors.colleagues(task.agency_id, task.role))
                if leads
                else [],
            }
        )

    @extend_schema(responses=ConsultationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def consultations(self, request, reference=None):
        _official(request)
        dossier = get_dossier_for(request.user, reference)
        return Response(ConsultationSerializer(selectors.consultations_of(dossier), many=True).data)

    def _answer(self, dossier):
        dossier.refresh_from_db()
        return Response(DossierDetailSerializer(dossier, context={"request": self.request}).data)

    @extend_schema(
        request=HandOverSerializer, responses=DossierDetailSerializer, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"], url_path="hand-over")
    @idempotent
    def hand_over(self, request, reference=None):
        data = _parsed(HandOverSerializer, request)
        dossier = get_dossier_for(request.user, reference)
        return self._answer(
            services.hand_over(dossier=dossier, by=request.user, note=data["note"], to=data.get("to"))
        )

    @extend_schema(
        request=SendBackSerializer, responses=DossierDetailSerializer, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"], url_path="send-back")
    @idempotent
    def send_back(self, request, reference=None):
        data = _parsed(SendBackSerializer, request)
        dossier = get_dossier_for(request.user, reference)
        return self._answer(services.send_back(dossier=dossier, by=request.user, reason=data["reason"]))

    @extend_schema(
        request=ReassignSerializer, responses=DossierDetailSerializer, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def reassign(self, request, reference=None):
        data = _parsed(ReassignSerializer, request)
        dossier = get_dossier_for(request.user, reference)
        return self._answer(
            services.reassign(dossier=dossier, by=request.user, to=data["to"], note=data["note"])
        )

    @extend_schema(
        request=ConsultSerializer, responses={201: ConsultationSerializer}, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def consult(self, request, reference=None):
        data = _parsed(ConsultSerializer, request)
        dossier = get_dossier_for(request.user, reference)
        agency = active_agency(code=data["agency"])
        if agency is None:
            raise ValidationFailed(
                fields={"agency": [_("Không có cơ quan mã %(code)s.") % {"code": data["agency"]}]}
            )
        consultation = services.consult(
            dossier=dossier, by=request.user, agency=agency, question=data["question"], days=data["days"]
        )
        return Response(ConsultationSerializer(consultation).data, status=201)

    @extend_schema(
        request=AnswerSerializer, responses=ConsultationSerializer, parameters=[IDEMPOTENCY_PARAMETER]
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def answer(self, request, reference=None):
        data = _parsed(AnswerSerializer, request)
        dossier = get_dossier_for(request.user, reference)
        if not dossier.consultations.filter(pk=data["consultation"]).exists():
            raise ValidationFailed(fields={"consultation": [_("Không tìm thấy yêu cầu phối hợp.")]})
        consultation = services.answer(
            consultation_id=data["consultation"], by=request.user, text=data["answer"]
        )
        return Response(ConsultationSerializer(consultation).data)
