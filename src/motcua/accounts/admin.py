from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from motcua.accounts import two_factor
from motcua.accounts.activation import open_activation
from motcua.accounts.models import Activation, DataFetch, ExternalIdentity, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "kind", "personal_id", "tax_code", "is_staff", "is_active"]
    list_filter = ["kind", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "personal_id", "tax_code", "email", "phone"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Định danh"),
            {
                "fields": (
                    "kind",
                    "full_name",
                    "personal_id",
                    "tax_code",
                    "birth_date",
                    "is_male",
                    "phone",
                    "address",
                )
            },
        ),
    )
    actions = ["reset_two_factor"]

    @admin.action(
        description=_("Đặt lại xác thực hai yếu tố (mất điện thoại: đăng ký lại ở lần đăng nhập sau)")
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset(user=user, by=request.user)
        self.message_user(
            request, _("Đã đặt lại xác thực hai yếu tố của %(n)d tài khoản.") % {"n": queryset.count()}
        )


@admin.register(Activation)
class ActivationAdmin(admin.ModelAdmin):
    """Accounts opened at the counter, waiting for their applicant; a locked or expired one is opened again here."""

    list_display = ["user", "created_at", "expires_at", "failed_attempts", "codes_sent", "activated_at"]
    list_filter = ["activated_at"]
    search_fields = ["user__username", "user__full_name"]
    readonly_fields = ["user", "created_at", "expires_at", "failed_attempts", "codes_sent", "activated_at"]
    exclude = ["secret", "code_digest", "code_sent_at", "code_expires_at"]
    actions = ["open_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Cấp lại mã kích hoạt (mở lại hạn, xóa số lần nhập sai)"))
    def open_again(self, request, queryset):
        opened = 0
        for activation in queryset.select_related("user"):
            if activation.user.has_usable_password():
                continue
            open_activation(user=activation.user)
            opened += 1
        self.message_user(
            request,
            _("Đã cấp lại %(n)d mã kích hoạt; in lại giấy tiếp nhận để giao mã mới cho người nộp.")
            % {"n": opened},
        )


@admin.register(DataFetch)
class DataFetchAdmin(admin.ModelAdmin):
    """Every read of a citizen's data from a national database, with its purpose and consent (read-only)."""

    list_display = ["user", "source", "purpose", "consented_at", "fetched_at"]
    list_filter = ["source"]
    search_fields = ["user__username", "purpose"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """Accounts linked to the national identity; deleting a link makes the next sign-in ask again."""

    list_display = ["user", "issuer", "verified_at"]
    search_fields = ["user__username", "user__full_name"]
    readonly_fields = ["user", "issuer", "subject", "claims", "verified_at"]

    def has_add_permission(self, request):
        return False
