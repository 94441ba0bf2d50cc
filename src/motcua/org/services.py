"""Writes about agencies and officials."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from motcua.core.errors import ValidationFailed
from motcua.org.models import Agency, Official, Role, RoleAssignment


@transaction.atomic
def create_official(
    *,
    username: str,
    full_name: str,
    password: str | None,
    roles: list[tuple[Agency, str]],
    title: str = "",
    email: str = "",
    is_superuser: bool = False,
) -> Official:
    """An official account with its roles; the username is their sign-in name."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(fields={"username": ["Tên đăng nhập đã tồn tại."]})
    for _agency, role in roles:
        if role not in Role.values:
            raise ValidationFailed(fields={"role": [f"Vai trò không hợp lệ: {role}"]})
    user = User.objects.create_user(
        username=username,
        password=password,
        full_name=full_name,
        email=email,
        kind=User.Kind.OFFICIAL,
        is_staff=True,
        is_superuser=is_superuser,
    )
    official = Official.objects.create(user=user, title=title)
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(official=official, agency=agency, role=role) for agency, role in roles]
    )
    return official
