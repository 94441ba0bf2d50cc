"""/xac-thuc/: a file too large to check says so, in words, on the page (it used to say "choose a file")."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua_testing.forms import RenderedForm

pytestmark = pytest.mark.django_db


def test_a_30_mb_pdf_is_refused_as_too_large_with_its_name(client):
    form = RenderedForm(client.get(reverse("signing:verify-upload")))
    big = SimpleUploadedFile("ket-qua-scan.pdf", b"%PDF-1.7\n" + b"0" * (30 * 1024 * 1024), "application/pdf")
    response = form.attach("Tệp PDF (tối đa 20 MB)", big).submit(client, "Kiểm tra")
    assert response.status_code == 413
    page = response.content.decode().replace("\xa0", " ")
    assert "“ket-qua-scan.pdf” quá lớn" in page and "tối đa 20 MB" in page
    assert "Cần chọn tệp PDF" not in page


def test_no_file_and_a_non_pdf_get_their_own_messages(client):
    form = RenderedForm(client.get(reverse("signing:verify-upload")))
    assert "Cần chọn tệp PDF" in form.submit(client, "Kiểm tra").content.decode()
    text = SimpleUploadedFile("ghi-chu.txt", b"khong phai pdf", "text/plain")
    response = RenderedForm(client.get(reverse("signing:verify-upload"))).attach(
        "Tệp PDF (tối đa 20 MB)", text
    )
    answer = response.submit(client, "Kiểm tra")
    assert answer.status_code == 400 and "Tệp không phải PDF" in answer.content.decode()
