"""factory_boy factories for the org app: units, agencies, officials with roles."""

from __future__ import annotations

import factory

from motcua.accounts.models import User
from motcua.org.models import AdministrativeUnit, Agency, Official, RoleAssignment
from motcua_testing.factories.accounts import UserFactory


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
