"""On a phone: the search page and the assistant, in Chromium."""

import pytest
from conftest import screenshot

from motcua.testing.factories import DocumentFactory, FeeFactory, FieldFactory, ProcedureFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def catalogue(db):
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    roads = FieldFactory(code="duong-bo", name="Đường bộ")
    birth = ProcedureFactory(name="Đăng ký khai sinh", field=civil, online_level="full")
    DocumentFactory(procedure=birth, name="Tờ khai đăng ký khai sinh")
    FeeFactory(procedure=birth, name="Lệ phí đăng ký khai sinh", amount=0)
    ProcedureFactory(name="Đăng ký kết hôn", field=civil)
    ProcedureFactory(name="Cấp lại giấy phép lái xe", field=roads)
    return {"birth": birth}


def test_the_search_page_finds_a_procedure_typed_without_accents(browser_page, catalogue):
    page = browser_page
    page.goto("/thu-tuc/")
    page.get_by_placeholder("Bạn cần làm gì? Ví dụ: cấp lại bằng lái xe bị mất").fill(
        "lam giay khai sinh cho con"
    )
    page.get_by_role("button", name="Tìm").click()

    first = page.locator("#results .results li a.title").first
    first.wait_for()
    assert first.inner_text() == "Đăng ký khai sinh"
    screenshot(page, "search-results")


def test_the_assistant_answers_and_offers_to_file(browser_page, catalogue):
    page = browser_page
    page.goto("/tro-ly/")
    page.get_by_label("Câu hỏi").fill("lam giay khai sinh cho con")
    page.get_by_role("button", name="Hỏi").click()

    answer = page.locator('.bubble.bot[data-kind="answer"]')
    answer.wait_for()
    assert "Tờ khai đăng ký khai sinh" in answer.inner_text()
    assert "Miễn phí" in answer.inner_text()
    screenshot(page, "assistant-answer")
    page.get_by_role("link", name="Nộp hồ sơ").click()
    page.wait_for_url(f"**/thu-tuc/{catalogue['birth'].code}/nop-ho-so/**")


def test_the_assistant_asks_which_one_when_two_procedures_tie(browser_page, db):
    lost = ProcedureFactory(name="Cấp lại thẻ căn cước do bị mất", online_level="offline")
    ProcedureFactory(name="Cấp lại thẻ căn cước do bị hỏng", online_level="offline")
    page = browser_page
    page.goto("/tro-ly/")
    page.get_by_label("Câu hỏi").fill("cap lai the can cuoc")
    page.get_by_role("button", name="Hỏi").click()

    question = page.locator('.bubble.bot[data-kind="clarify"]')
    question.wait_for()
    assert "khác nhau ở" in question.inner_text()
    screenshot(page, "assistant-clarify")
    question.get_by_role("button", name="mất — Cấp lại thẻ căn cước do bị mất").click()

    answer = page.locator('.bubble.bot[data-kind="answer"]')
    answer.wait_for()
    assert lost.code in answer.inner_text()
    assert "chưa nộp trực tuyến được" in answer.inner_text()
