"""The walk-in reception form's choices (sex, agency, documents received, e-form radios) work as rendered."""

import datetime

import pytest
from django.urls import reverse

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua_testing.factories import DocumentFactory, personal_id_for
from motcua_testing.forms import RenderedForm, follow

pytestmark = pytest.mark.django_db


def test_a_walk_in_applicant_is_registered_and_received_by_filling_the_rendered_form(client, world):
    DocumentFactory(procedure=world.procedure, name="Giấy chứng sinh", mandatory=True)
    number = personal_id_for(datetime.date(1975, 6, 2), male=False, serial=778)
    client.force_login(world.receiver.user)
    search = RenderedForm(client.get(reverse("backoffice:walk-in")), method="get")
    search.fill("Số định danh cá nhân (CCCD) hoặc mã số thuế của người nộp", number)
    search.fill("Tìm thủ tục", world.procedure.name)
    chosen = follow(client, search.submit(client, "Tìm"), "Chọn thủ tục này")
    form = RenderedForm(chosen)
    form.fill("Họ, chữ đệm và tên", "Trần Thị Lúa").fill("Ngày sinh", "1975-06-02")
    form.choose("Nữ", within="Giới tính").fill("Số điện thoại", "0987 654 321")
    form.choose("Giấy chứng sinh")
    form.fill("Họ, chữ đệm, tên của trẻ", "Nguyễn Thị An", within="4. Tờ khai")
    form.fill("Ngày sinh", "2026-11-01", within="4. Tờ khai").choose("Nữ", within="4. Tờ khai")
    response = form.submit(client, "Tiếp nhận và tạo hồ sơ")
    assert response.status_code == 302, response.content.decode()[:3000]
    applicant = User.objects.get(personal_id=number)
    assert applicant.is_male is False and applicant.phone == "0987 654 321"
    assert Dossier.objects.get(applicant=applicant).form_data["sex"] == "Nữ"
