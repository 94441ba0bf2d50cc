from django import forms
from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed
from motcua.dossiers.event_kinds import event_kind_label
from motcua.integration import subscriptions
from motcua.integration.models import ContactPreference, Delivery, OutboxEvent, WebhookSubscription
from motcua.integration.services import replay_deliveries


def _web_addresses_https_first(field, **kwargs):
    """An address typed without a scheme is taken as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class WebhookSubscriptionForm(forms.ModelForm):
    """Only web addresses (http, https) and event names that exist; ``dossier.`` prefixes are accepted."""

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events", "secret", "is_active"]
        formfield_callback = _web_addresses_https_first

    def _checked(self, check, name):
        try:
            return check(self.cleaned_data.get(name, ""))
        except ValidationFailed as exc:
            raise forms.ValidationError(exc.fields[name]) from None

    def clean_url(self):
        return self._checked(subscriptions.check_url, "url")

    def clean_events(self):
        return self._checked(subscriptions.normalise_events, "events")


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    form = WebhookSubscriptionForm
    list_display = ["name", "url", "events_wanted", "is_active", "created_at"]
    list_filter = ["is_active"]
    readonly_fields = ["created_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    search_fields = ["name", "url"]

    @admin.display(description=_("sự kiện đăng ký"))
    def events_wanted(self, subscription):
        kinds = [k for k in subscription.events.split(",") if k]
        return ", ".join(event_kind_label(k) for k in kinds) if kinds else gettext("Mọi sự kiện")


@admin.action(description=_("Gửi lại các lần gửi đã chọn"))
def replay(modeladmin, request, queryset):
    count = replay_deliveries(ids=queryset.values_list("pk", flat=True))
    modeladmin.message_user(
        request,
        gettext("Đã xếp lại %(count)d lần gửi vào hàng đợi.") % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Every outbound call; the "dead" filter is the dead-letter list, replayed with the action."""

    list_display = ["outbox", "channel", "recipient", "state", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["state", "channel"]
    search_fields = ["outbox__event__event_id", "outbox__event__dossier__code", "recipient"]
    actions = [replay]
    list_select_related = ["outbox"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def get_readonly_fields(self, request, obj=None):
        # A read-only foreign key is drawn as a link to its admin page, whatever the reader may
        # open: the event's page answers 403 to whoever may see deliveries but not the outbox.
        if request.user.has_perm("integration.view_outboxevent"):
            return self.readonly_fields
        return ["event" if name == "outbox" else name for name in self.readonly_fields]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    @admin.display(description=_("sự kiện"))
    def event(self, obj):
        return str(obj.outbox)

    def has_add_permission(self, request):
        return False


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = ["event", "relayed_at"]
    list_filter = [("relayed_at", admin.EmptyFieldListFilter)]
    readonly_fields = ["event", "relayed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(ContactPreference)
class ContactPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "by_email", "by_sms", "language"]
    raw_id_fields = ["user"]
