"""The workspace pages: queues with counts, the dossier's actions, the slip and the letters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.audit.models import Action, AuditEntry
from motcua.dossiers import services as dossier_services
from motcua.dossiers.states import Status
from motcua.testing.dossiers import dossier_in
from motcua.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_queue_shows_the_officials_dossiers_with_counts_on_the_menu(world, client):
    late = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=20))
    dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = client.get("/can-bo/xu-ly/").content.decode()
    assert late.code in page
    assert 'data-queue="can-xu-ly">Cần xử lý (<span class="count">2</span>)' in page
    assert "1 quá hạn" in page
    overdue = client.get("/can-bo/xu-ly/?hang=qua-han").content.decode()
    assert late.code in overdue


def test_the_queue_filters_and_sorts(world, client):
    first = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=2))
    second = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    page = client.get("/can-bo/xu-ly/", {"q": second.code}).content.decode()
    assert second.code in page and first.code not in page
    page = client.get("/can-bo/xu-ly/", {"sap-xep": "-han"}).content.decode()
    assert page.index(second.code) < page.index(first.code)


def test_the_queue_page_is_logged_with_the_codes_shown(world, client):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    client.get("/can-bo/xu-ly/")
    entry = AuditEntry.objects.filter(action=Action.LIST).latest("id")
    assert dossier.code in entry.detail["codes"]


def test_hand_over_from_the_page_moves_the_dossier_on(world, client):
    dossier = dossier_in(world, Status.RECEIVED)
    client.force_login(world.receiver.user)
    response = client.post(
        f"/can-bo/xu-ly/ho-so/{dossier.code}/hand_over/", {"note": "Đủ hồ sơ"}, follow=True
    )
    assert "Đã chuyển hồ sơ sang bước tiếp theo." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING


def test_a_refused_action_explains_and_changes_nothing(world, client):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    response = client.post(f"/can-bo/xu-ly/ho-so/{dossier.code}/send_back/", {"reason": ""})
    assert response.status_code == 400
    assert "Cần ghi rõ lý do trả lại." in response.content.decode()
    response = client.post(
        f"/can-bo/xu-ly/ho-so/{dossier.code}/apologize/", {"new_due_at": "hôm qua", "reason": "x"}
    )
    assert response.status_code == 400
    assert "Nhập ngày hẹn mới hợp lệ." in response.content.decode()
    assert dossier.events.count() == 3


def test_a_supplement_request_from_the_workspace_stops_the_clock(world, client):
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    client.post(
        f"/can-bo/xu-ly/ho-so/{dossier.code}/request_supplement/",
        {"missing_other": "Bản sao giấy chứng sinh", "reason": "Thiếu giấy tờ"},
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.SUPPLEMENT_REQUESTED and dossier.is_paused


def test_the_tracking_slip_lists_each_step_who_and_when(world, client):
    dossier = dossier_in(world, Status.RESULT_READY)
    client.force_login(world.leader.user)
    page = client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/phieu-kiem-soat/").content.decode()
    assert "Phê duyệt" in page and world.leader.user.full_name in page
    pdf = client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/giay-to/phieu-kiem-soat.pdf")
    text = pdf_text(pdf.content)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text.upper()
    assert "Phê duyệt" in text
    from conftest import SCREENSHOTS

    from motcua.testing.pdf import pdf_to_png

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf_to_png(pdf.content, SCREENSHOTS / "paper-tracking-slip.png")
    assert AuditEntry.objects.filter(action=Action.EXPORT, object_ref=dossier.code).exists()


def test_the_apology_letter_states_the_old_and_new_dates(world, client):
    dossier = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=20))
    new_day = (timezone.now() + timedelta(days=14)).date()
    while new_day.weekday() >= 5:
        new_day += timedelta(days=1)
    client.force_login(world.processor.user)
    client.post(
        f"/can-bo/xu-ly/ho-so/{dossier.code}/apologize/",
        {"new_due_at": new_day.isoformat(), "reason": "Chờ xác minh của cơ quan khác"},
    )
    pdf = client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/giay-to/phieu-xin-loi-hen-lai.pdf")
    assert pdf.status_code == 200, pdf.content[:300]
    text = pdf_text(pdf.content)
    from conftest import SCREENSHOTS

    from motcua.testing.pdf import pdf_to_png

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf_to_png(pdf.content, SCREENSHOTS / "paper-apology.png")
    assert "Chờ xác minh của cơ quan khác" in text
    assert new_day.strftime("%d/%m/%Y") in text


def test_the_refusal_letter_states_the_reason(world, client):
    dossier = dossier_in(world, Status.PROCESSING)
    dossier_services.refuse(dossier=dossier, by=world.leader.user, reason="Không đủ điều kiện cấp")
    client.force_login(world.leader.user)
    pdf = client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/giay-to/thong-bao-khong-giai-quyet.pdf")
    assert "Không đủ điều kiện cấp" in pdf_text(pdf.content)


def test_the_administrator_searches_the_audit_log_and_checks_the_chain(world, client):
    from motcua.org.models import Role
    from motcua.testing.factories import OfficialFactory

    admin = OfficialFactory.with_roles((world.justice, Role.ADMIN))
    dossier = dossier_in(world, Status.PROCESSING)
    client.force_login(world.processor.user)
    client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    client.force_login(admin.user)
    page = client.get("/can-bo/nhat-ky/", {"doi_tuong": dossier.code, "hanh_dong": "read", "kiem_tra": "1"})
    text = page.content.decode()
    assert world.processor.user.full_name in text
    assert "Chuỗi nhật ký nguyên vẹn" in text
    client.force_login(world.processor.user)
    assert client.get("/can-bo/nhat-ky/").status_code == 403
