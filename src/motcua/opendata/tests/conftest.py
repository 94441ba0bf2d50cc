"""A small published catalogue: a province, two departments, procedures with fees and documents."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from motcua.catalogue.models import Level
from motcua.org.models import Agency, AgencyKind
from motcua_testing.factories import (
    AgencyFactory,
    DocumentFactory,
    FeeFactory,
    FieldFactory,
    ProcedureFactory,
)


@dataclass
class Province:
    committee: Agency
    justice: Agency
    construction: Agency


@pytest.fixture
def province(db) -> Province:
    for code, name, order in (("province", "Cấp tỉnh", 1), ("commune", "Cấp xã", 3)):
        Level.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    committee = AgencyFactory(
        code="000.00.00.H30", name="Ủy ban nhân dân tỉnh Hà Tĩnh", kind=AgencyKind.PROVINCE_COMMITTEE
    )
    justice = AgencyFactory(code="000.00.12.H30", name="Sở Tư pháp", parent=committee, hotline="0239 1022")
    construction = AgencyFactory(code="000.00.15.H30", name="Sở Xây dựng", parent=committee)
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    building = FieldFactory(code="xay-dung", name="Hoạt động xây dựng")
    birth = ProcedureFactory(
        code="1.001193", name="Thủ tục đăng ký khai sinh", field=civil, agencies=[justice]
    )
    FeeFactory(procedure=birth, name="Lệ phí đăng ký khai sinh", amount=0)
    DocumentFactory(procedure=birth, name="Tờ khai đăng ký khai sinh", form_name="Mẫu TK-01")
    permit = ProcedureFactory(
        code="1.009794", name="Cấp giấy phép xây dựng nhà ở riêng lẻ", field=building, agencies=[construction]
    )
    FeeFactory(procedure=permit, name="Lệ phí cấp giấy phép xây dựng", amount=75_000)
    ProcedureFactory(code="9.999999", name="Thủ tục đã bãi bỏ", field=civil, is_active=False)
    return Province(committee=committee, justice=justice, construction=construction)
