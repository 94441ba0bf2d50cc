"""The administrator's result template page: the current Word file's link downloads it (it led to
an unserved /files/ address, a 404), for editing in Word and uploading again."""

from __future__ import annotations

import pytest

from motcua_testing.pages import open_page
from motcua_testing.signing import result_template_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def test_the_current_word_file_link_downloads_the_template(admin_client, world):
    template = result_template_for(world.procedure)
    page = open_page(admin_client, f"/admin/signing/resulttemplate/{template.pk}/change/")
    current = page.link(template.docx.name.rsplit("/", 1)[-1])
    assert not current.startswith("/files/")
    download = admin_client.get(current)
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert body == template.docx.open("rb").read()
    assert "attachment" in download["Content-Disposition"]
