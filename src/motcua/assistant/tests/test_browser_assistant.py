"""On a phone: the search page and the assistant, in Chromium."""

import pytest
from conftest import screenshot

from motcua_testing.factories import DocumentFactory, FeeFactory, FieldFactory, ProcedureFactory

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


def test_the_search_page_says_which_words_it_corrected_and_counts_the_click(browser_page, catalogue):
    from motcua.search.models import QuestionStat

    page = browser_page
    page.goto("/thu-tuc/")
    page.get_by_placeholder("Bạn cần làm gì? Ví dụ: cấp lại bằng lái xe bị mất").fill("dang ky ket honn")
    page.get_by_role("button", name="Tìm").click()

    understood = page.locator(".understood")
    understood.wait_for()
    assert "Kết quả cho: dang ky ket hon" in understood.inner_text()
    assert "“honn” → “hon”" in understood.inner_text()
    screenshot(page, "search-corrected")
    page.locator("#results .results li a.title").first.click()
    page.get_by_role("heading", name="Đăng ký kết hôn").wait_for()

    stat = QuestionStat.objects.get(question="dang ky ket honn")
    assert (stat.searches, stat.no_result, stat.clicks, stat.corrected) == (1, 0, 1, "honn → hon")


def test_the_assistant_answers_a_follow_up_and_refuses_the_weather(browser_page, catalogue):
    page = browser_page
    page.goto("/tro-ly/")
    ask = page.get_by_label("Câu hỏi")
    ask.fill("lam giay khai sinh cho con")
    page.get_by_role("button", name="Hỏi").click()
    page.locator('.bubble.bot[data-kind="answer"]').first.wait_for()

    ask.fill("còn lệ phí bao nhiêu?")
    page.get_by_role("button", name="Hỏi").click()
    page.locator('.bubble.bot[data-kind="answer"]').nth(1).wait_for()
    follow_up = page.locator('.bubble.bot[data-kind="answer"]').nth(1).inner_text()
    assert "Đăng ký khai sinh" in follow_up and "Miễn phí" in follow_up

    ask.fill("thời tiết hà tĩnh hôm nay")
    page.get_by_role("button", name="Hỏi").click()
    refusal = page.locator('.bubble.bot[data-kind="not_found"]')
    refusal.wait_for()
    assert "chưa tìm thấy thủ tục nào phù hợp" in refusal.inner_text()
    screenshot(page, "assistant-refuses")
    page.get_by_role("link", name="Tìm trong danh mục thủ tục").click()
    page.wait_for_url("**/thu-tuc/?q=*")
