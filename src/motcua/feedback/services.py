"""Writes of ratings and feedback: one transaction each."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.feedback.models import Feedback, Rating, RatingScore
from motcua.feedback.questions import QUESTIONS
from motcua.org.models import Agency
from motcua.org.selectors import agency_ids_for

# No 0/O, 1/I/L: a tracking code is read aloud and typed from paper.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_code() -> str:
    """``PAKN-XXXXX-XXXXX``: about 50 random bits, so a code cannot be guessed to read another's answer."""
    part = lambda: "".join(secrets.choice(CODE_ALPHABET) for _ in range(5))  # noqa: E731
    return f"PAKN-{part()}-{part()}"


def rate_dossier(
    *, dossier: Dossier, scores: dict[str, int], comment: str = "", channel: str, by=None
) -> Rating:
    """Đánh giá: the applicant (signed in, or holding the receipt's QR code) rates a returned dossier once."""
    if channel == Rating.Channel.PORTAL and (by is None or by.pk != dossier.applicant_id):
        raise Forbidden(_("Chỉ người nộp hồ sơ mới đánh giá được hồ sơ này."))
    if dossier.status != Status.RETURNED:
        raise InvalidTransition(_("Chỉ đánh giá được hồ sơ đã trả kết quả."))
    errors = {}
    for question in QUESTIONS:
        value = scores.get(question.code)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[question.code] = [_("Vui lòng chọn một mức từ 1 đến 5.")]
    if len(comment or "") > 2000:
        errors["comment"] = [_("Góp ý dài tối đa 2.000 ký tự.")]
    if errors:
        raise ValidationFailed(_("Vui lòng trả lời đủ các câu hỏi."), fields=errors)
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier,
                agency_id=dossier.competent_agency_id,
                channel=channel,
                comment=(comment or "").strip(),
            )
            RatingScore.objects.bulk_create(
                [RatingScore(rating=rating, question=q.code, score=scores[q.code]) for q in QUESTIONS]
            )
    except IntegrityError:
        raise Conflict(_("Hồ sơ này đã được đánh giá. Cảm ơn ông/bà."), code="already_rated") from None
    return rating


def _contact_errors(phone: str, email: str) -> dict:
    errors = {}
    digits = phone.replace(" ", "").replace(".", "")
    if digits and not (digits.isdigit() and 9 <= len(digits) <= 11 and digits.startswith("0")):
        errors["sender_phone"] = [_("Số điện thoại gồm 10 chữ số, bắt đầu bằng số 0.")]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["sender_email"] = [_("Địa chỉ thư điện tử không hợp lệ.")]
    return errors


def send_feedback(
    *,
    kind: str,
    subject: str,
    content: str,
    sender_name: str,
    agency: Agency | None = None,
    dossier_code: str = "",
    sender_phone: str = "",
    sender_email: str = "",
    sender=None,
) -> Feedback:
    """Gửi phản ánh, kiến nghị: the sender gets a tracking code to follow the answer."""
    subject, content, sender_name = (
        (subject or "").strip(),
        (content or "").strip(),
        (sender_name or "").strip(),
    )
    sender_phone, sender_email = (sender_phone or "").strip(), (sender_email or "").strip()
    errors = _contact_errors(sender_phone, sender_email)
    if kind not in Feedback.Kind.values:
        errors["kind"] = [_("Chọn phản ánh hoặc kiến nghị.")]
    if not subject:
        errors["subject"] = [_("Cần nhập tiêu đề.")]
    elif len(subject) > 200:
        errors["subject"] = [_("Tiêu đề dài tối đa 200 ký tự.")]
    if len(content) < 10:
        errors["content"] = [_("Nội dung cần ít nhất 10 ký tự.")]
    elif len(content) > 5000:
        errors["content"] = [_("Nội dung dài tối đa 5.000 ký tự.")]
    if not sender_name:
        errors["sender_name"] = [_("Cần nhập họ và tên.")]
    dossier = None
    if dossier_code.strip():
        dossier = Dossier.objects.exclude(status=Status.DRAFT).filter(code=dossier_code.strip()).first()
        if dossier is None:
            errors["dossier_code"] = [_("Không tìm thấy hồ sơ có mã này.")]
    if agency is None and dossier is not None:
        agency = dossier.competent_agency
    if agency is None and "dossier_code" not in errors:
        errors["agency"] = [_("Chọn cơ quan nhận phản ánh, kiến nghị.")]
    if errors:
        raise ValidationFailed(fields=errors)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Feedback.objects.create(
                    code=new_tracking_code(),
                    kind=kind,
                    agency=agency,
                    dossier=dossier,
                    subject=subject,
                    content=content,
                    sender_name=sender_name,
                    sender_phone=sender_phone,
                    sender_email=sender_email,
                    sender=sender if sender is not None and sender.is_authenticated else None,
                )
        except IntegrityError:  # a tracking code drawn twice: draw again
            continue
    raise Conflict()


def _official_for(feedback: Feedback, by):
    official = getattr(by, "official", None) if by is not None and by.is_authenticated else None
    if official is None or feedback.agency_id not in agency_ids_for(official):
        raise Forbidden(_("Bạn không có quyền trả lời phản ánh, kiến nghị này."))
    return official


def answer_feedback(*, feedback: Feedback, by, answer: str, publish: bool) -> Feedback:
    """Trả lời: an official of the agency answers; the answer is published when they mark it public."""
    answer = (answer or "").strip()
    if len(answer) < 10:
        raise ValidationFailed(fields={"answer": [_("Nội dung trả lời cần ít nhất 10 ký tự.")]})
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        official = _official_for(locked, by)
        now = timezone.now()
        locked.answer = answer
        locked.answered_by = official
        locked.answered_at = now
        locked.status = Feedback.Status.ANSWERED
        locked.is_public = bool(publish)
        locked.published_at = now if publish else None
        locked.save()
    return locked


def set_publication(*, feedback: Feedback, by, public: bool) -> Feedback:
    """Công khai / thôi công khai an answered feedback."""
    with transaction.atomic():
        locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
        _official_for(locked, by)
        if public and locked.status != Feedback.Status.ANSWERED:
            raise InvalidTransition(_("Chỉ công khai được phản ánh, kiến nghị đã có trả lời."))
        locked.is_public = public
        locked.published_at = timezone.now() if public else None
        locked.save(update_fields=["is_public", "published_at"])
    return locked
