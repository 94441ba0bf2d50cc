"""factory_boy factories for the accounts app: users, citizens, businesses, the shared password."""

from __future__ import annotations

import random
from datetime import date

import factory
from django.contrib.auth.hashers import make_password

from motcua.accounts.identity import compose_personal_id, compose_tax_code
from motcua.accounts.models import User

PASSWORD = "mat-khau-thu-nghiem"
_HASHED = None


def hashed_password() -> str:
    """Hashing is deliberately slow; the tests hash the shared password once."""
    global _HASHED
    if _HASHED is None:
        _HASHED = make_password(PASSWORD)
    return _HASHED


def personal_id_for(
    birth: date, *, male: bool = True, province: str = "042", serial: int | None = None
) -> str:
    serial = serial if serial is not None else random.randint(0, 999_999)
    return compose_personal_id(birth_year=birth.year, male=male, province=province, serial=serial)


def valid_tax_code(seed: int) -> str:
    return compose_tax_code(3_000_000_000 // 10 + seed * 7919)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.LazyFunction(hashed_password)


class CitizenFactory(UserFactory):
    kind = User.Kind.CITIZEN
    birth_date = date(1990, 5, 17)
    is_male = True
    personal_id = factory.Sequence(lambda n: personal_id_for(date(1990, 5, 17), serial=n))
    username = factory.SelfAttribute("personal_id")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    phone = "0912345678"
    email = factory.Sequence(lambda n: f"congdan{n}@example.vn")


class BusinessFactory(UserFactory):
    kind = User.Kind.BUSINESS
    tax_code = factory.Sequence(lambda n: valid_tax_code(n + 1000))
    username = factory.SelfAttribute("tax_code")
    full_name = factory.Sequence(lambda n: f"Công ty TNHH Thử Nghiệm {n}")
