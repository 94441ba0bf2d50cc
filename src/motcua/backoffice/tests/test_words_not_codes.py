"""Administrators read words, not code names: the admin site's columns, labels and values, and
the audit log's details (``event: returned; from: result_ready`` was shown as it is)."""

from __future__ import annotations

import re

import pytest

from motcua.accounts.models import User
from motcua.backoffice.audit_words import detail_words
from motcua.dossiers.states import Status
from motcua.integration.models import WebhookSubscription
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import UserFactory
from motcua_testing.pages import Page, follow, open_page, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", kind=User.Kind.OFFICIAL, is_staff=True, is_superuser=True)


def code_name_labels(page: Page, names: set[str]) -> list[str]:
    """Column headers and field labels that are only a field's code name ("previous due at")."""
    shown = page.tree.xpath("//table[@id='result_list']//th//text()|//label//text()|//fieldset//th//text()")
    words = {re.sub(r"[\s:*]+", " ", t).strip().lower() for t in shown}
    return sorted(words & names)


def test_no_admin_page_shows_a_fields_code_name(client, superuser, world):
    from django.contrib import admin

    dossier_in(world, Status.RETURNED)
    WebhookSubscription.objects.create(name="Nền tảng tích hợp", url="https://lgsp.example.vn/hook")
    client.force_login(superuser)
    problems = []
    for model, _model_admin in admin.site._registry.items():
        names = {f.name.replace("_", " ") for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
        names -= {
            str(f.verbose_name).lower()
            for f in model._meta.get_fields()
            if hasattr(f, "verbose_name") and f.name.replace("_", " ") != str(f.verbose_name)
        }
        listing = open_page(client, f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
        assert listing.status_code == 200, model
        problems += [f"{model.__name__} list: {n}" for n in code_name_labels(listing, names)]
        first = model.objects.first()
        if first is not None:
            change = open_page(
                client, f"/admin/{model._meta.app_label}/{model._meta.model_name}/{first.pk}/change/"
            )
            assert change.status_code == 200, model
            problems += [f"{model.__name__} form: {n}" for n in code_name_labels(change, names)]
    assert not problems, problems


def test_the_catalogue_and_the_dossiers_history_show_words_for_codes(client, superuser, world):
    dossier = dossier_in(world, Status.RETURNED)
    client.force_login(superuser)
    procedures = open_page(client, "/admin/catalogue/procedure/")
    assert "working_day" not in procedures.text and "ngày làm việc" in procedures.text
    procedure = follow(client, procedures, world.procedure.code)
    unit = procedure.tree.xpath("//select[@name='processing_time_unit']/option")
    assert [o.text_content() for o in unit] == ["ngày làm việc", "giờ làm việc"]
    history = open_page(client, f"/admin/dossiers/dossier/{dossier.pk}/change/")
    assert "Trả kết quả" in history.text and "Đã có kết quả" in history.text
    assert not re.search(r"\b(returned|result_ready|processing_started)\b", history.text)


def test_the_audit_log_reads_in_words(client, superuser, world):
    dossier = dossier_in(world, Status.RETURNED)
    client.force_login(world.processor.user)
    client.get(f"/can-bo/xu-ly/ho-so/{dossier.code}/")
    client.force_login(superuser)
    audit = follow(client, open_page(client, "/can-bo/"), "Nhật ký truy cập")
    found = submit(client, audit.form("Tìm").fill(doi_tuong=dossier.code))
    text = found.text
    assert "Sự kiện: Trả kết quả; Trạng thái: Đã có kết quả → Đã trả kết quả" in text
    assert "Trang: Xử lý hồ sơ" in text
    assert not re.search(r"\b(event|returned|result_ready|from|view): ", text)


def test_audit_words_for_queues_papers_and_unknown_keys():
    assert detail_words({"view": "workspace:qua-han:don-vi", "codes": ["A", "B"]}) == [
        ("Trang", "Hàng đợi “Quá hạn” (của đơn vị)"),
        ("Hồ sơ", "A, B"),
    ]
    assert detail_words({"paper": "giay-tiep-nhan"}) == [("Giấy tờ", "In giấy tiếp nhận, hẹn trả (Mẫu 01)")]
    assert detail_words({"view": "workspace:hand_over"}) == [("Trang", "Xử lý hồ sơ: Chuyển bước tiếp theo")]
    assert detail_words({"something_new": "x"}) == [("something_new", "x")]  # kept, never dropped


def test_a_webhook_needs_a_web_address_and_known_events(client, superuser):
    client.force_login(superuser)
    listing = open_page(client, "/admin/integration/webhooksubscription/")
    add = follow(client, listing, "Thêm vào đăng ký webhook")
    form = add.form("Lưu lại").fill(name="LGSP", url="ftp://lgsp.example.vn/hook", events="received, paid")
    refused = Page(form.submit(client), add.url)
    assert "Địa chỉ nhận phải là địa chỉ web bắt đầu bằng http:// hoặc https://." in refused.text
    assert "Không có loại sự kiện: paid." in refused.text and "dossier.returned" in refused.text
    assert not WebhookSubscription.objects.exists()
    form = refused.form("Lưu lại").fill(
        url="https://lgsp.example.vn/hook", events="dossier.received, returned"
    )
    assert form.submit(client).status_code == 302
    assert WebhookSubscription.objects.get().events == "received,returned"


def test_the_audit_log_reads_account_security_in_words(client, superuser, world):
    """Found walking ``make run``: the administrator's audit page said "Chi tiết: two_factor: enrolled"
    after their first sign-in."""
    from motcua.audit.models import Action
    from motcua.audit.services import record

    user = world.processor.user
    for detail in ({"two_factor": "enrolled"}, {"password": "changed"}):
        record(
            action=Action.CHANGE, user=user, object_type="account", object_ref=user.username, detail=detail
        )
    client.force_login(superuser)
    audit = follow(client, open_page(client, "/can-bo/"), "Nhật ký truy cập")
    text = audit.text
    assert "Xác thực hai yếu tố: Đăng ký ứng dụng xác thực" in text
    assert "Mật khẩu: Đổi mật khẩu" in text
    assert not re.search(r"\b(two_factor|enrolled|password|changed)\b", text)
