"""One working day before the appointment date the officials are warned; after it the dossier is
marked overdue and the applicant told — each once, however often the jobs run."""

from datetime import datetime

from django.core import mail

from motcua.core.calendar import LOCAL_TZ
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.states import Status
from motcua.integration import tasks
from motcua.integration.deadlines import mark_overdue, warn_due_soon
from motcua.integration.deliveries import deliver_due
from motcua.integration.relay import relay_batch
from motcua_testing.dossiers import dossier_in


def _local(*args) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


def _processing_due(world, due: datetime):
    dossier = dossier_in(world, Status.PROCESSING)
    type(dossier).objects.filter(pk=dossier.pk).update(due_at=due)
    world.processor.user.email = "chuyenvien@sotuphap.gov.vn"
    world.processor.user.save()
    return dossier


def test_canh_bao_mot_ngay_lam_viec_truoc_han_qua_cuoi_tuan_va_chi_mot_lan(world):
    # Due Monday 24/11/2025 at 10:00: on Friday at 11:00 less than one working day remains.
    dossier = _processing_due(world, _local(2025, 11, 24, 10, 0))

    assert warn_due_soon(at=_local(2025, 11, 20, 16, 0)) == 0  # Thursday: more than a working day left
    assert warn_due_soon(at=_local(2025, 11, 21, 11, 0)) == 1
    assert warn_due_soon(at=_local(2025, 11, 21, 15, 0)) == 0  # the next run warns no one again
    assert warn_due_soon(at=_local(2025, 11, 24, 8, 0)) == 0

    assert dossier.events.filter(kind="deadline_warning").count() == 1
    relay_batch()
    deliver_due()
    (message,) = [m for m in mail.outbox if m.to == ["chuyenvien@sotuphap.gov.vn"]]
    assert message.subject == f"Hồ sơ {dossier.code} sắp đến hạn trả kết quả"


def test_qua_han_danh_dau_mot_lan_va_bao_cong_dan(world):
    dossier = _processing_due(world, _local(2025, 11, 24, 10, 0))

    assert mark_overdue(at=_local(2025, 11, 24, 9, 0)) == 0
    assert mark_overdue(at=_local(2025, 11, 24, 10, 30)) == 1
    assert mark_overdue(at=_local(2025, 11, 25, 10, 30)) == 0

    (event,) = DossierEvent.objects.filter(dossier=dossier, kind="overdue")
    assert event.data["due_at"].startswith("2025-11-24T03:00:00")  # 10:00 in Vietnam
    relay_batch()
    deliver_due()
    assert [m.subject for m in mail.outbox if m.to == [world.citizen.email]][-1] == (
        f"Hồ sơ {dossier.code} đã quá hạn giải quyết"
    )


def test_ho_so_tam_dung_khong_bi_danh_dau_qua_han(world):
    dossier = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    type(dossier).objects.filter(pk=dossier.pk).update(due_at=_local(2025, 11, 24, 10, 0))

    assert mark_overdue(at=_local(2025, 12, 1, 10, 0)) == 0


def test_cong_viec_dinh_ky_chay_duoc_trong_worker(world):
    _processing_due(world, _local(2020, 1, 6, 10, 0))  # long past

    assert tasks.mark_overdue.delay().get() == 1
    assert tasks.mark_overdue.delay().get() == 0
    assert tasks.relay.delay().get() >= 1
