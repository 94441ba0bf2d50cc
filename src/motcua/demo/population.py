"""Demo people of the national population database (Cơ sở dữ liệu quốc gia về dân cư), as the
sandbox identity provider (``demo.oidc_provider``) and the sandbox LGSP population service
(``demo.lgsp_sandbox``) know them. Invented people with valid-looking numbers (Hà Tĩnh, 042)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from motcua.accounts.identity import compose_personal_id


@dataclass(frozen=True)
class Resident:
    personal_id: str
    full_name: str
    birth_date: date
    male: bool
    permanent_address: str
    id_issued_on: date
    id_expires_on: date
    phone: str
    email: str

    def as_dict(self) -> dict:
        values = asdict(self)
        for key in ("birth_date", "id_issued_on", "id_expires_on"):
            values[key] = values[key].isoformat()
        return values


RESIDENTS = [
    Resident(
        personal_id=compose_personal_id(birth_year=1988, male=False, province="042", serial=310_421),
        full_name="Trần Thị Minh Thư",
        birth_date=date(1988, 3, 14),
        male=False,
        permanent_address="Số 12 đường Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
        id_issued_on=date(2021, 6, 2),
        id_expires_on=date(2048, 3, 14),
        phone="0912000421",
        email="minhthu.demo@example.vn",
    ),
    Resident(
        personal_id=compose_personal_id(birth_year=1975, male=True, province="042", serial=118_007),
        full_name="Nguyễn Văn Khánh",
        birth_date=date(1975, 11, 2),
        male=True,
        permanent_address="Thôn Trung Lộc, xã Can Lộc, tỉnh Hà Tĩnh",
        id_issued_on=date(2022, 1, 20),
        id_expires_on=date(2035, 11, 2),
        phone="0983000118",
        email="",
    ),
    Resident(
        personal_id=compose_personal_id(birth_year=2001, male=True, province="042", serial=502_233),
        full_name="Lê Hoàng Nam",
        birth_date=date(2001, 7, 30),
        male=True,
        permanent_address="Tổ dân phố 5, phường Hồng Lĩnh, tỉnh Hà Tĩnh",
        id_issued_on=date(2021, 9, 9),
        id_expires_on=date(2026, 7, 30),
        phone="",
        email="hoangnam.demo@example.vn",
    ),
]


def resident(personal_id: str) -> Resident | None:
    return next((r for r in RESIDENTS if r.personal_id == personal_id), None)
