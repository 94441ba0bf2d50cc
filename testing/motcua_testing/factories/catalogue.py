"""factory_boy factories for the catalogue app: fields, procedures (a birth registration form), fees, documents, steps."""

from __future__ import annotations

from decimal import Decimal

import factory

from motcua.catalogue.models import DocumentComponent, Fee, Field, Level, Procedure, ProcessStep
from motcua.org.models import Role


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
