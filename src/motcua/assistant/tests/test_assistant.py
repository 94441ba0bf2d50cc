"""The assistant answers from the catalogue, never beyond it."""

import pytest

from motcua.testing.factories import DocumentFactory, FeeFactory, FieldFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(db):
    roads = FieldFactory(code="duong-bo", name="Đường bộ")
    procedure = ProcedureFactory(
        name="Cấp lại giấy phép lái xe",
        field=roads,
        online_level="partial",
        implementing_agencies="Sở Xây dựng",
    )
    DocumentFactory(procedure=procedure, name="Đơn đề nghị cấp lại giấy phép lái xe", originals=1)
    FeeFactory(procedure=procedure, name="Lệ phí cấp giấy phép lái xe", amount=135_000)
    return procedure


def ask(api, **body):
    return api.post("/api/v1/assistant/", body, format="json")


def test_the_answer_tells_documents_fee_time_where_and_the_filing_link(api, licence):
    answer = ask(api, question="toi bi mat bang lai xe").json()

    assert answer["kind"] == "answer"
    assert answer["procedure"]["code"] == licence.code
    assert answer["documents"] == ["Đơn đề nghị cấp lại giấy phép lái xe (1 bản chính)"]
    assert answer["fee"] == "Lệ phí cấp giấy phép lái xe: 135.000 đ"
    assert answer["time"] == "3 ngày làm việc"
    assert answer["where"] == "Sở Xây dựng"
    assert answer["action_url"] == f"/thu-tuc/{licence.code}/nop-ho-so/"
    assert answer["missing"] == []


def test_what_the_catalogue_does_not_say_is_said_missing_not_invented(api, db):
    procedure = ProcedureFactory(name="Đăng ký tạm vắng", online_level="offline", processing_time_amount=None)

    answer = ask(api, question="dang ky tam vang").json()

    assert answer["procedure"]["code"] == procedure.code
    assert answer["missing"] == ["documents", "fee", "time", "where"]
    assert "chưa có thông tin về phí, lệ phí" in answer["message"]
    assert answer["fee"] == "" and answer["documents"] == []
    assert answer["action_url"] == f"/thu-tuc/{procedure.code}/"  # no online filing: the procedure's page


def test_tied_candidates_get_a_clarifying_question(api, db):
    first = ProcedureFactory(name="Cấp lại thẻ căn cước do bị mất")
    second = ProcedureFactory(name="Cấp lại thẻ căn cước do bị hỏng")

    answer = ask(api, question="cấp lại thẻ căn cước").json()

    assert answer["kind"] == "clarify"
    assert {(c["code"], c["hint"]) for c in answer["choices"]} == {(first.code, "mất"), (second.code, "hỏng")}
    assert "khác nhau ở: “" in answer["message"]


def test_a_chosen_procedure_is_answered_directly(api, licence):
    answer = ask(api, procedure=licence.code).json()

    assert answer["kind"] == "answer" and answer["procedure"]["code"] == licence.code


def test_an_empty_question_is_refused_in_vietnamese_and_english(api, db):
    vietnamese = ask(api, question="  ")
    english = api.post("/api/v1/assistant/", {"question": ""}, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert vietnamese.status_code == 400
    assert vietnamese.json()["error"]["message"].startswith("Hãy viết điều bạn cần")
    assert english.json()["error"]["message"].startswith("Write what you need")


def test_nothing_found_is_said_plainly(api, licence):
    answer = ask(api, question="qwzx vbnm").json()

    assert answer["kind"] == "not_found"
    assert answer["procedure"] is None
