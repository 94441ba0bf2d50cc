"""Demo records of the national land database (Cơ sở dữ liệu quốc gia về đất đai), as the sandbox
LGSP land service (``demo.lgsp_sandbox``) knows them: parcels whose right holders are the demo
residents (``demo.population``): the first holds two parcels (one with her husband, who is not a
demo resident), the second one, the third none; and a parcel of somebody else, which none of them
may read. Invented parcels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from motcua.accounts.identity import compose_personal_id
from motcua.demo.population import RESIDENTS

THU, KHANH, _NAM = RESIDENTS
HUSBAND = ("Hoàng Văn Lợi", compose_personal_id(birth_year=1986, male=True, province="042", serial=310_422))
STRANGER = ("Đinh Thị Hoa", compose_personal_id(birth_year=1969, male=False, province="042", serial=77_015))


@dataclass(frozen=True)
class Parcel:
    certificate: str  # số phát hành (số seri) Giấy chứng nhận
    register_number: str  # số vào sổ cấp Giấy chứng nhận
    sheet: int  # tờ bản đồ số
    number: int  # thửa đất số
    address: str
    area: float  # m²
    purpose: str  # mục đích sử dụng
    term: str  # thời hạn sử dụng
    use_form: str  # docs/lgsp-land.yaml: RIENG, CHUNG
    holders: tuple[tuple[str, str], ...]  # (họ tên, số định danh)
    issued_on: date


PARCELS = [
    Parcel(
        certificate="CS 715233",
        register_number="CS04821",
        sheet=12,
        number=125,
        address="Số 12 đường Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
        area=96.5,
        purpose="Đất ở tại đô thị",
        term="Lâu dài",
        use_form="CHUNG",
        holders=((THU.full_name, THU.personal_id), HUSBAND),
        issued_on=date(2017, 8, 21),
    ),
    Parcel(
        certificate="DĐ 204117",
        register_number="CS11390",
        sheet=7,
        number=318,
        address="Thôn Tân Phú, xã Thạch Hà, tỉnh Hà Tĩnh",
        area=1250.0,
        purpose="Đất trồng cây lâu năm",
        term="Đến ngày 15/10/2063",
        use_form="RIENG",
        holders=((THU.full_name, THU.personal_id),),
        issued_on=date(2014, 10, 15),
    ),
    Parcel(
        certificate="CT 880412",
        register_number="CH02277",
        sheet=21,
        number=64,
        address="Thôn Trung Lộc, xã Can Lộc, tỉnh Hà Tĩnh",
        area=312.0,
        purpose="Đất ở tại nông thôn",
        term="Lâu dài",
        use_form="RIENG",
        holders=((KHANH.full_name, KHANH.personal_id),),
        issued_on=date(2009, 3, 2),
    ),
    Parcel(
        certificate="CS 715890",
        register_number="CS04902",
        sheet=12,
        number=126,
        address="Số 14 đường Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
        area=101.2,
        purpose="Đất ở tại đô thị",
        term="Lâu dài",
        use_form="RIENG",
        holders=(STRANGER,),
        issued_on=date(2018, 1, 9),
    ),
]


def _compact(certificate: str) -> str:
    return "".join(certificate.split()).upper()


def parcels_of(personal_id: str, certificate: str = "") -> list[Parcel]:
    """The parcels this person holds rights on (only those), optionally the one with this certificate."""
    return [
        p
        for p in PARCELS
        if any(number == personal_id for _name, number in p.holders)
        and (not certificate or _compact(p.certificate) == _compact(certificate))
    ]
