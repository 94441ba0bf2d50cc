"""An open step carries its dossier's status, appointment date and pause (``Task.dossier_status``…),
so that the queues count an official's work from the steps alone (issue 19): the copies must
follow every real action, and the counts must agree with the queues' own lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from motcua.core.calendar import working_calendar
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.workspace import services
from motcua.workspace.models import Task
from motcua.workspace.selectors import QUEUES, queue, queue_counts
from motcua_testing.dossiers import dossier_in, perform

pytestmark = pytest.mark.django_db


def assert_copies_match():
    """Every open step's copies equal its dossier's row, and a dossier has one open step at most
    (the queues count steps as dossiers)."""
    open_steps = Task.objects.filter(finished_at__isnull=True)
    assert open_steps.count() == open_steps.values("dossier_id").distinct().count()
    for task in Task.objects.filter(finished_at__isnull=True).select_related("dossier"):
        dossier = task.dossier
        copied = (task.dossier_status, task.dossier_due_at, task.dossier_paused)
        assert copied == (dossier.status, dossier.due_at, dossier.paused_at is not None), dossier.code


def test_open_steps_follow_their_dossier_through_every_action(world):
    for status in (Status.RECEIVED, Status.RESULT_READY, Status.RETURNED, Status.REFUSED, Status.WITHDRAWN):
        dossier_in(world, status)
        assert_copies_match()
    paused = dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    assert Task.objects.get(dossier=paused, finished_at__isnull=True).dossier_paused
    perform(world, paused, "supplement")
    assert_copies_match()
    paying = dossier_in(world, Status.AWAITING_PAYMENT)
    assert_copies_match()
    perform(world, paying, "confirm_payment")
    assert_copies_match()
    late = dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=40))
    new_due = working_calendar().add_working_minutes(timezone.now(), 5 * 8 * 60)
    dossier_services.apologize(
        dossier=late, by=world.processor.user, new_due_at=new_due, reason="Chờ xác minh"
    )
    assert Task.objects.get(dossier=late, finished_at__isnull=True).dossier_due_at == new_due
    services.hand_over(dossier=late, by=world.processor.user)
    assert_copies_match()


def test_each_queues_count_is_the_length_of_its_list(world):
    dossier_in(world, Status.PROCESSING, at=timezone.now() - timedelta(days=30))  # overdue
    dossier_in(world, Status.PROCESSING)
    dossier_in(world, Status.SUPPLEMENT_REQUESTED)
    dossier_in(world, Status.AWAITING_PAYMENT)
    on_leader = dossier_in(world, Status.PROCESSING)
    services.hand_over(dossier=on_leader, by=world.processor.user)
    for user in (world.processor.user, world.leader.user, world.receiver.user):
        for scope in ("ca-nhan", "don-vi"):
            counts = queue_counts(user, scope=scope)
            for q in QUEUES:
                if q.key in counts:
                    assert counts[q.key] == queue(user, q.key, scope=scope).count(), (user, scope, q.key)
    assert queue_counts(world.leader.user)["cho-ky"] == 1
    assert queue_counts(world.processor.user)["qua-han"] == 1


def test_the_open_work_counts_read_no_dossier(world):
    """One aggregate over the steps: joining each open step to its dossier cost 25-30 ms per
    count for a department at a million dossiers."""
    dossier_in(world, Status.PROCESSING)
    with CaptureQueriesContext(connection) as queries:
        counts = queue_counts(world.processor.user, open_only=True)
    assert counts["can-xu-ly"] == 1
    reading = [q["sql"] for q in queries.captured_queries if Dossier._meta.db_table in q["sql"]]
    assert reading == []


def test_the_queue_pages_in_appointment_order_through_its_links(world, client):
    """The page of open work is read from the steps' copies (``queue_steps``): following the
    rendered "Trang sau" then "Trang trước" shows every dossier once, in appointment order."""
    from motcua_testing.pages import follow, open_page

    now = timezone.now()
    made = [dossier_in(world, Status.PROCESSING, at=now - timedelta(hours=3 * i)) for i in range(28)]
    in_order = [d.code for d in sorted(made, key=lambda d: (d.due_at, d.pk))]
    client.force_login(world.processor.user)

    def shown(page):
        return sorted((c for c in in_order if c in page.html), key=page.html.index)

    first = open_page(client, "/can-bo/xu-ly/")
    assert shown(first) == in_order[:25]
    second = follow(client, first, "Trang sau")
    assert shown(second) == in_order[25:]
    assert not second.has_link("Trang sau")
    back = follow(client, second, "Trang trước")
    assert shown(back) == in_order[:25]


def test_the_queue_shows_each_dossiers_current_step_and_who_holds_it(world, client):
    from motcua_testing.pages import open_page

    dossier = dossier_in(world, Status.PROCESSING)
    services.reassign(dossier=dossier, by=world.leader.user, to=world.processor.pk)
    client.force_login(world.processor.user)
    row = open_page(client, "/can-bo/xu-ly/").tree.xpath(f"//tr[.//a[text()='{dossier.code}']]")[0]
    step = row.xpath(".//td[@data-label='Bước hiện tại']")[0].text_content()
    assert Task.objects.get(dossier=dossier, finished_at__isnull=True).name in step
    assert world.processor.user.full_name in step


def test_the_units_page_counts_the_officials_own_work_for_the_menu_in_the_same_query(world, client):
    """The units' tab counted the units' work, then the menu counted the official's own again
    (4.6 ms more at a million dossiers): now one aggregate gives both, and the menu still shows
    the official's own count, not the units'."""
    from motcua.org.models import Role
    from motcua_testing.factories import OfficialFactory
    from motcua_testing.pages import open_page

    colleague = OfficialFactory.with_roles((world.justice, Role.PROCESSOR))
    dossier_in(world, Status.PROCESSING)
    for _ in range(2):
        services.reassign(dossier=dossier_in(world, Status.PROCESSING), by=world.leader.user, to=colleague.pk)
    own, units = (queue_counts(world.processor.user, scope=s)["can-xu-ly"] for s in ("ca-nhan", "don-vi"))
    assert own < units
    client.force_login(world.processor.user)
    with CaptureQueriesContext(connection) as queries:
        page = open_page(client, "/can-bo/xu-ly/?pham-vi=don-vi")
    counting = [q["sql"] for q in queries.captured_queries if "FILTER (WHERE" in q["sql"]]
    assert len(counting) == 1
    menu = page.tree.xpath("//a[@id='nav-workspace']//span[@class='count']")[0].text_content()
    assert menu == str(own)
    tab = page.tree.xpath("//a[@data-queue='can-xu-ly']//span[@class='count']")[0].text_content()
    assert tab == str(units)
