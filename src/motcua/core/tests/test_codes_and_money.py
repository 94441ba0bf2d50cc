from datetime import date

from motcua.core.codes import format_dossier_code, looks_like_dossier_code
from motcua.core.money import format_vnd, parse_vnd
from motcua.core.text import fold


def test_dossier_code_follows_circular_01_2018():
    assert format_dossier_code("000.00.12.H10", date(2025, 11, 23), 1) == "000.00.12.H10-251123-0001"


def test_a_busy_day_widens_the_sequence_instead_of_failing():
    assert format_dossier_code("G01", date(2026, 1, 2), 12345) == "G01-260102-12345"


def test_codes_are_recognised_and_uuids_are_not():
    assert looks_like_dossier_code("000.00.12.H10-251123-0001")
    assert not looks_like_dossier_code("6f1c3a58-8f1e-4c55-9d53-2c1ad1b0a1f0")


def test_money_is_shown_with_vietnamese_thousands_separator():
    assert format_vnd(1_250_000) == "1.250.000 đ"
    assert format_vnd(0) == "0 đ"


def test_amounts_are_read_from_official_text():
    assert parse_vnd("Lệ phí : 50.000 Đồng") == 50_000
    assert parse_vnd("1,000,000 đồng/giấy phép") == 1_000_000
    assert parse_vnd("Không có thông tin") is None


def test_folding_removes_accents_and_folds_d_with_stroke():
    assert fold("Đăng ký KHAI SINH  cho con") == "dang ky khai sinh cho con"
    assert fold("Giấy phép lái xe") == "giay phep lai xe"
