"""Every file the site hands out carries the same safe headers (core.downloads), one test per kind."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.documents.services import Upload, attach_files
from motcua.dossiers.states import Status
from motcua.signing.models import ResultDocument
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes, upload
from motcua_testing.forms import follow

pytestmark = pytest.mark.django_db

SANDBOX = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def assert_safe(response, *, filename: str, inline: bool = False, public: int | None = None, sandbox=True):
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment"), disposition
    if filename.isascii():
        assert f'filename="{filename}"' in disposition
    else:  # RFC 5987: the Vietnamese name arrives as typed
        from urllib.parse import quote

        assert f"filename*=utf-8''{quote(filename)}" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    if sandbox:
        assert response["Content-Security-Policy"] == SANDBOX
    else:  # an inline PDF keeps the site's own policy: browsers' PDF viewers refuse a sandbox
        assert "sandbox" not in response["Content-Security-Policy"]
        assert "default-src 'self'" in response["Content-Security-Policy"]
    directives = set(response["Cache-Control"].split(", "))
    if public is None:  # the admin's never_cache may add its own directives
        assert {"private", "no-store"} <= directives
    else:
        assert directives == {"public", f"max-age={public}"}


def test_an_attached_file_keeps_its_vietnamese_name_and_runs_nothing(world, client):
    dossier = dossier_in(world, Status.RECEIVED)
    (attachment,) = attach_files(
        dossier=dossier,
        by=world.receiver.user,
        uploads=[Upload(file=upload("Giấy khai sinh.pdf", pdf_bytes("x")), component=None, field="scan")],
        stage="counter",
    )
    client.force_login(world.processor.user)
    assert_safe(client.get(f"/tep/{attachment.uuid}/"), filename="Giấy khai sinh.pdf")


def test_the_signed_result_followed_from_the_dossier_page(world, client):
    dossier = dossier_in(world, Status.RETURNED)
    document = ResultDocument.objects.create(
        dossier=dossier, kind="result", title="Giấy xác nhận", state=ResultDocument.State.SIGNED
    )
    document.signed_pdf.save(f"{document.token}.pdf", ContentFile(pdf_bytes("ket qua")), save=False)
    document.signed_at = dossier.received_at
    document.save()
    client.force_login(world.citizen)
    page = follow(client, client.get(reverse("portal:my-dossiers")), dossier.procedure.name)
    assert_safe(follow(client, page, "Tải kết quả đã ký số (PDF)"), filename=f"ket-qua-{dossier.code}.pdf")


def test_the_applicants_own_data_on_the_portal_and_through_the_api(world, client, api):
    client.force_login(world.citizen)
    assert_safe(client.get("/du-lieu-cua-toi.zip"), filename="du-lieu-cua-toi.zip")
    api.force_authenticate(world.citizen)
    assert_safe(api.get("/api/v1/me/data/"), filename="du-lieu-cua-toi.zip")


def test_the_logo_is_public_and_an_svg_logo_runs_nothing(client, settings, tmp_path):
    logo = tmp_path / "quoc-huy.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    settings.SITE_LOGO = str(logo)
    assert_safe(client.get("/logo"), filename="quoc-huy.svg", inline=True, public=86400)


def test_a_procedures_qr_code_and_poster(client, world):
    code = world.procedure.code
    qr = client.get(reverse("portal:procedure-qr", args=[code]))
    assert_safe(qr, filename=f"qr-{code}.svg", inline=True, public=3600)
    poster = client.get(reverse("portal:procedure-poster", args=[code]))
    assert_safe(poster, filename=f"ap-phich-{code}.pdf", inline=True, sandbox=False)


def test_blank_forms_stored_and_generated_are_the_same_for_everyone(client, world):
    from motcua_testing.factories import DocumentFactory
    from motcua_testing.forms import links

    generated = DocumentFactory(procedure=world.procedure, name="Tờ khai", form_name="Mẫu TK-01")
    stored = DocumentFactory(procedure=world.procedure, name="Đơn đề nghị", form_name="Mẫu ĐN-02")
    stored.form_file.save("mau-don-de-nghi.pdf", ContentFile(pdf_bytes("Don de nghi")))
    shown = links(client.get(reverse("portal:procedure", args=[world.procedure.code])))
    code = world.procedure.code
    assert_safe(
        client.get(shown["Tải mẫu: Mẫu TK-01"]), filename=f"mau-{code}-{generated.pk}.pdf", public=3600
    )
    assert_safe(
        client.get(shown["Tải mẫu: Mẫu ĐN-02"]),
        filename=stored.form_file.name.rsplit("/", 1)[-1],
        public=3600,
    )


def test_the_cover_sheet_an_official_prints(world, client):
    dossier = dossier_in(world, Status.RECEIVED)
    client.force_login(world.receiver.user)
    response = client.get(reverse("documents-backoffice:cover-sheet", args=[dossier.code]))
    assert_safe(response, filename=f"to-bia-{dossier.code}.pdf", inline=True, sandbox=False)


def test_the_search_statistics_export(admin_client):
    response = admin_client.get("/admin/search/questionstat/csv/")
    assert_safe(response, filename="thong-ke-tim-kiem.csv")
