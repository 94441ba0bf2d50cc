"""The officials' home /can-bo/: counts and shortcuts per role, and who may open it (superusers too)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers.states import Status
from motcua.org.models import Role
from motcua.workspace import services as workspace_services
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import AgencyFactory, OfficialFactory, UserFactory
from motcua_testing.pages import follow, open_page, submit

pytestmark = pytest.mark.django_db


def tile(page, label: str) -> str:
    """The number on the home page's tile ``label``."""
    for anchor in page.tree.xpath("//*[contains(@class, 'tile')]"):
        labels = anchor.xpath(".//*[@class='tile-label']")
        if labels and labels[0].text_content().strip() == label:
            return anchor.xpath(".//*[@class='tile-count']")[0].text_content().strip()
    raise AssertionError(f"no tile {label}")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", kind=User.Kind.OFFICIAL, is_staff=True, is_superuser=True)


def test_a_superuser_without_an_officials_record_uses_the_home_and_the_audit_log(client, superuser, world):
    dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=30))
    client.force_login(superuser)
    home = open_page(client, "/can-bo/")
    assert home.status_code == 200
    assert tile(home, "Hồ sơ quá hạn") == "1"
    assert home.has_link("Trang quản trị")
    audit = follow(client, home, "Nhật ký truy cập")
    assert audit.status_code == 200 and "Kiểm tra chuỗi băm" in audit.text
    checked = submit(client, audit.form("Kiểm tra chuỗi băm"))
    assert "Chuỗi nhật ký nguyên vẹn" in checked.text


def test_a_superuser_on_a_page_that_needs_a_role_is_told_what_it_needs(client, superuser):
    client.force_login(superuser)
    home = open_page(client, "/can-bo/")
    assert not home.has_link("Xử lý hồ sơ") and not home.has_link("Tiếp nhận trực tiếp")
    for url in ("/can-bo/xu-ly/", "/can-bo/mot-cua/", "/can-bo/phan-anh/"):
        page = open_page(client, url)
        assert page.status_code == 403
        assert "Tài khoản quản trị hệ thống chưa được phân quyền cán bộ" in page.text
        assert page.has_link("Về trang chủ cán bộ")


def test_the_provincial_administrator_reaches_the_audit_log_from_the_home(client, world):
    province = AgencyFactory(code="000.00.00.H30", name="Ủy ban nhân dân tỉnh")
    world.justice.parent = province
    world.justice.save()
    administrator = OfficialFactory.with_roles((province, Role.ADMIN))
    dossier_in(world, Status.SUBMITTED)
    client.force_login(administrator.user)
    home = open_page(client, "/can-bo/")
    assert tile(home, "Hồ sơ đang giải quyết") == "1"
    assert follow(client, home, "Nhật ký truy cập").status_code == 200


def test_a_citizen_gets_no_officials_page(client, world):
    client.force_login(world.citizen)
    assert client.get("/can-bo/").status_code == 403
    assert client.get("/can-bo/nhat-ky/").status_code == 403


def test_the_receiver_sees_the_counters_queues_and_reaches_them(client, world):
    waiting = dossier_in(world, Status.SUBMITTED)
    ready = dossier_in(world, Status.RESULT_READY)
    client.force_login(world.receiver.user)
    home = open_page(client, "/can-bo/")
    assert tile(home, "Chờ tiếp nhận") == "1" and tile(home, "Chờ trả kết quả") == "1"
    assert "Tiếp nhận hồ sơ trực tiếp" in home.buttons("button")
    queue = follow(client, home, "Chờ trả kết quả")
    assert ready.code in queue.text and waiting.code not in queue.text
    assert follow(client, home, "Tiếp nhận hồ sơ trực tiếp").status_code == 200


def test_the_processor_sees_to_do_due_soon_overdue_and_waiting(client, world):
    late = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=30))
    dossier_in(world, Status.PROCESSING)
    dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    client.force_login(world.processor.user)
    home = open_page(client, "/can-bo/")
    assert tile(home, "Cần xử lý") == "2"
    assert tile(home, "Quá hạn") == "1"
    assert tile(home, "Chờ bổ sung") == "1"
    assert tile(home, "Sắp đến hạn") == "0"
    assert not home.has_link("Chờ ký duyệt") and not home.has_link("Tiếp nhận, trả kết quả")
    overdue = follow(client, home, "Quá hạn")
    assert late.code in overdue.text


def test_the_leader_sees_what_waits_for_a_signature(client, world):
    handed = dossier_in(world, Status.PROCESSING)
    workspace_services.hand_over(dossier=handed, by=world.processor.user, note="Đề nghị ký")
    dossier_in(world, Status.PROCESSING)  # still with the processor
    client.force_login(world.leader.user)
    home = open_page(client, "/can-bo/")
    assert tile(home, "Chờ ký duyệt") == "1"
    waiting = follow(client, home, "Chờ ký duyệt")
    assert handed.code in waiting.text
    dossier = follow(client, waiting, handed.code)
    assert dossier.status_code == 200 and "Phê duyệt" in dossier.buttons()


def test_the_finance_officers_home_leads_to_the_reconciliation_not_to_no_rights(client, world):
    """Found walking ``make run`` as ketoan.tinh: an official with no role but the finance officer's was
    told "Tài khoản chưa được phân quyền tại cơ quan nào" on their home."""
    from motcua.payments.models import FinanceOfficer

    officer = OfficialFactory.with_roles()
    FinanceOfficer.objects.create(official=officer).agencies.set([world.justice])
    client.force_login(officer.user)
    home = open_page(client, "/can-bo/")
    assert "chưa được phân quyền" not in home.text
    assert tile(home, "Đơn vị được giao đối soát") == "1"
    statement = follow(client, home, "Đối soát phí, lệ phí")
    assert statement.status_code == 200 and "Đối soát phí, lệ phí" in statement.text


# The officials' pages a menu may show: its link text, and where it goes.
MENU_PAGES = [
    ("Xử lý hồ sơ", "workspace:queue"),
    ("Tiếp nhận, trả kết quả", "backoffice:counter"),
    ("Tiếp nhận trực tiếp", "backoffice:walk-in"),
    ("Số hóa", "documents-backoffice:tray"),
    ("Phản ánh, kiến nghị", "backoffice:feedback"),
    ("Đối soát phí, lệ phí", "payments:reconciliation"),
    ("Chỉ số, báo cáo", "reports:dashboard"),
    ("Nhật ký truy cập", "backoffice:audit"),
    ("Trang quản trị", "admin:index"),
]


def _every_role(world, superuser):
    from motcua.payments.models import FinanceOfficer

    province = AgencyFactory(code="000.00.00.H30", name="Ủy ban nhân dân tỉnh")
    world.justice.parent = province
    world.justice.save()
    finance = OfficialFactory.with_roles()
    FinanceOfficer.objects.create(official=finance).agencies.set([world.justice])
    return {
        "receiver": world.receiver.user,
        "processor": world.processor.user,
        "leader": world.leader.user,
        "provincial administrator": OfficialFactory.with_roles((province, Role.ADMIN)).user,
        "finance officer": finance.user,
        "superuser": superuser,
    }


def test_every_roles_menu_leads_to_every_page_it_may_open_and_to_no_other(client, world, superuser):
    """The superuser (the demo's provincial administrator) had no "Chỉ số, báo cáo" in the menu, and the
    dashboard refused them; a menu must show exactly the officials' pages the person may open."""
    from django.urls import reverse

    dossier_in(world, Status.PROCESSING)
    mismatches = []
    for role, user in _every_role(world, superuser).items():
        client.force_login(user)
        home = open_page(client, "/can-bo/")
        menu = {a.text_content().strip() for a in home.tree.xpath("//nav[contains(@class, 'main')]//a")}
        for label, name in MENU_PAGES:
            shown = any(text.startswith(label) for text in menu)
            response = client.get(reverse(name))
            opens = response.status_code == 200
            if name == "admin:index":  # an official is staff; the index is of use with some model to edit
                opens = opens and b'class="app-' in response.content
            if shown != opens:
                mismatches.append(f"{role}: {label} {'shown' if shown else 'not shown'}, opens={opens}")
    assert mismatches == [], "\n".join(mismatches)


def test_the_superuser_follows_the_menu_to_the_whole_provinces_indicators(client, world, superuser):
    dossier_in(world, Status.PROCESSING)
    dossier_in(world, Status.SUBMITTED)
    client.force_login(superuser)
    dashboard = follow(client, open_page(client, "/can-bo/"), "Chỉ số, báo cáo")
    assert dashboard.status_code == 200
    assert "Tất cả đơn vị được xem" in dashboard.text
    assert follow(client, dashboard, "Bảng chỉ số (.csv)").status_code == 200


def test_the_menu_shows_the_admin_site_to_staff_holding_a_permission_of_their_own_or_a_groups(client, world):
    """One EXISTS answers (building every permission a user holds cost 2–6 ms on every page), and
    the menu still shows "Trang quản trị" exactly to staff holding some permission."""
    from django.contrib.auth.models import Group, Permission

    from motcua.backoffice.home import may_use_admin_site

    official = world.processor.user
    any_permission = Permission.objects.get(codename="view_procedure")

    def shows_admin_link() -> bool:
        client.force_login(User.objects.get(pk=official.pk))
        return open_page(client, "/can-bo/").has_link("Trang quản trị")

    assert official.is_staff and not shows_admin_link()
    official.user_permissions.add(any_permission)
    assert shows_admin_link()
    official.user_permissions.clear()
    clerks = Group.objects.create(name="Biên tập danh mục")
    clerks.permissions.add(any_permission)
    official.groups.add(clerks)
    assert shows_admin_link()
    official.is_active = False
    assert not may_use_admin_site(official)
    fresh = User.objects.get(pk=official.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert may_use_admin_site(fresh)
    assert len(queries.captured_queries) == 1
