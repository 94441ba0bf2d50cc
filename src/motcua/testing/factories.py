"""factory_boy factories for the domain, building valid objects with the fewest arguments."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password

from motcua.accounts.identity import compose_personal_id, compose_tax_code
from motcua.accounts.models import User
from motcua.catalogue.models import DocumentComponent, Fee, Field, Level, Procedure, ProcessStep
from motcua.org.models import AdministrativeUnit, Agency, Official, Role, RoleAssignment

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


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ["code"]

    code = "42"
    name = "Hà Tĩnh"
    level = "province"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    # "000.99.…": never one of the fixed codes the test province gives its departments
    # (000.00.12.H30, 000.00.15.H30), whatever order the tests run in.
    code = factory.Sequence(lambda n: f"000.99.{n:02d}.H30")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    kind = "department"
    unit = factory.SubFactory(UnitFactory)


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


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    user = factory.SubFactory(UserFactory, kind=User.Kind.OFFICIAL, is_staff=True)
    title = "Chuyên viên"

    @classmethod
    def with_roles(cls, *pairs: tuple[Agency, str], **kwargs) -> Official:
        official = cls(**kwargs)
        for agency, role in pairs:
            RoleAssignment.objects.create(official=official, agency=agency, role=role)
        return official


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ["code"]

    code = "ho-tich"
    name = "Hộ tịch"


BIRTH_FORM = {
    "type": "object",
    "properties": {
        "child_name": {
            "type": "string",
            "title": "Họ, chữ đệm, tên của trẻ",
            "minLength": 1,
            "maxLength": 100,
        },
        "birth_date": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "sex": {"type": "string", "title": "Giới tính", "enum": ["Nam", "Nữ"]},
    },
    "required": ["child_name", "birth_date", "sex"],
}
BIRTH_DATA = {"child_name": "Nguyễn Thị An", "birth_date": "2026-11-01", "sex": "Nữ"}


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = factory.SubFactory(FieldFactory)
    processing_time_amount = Decimal("3")
    processing_time_unit = "working_day"
    online_level = "full"
    form_schema = factory.LazyFunction(lambda: dict(BIRTH_FORM))

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create and extracted:
            self.agencies.set(extracted)

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create:
            self.levels.set(Level.objects.filter(code__in=extracted or ["province"]))


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Lệ phí"
    amount = 50_000


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentComponent

    procedure = factory.SubFactory(ProcedureFactory)
    name = factory.Sequence(lambda n: f"Giấy tờ {n}")
    originals = 1
    mandatory = True


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessStep

    procedure = factory.SubFactory(ProcedureFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Xử lý"
    role = Role.PROCESSOR
