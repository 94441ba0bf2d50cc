"""The assistant answers from the catalogue, never beyond it."""

import pytest

from motcua_testing.factories import DocumentFactory, FeeFactory, FieldFactory, ProcedureFactory

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


def test_a_follow_up_question_is_answered_for_the_procedure_of_the_conversation(api, licence):
    ProcedureFactory(name="Cấp phiếu lý lịch tư pháp", fee_note="Phí cung cấp thông tin: 200.000 đồng")

    for follow_up in ("còn phí bao nhiêu?", "con le phi thi sao", "mất bao lâu?", "nộp ở đâu?"):
        answer = ask(api, question=follow_up, previous=licence.code).json()

        assert answer["kind"] == "answer", follow_up
        assert answer["procedure"]["code"] == licence.code
    fee = ask(api, question="còn phí bao nhiêu?", previous=licence.code).json()
    assert fee["focus"] == "fee"
    assert "135.000 đ" in fee["message"] and licence.name in fee["message"]
    assert ask(api, question="nộp ở đâu?", previous=licence.code).json()["message"].endswith("Sở Xây dựng.")


@pytest.mark.parametrize("previous", ["", "9.999999"])
def test_a_follow_up_without_a_conversation_asks_which_procedure(api, licence, previous):
    answer = ask(api, question="còn phí bao nhiêu?", previous=previous).json()

    assert answer["kind"] == "not_found"
    assert answer["procedure"] is None
    assert "thủ tục nào" in answer["message"]


@pytest.mark.parametrize(
    "question",
    [
        "<script>alert('bằng lái')</script>",
        "{{ 7*7 }}",
        "SELECT * FROM catalogue_procedure WHERE 1=1",
        "???",
        "xin chào",
        "cảm ơn nhé",
    ],
)
def test_markup_and_small_talk_get_no_procedure(api, licence, question):
    answer = ask(api, question=question).json()

    assert answer["kind"] == "not_found"
    assert answer["procedure"] is None
    assert answer["search_url"].startswith("/thu-tuc/")


def test_an_off_topic_question_is_refused_and_the_search_offered(api, licence):
    answer = ask(api, question="thời tiết hà tĩnh hôm nay thế nào").json()

    assert answer["kind"] == "not_found"
    assert answer["message"].startswith("Tôi chưa tìm thấy thủ tục nào phù hợp")
    assert (
        answer["search_url"]
        == "/thu-tuc/?q=th%E1%BB%9Di+ti%E1%BA%BFt+h%C3%A0+t%C4%A9nh+h%C3%B4m+nay+th%E1%BA%BF+n%C3%A0o"
    )


def test_where_to_file_names_every_commune_or_the_applicants_own_first(db):
    from motcua.assistant.answers import describe
    from motcua.org.models import AdministrativeUnit
    from motcua_testing.factories import AgencyFactory

    province = AdministrativeUnit.objects.get_or_create(
        code="42", defaults={"name": "Hà Tĩnh", "level": "province"}
    )[0]
    communes = []
    for n, name in enumerate(
        ["Xã Cẩm Xuyên", "Phường Thành Sen", "Xã Kỳ Anh", "Xã Đức Thọ", "Phường Hồng Lĩnh"]
    ):
        unit = AdministrativeUnit.objects.create(
            code=f"4{n}00{n}", name=name, level="commune", parent=province
        )
        communes.append(AgencyFactory(name=f"UBND {name}", kind="commune_committee", unit=unit))
    procedure = ProcedureFactory(name="Đăng ký khai tử", agencies=communes)
    procedure = (
        type(procedure).objects.prefetch_related("fees", "documents", "agencies__unit").get(pk=procedure.pk)
    )

    everyone = describe(procedure).where
    own_first = describe(procedure, address="Thôn 3, xã Kỳ Anh, tỉnh Hà Tĩnh").where

    assert all(agency.name in everyone for agency in communes)
    assert own_first == "UBND Xã Kỳ Anh và 4 xã/phường khác"


def test_a_long_story_is_answered_from_the_sentence_that_names_the_need(api, licence):
    from motcua.assistant.robustness import story

    question = story("Giờ em muốn làm lại bằng lái xe bị mất")
    assert 900 <= len(question) <= 1000

    answer = ask(api, question=question).json()

    assert answer["kind"] == "answer"
    assert answer["procedure"]["code"] == licence.code


def test_chat_words_around_a_question_do_not_change_the_answer(api, licence):
    answer = ask(api, question="ad ơi cho em hỏi mất bằng lái xe thì làm sao ạ").json()

    assert answer["kind"] == "answer"
    assert answer["procedure"]["code"] == licence.code


@pytest.mark.parametrize(
    "message", ["chào bạn nhé", "chao ban nhe", "hello ad ơi", "cảm ơn nhiều nha", "chào cả nhà"]
)
def test_a_greeting_with_particles_around_it_is_small_talk(message):
    from motcua.assistant.confidence import read

    assert read(message).kind == "small_talk"


@pytest.mark.parametrize(
    "message", ["chào hỏi thủ tục đăng ký khai sinh cho con", "cảm ơn, còn phí bao nhiêu?"]
)
def test_a_message_that_goes_on_after_the_greeting_is_a_question(message):
    from motcua.assistant.confidence import read

    assert read(message).kind == "question"
