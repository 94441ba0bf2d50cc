"""Payment endpoints of a dossier: its payments (applicant and officials who see it), and the
applicant starting an online payment (the answer is the gateway URL to send the payer to)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from motcua.dossiers.selectors import get_dossier_for
from motcua.payments import services
from motcua.payments.models import Payment


class PaymentSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="txn_ref")
    channel_label = serializers.CharField(source="get_channel_display")
    status_label = serializers.CharField(source="get_status_display")
    receipt_url = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = [
            "reference",
            "channel",
            "channel_label",
            "status",
            "status_label",
            "amount",
            "items",
            "exemption",
            "exemption_reason",
            "created_at",
            "paid_at",
            "receipt_number",
            "receipt_url",
        ]
        read_only_fields = fields

    def get_receipt_url(self, obj) -> str | None:
        if not obj.receipt_number:
            return None
        return reverse("payments:receipt-pdf", args=[obj.receipt_token])


StartAnswer = inline_serializer(
    "PaymentStarted",
    {
        "payment": PaymentSerializer(),
        "payment_url": serializers.CharField(help_text="send the payer here (the gateway's page)"),
    },
)


@extend_schema(tags=["payments"])
class DossierPaymentViewSet(viewsets.GenericViewSet):
    """Thanh toán phí, lệ phí of a dossier."""

    permission_classes = [IsAuthenticated]
    serializer_class = PaymentSerializer
    queryset = Payment.objects.none()

    @extend_schema(responses=PaymentSerializer(many=True))
    def list(self, request, dossier_reference=None):
        dossier = get_dossier_for(request.user, dossier_reference)
        page = self.paginate_queryset(dossier.payments.order_by("-created_at", "-id"))
        return self.get_paginated_response(PaymentSerializer(page, many=True).data)

    @extend_schema(request=None, responses={201: StartAnswer})
    def create(self, request, dossier_reference=None):
        """Start an online payment of what is due now (the applicant only); the IPN decides the outcome."""
        dossier = get_dossier_for(request.user, dossier_reference)
        payment, url = services.start_online_payment(
            dossier=dossier,
            by=request.user,
            ip=request.META.get("REMOTE_ADDR", ""),
            return_url=request.build_absolute_uri(reverse("payments:vnpay-return")),
            locale=request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "vi",
        )
        return Response({"payment": PaymentSerializer(payment).data, "payment_url": url}, status=201)
