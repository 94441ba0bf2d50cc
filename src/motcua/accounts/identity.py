"""Checks of Vietnamese identity numbers, each saying which part is wrong.

Personal identification number (số định danh cá nhân, printed on the CCCD /
căn cước card): 12 digits =
  3 digits: province (or country) where the birth was registered — the 63
            province codes from before the July 2025 merger stay valid, and the
            34 current provinces kept codes from that list;
  1 digit:  century and sex — 0/1 born 1900–1999 male/female, 2/3 2000–2099,
            4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399;
  2 digits: the last two digits of the birth year;
  6 digits: a random number.

Tax code (mã số thuế): 10 digits, the 10th a check digit over the first nine
(weights 31 29 23 19 17 13 7 5 3; check = 10 − sum mod 11), or 13 characters
for a dependent unit: the parent's 10 digits, then a 3-digit suffix 001–999
(written with or without a hyphen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

# Province codes as used on identity cards (Circular 07/2016/TT-BCA and
# successors): the statistical codes of the 63 pre-2025 provinces.
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội",
    "002": "Hà Giang",
    "004": "Cao Bằng",
    "006": "Bắc Kạn",
    "008": "Tuyên Quang",
    "010": "Lào Cai",
    "011": "Điện Biên",
    "012": "Lai Châu",
    "014": "Sơn La",
    "015": "Yên Bái",
    "017": "Hòa Bình",
    "019": "Thái Nguyên",
    "020": "Lạng Sơn",
    "022": "Quảng Ninh",
    "024": "Bắc Giang",
    "025": "Phú Thọ",
    "026": "Vĩnh Phúc",
    "027": "Bắc Ninh",
    "030": "Hải Dương",
    "031": "Hải Phòng",
    "033": "Hưng Yên",
    "034": "Thái Bình",
    "035": "Hà Nam",
    "036": "Nam Định",
    "037": "Ninh Bình",
    "038": "Thanh Hóa",
    "040": "Nghệ An",
    "042": "Hà Tĩnh",
    "044": "Quảng Bình",
    "045": "Quảng Trị",
    "046": "Thừa Thiên Huế",
    "048": "Đà Nẵng",
    "049": "Quảng Nam",
    "051": "Quảng Ngãi",
    "052": "Bình Định",
    "054": "Phú Yên",
    "056": "Khánh Hòa",
    "058": "Ninh Thuận",
    "060": "Bình Thuận",
    "062": "Kon Tum",
    "064": "Gia Lai",
    "066": "Đắk Lắk",
    "067": "Đắk Nông",
    "068": "Lâm Đồng",
    "070": "Bình Phước",
    "072": "Tây Ninh",
    "074": "Bình Dương",
    "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh",
    "080": "Long An",
    "082": "Tiền Giang",
    "083": "Bến Tre",
    "084": "Trà Vinh",
    "086": "Vĩnh Long",
    "087": "Đồng Tháp",
    "089": "An Giang",
    "091": "Kiên Giang",
    "092": "Cần Thơ",
    "093": "Hậu Giang",
    "094": "Sóc Trăng",
    "095": "Bạc Liêu",
    "096": "Cà Mau",
}

TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


class IdentityError(ValueError):
    """An identity number is wrong; ``part`` names the part that is."""

    def __init__(self, message: str, *, part: str):
        super().__init__(message)
        self.part = part


@dataclass(frozen=True)
class PersonalId:
    number: str
    province: str
    male: bool
    birth_year: int


def parse_personal_id(number: str, *, birth_date: date | None = None, male: bool | None = None) -> PersonalId:
    """Check a 12-digit personal identification number, against the birth date and sex when given."""
    number = (number or "").strip().replace(" ", "")
    if not re.fullmatch(r"\d+", number or "x"):
        raise IdentityError(_("Số định danh cá nhân chỉ gồm chữ số."), part="format")
    if len(number) != 12:
        raise IdentityError(
            _("Số định danh cá nhân phải có đúng 12 chữ số (đang có %(n)d).") % {"n": len(number)},
            part="length",
        )
    province, century_sex, year2 = number[:3], int(number[3]), int(number[4:6])
    if province not in PROVINCE_CODES:
        raise IdentityError(
            _("Ba chữ số đầu (%(code)s) không phải mã tỉnh nơi đăng ký khai sinh.") % {"code": province},
            part="province",
        )
    century = 1900 + (century_sex // 2) * 100
    is_male = century_sex % 2 == 0
    birth_year = century + year2
    if birth_date is not None:
        if birth_date.year // 100 * 100 != century:
            raise IdentityError(
                _(
                    "Chữ số thứ 4 (%(digit)d) chỉ thế kỷ sinh %(century)d–%(end)d, không khớp năm sinh %(year)d."
                )
                % {"digit": century_sex, "century": century, "end": century + 99, "year": birth_date.year},
                part="century",
            )
        if birth_date.year % 100 != year2:
            raise IdentityError(
                _("Chữ số thứ 5–6 (%(digits)s) phải là hai số cuối của năm sinh %(year)d.")
                % {"digits": number[4:6], "year": birth_date.year},
                part="birth_year",
            )
    if birth_year > date.today().year:
        raise IdentityError(
            _("Chữ số thứ 4 và năm sinh cho năm %(year)d, chưa tới.") % {"year": birth_year}, part="century"
        )
    if male is not None and male != is_male:
        raise IdentityError(
            _("Chữ số thứ 4 (%(digit)d) chỉ giới tính %(sex)s, không khớp giới tính đã khai.")
            % {"digit": century_sex, "sex": _("nam") if is_male else _("nữ")},
            part="sex",
        )
    return PersonalId(number=number, province=province, male=is_male, birth_year=birth_year)


def tax_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or ``None`` where no valid code exists (remainder 0)."""
    total = sum(int(d) * w for d, w in zip(first_nine, TAX_WEIGHTS, strict=True))
    check = 10 - total % 11
    return None if check == 10 else check


def parse_tax_code(code: str) -> str:
    """Check a 10-digit tax code or a 13-digit branch code; returns it normalised (``0100109106-001``)."""
    code = (code or "").strip().replace(" ", "")
    main, _sep, suffix = code.partition("-")
    if not suffix and len(main) == 13:
        main, suffix = main[:10], main[10:]
    if not re.fullmatch(r"\d{10}", main):
        raise IdentityError(
            _("Mã số thuế phải gồm 10 chữ số (hoặc 13 với mã đơn vị phụ thuộc)."), part="format"
        )
    if suffix and not re.fullmatch(r"\d{3}", suffix):
        raise IdentityError(_("Phần đuôi của mã số thuế đơn vị phụ thuộc phải gồm 3 chữ số."), part="suffix")
    if suffix == "000":
        raise IdentityError(
            _("Phần đuôi của mã số thuế đơn vị phụ thuộc phải từ 001 đến 999."), part="suffix"
        )
    expected = tax_check_digit(main[:9])
    if expected is None or expected != int(main[9]):
        raise IdentityError(
            _("Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng."), part="check_digit"
        )
    return f"{main}-{suffix}" if suffix else main


def compose_personal_id(*, birth_year: int, male: bool, province: str, serial: int) -> str:
    """The personal identification number these parts make (for demo data and tests)."""
    century_digit = (birth_year // 100 - 19) * 2 + (0 if male else 1)
    return f"{province}{century_digit}{birth_year % 100:02d}{serial % 1_000_000:06d}"


def compose_tax_code(seed: int) -> str:
    """A valid 10-digit tax code near ``seed`` (for demo data and tests)."""
    while True:
        first = f"{seed % 1_000_000_000:09d}"
        check = tax_check_digit(first)
        if check is not None:
            return f"{first}{check}"
        seed += 1
