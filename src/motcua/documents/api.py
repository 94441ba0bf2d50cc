"""REST endpoints of documents: the applicant's repository, a dossier's digitization, metadata, rates."""

from __future__ import annotations

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.core.errors import Forbidden, ValidationFailed
from motcua.documents import digitization
from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.rates import digitization_rates
from motcua.documents.repository import repository_of
from motcua.dossiers.selectors import dossiers_visible_to, get_dossier_for, read_dossier_for


class DigitizedDocumentSerializer(serializers.ModelSerializer):
    dossier = serializers.CharField(source="dossier.code", allow_null=True, default=None)
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = DigitizedDocument
        fields = [
            "uuid",
            "source",
            "title",
            "state",
            "pages_total",
            "pages_done",
            "percent",
            "failed_pages",
            "problem",
            "document_type",
            "number",
            "issuer",
            "issued_on",
            "valid_until",
            "confidence",
            "confirmed_at",
            "dossier",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    UNCHECKED = ("document_type", "number", "issuer", "issued_on", "valid_until")

    def to_representation(self, instance):
        """An applicant (anyone but an official) gets metadata only once an official has confirmed
        it: an OCR suggestion nobody checked is never shown to the applicant, the title is."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        official = request is not None and getattr(request.user, "official", None) is not None
        if not official and not instance.confirmed:
            data.update(
                {name: None if name in ("issued_on", "valid_until") else "" for name in self.UNCHECKED}
            )
            data["confidence"] = {}
        return data


class AttachmentDigitizationSerializer(serializers.ModelSerializer):
    sha256 = serializers.CharField(source="file.sha256")
    size = serializers.IntegerField(source="file.size")
    kind = serializers.CharField(source="file.kind")
    reused_from = serializers.UUIDField(source="reused_from.uuid", allow_null=True, default=None)
    digitized = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "uuid",
            "component_name",
            "filename",
            "stage",
            "sha256",
            "size",
            "kind",
            "uploaded_at",
            "reused_from",
            "digitized",
        ]
        read_only_fields = fields

    @extend_schema_field(DigitizedDocumentSerializer(allow_null=True))
    def get_digitized(self, obj):
        document = getattr(obj, "digitized", None) or obj.reused_from
        if document is None:
            return None
        return DigitizedDocumentSerializer(document, context=self.context).data


class MetadataSerializer(serializers.Serializer):
    document_type = serializers.CharField(max_length=255)
    number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    issuer = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)


def _valid(serializer):
    if not serializer.is_valid():
        raise ValidationFailed(fields={k: [str(m) for m in v] for k, v in serializer.errors.items()})
    return serializer.validated_data


@extend_schema(tags=["documents"])
class RepositoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Kho dữ liệu điện tử: the signed-in applicant's digitized documents and electronic results."""

    permission_classes = [IsAuthenticated]
    serializer_class = DigitizedDocumentSerializer
    lookup_field = "uuid"

    def get_queryset(self):
        return repository_of(self.request.user)


@extend_schema(tags=["documents"])
class DossierDocumentsViewSet(viewsets.GenericViewSet):
    """A dossier's files with their digitization (OCR) state and metadata."""

    permission_classes = [IsAuthenticated]
    serializer_class = AttachmentDigitizationSerializer

    def list(self, request, dossier_reference=None):
        dossier = read_dossier_for(request.user, dossier_reference, view="api:documents")
        attachments = (
            Attachment.objects.filter(dossier=dossier)
            .select_related("file", "digitized", "reused_from")
            .order_by("uploaded_at", "id")
        )
        page = self.paginate_queryset(attachments)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=None, responses=DigitizedDocumentSerializer(many=True))
    @action(detail=False, methods=["post"])
    def digitize(self, request, dossier_reference=None):
        """Queue OCR for every file of the dossier not digitized yet (officials)."""
        dossier = get_dossier_for(request.user, dossier_reference)
        if getattr(request.user, "official", None) is None:
            raise Forbidden(_("Chỉ cán bộ mới yêu cầu số hóa."))
        queued = digitization.queue_dossier(dossier=dossier, by=request.user)
        return Response(
            DigitizedDocumentSerializer(queued, many=True, context={"request": request}).data, status=202
        )


@extend_schema(tags=["documents"])
class DigitizedDocumentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A digitized document of a dossier the official may see; its metadata, confirmed by them."""

    permission_classes = [IsAuthenticated]
    serializer_class = DigitizedDocumentSerializer
    lookup_field = "uuid"

    def get_queryset(self):
        return DigitizedDocument.objects.filter(
            dossier__in=dossiers_visible_to(self.request.user)
        ).select_related("dossier")

    @extend_schema(request=MetadataSerializer, responses=DigitizedDocumentSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, uuid=None):
        document = self.get_object()
        data = _valid(MetadataSerializer(data=request.data))
        confirmed = digitization.confirm_metadata(document=document, by=request.user, **data)
        return Response(DigitizedDocumentSerializer(confirmed, context={"request": request}).data)


RatesSerializer = inline_serializer(
    "DigitizationRates",
    {
        "dossiers": serializers.IntegerField(help_text="received dossiers in the period"),
        "dossiers_digitized": serializers.IntegerField(help_text="of which every document is digitized"),
        "dossier_rate": serializers.FloatField(allow_null=True),
        "results": serializers.IntegerField(help_text="dossiers with a result in the period"),
        "results_electronic": serializers.IntegerField(
            help_text="of which the result was issued electronically"
        ),
        "result_rate": serializers.FloatField(allow_null=True),
    },
)


class DigitizationRatesView(APIView):
    """Digitization of dossiers and results (Decision 766/QĐ-TTg), over the dossiers the official may see."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["documents"],
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATETIME, required=False),
            OpenApiParameter("until", OpenApiTypes.DATETIME, required=False),
        ],
        responses=RatesSerializer,
    )
    def get(self, request):
        if getattr(request.user, "official", None) is None:
            raise Forbidden(_("Chỉ cán bộ mới xem được chỉ số số hóa."))
        bounds = {}
        for name in ("since", "until"):
            value = request.query_params.get(name)
            if value:
                parsed = parse_datetime(value)
                if parsed is None:
                    raise ValidationFailed(fields={name: [_("Thời điểm không hợp lệ (ISO 8601).")]})
                bounds[name] = parsed
        rates = digitization_rates(dossiers_visible_to(request.user), **bounds)
        return Response(
            {
                "dossiers": rates.dossiers,
                "dossiers_digitized": rates.dossiers_digitized,
                "dossier_rate": rates.dossier_rate,
                "results": rates.results,
                "results_electronic": rates.results_electronic,
                "result_rate": rates.result_rate,
            }
        )
