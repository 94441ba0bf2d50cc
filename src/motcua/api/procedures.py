"""Procedure catalogue endpoints: list with filters, detail by national code."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets

from motcua.catalogue.models import DocumentComponent, Fee, Field, Procedure, ProcessStep
from motcua.org.api import AgencyBriefSerializer
from motcua.org.models import Agency
from motcua.org.selectors import active_agencies
from motcua.search.selectors import MAX_QUESTION, ranked_procedures
from motcua.search.statistics import record_question


class FieldSerializer(serializers.ModelSerializer):
    class Meta:
        model = Field
        fields = ["code", "name"]
        read_only_fields = fields


class FeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fee
        fields = ["kind", "name", "amount", "note"]
        read_only_fields = fields


class DocumentSerializer(serializers.ModelSerializer):
    form_url = serializers.SerializerMethodField()

    class Meta:
        model = DocumentComponent
        fields = ["id", "name", "originals", "copies", "mandatory", "form_name", "form_url", "note"]
        read_only_fields = fields

    def get_form_url(self, obj) -> str | None:
        """The blank form to download (the catalogue's file, or one the portal draws from the e-form)."""
        if not obj.form_file and not obj.form_name.strip():
            return None
        return settings.SITE_URL + reverse("portal:blank-form", args=[obj.procedure.code, obj.pk])


LEVELS = ["central", "province", "district", "commune"]
# Query parameters with a fixed set of values: anything else is refused (400), not ignored.
CHOICES = {"level": LEVELS, "online_level": ["full", "partial", "offline"], "prefer_level": LEVELS}


@extend_schema_field({"type": "string", "format": "email", "nullable": True})
class ValidEmailOrNull(serializers.Field):
    """An address a client can write to, or null: the catalogue holds blanks and typing mistakes."""

    def to_representation(self, value):
        try:
            validate_email(value or "")
        except ValidationError:
            return None
        return value


class StepSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = ProcessStep
        fields = ["order", "name", "role", "target", "agency", "duration_minutes"]
        read_only_fields = fields


class ProcessingTimeSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=7, decimal_places=2, source="processing_time_amount")
    unit = serializers.CharField(source="processing_time_unit")
    note = serializers.CharField(source="processing_time_note")


class VariantSerializer(serializers.ModelSerializer):
    levels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Procedure
        fields = ["code", "issuing_body", "levels", "online_level"]
        read_only_fields = fields


class ProcedureListSerializer(serializers.ModelSerializer):
    field = FieldSerializer()
    levels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    processing_time = ProcessingTimeSerializer(source="*")
    variants = serializers.SerializerMethodField(
        help_text="với q: các thủ tục cùng tên công bố ở nơi khác hoặc lần khác (mã khác), gộp vào kết quả này"
    )

    class Meta:
        model = Procedure
        fields = ["code", "name", "field", "levels", "online_level", "processing_time", "variants"]
        read_only_fields = fields

    @extend_schema_field(VariantSerializer(many=True))
    def get_variants(self, obj) -> list:
        return VariantSerializer(getattr(obj, "variants", []), many=True).data


class ProcedureDetailSerializer(ProcedureListSerializer):
    variants = None  # a search's grouping, not part of one procedure
    agencies = AgencyBriefSerializer(many=True)
    fees = FeeSerializer(many=True)
    documents = DocumentSerializer(many=True)
    steps = StepSerializer(many=True)

    class Meta(ProcedureListSerializer.Meta):
        fields = [name for name in ProcedureListSerializer.Meta.fields if name != "variants"] + [
            "agencies",
            "decision_number",
            "procedure_type",
            "issuing_body",
            "competent_authority",
            "implementing_agencies",
            "target_groups",
            "description",
            "steps_text",
            "conditions",
            "result",
            "legal_basis",
            "channels",
            "fees",
            "fee_note",
            "documents",
            "steps",
            "form_schema",
            "source_url",
        ]
        read_only_fields = fields


@extend_schema(tags=["procedures"])
class ProcedureViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Thủ tục hành chính: the catalogue, public."""

    lookup_field = "code"
    lookup_value_regex = r"[^/]+"

    def get_serializer_class(self):
        return ProcedureDetailSerializer if self.action == "retrieve" else ProcedureListSerializer

    def get_queryset(self):
        if self.action == "retrieve":
            return (
                Procedure.objects.filter(is_active=True)
                .select_related("field")
                .prefetch_related(
                    "levels",
                    "agencies",
                    "fees",
                    Prefetch("documents", queryset=DocumentComponent.objects.order_by("order")),
                    Prefetch(
                        "steps", queryset=ProcessStep.objects.select_related("agency").order_by("order")
                    ),
                )
            )
        params = self.request.query_params
        for name, allowed in CHOICES.items():
            if params.get(name) and params[name] not in allowed:
                raise serializers.ValidationError(
                    {
                        name: [
                            _("Giá trị không hợp lệ; chọn một trong: %(choices)s.")
                            % {"choices": ", ".join(allowed)}
                        ]
                    }
                )
        text = (params.get("q") or "")[:MAX_QUESTION]
        found = ranked_procedures(
            text,
            field=params.get("field"),
            level=params.get("level"),
            agency=params.get("agency"),
            online_level=params.get("online_level"),
            prefer_level=params.get("prefer_level") or None,
        )
        if text.strip() and params.get("page", "1") == "1":  # once per question, not per page
            record_question(
                text, channel="api", found=bool(len(found)), corrected=getattr(found, "corrected", {})
            )
        return found

    @extend_schema(
        parameters=[
            OpenApiParameter("field", OpenApiTypes.STR, description="mã lĩnh vực"),
            OpenApiParameter("level", OpenApiTypes.STR, enum=CHOICES["level"]),
            OpenApiParameter("agency", OpenApiTypes.STR, description="mã định danh cơ quan"),
            OpenApiParameter("online_level", OpenApiTypes.STR, enum=CHOICES["online_level"]),
            OpenApiParameter(
                "prefer_level",
                OpenApiTypes.STR,
                enum=CHOICES["prefer_level"],
                description="với q: đưa thủ tục của cấp này lên trước khi mức phù hợp ngang nhau",
            ),
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description="câu hỏi hoặc từ khóa, như người dân nói (không dấu, sai chính tả nhẹ cũng được); "
                "kết quả xếp theo mức độ phù hợp",
            ),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)


@extend_schema(tags=["procedures"])
class FieldViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Lĩnh vực."""

    serializer_class = FieldSerializer
    queryset = Field.objects.order_by("name")


class AgencySerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    email = ValidEmailOrNull(
        read_only=True, help_text="thư điện tử của cơ quan; null khi chưa có hoặc không hợp lệ"
    )

    class Meta:
        model = Agency
        fields = [
            "code",
            "name",
            "short_name",
            "kind",
            "parent",
            "unit",
            "address",
            "opening_hours",
            "hotline",
            "phone",
            "email",
        ]
        read_only_fields = fields


@extend_schema(tags=["organisation"])
class AgencyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cơ quan tiếp nhận, giải quyết."""

    serializer_class = AgencySerializer
    queryset = active_agencies().select_related("parent", "unit").order_by("name")
    lookup_field = "code"
    lookup_value_regex = r"[^/]+"
