"""Demo records of the national business registration database (Cơ sở dữ liệu quốc gia về đăng ký
doanh nghiệp), as the sandbox LGSP business service (``demo.lgsp_sandbox``) knows them: the first
demo businesses' enterprise codes (``demo.dossiers`` makes their accounts with these tax codes) and
one suspended company. Invented companies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from motcua.accounts.identity import compose_tax_code


@dataclass(frozen=True)
class Enterprise:
    code: str  # mã số doanh nghiệp (= the tax code)
    name: str
    kind: str
    head_office: str
    representative: str
    representative_title: str
    registered_on: date
    status: str  # docs/lgsp-business.yaml: DANG_HOAT_DONG, TAM_NGUNG, …


def demo_code(n: int) -> str:
    """The tax code of the n-th demo business account (``demo.dossiers``)."""
    return compose_tax_code(300_000_000 + n * 104_729)


ENTERPRISES = [
    Enterprise(
        code=demo_code(0),
        name="Công ty TNHH Thương mại Thành Sen",
        kind="Công ty trách nhiệm hữu hạn một thành viên",
        head_office="Số 45 đường Trần Phú, phường Thành Sen, tỉnh Hà Tĩnh",
        representative="Phan Văn Đức",
        representative_title="Giám đốc",
        registered_on=date(2016, 4, 12),
        status="DANG_HOAT_DONG",
    ),
    Enterprise(
        code=demo_code(1),
        name="Công ty Cổ phần Xây dựng Hồng Lĩnh",
        kind="Công ty cổ phần",
        head_office="Tổ dân phố 3, phường Hồng Lĩnh, tỉnh Hà Tĩnh",
        representative="Nguyễn Thị Hà",
        representative_title="Chủ tịch Hội đồng quản trị",
        registered_on=date(2011, 9, 5),
        status="DANG_HOAT_DONG",
    ),
    Enterprise(
        code=demo_code(2),
        name="Công ty TNHH Du lịch Biển Thiên Cầm",
        kind="Công ty trách nhiệm hữu hạn hai thành viên trở lên",
        head_office="Thôn Thiên Cầm, xã Cẩm Xuyên, tỉnh Hà Tĩnh",
        representative="Võ Minh Tuấn",
        representative_title="Giám đốc",
        registered_on=date(2019, 2, 28),
        status="TAM_NGUNG",
    ),
]


def enterprise(code: str) -> Enterprise | None:
    return next((e for e in ENTERPRISES if e.code == code), None)
