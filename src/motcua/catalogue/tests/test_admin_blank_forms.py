"""The administrator's procedure page: the stored blank form's "Hiện tại" link opens the file."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from motcua.catalogue.models import DocumentComponent
from motcua_testing.factories import PASSWORD
from motcua_testing.files import pdf_bytes
from motcua_testing.pages import open_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_the_current_blank_form_link_in_the_admin_opens_the_stored_file(client, world, django_user_model):
    component = DocumentComponent.objects.create(
        procedure=world.procedure, order=1, name="Tờ khai", form_name="Tờ khai"
    )
    component.form_file.save("mau-to-khai.pdf", ContentFile(pdf_bytes("Tờ khai mẫu")), save=True)
    admin = django_user_model.objects.create_superuser(username="quantri", password=PASSWORD)
    client.force_login(admin)
    page = open_page(client, f"/admin/catalogue/procedure/{world.procedure.pk}/change/")
    opened = client.get(page.link("mau-to-khai"))
    assert opened.status_code == 200
    body = b"".join(opened.streaming_content) if opened.streaming else opened.content
    assert body.startswith(b"%PDF")
