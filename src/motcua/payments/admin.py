from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from motcua.payments import services
from motcua.payments.models import AgencyAccount, FinanceOfficer, Payment, PaymentRule, Refund


@admin.register(AgencyAccount)
class AgencyAccountAdmin(admin.ModelAdmin):
    list_display = ("agency", "bank_name", "account_number", "receipt_series")
    search_fields = ("agency__name", "account_number")


@admin.register(PaymentRule)
class PaymentRuleAdmin(admin.ModelAdmin):
    list_display = ("procedure", "collect_at_filing")
    autocomplete_fields = ("procedure",)


@admin.register(FinanceOfficer)
class FinanceOfficerAdmin(admin.ModelAdmin):
    filter_horizontal = ("agencies",)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = (
        "txn_ref",
        "dossier",
        "agency",
        "channel",
        "amount",
        "status",
        "receipt_number",
        "paid_at",
    )
    list_filter = ("status", "channel")
    search_fields = ("txn_ref", "receipt_number", "dossier__code")
    readonly_fields = [f.name for f in Payment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.action(description=_("Gửi lại yêu cầu hoàn tiền"))
def resend(modeladmin, request, queryset):
    done = sum(services.send_refund(refund) for refund in queryset.exclude(status=Refund.Status.DONE))
    modeladmin.message_user(request, _("Đã hoàn %(n)d khoản.") % {"n": done}, messages.INFO)


@admin.register(Refund)
class RefundAdmin(admin.ModelAdmin):
    list_display = ("payment", "amount", "reason", "status", "attempts", "last_response", "requested_at")
    list_filter = ("status",)
    actions = [resend]
    readonly_fields = [f.name for f in Refund._meta.fields]

    def has_add_permission(self, request):
        return False
