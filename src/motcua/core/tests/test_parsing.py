"""Numbers and dates typed into forms: odd digits and overflowing values read as 'not given'."""

from datetime import date

import pytest

from motcua.core.parsing import parse_day, parse_id, parse_small_int


@pytest.mark.parametrize("typed", ["²", "٣", "1²", "9" * 20, str(2**63), "-1", "0", "", " ", None, "1e3"])
def test_ids_that_int_would_refuse_or_the_database_overflow_are_none(typed):
    assert parse_id(typed) is None


def test_an_ordinary_id_is_read():
    assert parse_id(" 42 ") == 42
    assert parse_id(2**63 - 1) == 2**63 - 1


def test_scores_stay_within_their_scale():
    assert parse_small_int("5", low=1, high=5) == 5
    assert parse_small_int("6", low=1, high=5) is None
    assert parse_small_int("⁵", low=1, high=5) is None


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "2024-13-01", "hôm nay", ""])
def test_dates_that_overflow_in_utc_or_do_not_exist_are_none(typed):
    assert parse_day(typed) is None


def test_an_ordinary_date_is_read():
    assert parse_day("2026-12-06") == date(2026, 12, 6)
