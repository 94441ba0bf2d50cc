"""Write use-cases of the integration app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import ValidationFailed
from motcua.integration.models import ContactPreference, Delivery

LANGUAGES = {"vi", "en"}


def replay_deliveries(*, ids) -> int:
    """Gửi lại: dead (or failing) deliveries go back in the queue with a fresh count of attempts."""
    return (
        Delivery.objects.filter(pk__in=list(ids))
        .exclude(state=Delivery.State.DELIVERED)
        .update(state=Delivery.State.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error="")
    )


def set_contact_preference(
    *, user, by_email: bool, by_sms: bool, language: str, email: str | None = None, phone: str | None = None
) -> ContactPreference:
    """The applicant chooses how to hear about their dossiers; a channel needs its address."""
    errors: dict[str, list[str]] = {}
    if language not in LANGUAGES:
        errors["language"] = [_("Ngôn ngữ phải là “vi” hoặc “en”.")]
    email = (user.email if email is None else email).strip()
    phone = (user.phone if phone is None else phone).strip()
    if phone and not (phone.lstrip("+").isdigit() and 9 <= len(phone.lstrip("+")) <= 15):
        errors["phone"] = [_("Số điện thoại không hợp lệ.")]
    if email and ("@" not in email or len(email) > 254):
        errors["email"] = [_("Địa chỉ thư điện tử không hợp lệ.")]
    if by_email and not email:
        errors.setdefault("email", []).append(_("Cần địa chỉ thư điện tử để nhận thông báo qua thư."))
    if by_sms and not phone:
        errors.setdefault("phone", []).append(_("Cần số điện thoại để nhận tin nhắn SMS."))
    if errors:
        raise ValidationFailed(_("Thông tin nhận thông báo chưa hợp lệ."), fields=errors)
    with transaction.atomic():
        if (email, phone) != (user.email, user.phone):
            user.email, user.phone = email, phone
            user.save(update_fields=["email", "phone"])
        preference, _created = ContactPreference.objects.update_or_create(
            user=user, defaults={"by_email": by_email, "by_sms": by_sms, "language": language}
        )
    return preference


def settle_backlog() -> int:
    """Mark every waiting event relayed without publishing it: history written before the outside
    world was connected (the demo province's 1,000 dossiers) must not flood subscribers and inboxes."""
    from motcua.integration.models import OutboxEvent

    return OutboxEvent.objects.filter(relayed_at__isnull=True).update(relayed_at=timezone.now())
