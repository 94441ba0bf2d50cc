"""Where to submit: each receiving agency's address, opening hours and hotline, set in the admin,
shown on the procedure's page and on the receipt (form 01)."""

from __future__ import annotations

import pytest

from motcua.dossiers.states import Status
from motcua.org.models import Agency, Counter
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import AgencyFactory, UserFactory
from motcua_testing.pages import follow, open_page, submit
from motcua_testing.pdf import pdf_text

pytestmark = pytest.mark.django_db

HOURS = "Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu"


@pytest.fixture
def centre(world):
    """The service centre, whose counter 3 receives the Department of Justice's dossiers."""
    centre = AgencyFactory(
        name="Trung tâm Phục vụ hành chính công tỉnh",
        kind="service_centre",
        address="Số 1 đường Trung tâm, phường Thành Sen",
        opening_hours=HOURS,
        hotline="0239 3 888 888",
    )
    counter = Counter.objects.create(agency=centre, number=3, name="Quầy Sở Tư pháp")
    counter.serves.add(world.justice)
    return centre


def test_an_administrator_sets_the_hours_and_hotline_in_the_admin(client, world):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = open_page(client, f"/admin/org/agency/{world.justice.pk}/change/")
    form = page.form("Lưu lại")
    form.fill(address="Số 5 đường Hà Huy Tập", opening_hours=HOURS, hotline="0239 3 855 555")
    response = form.submit(client)
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(pk=world.justice.pk)
    assert (agency.opening_hours, agency.hotline) == (HOURS, "0239 3 855 555")


def test_the_procedure_page_says_where_when_and_whom_to_call(client, world, centre):
    page = open_page(client, f"/thu-tuc/{world.procedure.code}/")
    places = page.tree.xpath("//ul[@class='reception-places']")[0].text_content()
    assert "Quầy Sở Tư pháp" in places and "quầy số 3" in places
    assert "Số 1 đường Trung tâm, phường Thành Sen" in places
    assert HOURS in places and "0239 3 888 888" in places
    assert page.link("0239 3 888 888") == "tel:02393888888"


def test_the_receipt_says_where_when_and_whom_to_call(client, world, centre):
    dossier = dossier_in(world, Status.SUBMITTED)
    client.force_login(world.receiver.user)
    page = follow(client, open_page(client, "/can-bo/mot-cua/"), dossier.code)
    received = submit(client, page.form("Tiếp nhận hồ sơ"))
    receipt = client.get(received.link("In giấy tiếp nhận, hẹn trả (Mẫu 01)"))
    text = " ".join(pdf_text(receipt.content).split())
    assert "Quầy Sở Tư pháp (quầy số 3), Trung tâm Phục vụ hành chính công tỉnh" in text
    assert "Số 1 đường Trung tâm, phường Thành Sen" in text
    assert "Đường dây nóng: 0239 3 888 888" in text
    assert HOURS in text
