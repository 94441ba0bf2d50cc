"""Qualifiers in procedure names: the words that narrow a procedure to a case.

"Đăng ký khai sinh có yếu tố nước ngoài", "… lưu động", "… đối với trường hợp …"
are narrower than the plain procedure: when the question does not ask for the
case, the plain one should come first. And when the question does ask
("lần đầu", "do bị mất", "tự nguyện"), the name that says it should beat the
one that says the opposite ("cấp lại", "do bị hỏng", "bắt buộc").

The lists are general Vietnamese administrative language, read from the
catalogue's names; their weights are chosen in ``ranking.Weights`` and measured
leave-one-domain-out by ``motcua bench search``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Qualifier:
    phrase: str  # folded, as found in names
    asked_by: tuple[str, ...] = ()  # folded phrases of a question that ask for this case

    def asked(self, question: str) -> bool:
        return any(f" {phrase} " in question for phrase in (self.phrase, *self.asked_by))


_ABROAD = ("nuoc ngoai", "ngoai quoc", "viet kieu", "dinh cu", "dai su quan", "lanh su", "xuat khau")
_ARMED = ("quan doi", "quan su", "bo doi", "quan nhan", "bo quoc phong", "linh", "cong an", "quoc phong")

# Cases a name adds that the question must ask for, else the name is narrower than the need.
UNASKED = (
    Qualifier("co yeu to nuoc ngoai", _ABROAD),
    Qualifier("o nuoc ngoai", _ABROAD),
    Qualifier("tai nuoc ngoai", _ABROAD),
    Qualifier("co quan dai dien", _ABROAD),
    Qualifier("nguoi nuoc ngoai", _ABROAD),
    Qualifier("nha dau tu nuoc ngoai", _ABROAD),
    Qualifier("bo ngoai giao", _ABROAD),
    Qualifier("luu dong"),
    Qualifier("doi voi truong hop"),
    Qualifier("trong truong hop"),
    Qualifier("truong hop dac biet"),
    Qualifier("thoi chien", ("chien tranh",)),
    Qualifier("quan su", _ARMED),
    Qualifier("quan doi", _ARMED),
    Qualifier("bo quoc phong", _ARMED),
    Qualifier("cong an nhan dan", _ARMED),
    Qualifier("luc luong vu trang", _ARMED),
    Qualifier("khu vuc bien gioi", ("bien gioi",)),
    Qualifier("tam thoi", ("tam",)),
    Qualifier("dang ky lai", ("lai",)),
    Qualifier("thu hoi", ("thu hoi", "tich thu", "bi thu")),
    Qualifier("cham dut", ("cham dut", "dung", "thoi", "ngung")),
    Qualifier("thu nghiem", ("thu nghiem",)),
    # What is done to a paper: asking to get one, a name that renews, changes or ends it is narrower.
    Qualifier("cap lai", ("lam lai", "xin lai", "mat", "hong", "rach")),
    Qualifier("cap doi", ("doi", "hong", "rach", "het han")),
    Qualifier("gia han", ("het han", "qua han", "keo dai", "them thoi gian")),
    Qualifier("dieu chinh", ("sua", "thay doi", "cap nhat", "sai", "doi")),
    Qualifier("thay doi", ("doi", "sua", "dieu chinh", "chuyen")),
    Qualifier("sua doi", ("sua", "thay doi", "dieu chinh")),
    Qualifier("bo sung", ("them",)),
    Qualifier("khoi phuc", ("mo lai", "phuc hoi", "lay lai")),
    Qualifier("xoa", ("cat", "huy", "bo", "chuyen di")),
    Qualifier("huy", ("bo", "xoa")),
    Qualifier("tam ngung", ("ngung", "tam dung", "nghi")),
    Qualifier("giai the", ("dong cua", "cham dut", "dep")),
    Qualifier("dinh chinh", ("sai", "sua")),
    Qualifier("chuyen doi", ("doi", "chuyen")),
    Qualifier("lan dau", ("moi", "chua co", "dau tien")),
    Qualifier("tam vang", ("vang", "di xa")),
    Qualifier("chuyen den", ("chuyen", "den")),
    Qualifier("chuyen di", ("chuyen", "di")),
    Qualifier("co thoi han", ("tam", "co thoi han", "thoi han", "quy hoach")),
    Qualifier("khong xac dinh duoc"),
    Qualifier("theo yeu cau cua co quan", ("co quan", "toa", "to tung", "vien kiem sat", "dieu tra")),
)

# Cases that exclude each other: asking for one and getting another is the wrong procedure.
# Each case is a tuple of ways names say it.
EXCLUSIVE = (
    (("lan dau",), ("cap lai",), ("cap doi",), ("gia han",), ("dang ky lai",)),
    (("bi mat", "do mat"), ("hu hong", "bi hong", "bi rach")),
    (("tu nguyen",), ("bat buoc",)),
    (("mot lan",), ("hang thang",)),
    (("duoi 14 tuoi",), ("tu du 14 tuoi",)),
    (("trong nuoc",), ("nuoc ngoai",)),
)


@dataclass(frozen=True)
class NameCases:
    """What a procedure's name says, found once when the index is loaded."""

    adds: frozenset[int]  # positions in UNASKED of the cases the name adds
    says: tuple[frozenset[int], ...]  # per EXCLUSIVE group, the positions of the cases it names


def name_cases(name: str) -> NameCases:
    """(``name`` folded and space-padded.)"""
    adds = frozenset(i for i, q in enumerate(UNASKED) if f" {q.phrase} " in name)
    says = tuple(
        frozenset(i for i, case in enumerate(group) if any(f" {way} " in name for way in case))
        for group in EXCLUSIVE
    )
    return NameCases(adds, says)


@dataclass(frozen=True)
class QuestionCases:
    """What a question asks for, found once per search."""

    asks: frozenset[int]  # positions in UNASKED of the cases the question asks for
    said: tuple[frozenset[int], ...]  # per EXCLUSIVE group, the cases the question says


def question_cases(question: str) -> QuestionCases:
    """(``question`` folded and space-padded.)"""
    asks = frozenset(i for i, q in enumerate(UNASKED) if q.asked(question))
    said = tuple(
        frozenset(i for i, case in enumerate(group) if any(f" {way} " in question for way in case))
        for group in EXCLUSIVE
    )
    return QuestionCases(asks, said)


def unasked(name: NameCases, question: QuestionCases) -> int:
    """How many cases the name adds that the question does not ask for."""
    return len(name.adds - question.asks)


def asked(name: NameCases, question: QuestionCases) -> tuple[int, int]:
    """(cases the question asks that the name says, cases it asks that the name contradicts)."""
    agree = conflict = 0
    for said, named in zip(question.said, name.says, strict=True):
        if not said:
            continue
        if said & named:
            agree += 1
        elif named:
            conflict += 1
    return agree, conflict
