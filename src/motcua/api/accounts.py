"""Sign-in tokens, the current account, applicant registration."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from motcua.accounts import services
from motcua.accounts.activation import activate_counter_account
from motcua.accounts.policy import required_for
from motcua.accounts.tokens import issue_token, revoke_all_tokens, revoke_token
from motcua.accounts.two_factor import is_enrolled, verify_for_token
from motcua.api.errors import ERROR_RESPONSE
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.downloads import download_response
from motcua.core.errors import DomainError, Forbidden
from motcua.integration.activation import send_activation_code
from motcua.org.selectors import roles_of
from motcua.paperwork.selectors import dossier_for_token
from motcua.privacy.services import export_applicant_data


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="số định danh, mã số thuế hoặc tên đăng nhập cán bộ")
    password = serializers.CharField(style={"input_type": "password"})
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="mã xác thực hai yếu tố (ứng dụng xác thực, hoặc một mã khôi phục): bắt buộc với tài khoản "
        "cán bộ và quản trị khi MOTCUA_TWO_FACTOR bật",
    )


class AuthenticationRefused(DomainError):
    code = "authentication_failed"
    status = 401


@extend_schema(tags=["accounts"])
class TokenView(APIView):
    """Đăng nhập: a token for the ``Authorization: Token …`` header."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signin"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: inline_serializer(
                "Token",
                {
                    "token": serializers.CharField(),
                    "expiry": serializers.DateTimeField(help_text="hết hạn lúc (đăng nhập lại sau đó)"),
                },
            ),
            400: ERROR_RESPONSE,
            401: ERROR_RESPONSE,
            429: ERROR_RESPONSE,
        },
    )
    def post(self, request):
        from django.utils.translation import gettext as _

        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The Django request, so the lockout (django-axes) marks the one its middleware answers.
        user = authenticate(
            request._request,
            username=data.validated_data["username"],
            password=data.validated_data["password"],
        )
        if user is None:
            raise AuthenticationRefused(_("Tên đăng nhập hoặc mật khẩu không đúng."))
        if required_for(user):
            code = data.validated_data["otp"]
            if not is_enrolled(user):
                raise AuthenticationRefused(
                    _(
                        "Tài khoản cần xác thực hai yếu tố: đăng nhập trên trang web một lần để đăng ký ứng dụng xác thực."
                    ),
                    code="otp_enrolment_required",
                )
            if not code:
                raise AuthenticationRefused(
                    _("Tài khoản cần mã xác thực hai yếu tố (trường otp)."), code="otp_required"
                )
            if not verify_for_token(request=request._request, user=user, code=code):
                raise AuthenticationRefused(_("Mã xác thực không đúng hoặc đã hết hạn."), code="otp_invalid")
        token, expiry = issue_token(user)
        record(
            action=Action.SIGN_IN,
            user=user,
            object_type="account",
            object_ref=user.get_username(),
            detail={"via": "api"},
        )
        return Response({"token": token, "expiry": expiry})


@extend_schema(tags=["accounts"])
class LogoutView(APIView):
    """Đăng xuất: the token this request is sent with stops working."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None, 401: ERROR_RESPONSE})
    def post(self, request):
        if isinstance(request.auth, AuthToken):
            revoke_token(request.auth)
        return Response(status=204)


@extend_schema(tags=["accounts"])
class LogoutAllView(APIView):
    """Đăng xuất khỏi mọi thiết bị: every token of the account stops working."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None, 401: ERROR_RESPONSE})
    def post(self, request):
        revoke_all_tokens(request.user)
        return Response(status=204)


class RoleSerializer(serializers.Serializer):
    agency = serializers.CharField(source="agency.code")
    agency_name = serializers.CharField(source="agency.name")
    role = serializers.CharField()


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    kind = serializers.CharField()
    full_name = serializers.CharField()
    personal_id = serializers.CharField(allow_null=True)
    tax_code = serializers.CharField(allow_null=True)
    email = serializers.CharField()
    phone = serializers.CharField()
    roles = serializers.SerializerMethodField()

    def get_roles(self, user) -> list[dict]:
        official = getattr(user, "official", None)
        return RoleSerializer(roles_of(official), many=True).data if official else []


@extend_schema(tags=["accounts"])
class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class MyDataView(APIView):
    """Tải dữ liệu của tôi: everything held about the signed-in applicant, as a ZIP (Decree 13/2023)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    def get(self, request):
        if not getattr(request.user, "is_applicant", False):
            from django.utils.translation import gettext as _

            raise Forbidden(_("Chỉ công dân, tổ chức tải được dữ liệu của mình."))
        return download_response(
            export_applicant_data(user=request.user, by=request.user),
            filename="du-lieu-cua-toi.zip",
            content_type="application/zip",
        )


class CitizenRegistrationSerializer(serializers.Serializer):
    personal_id = serializers.CharField(help_text="số định danh cá nhân 12 chữ số")
    full_name = serializers.CharField()
    birth_date = serializers.DateField()
    sex = serializers.ChoiceField(choices=["male", "female"], required=False)
    password = serializers.CharField(style={"input_type": "password"})
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")


class BusinessRegistrationSerializer(serializers.Serializer):
    tax_code = serializers.CharField()
    name = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"})
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(tags=["accounts"])
class CitizenRegistrationView(APIView):
    """Đăng ký tài khoản công dân bằng số định danh cá nhân."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signin"

    @extend_schema(request=CitizenRegistrationSerializer, responses={201: MeSerializer})
    def post(self, request):
        data = CitizenRegistrationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        sex = values.pop("sex", None)
        user = services.register_citizen(is_male=None if sex is None else sex == "male", **values)
        return Response(MeSerializer(user).data, status=201)


@extend_schema(tags=["accounts"])
class BusinessRegistrationView(APIView):
    """Đăng ký tài khoản tổ chức, doanh nghiệp bằng mã số thuế."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signin"

    @extend_schema(request=BusinessRegistrationSerializer, responses={201: MeSerializer})
    def post(self, request):
        data = BusinessRegistrationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.register_business(**data.validated_data)
        return Response(MeSerializer(user).data, status=201)


class ActivationCodeRequestSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text="mã trong đường dẫn của mã QR trên giấy tiếp nhận (/tra-cuu/<token>/)"
    )
    identifier = serializers.CharField(help_text="số định danh cá nhân hoặc mã số thuế của người nộp")


class ActivationSerializer(ActivationCodeRequestSerializer):
    code = serializers.CharField(
        help_text="mã xác nhận gửi tới điện thoại hoặc thư điện tử khai tại quầy, "
        "hoặc (khi không khai) mã kích hoạt in trên giấy tiếp nhận"
    )
    birth_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="ngày sinh, cùng với mã kích hoạt in trên giấy",
    )
    password = serializers.CharField(style={"input_type": "password"})


def _dossier_for(token: str):
    return dossier_for_token(token)


@extend_schema(tags=["accounts"])
class ActivationCodeView(APIView):
    """Gửi mã xác nhận kích hoạt tới điện thoại hoặc thư điện tử khai tại quầy.

    Always answers 202 with the same words, whether or not the number matched and a code was sent.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signin"

    @extend_schema(
        request=ActivationCodeRequestSerializer,
        responses={202: inline_serializer("ActivationCodeRequested", {"detail": serializers.CharField()})},
    )
    def post(self, request):
        from django.utils.translation import get_language
        from django.utils.translation import gettext as _

        data = ActivationCodeRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dossier = _dossier_for(data.validated_data["token"])
        send_activation_code(
            applicant=dossier.applicant, identifier=data.validated_data["identifier"], language=get_language()
        )
        detail = _(
            "Nếu số vừa nhập là của người nộp hồ sơ và khi nộp đã khai số điện thoại hoặc thư điện tử, "
            "mã xác nhận đã được gửi tới đó."
        )
        return Response({"detail": detail}, status=202)


@extend_schema(tags=["accounts"])
class ActivationView(APIView):
    """Kích hoạt tài khoản do quầy tạo: mã QR của giấy tiếp nhận + số định danh + mã xác nhận → mật khẩu."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "signin"

    @extend_schema(request=ActivationSerializer, responses={200: MeSerializer})
    def post(self, request):
        data = ActivationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = activate_counter_account(
            applicant=_dossier_for(values["token"]).applicant,
            identifier=values["identifier"],
            code=values["code"],
            birth_date=values["birth_date"],
            password=values["password"],
        )
        return Response(MeSerializer(user).data)
