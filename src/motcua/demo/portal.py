"""What the portal and the counter show in the demo: blank forms to download, look-up tokens,
satisfaction ratings and feedback with answers — all written through the services."""

from __future__ import annotations

from django.core.files.base import ContentFile

from motcua.catalogue.models import DocumentComponent
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.feedback.questions import QUESTION_CODES
from motcua.feedback.services import answer_feedback, rate_dossier, send_feedback
from motcua.org.models import Agency
from motcua.paperwork.services import issue_lookup_token
from motcua.portal.blank_forms import blank_form_pdf

BLANK_FORMS = 12
FEEDBACK = [
    (
        "complaint",
        "Chờ lâu tại quầy tiếp nhận",
        "Sáng thứ Hai tôi phải chờ hơn một giờ mới tới lượt nộp hồ sơ.",
    ),
    ("suggestion", "Trực quầy giờ nghỉ trưa", "Đề nghị bố trí trực quầy vào giờ nghỉ trưa cho người đi làm."),
    (
        "complaint",
        "Không tải được mẫu tờ khai",
        "Trang thủ tục không có tệp mẫu tờ khai để tải về điền trước.",
    ),
    (
        "suggestion",
        "Nhắn tin khi có kết quả",
        "Đề nghị gửi tin nhắn khi hồ sơ có kết quả để người dân biết mà đến nhận.",
    ),
    (
        "complaint",
        "Hồ sơ quá hạn chưa có kết quả",
        "Hồ sơ của tôi đã quá ngày hẹn hai ngày nhưng chưa có kết quả.",
    ),
    ("suggestion", "Hướng dẫn chụp giấy tờ", "Nên có hướng dẫn chụp giấy tờ bằng điện thoại sao cho rõ nét."),
]
ANSWERS = [
    "Trung tâm đã bổ sung quầy lấy số tự động và bố trí thêm cán bộ vào sáng thứ Hai. Cảm ơn ông/bà đã phản ánh.",
    "Từ tháng tới, Bộ phận một cửa bố trí trực luân phiên vào giờ nghỉ trưa các ngày thứ Ba và thứ Năm.",
    "Mẫu tờ khai đã được đăng tải tại mục Thành phần hồ sơ của thủ tục. Xin cảm ơn.",
]


def add_blank_forms(limit: int = BLANK_FORMS) -> int:
    """Mẫu đơn, tờ khai to download for the first components that name a form."""
    components = (
        DocumentComponent.objects.exclude(form_name="")
        .filter(form_file="")
        .select_related("procedure")
        .order_by("procedure__code", "order")[:limit]
    )
    count = 0
    for component in components:
        component.form_file.save(
            f"mau-{component.procedure.code}-{component.pk}.pdf", ContentFile(blank_form_pdf(component))
        )
        count += 1
    return count


def add_ratings_and_feedback(rng) -> tuple[int, int]:
    returned = list(Dossier.objects.filter(status=Status.RETURNED).order_by("id"))
    ratings = 0
    for dossier in returned:
        issue_lookup_token(dossier=dossier)
        if rng.random() < 0.6:
            mood = rng.choice([5, 5, 4, 4, 4, 3, 2])
            scores = {code: max(1, min(5, mood + rng.choice([0, 0, 0, -1, 1]))) for code in QUESTION_CODES}
            rate_dossier(
                dossier=dossier,
                scores=scores,
                comment="",
                channel=rng.choice(["qr", "portal"]),
                by=dossier.applicant,
            )
            ratings += 1
    for dossier in Dossier.objects.exclude(code=None).filter(received_at__isnull=False).order_by("id")[:200]:
        issue_lookup_token(dossier=dossier)
    centre_and_departments = list(
        Agency.objects.filter(kind__in=["service_centre", "department"]).order_by("code")
    )
    sent = 0
    for index, (kind, subject, content) in enumerate(FEEDBACK):
        applicant = returned[index % len(returned)].applicant if returned else None
        agency = centre_and_departments[index % len(centre_and_departments)]
        item = send_feedback(
            kind=kind,
            subject=subject,
            content=content,
            sender_name=applicant.full_name if applicant else "Nguyễn Văn An",
            sender_phone=applicant.phone if applicant else "",
            agency=agency,
            sender=applicant,
        )
        sent += 1
        if index < len(ANSWERS):
            official = agency.role_assignments.select_related("official__user").first()
            if official is not None:
                answer_feedback(
                    feedback=item, by=official.official.user, answer=ANSWERS[index], publish=index != 2
                )
    return ratings, sent
