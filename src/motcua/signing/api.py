"""REST endpoints of electronic results: drafts, signing, public verification."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers.selectors import get_dossier_for
from motcua.signing import services
from motcua.signing.models import ResultDocument, ResultTemplate
from motcua.signing.selectors import results_visible_to, verify_result, verify_upload
from motcua.signing.views import MAX_UPLOAD_BYTES


class ResultSerializer(serializers.ModelSerializer):
    dossier = serializers.CharField(source="dossier.code")
    verification_url = serializers.SerializerMethodField()
    number = serializers.CharField(
        source="number_and_symbol", help_text="số, ký hiệu văn bản (“12/QĐ-UBND”), cấp khi lãnh đạo ký"
    )
    signer = serializers.CharField(source="signer.name", default="", help_text="lãnh đạo được trình ký")

    class Meta:
        model = ResultDocument
        fields = [
            "token",
            "dossier",
            "kind",
            "title",
            "number",
            "signer",
            "state",
            "sha256",
            "signers",
            "problem",
            "created_at",
            "signed_at",
            "verification_url",
        ]
        read_only_fields = fields

    def get_verification_url(self, obj) -> str:
        return services.verification_url(obj)


class PrepareSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ResultTemplate.Kind.choices, default=ResultTemplate.Kind.RESULT)


class SignSerializer(serializers.Serializer):
    pin = serializers.CharField(
        help_text="mã PIN của khóa ký số (không lưu lại)", style={"input_type": "password"}
    )


CheckSerializer = inline_serializer(
    "SignatureCheck",
    {
        "readable": serializers.BooleanField(),
        "valid": serializers.BooleanField(),
        "problem": serializers.CharField(),
        "signatures": serializers.ListField(child=serializers.DictField()),
    },
)


@extend_schema(tags=["results"])
class DossierResultViewSet(viewsets.ViewSet):
    """Kết quả điện tử of a dossier (officials who may see it, and the applicant)."""

    permission_classes = [IsAuthenticated]
    lookup_field = "reference"
    lookup_value_regex = r"[^/]+"

    @extend_schema(responses=ResultSerializer(many=True))
    def list(self, request, dossier_reference=None):
        dossier = get_dossier_for(request.user, dossier_reference)
        return Response(
            ResultSerializer(results_visible_to(request.user).filter(dossier=dossier), many=True).data
        )

    @extend_schema(request=PrepareSerializer, responses={201: ResultSerializer, 202: ResultSerializer})
    def create(self, request, dossier_reference=None):
        data = PrepareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = get_dossier_for(request.user, dossier_reference)
        document = services.prepare_result(dossier=dossier, by=request.user, kind=data.validated_data["kind"])
        # 202 while a worker renders it: poll GET /results/{token}/ until the state is "draft" or "failed".
        pending = document.state == document.State.RENDERING
        return Response(ResultSerializer(document).data, status=202 if pending else 201)


@extend_schema(tags=["results"])
class ResultViewSet(viewsets.GenericViewSet):
    """A result by its token: public verification, signing by the leader."""

    lookup_field = "token"
    queryset = ResultDocument.objects.none()
    serializer_class = ResultSerializer

    @extend_schema(
        responses=inline_serializer(
            "ResultVerification",
            {
                "title": serializers.CharField(),
                "number": serializers.CharField(),
                "dossier": serializers.CharField(),
                "agency": serializers.CharField(),
                "holder": serializers.CharField(),
                "signed_at": serializers.DateTimeField(),
                "sha256": serializers.CharField(),
                "check": CheckSerializer,
            },
        )
    )
    def retrieve(self, request, token=None):
        verification = verify_result(token)
        document = verification.document
        return Response(
            {
                "title": document.title,
                "number": document.number_and_symbol,
                "dossier": document.dossier.code,
                "agency": document.dossier.competent_agency.name,
                "holder": verification.holder,
                "signed_at": serializers.DateTimeField().to_representation(document.signed_at),
                "sha256": document.sha256,
                "check": verification.check,
            }
        )

    @extend_schema(request=SignSerializer, responses=ResultSerializer)
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def sign(self, request, token=None):
        data = SignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = results_visible_to(request.user).filter(token=token).first()
        if document is None:
            raise NotFound(code="result_not_found", message="Không tìm thấy kết quả.")
        document = services.sign_result(document=document, by=request.user, pin=data.validated_data["pin"])
        return Response(ResultSerializer(document).data)


@extend_schema(tags=["results"])
class VerifyUploadView(APIView):
    """Kiểm tra một tệp PDF có chữ ký số (multipart, trường ``file``)."""

    permission_classes = [AllowAny]
    parser_classes = [MultiPartParser]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "lookup"

    @extend_schema(
        request={"multipart/form-data": inline_serializer("VerifyUpload", {"file": serializers.FileField()})},
        responses=CheckSerializer,
    )
    def post(self, request):
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise ValidationFailed(fields={"file": ["Cần gửi tệp PDF."]})
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise ValidationFailed(fields={"file": ["Tệp lớn hơn 20 MB."]})
        data = uploaded.read()
        if not data.startswith(b"%PDF-"):
            raise ValidationFailed(fields={"file": ["Tệp không phải PDF."]})
        return Response(verify_upload(data))
