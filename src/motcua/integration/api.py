"""``/api/v1/me/notifications/``: the applicant's channels for notifications about their dossiers."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from motcua.integration.selectors import contact_preference
from motcua.integration.services import set_contact_preference


class ContactPreferenceSerializer(serializers.Serializer):
    email = serializers.CharField(
        allow_blank=True, required=False, max_length=254, help_text="địa chỉ nhận thư"
    )
    phone = serializers.CharField(allow_blank=True, required=False, max_length=20, help_text="số nhận SMS")
    by_email = serializers.BooleanField(help_text="nhận thông báo qua thư điện tử")
    by_sms = serializers.BooleanField(help_text="nhận thông báo qua SMS")
    language = serializers.ChoiceField(choices=["vi", "en"], help_text="ngôn ngữ của thông báo")


def _answer(user) -> dict:
    preference = contact_preference(user)
    return {
        "email": user.email,
        "phone": user.phone,
        "by_email": preference.by_email,
        "by_sms": preference.by_sms,
        "language": preference.language,
    }


@extend_schema(tags=["accounts"])
class ContactPreferenceView(APIView):
    """Kênh nhận thông báo: e-mail and/or SMS, in Vietnamese or English."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ContactPreferenceSerializer)
    def get(self, request):
        return Response(_answer(request.user))

    @extend_schema(request=ContactPreferenceSerializer, responses=ContactPreferenceSerializer)
    def put(self, request):
        data = ContactPreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        set_contact_preference(user=request.user, **data.validated_data)
        return Response(_answer(request.user))
