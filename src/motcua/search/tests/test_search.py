"""Finding a procedure the way people ask for it."""

import pytest

from motcua.catalogue.models import Procedure
from motcua.catalogue.services import import_procedures
from motcua.search.models import Synonym
from motcua.search.selectors import search_procedures
from motcua_testing.factories import DocumentFactory, FieldFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    roads = FieldFactory(code="duong-bo", name="Đường bộ")
    land = FieldFactory(code="dat-dai", name="Đất đai")
    made = {
        "birth": ProcedureFactory(name="Đăng ký khai sinh", field=civil, levels=["commune"]),
        "marriage": ProcedureFactory(name="Đăng ký kết hôn", field=civil, levels=["commune"]),
        "licence_again": ProcedureFactory(
            name="Cấp lại giấy phép lái xe", field=roads, online_level="partial"
        ),
        "licence_swap": ProcedureFactory(name="Đổi giấy phép lái xe", field=roads, online_level="offline"),
        "land": ProcedureFactory(
            name="Đăng ký biến động chuyển nhượng quyền sử dụng đất", field=land, levels=["province"]
        ),
        "residence": ProcedureFactory(name="Đăng ký thường trú", field=civil, levels=["commune"]),
    }
    return made


def first(text, **filters) -> Procedure | None:
    found = search_procedures(text, **filters).procedures(0, 1)
    return found[0] if found else None


@pytest.mark.parametrize(
    "question",
    ["Đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "lam giay khai sinh cho con"],
)
def test_diacritics_and_d_do_not_matter(catalogue, question):
    assert first(question) == catalogue["birth"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("tôi bị mất bằng lái", "licence_again"),
        ("sang tên sổ đỏ", "land"),
        ("nhap ho khau cho con", "residence"),
        ("lấy vợ", "marriage"),
    ],
)
def test_everyday_words_find_the_legal_name(catalogue, question, expected):
    assert first(question) == catalogue[expected]


def test_a_typing_mistake_is_corrected(catalogue):
    result = search_procedures("dang ky ket honn")

    assert result.procedures(0, 1) == [catalogue["marriage"]]
    assert result.corrected == {"honn": "hon"}


def test_an_administrator_adds_a_synonym_and_the_next_search_uses_it(catalogue):
    assert first("thành gia thất") != catalogue["marriage"]
    Synonym.objects.create(phrase="thành gia thất", meaning="kết hôn")

    assert first("thành gia thất") == catalogue["marriage"]


def test_filters_narrow_the_answers(catalogue):
    found = search_procedures("giấy phép lái xe", online_level="offline").procedures()

    assert found == [catalogue["licence_swap"]]


def test_a_preferred_level_comes_first_among_equals(db):
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    province = ProcedureFactory(name="Đăng ký lại kết hôn", field=civil, levels=["province"])
    commune = ProcedureFactory(name="Đăng ký lại kết hôn", field=civil, levels=["commune"])

    assert first("đăng ký lại kết hôn", prefer_level="commune") == commune
    assert first("đăng ký lại kết hôn", prefer_level="province") == province


def test_a_renamed_procedure_is_found_by_its_new_name(catalogue):
    procedure = catalogue["residence"]
    procedure.name = "Đăng ký tạm trú"
    procedure.save()

    assert first("tam tru") == procedure


def test_documents_are_searched_too(catalogue):
    DocumentFactory(
        procedure=catalogue["marriage"], name="Tờ khai đăng ký kết hôn có xác nhận tình trạng hôn nhân"
    )

    assert first("xac nhan tinh trang hon nhan") == catalogue["marriage"]


def test_an_imported_procedure_is_searchable_at_once(db):
    import_procedures(
        [
            (
                1,
                {
                    "code": "1.999001",
                    "name": "Cấp phiếu lý lịch tư pháp cho công dân",
                    "field": "Lý lịch tư pháp",
                    "levels": ["province"],
                },
            )
        ]
    )

    assert first("xin lý lịch tư pháp").code == "1.999001"


def test_words_the_catalogue_never_uses_find_nothing(catalogue):
    assert search_procedures("qwzx vbnm").ids == []


def test_the_api_lists_procedures_in_rank_order(catalogue, api):
    response = api.get("/api/v1/procedures/", {"q": "doi bang lai xe"})

    assert response.status_code == 200
    assert response.json()["results"][0]["code"] == catalogue["licence_swap"].code


def test_an_everyday_phrase_inside_a_legal_term_is_not_translated(db):
    roads = FieldFactory(code="dang-kiem", name="Đăng kiểm")
    special = ProcedureFactory(name="Cấp giấy chứng nhận kiểm định cho xe máy chuyên dùng", field=roads)
    ProcedureFactory(name="Cấp giấy chứng nhận kiểm định khí thải xe mô tô, xe gắn máy", field=roads)

    result = search_procedures("kiểm định xe máy chuyên dùng")

    assert ("xe", "mo", "to", "xe", "gan", "may") not in result.question.added
    assert result.procedures(0, 1) == [special]


def test_everyday_words_count_less_than_the_legal_words_they_stand_for(db):
    roads = FieldFactory(code="duong-bo", name="Đường bộ")
    swap = ProcedureFactory(name="Đổi giấy phép lái xe", field=roads)
    ProcedureFactory(name="Đổi giấy phép lái xe hoặc bằng lái xe quân sự do Bộ Quốc phòng cấp", field=roads)

    assert first("đổi bằng lái") == swap


def test_the_api_puts_the_preferred_level_first(db, api):
    civil = FieldFactory(code="ho-tich", name="Hộ tịch")
    ProcedureFactory(name="Đăng ký lại kết hôn", field=civil, levels=["province"])
    commune = ProcedureFactory(name="Đăng ký lại kết hôn", field=civil, levels=["commune"])

    response = api.get("/api/v1/procedures/", {"q": "dang ky lai ket hon", "prefer_level": "commune"})

    assert response.json()["results"][0]["code"] == commune.code


def test_a_procedure_no_longer_in_force_is_not_offered(catalogue):
    procedure = catalogue["marriage"]
    procedure.is_active = False
    procedure.save()

    assert procedure.pk not in search_procedures("đăng ký kết hôn").ids


def test_migrate_indexes_a_catalogue_that_is_not_indexed_yet(catalogue):
    from django.core.management import call_command

    from motcua.search.models import SearchEntry

    SearchEntry.objects.all().delete()
    assert search_procedures("dang ky khai sinh").ids == []

    call_command("migrate", verbosity=0)

    assert first("dang ky khai sinh") == catalogue["birth"]


def test_a_name_published_twice_is_one_result_with_its_variant(db):
    land = FieldFactory(code="dat-dai-2", name="Đất đai")
    central = ProcedureFactory(
        name="Tách thửa hoặc hợp thửa đất", field=land, issuing_body="Bộ Nông nghiệp và Môi trường"
    )
    local = ProcedureFactory(
        name="Tách thửa hoặc hợp thửa đất", field=land, issuing_body="UBND tỉnh Lạng Sơn"
    )
    other = ProcedureFactory(name="Tách thửa đất ở", field=land)

    result = search_procedures("tách thửa đất")

    assert result.ids[:2] == [central.pk, other.pk] or result.ids[:2] == [other.pk, central.pk]
    assert result.variants[central.pk] == [local.pk]
    assert local.pk not in result.ids


def test_a_name_published_once_per_level_is_one_result(db):
    """ "(cấp tỉnh)", "(Thực hiện tại cấp trung ương)": the same procedure at two levels takes
    one of the first five places, not two."""
    health = FieldFactory(code="bhyt", name="Bảo hiểm y tế")
    province = ProcedureFactory(name="Cấp lại thẻ bảo hiểm y tế (cấp tỉnh)", field=health)
    central = ProcedureFactory(
        name="Thủ tục cấp lại thẻ bảo hiểm y tế (Thực hiện tại cấp trung ương)", field=health
    )
    card = ProcedureFactory(name="Cấp thẻ bảo hiểm y tế", field=health)
    # a level that is part of the name, not in brackets after it, is another procedure
    other_level = ProcedureFactory(name="Cấp lại thẻ bảo hiểm y tế cấp xã", field=health)

    result = search_procedures("cấp lại thẻ bảo hiểm y tế")

    assert len(result.ids) == 3
    assert {card.pk, other_level.pk} <= set(result.ids)
    shown = next(pk for pk in result.ids if pk in (province.pk, central.pk))
    assert result.variants[shown] == [({province.pk, central.pk} - {shown}).pop()]


def test_the_api_lists_the_variants_of_a_result(db, api):
    central = ProcedureFactory(name="Đăng ký khai tử", issuing_body="Bộ Tư pháp")
    local = ProcedureFactory(name="Đăng ký khai tử", issuing_body="UBND tỉnh Gia Lai")

    results = api.get("/api/v1/procedures/", {"q": "khai tu"}).json()["results"]

    assert [r["code"] for r in results] == [central.code]
    assert [v["code"] for v in results[0]["variants"]] == [local.code]
    assert results[0]["variants"][0]["issuing_body"] == "UBND tỉnh Gia Lai"


def test_a_qualifier_the_question_does_not_ask_for_puts_the_name_after_the_plain_one(db):
    plain = ProcedureFactory(name="Thủ tục đăng ký khai sinh")
    ProcedureFactory(name="Thủ tục đăng ký khai sinh có yếu tố nước ngoài")
    ProcedureFactory(name="Thủ tục đăng ký khai sinh lưu động")

    assert first("đăng ký khai sinh cho con") == plain


def test_a_qualifier_the_question_asks_for_is_respected(db):
    ProcedureFactory(name="Thủ tục đăng ký khai sinh")
    foreign = ProcedureFactory(name="Thủ tục đăng ký khai sinh có yếu tố nước ngoài")

    assert first("khai sinh cho con có yếu tố nước ngoài") == foreign


def test_asking_for_a_first_issue_does_not_get_a_reissue(db):
    first_time = ProcedureFactory(name="Cấp giấy phép lao động lần đầu cho người lao động")
    ProcedureFactory(name="Cấp lại giấy phép lao động cho người lao động")

    assert first("xin giấy phép lao động lần đầu") == first_time


def test_an_everyday_phrase_finds_its_procedure_even_when_its_words_mean_something_else(db):
    residence = ProcedureFactory(name="Đăng ký thường trú")
    for n in range(30):  # "nhập khẩu" is also "import": many names hold those words
        ProcedureFactory(name=f"Cấp giấy phép nhập khẩu hàng hóa nhóm {n} cho hộ kinh doanh")

    assert first("nhập hộ khẩu cho vợ") == residence


def test_a_longer_everyday_phrase_claims_its_words(db):
    solar = ProcedureFactory(name="Thông báo phát triển điện mặt trời mái nhà")
    ProcedureFactory(name="Cấp điện mới từ lưới điện hạ áp")

    result = search_procedures("lap dien mat troi mai nha")

    assert result.procedures(0, 1) == [solar]
    assert ("cap", "dien", "moi", "tu", "luoi", "dien", "ha", "ap") not in result.question.added


BOAT = ("phuong", "tien", "thuy", "noi", "dia")


def test_a_lexicon_phrase_is_not_matched_by_a_word_with_other_tone_marks(db):
    # "xuồng" (a boat) and "xưởng" (a workshop) fold to the same letters: the lexicon's "xuồng"
    # must not turn a question about a workshop into one about boats.
    Synonym.objects.get_or_create(phrase="xuồng", meaning="phương tiện thủy nội địa")
    boat = ProcedureFactory(name="Đăng ký phương tiện thủy nội địa lần đầu")
    ProcedureFactory(name="Cấp giấy phép xây dựng nhà xưởng sản xuất")

    assert BOAT not in search_procedures("xin phép xây nhà xưởng").question.added
    assert BOAT not in search_procedures("XIN PHÉP XÂY NHÀ XƯỞNG").question.added
    assert BOAT in search_procedures("đăng ký xuồng máy").question.added
    assert first("đăng ký xuồng máy") == boat
    # typed without marks, it may be either: the lexicon still helps
    assert BOAT in search_procedures("dang ky xuong may").question.added


def test_in_a_question_typed_with_marks_a_word_without_marks_is_that_word(db):
    # "bổ sung" (to add to) is typed with its marks: its "sung" is not the lexicon's "súng" (a gun)
    Synonym.objects.get_or_create(phrase="súng", meaning="vũ khí")
    ProcedureFactory(name="Cấp Giấy phép sử dụng vũ khí thể thao")

    assert ("vu", "khi") not in search_procedures("bổ sung hồ sơ xin việc").question.added
    assert ("vu", "khi") in search_procedures("xin giấy phép dùng súng").question.added
    assert ("vu", "khi") in search_procedures("xin giay phep dung sung").question.added


def test_marks_typed_decomposed_are_read_as_the_same_word(db):
    Synonym.objects.get_or_create(phrase="xuồng", meaning="phương tiện thủy nội địa")
    import unicodedata

    assert BOAT in search_procedures(unicodedata.normalize("NFD", "đăng ký xuồng")).question.added


def test_the_purpose_after_de_weighs_less_than_the_need_before_it(db):
    Synonym.objects.all().delete()  # the ranking alone, without the lexicon
    record = ProcedureFactory(
        name="Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
    )
    ProcedureFactory(name="Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng")
    ProcedureFactory(name="Đăng ký hợp đồng lao động đi làm việc ở nước ngoài")

    assert first("xin phiếu lý lịch tư pháp để đi làm việc ở nước ngoài theo hợp đồng") == record
    assert first("xin phieu ly lich tu phap de di lam viec o nuoc ngoai theo hop dong") == record
    # "đề nghị" typed without marks is not "để"
    assert search_procedures("de nghi cap phieu ly lich tu phap").question.context == frozenset()


def test_an_everyday_phrase_brings_the_procedure_of_its_field_first():
    """ "công tơ" is written for the field of electricity: of two procedures with the same
    words, the one of that field comes first (the other would win the tie: its id is lower)."""
    from motcua.search.ranking import Index, entry_from_texts
    from motcua.search.synonyms import compile_synonyms

    other = entry_from_texts(1, {"name": "Kiểm định thiết bị đo", "field": "Đo lường"})
    electricity = entry_from_texts(2, {"name": "Kiểm định thiết bị đo", "field": "Điện"})
    index = Index([other, electricity], compile_synonyms([("công tơ", "thiết bị đo", "Điện")]))
    question = index.question("kiểm định công tơ")

    ranked = index.rank(question, index.candidates(question))

    assert [pk for pk, _ in ranked] == [electricity.id, other.id]
    # a phrase of every field ("Chung") says nothing of the field
    index = Index([other, electricity], compile_synonyms([("công tơ", "thiết bị đo", "Chung")]))
    question = index.question("kiểm định công tơ")
    assert [pk for pk, _ in index.rank(question, index.candidates(question))] == [other.id, electricity.id]


def test_a_list_of_cases_in_brackets_does_not_make_a_name_too_long_to_be_found(db):
    """How much of a name the question covers is measured outside its brackets: the cases
    listed there detail the procedure, they are not more of it to ask for."""
    building = FieldFactory(code="xay-dung", name="Hoạt động xây dựng")
    house = ProcedureFactory(
        name="Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV (công trình không theo "
        "tuyến/theo tuyến trong đô thị/tín ngưỡng, tôn giáo/tượng đài, tranh hoành tráng/sửa chữa, "
        "cải tạo/theo giai đoạn cho công trình không theo tuyến/dự án) và nhà ở riêng lẻ",
        field=building,
    )
    ProcedureFactory(name="Gia hạn giấy phép xây dựng, cải tạo, nâng cấp đường ngang", field=building)
    ProcedureFactory(
        name="Gia hạn giấy phép xây dựng công trình thiết yếu trong phạm vi bảo vệ", field=building
    )

    assert first("gia hạn giấy phép xây dựng nhà ở") == house
