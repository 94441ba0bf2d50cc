"""The virtual assistant's answers, from the catalogue only.

It finds the procedure with the search, then says in a few sentences what to
bring, what it costs, how long it takes, where to go and whether it can be
filed online. Every fact comes from the procedure's record; where the record
has nothing, the answer says so instead of guessing. When the best candidates
are about as likely as each other, it asks which one is meant (first issuance
or re-issue, lost or damaged, ...), offering them as choices.

It is honest about what it did not understand: below a measured confidence
(``confidence.py``) it says it found no matching procedure and offers the search;
a follow-up question ("còn phí bao nhiêu?", "nộp ở đâu?") is about the procedure
of the conversation (``previous``), not a new search.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.assistant import confidence, follow_up
from motcua.catalogue.models import Procedure
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.formats import fee_text, processing_time_text
from motcua.core.text import fold
from motcua.org.models import Agency, AgencyKind
from motcua.search.selectors import MAX_QUESTION, accented_synonym_words, current_index, search_procedures

# The second candidate ties with the first when its score is at least this share of it.
TIE_SHARE = 0.97
MAX_CHOICES = 3
MAX_DOCUMENTS = 8
_SENTENCE = re.compile(r"[.!?;\n]+")
MAX_SENTENCES = 12  # sentences of a long question weighed, each searched
MAX_LENGTH = 1000  # characters of a question accepted (the search reads the first MAX_QUESTION)
LISTED_COMMUNES = 3  # beyond this many communes, the applicant's own first and "và N xã/phường khác"


@dataclass
class Choice:
    code: str
    name: str
    hint: str = ""  # the words of its name the other choices do not have ("bị mất", "cấp đổi")


@dataclass
class Answer:
    kind: str  # "answer", "clarify", "not_found"
    message: str
    procedure: Procedure | None = None
    documents: list[str] = field(default_factory=list)
    fee: str = ""
    time: str = ""
    where: str = ""
    online: str = ""
    can_file_online: bool = False
    action_url: str = ""
    choices: list[Choice] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what the catalogue has no information about
    focus: str = ""  # a follow-up asked only this: "fee", "time", "where", "documents", "online"
    search_url: str = ""  # where to search the catalogue when nothing matched


def ask(
    question: str = "",
    *,
    procedure_code: str = "",
    previous: str = "",
    prefer_level: str | None = None,
    address: str = "",
) -> Answer:
    """Answer a question, or tell about the procedure the user chose among the choices.

    ``previous`` is the code of the procedure the conversation is about: a follow-up
    question ("mất bao lâu?") is answered for it. ``address`` (the signed-in applicant's)
    puts their own commune first where a procedure is filed at any commune.
    """
    question = (question or "").strip()
    if procedure_code:
        return describe(_procedure(procedure_code), address=address)
    if not question:
        raise ValidationFailed(
            _("Hãy viết điều bạn cần, ví dụ: cấp lại bằng lái xe bị mất."),
            fields={"question": [_("Câu hỏi đang để trống.")]},
        )
    if len(question) > MAX_LENGTH:
        raise ValidationFailed(
            _("Câu hỏi dài quá %(n)d ký tự, hãy viết ngắn hơn.") % {"n": MAX_LENGTH},
            fields={"question": [_("Quá dài.")]},
        )
    reading = confidence.read(question)
    if reading.kind == "small_talk":
        return Answer(
            kind="not_found",
            message=_(
                "Xin chào! Tôi trả lời về thủ tục hành chính: bạn cần làm giấy tờ gì? "
                "Ví dụ: “cấp lại bằng lái xe bị mất”, “đăng ký khai sinh cho con”."
            ),
            search_url=_search_url(""),
        )
    if reading.kind != "question":
        return _not_found("")
    asked = follow_up.read(reading.text)
    previous = (
        previous if previous and Procedure.objects.filter(code=previous, is_active=True).exists() else ""
    )
    if asked.only:
        if previous:
            return describe(_procedure(previous), focus=asked.aspect, address=address)
        return Answer(
            kind="not_found",
            message=_("Bạn hỏi về thủ tục nào? Hãy nói tên giấy tờ cần làm, ví dụ: “phí cấp hộ chiếu”."),
            search_url=_search_url(""),
        )
    result, measures = _best_sentence(reading.text, prefer_level)[1:]
    if not result.ids:
        return _not_found(reading.text)
    procedures = result.procedures()
    if not confidence.confident(measures):
        if asked.aspect and previous:
            return describe(_procedure(previous), focus=asked.aspect, address=address)
        return _not_found(reading.text)
    if _tie(result.scores):
        tied = [
            p for p, s in zip(procedures, result.scores, strict=False) if s >= result.scores[0] * TIE_SHARE
        ]
        choices = [Choice(p.code, p.name, hint) for p, hint in zip(tied, _differences(tied), strict=True)]
        message = _("Có %(n)d thủ tục gần với điều bạn hỏi. Bạn cần thủ tục nào?") % {"n": len(tied)}
        if all(choice.hint for choice in choices):
            message = _(
                "Có %(n)d thủ tục gần với điều bạn hỏi, khác nhau ở: %(hints)s. Bạn cần thủ tục nào?"
            ) % {
                "n": len(tied),
                "hints": " / ".join(f"“{choice.hint}”" for choice in choices),
            }
        return Answer(kind="clarify", message=message, choices=choices)
    return describe(_procedure(procedures[0].code), address=address)


def judge(text: str, result, *, tied: bool = False) -> confidence.Measures:
    """What the first procedure found for a question is weighed on (``confidence.Measures``).

    The confidence is the mean of how much of the question the procedure accounts for and
    how much of its name the question holds, less the share of words whose tone marks differ.
    When the first procedures tie (the user will choose), only the words their names share
    count in the second part: each name holds words the question cannot have.
    """
    if not result.ids:
        return confidence.Measures(0.0, 0.0, 0.0, False)
    index = current_index()
    first = result.ids[0]
    names = list(Procedure.objects.filter(pk=first).values_list("name", flat=True))
    among = [pk for pk, s in zip(result.ids, result.scores, strict=True) if s >= result.scores[0] * TIE_SHARE]
    share = index.confidence(result.question, first)
    share = (share + index.name_coverage(result.question, first, among=among[1:] if tied else ())) / 2
    share -= confidence.accent_mismatch(text, names, accented_synonym_words())
    # the search's score grows with the rarity of words, so with the catalogue's size
    return confidence.Measures(
        confidence=share,
        score=result.scores[0] / math.log(1 + index.size),
        pairs=index.pairs_in_names(result.question),
        synonyms=bool(result.question.added),
    )


def _best_sentence(text: str, prefer_level: str | None):
    """(text, result, measures) of the question, or for a long one (a story, up to MAX_LENGTH
    characters, where the search reads only its first MAX_QUESTION) of the sentence the search
    is surest about: "Năm ngoái tôi chuyển nhà… Giờ tôi muốn làm lại căn cước bị mất."."""
    sentences = [text]
    if len(text) > MAX_QUESTION:
        parts = [part.strip() for part in _SENTENCE.split(text)]
        sentences = [part for part in parts if len(part.split()) >= 2][:MAX_SENTENCES] or [text]
    best = None
    for sentence in sentences:
        result = search_procedures(sentence, prefer_level=prefer_level, limit=MAX_CHOICES)
        measures = judge(sentence, result, tied=_tie(result.scores))
        if best is None or measures.weighed > best[2].weighed:
            best = (sentence, result, measures)
    return best


def _search_url(text: str) -> str:
    url = reverse("portal:procedures")
    return f"{url}?{urlencode({'q': text})}" if text else url


def _not_found(text: str) -> Answer:
    return Answer(
        kind="not_found",
        message=_(
            "Tôi chưa tìm thấy thủ tục nào phù hợp với câu hỏi này trong danh mục. "
            "Bạn có thể tìm trong danh mục thủ tục, hoặc hỏi lại bằng tên giấy tờ cần làm."
        ),
        search_url=_search_url(text),
    )


def _differences(procedures: list[Procedure], most: int = 6) -> list[str]:
    """For each name, its words that not every other name has (compared without diacritics),
    so the question can say what the choice is about: "cấp lại … bị mất" or "cấp đổi … hư hỏng"."""
    names = [procedure.name.replace(",", " ").split() for procedure in procedures]
    shared = set.intersection(*({fold(word) for word in name} for name in names)) if names else set()
    return [" ".join([word for word in name if fold(word) not in shared][:most]) for name in names]


def _tie(scores: list[float]) -> bool:
    return len(scores) > 1 and scores[0] > 0 and scores[1] >= scores[0] * TIE_SHARE


def _procedure(code: str) -> Procedure:
    procedure = (
        Procedure.objects.filter(code=code, is_active=True)
        .select_related("field")
        .prefetch_related(
            "documents", "fees", Prefetch("agencies", queryset=Agency.objects.select_related("unit"))
        )
        .first()
    )
    if procedure is None:
        raise NotFound(code="procedure_not_found", message=_("Không tìm thấy thủ tục."))
    return procedure


def describe(procedure: Procedure, *, focus: str = "", address: str = "") -> Answer:
    """(``procedure`` with its documents, fees and agencies prefetched.) What to bring, the fee, the time, where and online: each from the catalogue or said missing.

    With ``focus`` (a follow-up asked one thing) the message says only that, for the procedure named.
    """
    answer = Answer(kind="answer", message="", procedure=procedure, focus=focus)
    said: dict[str, str] = {}
    for document in list(procedure.documents.all())[:MAX_DOCUMENTS]:
        counts = []
        if document.originals:
            counts.append(_("%(n)d bản chính") % {"n": document.originals})
        if document.copies:
            counts.append(_("%(n)d bản sao") % {"n": document.copies})
        answer.documents.append(document.name + (f" ({', '.join(counts)})" if counts else ""))
    sentences = [_("Thủ tục phù hợp: %(name)s.") % {"name": procedure.name}]
    if answer.documents:
        said["documents"] = _("Bạn cần chuẩn bị %(n)d loại giấy tờ (liệt kê bên dưới).") % {
            "n": procedure.documents.count()
        }
    else:
        answer.missing.append("documents")
        said["documents"] = _("Danh mục chưa có thông tin về thành phần hồ sơ của thủ tục này.")
    fees = list(procedure.fees.all())
    if fees:
        answer.fee = "; ".join(f"{fee.name}: {fee_text(fee.amount)}" for fee in fees)
        said["fee"] = _("Phí, lệ phí: %(fee)s.") % {"fee": answer.fee}
    elif procedure.fee_note.strip():
        answer.fee = procedure.fee_note.strip()
        said["fee"] = _("Phí, lệ phí: %(fee)s.") % {"fee": answer.fee}
    else:
        answer.missing.append("fee")
        said["fee"] = _("Danh mục chưa có thông tin về phí, lệ phí.")
    if procedure.processing_time_amount is not None or procedure.processing_time_note:
        answer.time = processing_time_text(procedure)
        said["time"] = _("Thời hạn giải quyết: %(time)s.") % {"time": answer.time}
    else:
        answer.missing.append("time")
        said["time"] = _("Danh mục chưa có thông tin về thời hạn giải quyết.")
    where = where_to_file(procedure, address=address)
    if where:
        answer.where = where
        said["where"] = _("Nơi nộp: %(where)s.") % {"where": where}
    else:
        answer.missing.append("where")
        said["where"] = _("Danh mục chưa có thông tin về nơi nộp hồ sơ.")
    answer.online = procedure.get_online_level_display()
    answer.can_file_online = procedure.accepts_online
    if answer.can_file_online:
        answer.action_url = reverse("portal:file", args=[procedure.code])
        said["online"] = _("Thủ tục này nộp được trực tuyến (%(level)s).") % {"level": answer.online}
    else:
        answer.action_url = reverse("portal:procedure", args=[procedure.code])
        said["online"] = _("Thủ tục này chưa nộp trực tuyến được: bạn nộp trực tiếp hoặc qua bưu chính.")
    if focus in said:
        answer.message = _("Về thủ tục “%(name)s”: %(answer)s") % {
            "name": procedure.name,
            "answer": said[focus],
        }
    else:
        sentences += [said[key] for key in ("documents", "fee", "time", "where", "online")]
        answer.message = " ".join(sentences)
    return answer


def where_to_file(procedure: Procedure, *, address: str = "") -> str:
    """Every agency that receives the procedure, never a few cut silently.

    Where any of many communes receives it, the applicant's own commune (found in their
    address) comes first, then "và N xã/phường khác"; without an address, all are named.
    """
    agencies = [agency for agency in procedure.agencies.all() if agency.is_active]
    if not agencies:
        return procedure.implementing_agencies or procedure.competent_authority
    communes = [a for a in agencies if a.kind == AgencyKind.COMMUNE_COMMITTEE]
    others = [a.name for a in agencies if a.kind != AgencyKind.COMMUNE_COMMITTEE]
    if len(communes) <= LISTED_COMMUNES:
        return "; ".join(others + [a.name for a in communes])
    own = _own_commune(communes, address)
    if own:
        rest = len(communes) - 1
        listed = others + [own.name]
        return "; ".join(listed) + " " + _("và %(n)d xã/phường khác") % {"n": rest}
    return "; ".join(others + [", ".join(a.name for a in communes)])


def _own_commune(communes, address: str):
    """The commune named in an address, by the unit's name without diacritics ("Xã Cẩm Xuyên")."""
    folded = " " + " ".join(fold(address).replace(",", " ").split()) + " "
    if not address.strip():
        return None
    best = None
    for agency in communes:
        unit = " " + " ".join(fold(agency.unit.name).split()) + " "
        bare = " " + " ".join(unit.split()[1:]) + " " if len(unit.split()) > 1 else unit
        if unit in folded or bare in folded:
            if best is None or len(agency.unit.name) > len(best.unit.name):
                best = agency
    return best
