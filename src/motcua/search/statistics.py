"""Search statistics for administrators: what people asked each week, what found nothing,
what was never followed by opening a procedure, which words were corrected.

Only the question folded (no diacritics, lower case) is kept, with every run of four or
more digits (identity, phone and dossier numbers), e-mail addresses and web addresses
masked, cut to 120 characters; no user, no IP address, no time finer than the week. A
click is counted through a signed token in the result's link, not a cookie.
"""

from __future__ import annotations

import datetime
import re

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from motcua.core.text import fold
from motcua.search.models import Channel, QuestionStat

MAX_KEPT = 120
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(https?://|www\.)\S+")
_DIGITS = re.compile(r"\d[\d .\-]{2,}\d")
_SALT = "motcua.search.click"


def anonymised(question: str) -> str:
    """The question as kept: folded, personal numbers and addresses masked."""
    text = _URL.sub(" ", _EMAIL.sub(" ", question))
    text = _DIGITS.sub(lambda m: "#" if sum(c.isdigit() for c in m.group()) >= 4 else m.group(), text)
    text = " ".join(re.findall(r"[a-z0-9#]+", fold(text)))
    return text[:MAX_KEPT].strip()


def week_of(day: datetime.date | None = None) -> datetime.date:
    day = day or timezone.localdate()
    return day - datetime.timedelta(days=day.weekday())


def record_question(
    question: str, *, channel: str = Channel.PORTAL, found: bool = True, corrected: dict | None = None
) -> int | None:
    """Count one search; returns the statistic's id (for the click token), None when nothing is kept."""
    text = anonymised(question)
    if not text:
        return None
    week = week_of()
    fixed = "; ".join(f"{typed} → {meant}" for typed, meant in (corrected or {}).items())[:300]
    for _attempt in range(2):
        updated = QuestionStat.objects.filter(week=week, channel=channel, question=text).update(
            searches=F("searches") + 1, no_result=F("no_result") + (0 if found else 1)
        )
        if not updated:
            try:
                with transaction.atomic():
                    QuestionStat.objects.create(
                        week=week,
                        channel=channel,
                        question=text,
                        searches=1,
                        no_result=0 if found else 1,
                        corrected=fixed,
                    )
            except IntegrityError:  # another request created it in between: count again
                continue
        break
    return (
        QuestionStat.objects.filter(week=week, channel=channel, question=text)
        .values_list("pk", flat=True)
        .first()
    )


def click_token(stat_id: int | None) -> str:
    return signing.Signer(salt=_SALT).sign(str(stat_id)) if stat_id else ""


def record_click(token: str) -> bool:
    """Count that a procedure was opened from a result list (a forged token counts nothing)."""
    if not token:
        return False
    try:
        stat_id = int(signing.Signer(salt=_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return False
    return bool(QuestionStat.objects.filter(pk=stat_id).update(clicks=F("clicks") + 1))
