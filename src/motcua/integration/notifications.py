"""Notifications to people: which events reach whom, in which language, through which channel.

Applicants hear about their own dossier (received, supplement needed, not received, refused,
result ready, overdue) by e-mail and/or SMS, as chosen on their account ("Tài khoản" page or
``PUT /api/v1/me/notifications/``). The officials who work a dossier are warned one working
day before it is due. Texts are Django templates, one per event and language, under
``templates/integration/notifications/<vi|en>/<event>.txt``: the first line is the subject
(and the SMS text), the rest the body.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import Context
from django.template.loader import get_template
from django.utils import formats, translation

from motcua.accounts.recovery import verified_channels
from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers.models import DossierEvent
from motcua.integration import sms
from motcua.org.models import Role
from motcua.org.selectors import officials_holding

FOR_APPLICANT = {"received", "supplement_requested", "rejected", "refused", "approved", "overdue"}
FOR_OFFICIALS = {"deadline_warning"}
LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Recipient:
    user_id: int
    channel: str  # "email" or "sms"
    address: str
    language: str


def _preference(user):
    from motcua.integration.models import ContactPreference

    try:
        return user.contact_preference
    except ContactPreference.DoesNotExist:
        return ContactPreference(user=user)


def recipients(event: DossierEvent) -> list[Recipient]:
    """Who hears about ``event``, on which channels (read at relay time: the current preferences)."""
    dossier = event.dossier
    found: list[Recipient] = []
    if event.kind in FOR_APPLICANT:
        user = dossier.applicant
        preference = _preference(user)
        email = user.email or dossier.applicant_email
        phone = user.phone or dossier.applicant_phone
        if settings.NOTIFY_VERIFIED_CONTACTS_ONLY:
            # Only an address its owner proved (a code typed back, accounts.recovery) hears about the dossier.
            verified = verified_channels(user)
            email = user.email if "email" in verified else ""
            phone = user.phone if "sms" in verified else ""
        if preference.by_email and email:
            found.append(Recipient(user.pk, "email", email, preference.language))
        if preference.by_sms and phone:
            found.append(Recipient(user.pk, "sms", phone, preference.language))
    elif event.kind in FOR_OFFICIALS:
        officials = officials_holding(dossier.competent_agency, Role.PROCESSOR, Role.LEADER).exclude(
            user__email=""
        )
        for official in officials:
            language = _preference(official.user).language
            found.append(Recipient(official.user_id, "email", official.user.email, language))
    return found


def _local(value) -> str:
    return formats.date_format(value.astimezone(LOCAL_TZ), "H:i d/m/Y") if value else ""


def render(event: DossierEvent, language: str) -> tuple[str, str]:
    """(subject, body) of the notification for ``event`` in ``language``."""
    language = language if language in LANGUAGES else "vi"
    dossier = event.dossier
    if event.kind in FOR_OFFICIALS:
        link = f"{settings.SITE_URL}/can-bo/mot-cua/ho-so/{dossier.code}/"
    else:
        link = f"{settings.SITE_URL}/tra-cuu/{dossier.code}/"
    with translation.override(language):
        context = Context(
            {
                "code": dossier.code,
                "procedure": dossier.procedure.name,
                "applicant": dossier.applicant_name,
                "agency": (event.agency or dossier.competent_agency).name,
                "at": _local(event.at),
                "due": _local(dossier.due_at),
                "note": event.note,
                "link": link,
            },
            autoescape=False,
        )
        text = get_template(f"integration/notifications/{language}/{event.kind}.txt").template.render(context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send_email(*, event: DossierEvent, address: str, language: str) -> None:
    subject, body = render(event, language)
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[address],
        # The same Message-ID on every retry, so a mail system can drop a duplicate.
        headers={
            "Message-ID": f"<{event.event_id}.{language}@motcua>",
            "X-Motcua-Event-Id": str(event.event_id),
        },
    )
    message.send(fail_silently=False)


def send_sms(*, event: DossierEvent, phone: str, language: str) -> None:
    subject, _ = render(event, language)
    sms.send(phone=phone, text=subject, reference=str(event.event_id))
