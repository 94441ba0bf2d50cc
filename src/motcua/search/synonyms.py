"""Everyday words ↔ the catalogue's legal words, expanded at question time.

People say "bằng lái", the catalogue says "giấy phép lái xe"; "sổ đỏ" is a
"giấy chứng nhận quyền sử dụng đất". ``DEFAULT_SYNONYMS`` is the list a province
starts with (general Vietnamese usage, not tuned to any test question); the
administrators keep it up to date in the admin (``Synonym``). A question that
contains an everyday phrase is searched with the legal phrase added, so the
original words still count.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.search.text import tokens

# (everyday phrase, what the catalogue calls it)
DEFAULT_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("bằng lái", "giấy phép lái xe"),
    ("bằng lái xe", "giấy phép lái xe"),
    ("thi bằng lái", "sát hạch cấp giấy phép lái xe"),
    ("học lái xe", "đào tạo lái xe"),
    ("giấy khai sinh", "đăng ký khai sinh"),
    ("khai sinh", "đăng ký khai sinh"),
    ("làm khai sinh", "đăng ký khai sinh"),
    ("mới sinh", "đăng ký khai sinh"),
    ("khai tử", "đăng ký khai tử"),
    ("báo tử", "đăng ký khai tử"),
    ("giấy chứng tử", "đăng ký khai tử"),
    ("lấy vợ", "đăng ký kết hôn"),
    ("lấy chồng", "đăng ký kết hôn"),
    ("cưới", "đăng ký kết hôn"),
    ("ly dị", "ly hôn"),
    ("giấy xác nhận độc thân", "xác nhận tình trạng hôn nhân"),
    ("độc thân", "xác nhận tình trạng hôn nhân"),
    ("xin con nuôi", "đăng ký nuôi con nuôi"),
    ("nhận con nuôi", "đăng ký nuôi con nuôi"),
    ("đổi tên", "thay đổi cải chính bổ sung thông tin hộ tịch"),
    ("sửa giấy tờ hộ tịch", "cải chính hộ tịch"),
    ("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"),
    ("sổ hồng", "giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở"),
    ("sang tên sổ đỏ", "đăng ký biến động chuyển nhượng quyền sử dụng đất"),
    ("nhà đất", "quyền sử dụng đất quyền sở hữu nhà ở"),
    ("xây nhà", "cấp giấy phép xây dựng mới nhà ở riêng lẻ"),
    ("giấy phép xây nhà", "giấy phép xây dựng mới nhà ở riêng lẻ"),
    ("sửa nhà", "giấy phép sửa chữa cải tạo công trình"),
    ("hộ khẩu", "thường trú"),
    ("nhập hộ khẩu", "đăng ký thường trú"),
    ("cắt hộ khẩu", "xóa đăng ký thường trú"),
    ("tách hộ khẩu", "tách hộ"),
    ("chứng minh nhân dân", "thẻ căn cước"),
    ("chứng minh thư", "thẻ căn cước"),
    ("cmnd", "thẻ căn cước"),
    ("cccd", "thẻ căn cước"),
    ("căn cước công dân", "thẻ căn cước"),
    ("passport", "hộ chiếu phổ thông"),
    ("hộ chiếu", "hộ chiếu phổ thông"),
    ("visa", "thị thực"),
    ("lý lịch", "phiếu lý lịch tư pháp"),
    ("giấy không tiền án", "phiếu lý lịch tư pháp"),
    ("công chứng giấy tờ", "chứng thực bản sao từ bản chính"),
    ("sao y", "chứng thực bản sao từ bản chính"),
    ("photo công chứng", "chứng thực bản sao từ bản chính"),
    ("mở công ty", "đăng ký thành lập doanh nghiệp"),
    ("thành lập công ty", "đăng ký thành lập doanh nghiệp"),
    ("giấy phép kinh doanh", "giấy chứng nhận đăng ký kinh doanh"),
    ("mở quán", "đăng ký hộ kinh doanh"),
    ("mã số thuế", "đăng ký thuế"),
    ("bhyt", "bảo hiểm y tế"),
    ("bhxh", "bảo hiểm xã hội"),
    ("về hưu", "hưởng lương hưu"),
    ("nghỉ hưu", "hưởng lương hưu"),
    ("thai sản", "chế độ thai sản"),
    ("thpt", "trung học phổ thông"),
    ("cấp 3", "trung học phổ thông"),
    ("thcs", "trung học cơ sở"),
    ("cấp 2", "trung học cơ sở"),
    ("đh", "đại học"),
    ("bằng đại học", "văn bằng đại học"),
    ("bằng tốt nghiệp", "văn bằng"),
    ("đăng kiểm", "kiểm định xe cơ giới"),
    ("xe máy", "xe mô tô xe gắn máy"),
    ("biển số", "cấp biển số xe"),
    ("bấm biển", "cấp biển số xe"),
    ("mua xe", "đăng ký xe"),
    ("xe mới mua", "đăng ký cấp biển số xe lần đầu"),
    ("bán xe", "sang tên xe"),
    ("đổi chủ", "sang tên"),
    ("bị mất", "cấp lại"),
    ("làm mất", "cấp lại"),
    ("đánh mất", "cấp lại"),
    ("hư hỏng", "cấp đổi bị hư hỏng"),
    ("bị rách", "cấp đổi bị hư hỏng"),
    ("hết hạn", "đổi gia hạn"),
    ("người nước ngoài làm việc", "giấy phép lao động người lao động nước ngoài"),
)


@dataclass(frozen=True)
class Expansion:
    phrase: tuple[str, ...]
    meaning: tuple[str, ...]


def compile_synonyms(pairs) -> list[Expansion]:
    """Folded (phrase, meaning) pairs, longest phrase first, empty ones dropped."""
    found = {}
    for phrase, meaning in pairs:
        key = tuple(tokens(phrase))
        value = tuple(tokens(meaning))
        if key and value and key != value:
            found.setdefault(key, [])
            if value not in found[key]:
                found[key].append(value)
    out = [Expansion(key, value) for key, values in found.items() for value in values]
    return sorted(out, key=lambda e: -len(e.phrase))


def expand(question: list[str], synonyms: list[Expansion], *, in_catalogue=None) -> list[tuple[str, ...]]:
    """The legal phrases to add to a question (folded tokens) for the everyday phrases it contains.

    ``in_catalogue(words)`` says whether four consecutive words are the
    catalogue's own language: "xe máy" is everyday speech for "xe mô tô, xe gắn
    máy", but in "xe máy chuyên dùng" it is a legal term and is left alone.
    """
    added: list[tuple[str, ...]] = []
    for synonym in synonyms:
        size = len(synonym.phrase)
        for start in range(len(question) - size + 1):
            if tuple(question[start : start + size]) != synonym.phrase:
                continue
            if in_catalogue and size >= 2:
                # two words of context on either side, as the catalogue's names would have them
                before = tuple(question[max(0, start - 2) : start + size])[-size - 2 :][:4]
                after = tuple(question[start : start + size + 2])[-4:]
                if (len(before) == size + 2 and in_catalogue(before[:4])) or (
                    len(after) == size + 2 and in_catalogue(after)
                ):
                    continue
            if synonym.meaning not in added:
                added.append(synonym.meaning)
            break
    return added
