"""What the audit log hears without being called: sign-ins (Django's own signals).

Every change of a dossier is recorded by an explicit subscriber of its history
(``dossiers/subscribers.py``), in the same transaction as the change.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from motcua.audit.context import client_ip
from motcua.audit.models import Action
from motcua.audit.services import identifier_digest, record


@receiver(user_logged_in, dispatch_uid="audit-sign-in")
def _signed_in(sender, request, user, **kwargs):
    record(
        action=Action.SIGN_IN,
        user=user,
        object_type="account",
        object_ref=user.get_username(),
        ip=client_ip(request) if request is not None else "",
    )


@receiver(user_login_failed, dispatch_uid="audit-sign-in-failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    record(
        action=Action.SIGN_IN_FAILED,
        object_type="account",
        # Sometimes a password typed into the user field: keep only a keyed hash, which still groups.
        object_ref=identifier_digest(str(credentials.get("username", ""))),
        ip=client_ip(request) if request is not None else "",
    )
