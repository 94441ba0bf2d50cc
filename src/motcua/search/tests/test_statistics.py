"""Search statistics for administrators: per week, without personal data, with an export."""

import csv
import io

import pytest

from motcua.search.models import QuestionStat
from motcua.search.statistics import anonymised, click_token, record_click, record_question
from motcua_testing.factories import ProcedureFactory

pytestmark = pytest.mark.django_db


def test_a_question_is_kept_folded_without_numbers_addresses_or_mail():
    kept = anonymised(
        "Tôi là Lan, CCCD 042190001234, sđt 0912 345 678, lan@example.vn, xem https://x.vn/a cấp lại CCCD"
    )

    assert kept == "toi la lan cccd # sdt # xem cap lai cccd"


def test_searches_without_result_are_counted_per_week_and_question():
    record_question("Giấy phép bay flycam", found=False)
    record_question("giay phep bay flycam", found=False)
    record_question("đăng ký khai sinh")

    none = QuestionStat.objects.get(question="giay phep bay flycam")
    assert (none.searches, none.no_result, none.clicks) == (2, 2, 0)
    assert none.week.weekday() == 0


def test_a_click_counts_only_with_a_genuine_token():
    stat_id = record_question("khai sinh")

    assert record_click(click_token(stat_id)) is True
    assert record_click(f"{stat_id}:forged") is False
    assert QuestionStat.objects.get(pk=stat_id).clicks == 1


def test_the_portal_counts_a_question_asked_not_its_pages_nor_the_live_search(client):
    for n in range(25):
        ProcedureFactory(name=f"Đăng ký khai sinh loại {n}")

    client.get("/thu-tuc/", {"q": "dang ky kh"}, HTTP_HX_REQUEST="true")  # still typing
    client.get("/thu-tuc/", {"q": "dang ky khai sinh", "tim": "1"})  # the Tìm button
    client.get("/thu-tuc/", {"q": "dang ky khai sinh", "trang": 2})

    assert list(QuestionStat.objects.values_list("question", "searches")) == [("dang ky khai sinh", 1)]


def test_administrators_see_the_statistics_and_download_them_as_csv(admin_client):
    record_question("=cmd|' /C calc'!A0", found=False)
    record_question("lam so do", corrected={"so": "so"})

    page = admin_client.get("/admin/search/questionstat/", {"ket-qua": "none"})
    export = admin_client.get("/admin/search/questionstat/csv/", {"ket-qua": "none"})

    assert page.status_code == 200 and "Tải CSV" in page.content.decode()
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["tuan", "kenh", "cau_hoi"]
    assert [row[2] for row in rows[1:]] == ["cmd c calc a0"]


def test_the_statistics_cannot_be_edited_in_the_admin(admin_client):
    stat_id = record_question("khai sinh")

    assert admin_client.get(f"/admin/search/questionstat/{stat_id}/change/").status_code == 200
    assert (
        admin_client.post(f"/admin/search/questionstat/{stat_id}/change/", {"searches": 99}).status_code
        == 403
    )
    assert admin_client.get("/admin/search/questionstat/add/").status_code == 403
