"""A person finds the open data from the home page, opens a dataset and downloads it."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import screenshot

from motcua_testing.browser import open_menu

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_from_the_home_page_to_a_dataset_and_its_csv(browser_page, province):
    page = browser_page
    page.goto("/")
    open_menu(page)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Dữ liệu mở").click()
    page.get_by_role("heading", level=1, name="Dữ liệu mở").wait_for()
    page.get_by_role("link", name="Phí, lệ phí thủ tục hành chính").click()
    main = page.locator("main")
    main.get_by_text("Creative Commons Attribution 4.0").wait_for()
    assert "Ủy ban nhân dân tỉnh Hà Tĩnh" in main.inner_text()
    assert "package_show?id=phi-le-phi" in main.inner_text()
    screenshot(page, "opendata-dataset")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải về CSV").click()
    download = download_info.value
    assert download.suggested_filename == "phi-le-phi.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert [(row["procedure_code"], row["amount"]) for row in rows] == [
        ("1.001193", "0"),
        ("1.009794", "75000"),
    ]


def test_the_footer_links_to_the_open_data(browser_page, province):
    page = browser_page
    page.goto("/thu-tuc/")
    page.get_by_role("contentinfo").get_by_role("link", name="Dữ liệu mở").click()
    page.wait_for_url("**/du-lieu-mo/")
    assert page.get_by_role("link", name="Danh mục thủ tục hành chính").count() == 1
