"""The satisfaction questions, on the five-point scale the national index uses.

Decision 766/QĐ-TTg (2022) scores a province's satisfaction group (18 of 100
points) from citizens' ratings of how their dossier was handled. The questions
follow what that group and Decree 61/2018 (Art. 32) ask about: publicity of the
procedure, timeliness, the officials' attitude, the online service, and the
result. Their codes are stable: reports aggregate by code.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    code: str
    text: Promise


QUESTIONS: tuple[Question, ...] = (
    Question(
        "publicity",
        _("Thông tin về thủ tục (giấy tờ, phí, thời hạn, nơi nộp) được công khai đầy đủ, dễ hiểu"),
    ),
    Question("timeliness", _("Hồ sơ được giải quyết và trả kết quả đúng hẹn")),
    Question("attitude", _("Thái độ và sự hướng dẫn của cán bộ, công chức khi tiếp nhận, giải quyết hồ sơ")),
    Question("online", _("Sự thuận tiện khi nộp hồ sơ, theo dõi và nhận kết quả trực tuyến")),
    Question("overall", _("Mức độ hài lòng chung về việc giải quyết thủ tục hành chính")),
)
QUESTION_CODES = tuple(q.code for q in QUESTIONS)

SCALE: tuple[tuple[int, Promise], ...] = (
    (1, _("Rất không hài lòng")),
    (2, _("Không hài lòng")),
    (3, _("Bình thường")),
    (4, _("Hài lòng")),
    (5, _("Rất hài lòng")),
)
