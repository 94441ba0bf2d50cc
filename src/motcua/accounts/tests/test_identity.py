from datetime import date

import pytest

from motcua.accounts.identity import IdentityError, parse_personal_id, parse_tax_code


def test_a_valid_personal_id_is_read_into_its_parts():
    parsed = parse_personal_id("042090012345", birth_date=date(1990, 3, 2), male=True)
    assert (parsed.province, parsed.male, parsed.birth_year) == ("042", True, 1990)


def test_century_and_sex_digit_for_a_woman_born_in_2003():
    parsed = parse_personal_id("001303123456", birth_date=date(2003, 1, 1), male=False)
    assert (parsed.male, parsed.birth_year) == (False, 2003)


def test_province_codes_from_before_the_2025_merger_stay_valid():
    # 024 was Bắc Giang, merged into Bắc Ninh in 2025.
    assert parse_personal_id("024185000001", birth_date=date(1985, 6, 1)).province == "024"


@pytest.mark.parametrize(
    ("number", "birth", "male", "part", "words"),
    [
        ("04209001234", None, None, "length", "12 chữ số"),
        ("04209001234X", None, None, "format", "chữ số"),
        ("999090012345", None, None, "province", "999"),
        ("042290012345", date(1990, 3, 2), None, "century", "thế kỷ"),
        ("042091012345", date(1990, 3, 2), None, "birth_year", "1990"),
        ("042190012345", date(1990, 3, 2), True, "sex", "giới tính"),
        ("042299012345", None, None, "century", "2099"),
    ],
)
def test_a_wrong_personal_id_says_which_part_is_wrong(number, birth, male, part, words):
    with pytest.raises(IdentityError) as raised:
        parse_personal_id(number, birth_date=birth, male=male)
    assert raised.value.part == part
    assert words in str(raised.value)


def test_a_valid_tax_code_passes():
    assert parse_tax_code("0100109106") == "0100109106"


def test_a_branch_tax_code_is_normalised_with_a_hyphen():
    assert parse_tax_code("0100109106001") == "0100109106-001"
    assert parse_tax_code("0100109106-001") == "0100109106-001"


@pytest.mark.parametrize(
    ("code", "part"),
    [
        ("0100109107", "check_digit"),
        ("010010910", "format"),
        ("01001091AB", "format"),
        ("0100109106-000", "suffix"),
        ("0100109106-01", "suffix"),
    ],
)
def test_a_wrong_tax_code_says_which_part_is_wrong(code, part):
    with pytest.raises(IdentityError) as raised:
        parse_tax_code(code)
    assert raised.value.part == part
