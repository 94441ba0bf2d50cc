"""Questions typed as people really type them: Telex or VNI left unconverted, chat words,
"tội" against the filler "tôi", the channel ("trên VNeID") — and our own set of life events."""

import csv
import json
from collections import Counter

import pytest

from motcua.assistant.robustness import chatty, slipped, telex, vni
from motcua.search.evaluation import LIFE_EVENTS
from motcua.search.selectors import search_procedures
from motcua.search.tests.national import national_catalogue
from motcua.search.text import question_tokens, untyped
from motcua_testing.factories import FieldFactory, ProcedureFactory


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("ddawng", "dang"),
        ("kys", "ky"),
        ("nguwowif", "nguoi"),
        ("d9a8ng", "dang"),
        ("o73", "o"),
        ("ky1", "ky"),
    ],
)
def test_telex_and_vni_typed_without_conversion_read_as_their_letters(typed, plain):
    assert untyped(typed) == plain


def test_the_typing_forms_of_the_robustness_check():
    assert telex("Đăng ký khai sinh, ở đâu?") == "ddawng kys khai sinh, owr ddaau?"
    assert vni("Đăng ký") == "d9a8ng ky1"
    assert slipped("lam giay khai sinh", seed=1) != "lam giay khai sinh"
    assert chatty("đăng ký kết hôn?") == "ad ơi cho em hỏi đăng ký kết hôn ạ"


def test_chat_words_fillers_and_the_channel_are_not_the_need():
    assert question_tokens("Ad ơi cho em hỏi làm giấy khai sinh ạ") == ["lam", "giay", "khai", "sinh"]
    assert question_tokens("ad oi cho em hoi lam giay khai sinh a") == ["lam", "giay", "khai", "sinh"]
    assert question_tokens("tôi cần lý lịch tư pháp trên VNeID") == ["ly", "lich", "tu", "phap"]
    # "tội" (a crime) is not "tôi" (I); "hạng A" is a class of licence, not "ạ"
    assert question_tokens("giấy chứng nhận không phạm tội") == [
        "giay",
        "chung",
        "nhan",
        "khong",
        "pham",
        "toi",
    ]
    assert question_tokens("bằng lái hạng A") == ["bang", "lai", "hang", "a"]


@pytest.mark.django_db
def test_a_question_typed_in_telex_or_vni_finds_the_procedure_and_says_what_it_read():
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    birth = ProcedureFactory(name="Đăng ký khai sinh", field=civil)
    ProcedureFactory(name="Đăng ký kết hôn", field=civil)

    for typed in ("ddawng kys khai sinh", "d9a8ng ky1 khai sinh"):
        result = search_procedures(typed)
        assert result.ids[0] == birth.pk
        assert result.corrected["ky1" if "1" in typed else "kys"] == "ky"


def test_our_life_events_set_is_outside_the_five_and_labelled_with_real_codes():
    cases = json.loads(LIFE_EVENTS.read_text(encoding="utf-8"))
    fields = Counter(case["_domain"] for case in cases)
    assert len(cases) >= 150 and len(fields) >= 20
    # split by field: a field is wholly in the tuning half or wholly held out
    halves = {case["_domain"]: set() for case in cases}
    for case in cases:
        halves[case["_domain"]].add(case["half"])
    assert all(len(h) == 1 for h in halves.values())
    assert Counter(case["half"] for case in cases)["held_out"] >= 75
    with (national_catalogue() / "procedures.csv").open(encoding="utf-8-sig") as file:
        codes = {row["Mã số"] for row in csv.DictReader(file)}
    assert all(
        case["expected_procedure_codes"] and set(case["expected_procedure_codes"]) <= codes for case in cases
    )
