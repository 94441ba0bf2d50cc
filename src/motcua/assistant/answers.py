"""The virtual assistant's answers, from the catalogue only.

It finds the procedure with the search, then says in a few sentences what to
bring, what it costs, how long it takes, where to go and whether it can be
filed online. Every fact comes from the procedure's record; where the record
has nothing, the answer says so instead of guessing. When the best candidates
are about as likely as each other, it asks which one is meant (first issuance
or re-issue, lost or damaged, ...), offering them as choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.core.errors import NotFound, ValidationFailed
from motcua.core.text import fold
from motcua.portal.templatetags.portal import processing_time, vnd
from motcua.search.selectors import MAX_QUESTION, search_procedures

# The second candidate ties with the first when its score is at least this share of it.
TIE_SHARE = 0.97
MAX_CHOICES = 3
MAX_DOCUMENTS = 8


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


def ask(question: str = "", *, procedure_code: str = "", prefer_level: str | None = None) -> Answer:
    """Answer a question, or tell about the procedure the user chose among the choices."""
    question = (question or "").strip()
    if procedure_code:
        procedure = _procedure(procedure_code)
        return describe(procedure)
    if not question:
        raise ValidationFailed(
            _("Hãy viết điều bạn cần, ví dụ: cấp lại bằng lái xe bị mất."),
            fields={"question": [_("Câu hỏi đang để trống.")]},
        )
    if len(question) > MAX_QUESTION:
        raise ValidationFailed(
            _("Câu hỏi dài quá %(n)d ký tự, hãy viết ngắn hơn.") % {"n": MAX_QUESTION},
            fields={"question": [_("Quá dài.")]},
        )
    result = search_procedures(question, prefer_level=prefer_level, limit=MAX_CHOICES)
    if not result.ids:
        return Answer(
            kind="not_found",
            message=_(
                "Tôi chưa tìm thấy thủ tục nào phù hợp trong danh mục. "
                "Bạn thử nói cách khác, ví dụ tên giấy tờ cần làm."
            ),
        )
    procedures = result.procedures()
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
    return describe(_procedure(procedures[0].code))


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
        .prefetch_related("documents", "fees", "agencies")
        .first()
    )
    if procedure is None:
        raise NotFound(code="procedure_not_found", message=_("Không tìm thấy thủ tục."))
    return procedure


def describe(procedure: Procedure) -> Answer:
    """(``procedure`` with its documents, fees and agencies prefetched.) What to bring, the fee, the time, where and online: each from the catalogue or said missing."""
    answer = Answer(kind="answer", message="", procedure=procedure)
    for document in list(procedure.documents.all())[:MAX_DOCUMENTS]:
        counts = []
        if document.originals:
            counts.append(_("%(n)d bản chính") % {"n": document.originals})
        if document.copies:
            counts.append(_("%(n)d bản sao") % {"n": document.copies})
        answer.documents.append(document.name + (f" ({', '.join(counts)})" if counts else ""))
    sentences = [_("Thủ tục phù hợp: %(name)s.") % {"name": procedure.name}]
    if answer.documents:
        sentences.append(
            _("Bạn cần chuẩn bị %(n)d loại giấy tờ (liệt kê bên dưới).") % {"n": procedure.documents.count()}
        )
    else:
        answer.missing.append("documents")
        sentences.append(_("Danh mục chưa có thông tin về thành phần hồ sơ của thủ tục này."))
    fees = list(procedure.fees.all())
    if fees:
        answer.fee = "; ".join(f"{fee.name}: {vnd(fee.amount)}" for fee in fees)
        sentences.append(_("Phí, lệ phí: %(fee)s.") % {"fee": answer.fee})
    elif procedure.fee_note.strip():
        answer.fee = procedure.fee_note.strip()
        sentences.append(_("Phí, lệ phí: %(fee)s.") % {"fee": answer.fee})
    else:
        answer.missing.append("fee")
        sentences.append(_("Danh mục chưa có thông tin về phí, lệ phí."))
    if procedure.processing_time_amount is not None or procedure.processing_time_note:
        answer.time = processing_time(procedure)
        sentences.append(_("Thời hạn giải quyết: %(time)s.") % {"time": answer.time})
    else:
        answer.missing.append("time")
        sentences.append(_("Danh mục chưa có thông tin về thời hạn giải quyết."))
    agencies = [agency.name for agency in procedure.agencies.all() if agency.is_active]
    where = "; ".join(agencies[:3]) or procedure.implementing_agencies or procedure.competent_authority
    if where:
        answer.where = where
        sentences.append(_("Nơi nộp: %(where)s.") % {"where": where})
    else:
        answer.missing.append("where")
        sentences.append(_("Danh mục chưa có thông tin về nơi nộp hồ sơ."))
    answer.online = procedure.get_online_level_display()
    answer.can_file_online = procedure.accepts_online
    if answer.can_file_online:
        answer.action_url = reverse("portal:file", args=[procedure.code])
        sentences.append(_("Thủ tục này nộp được trực tuyến (%(level)s).") % {"level": answer.online})
    else:
        answer.action_url = reverse("portal:procedure", args=[procedure.code])
        sentences.append(_("Thủ tục này chưa nộp trực tuyến được: bạn nộp trực tiếp hoặc qua bưu chính."))
    answer.message = " ".join(sentences)
    return answer
