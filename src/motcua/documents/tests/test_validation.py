"""The type of an upload is decided by its bytes; sizes are bounded per file and per dossier."""

import pytest

from motcua.core.errors import ValidationFailed
from motcua.documents.validation import FileKind, check_dossier_total, check_file, clean_filename, sniff
from motcua_testing.files import image_bytes, pdf_bytes


def test_a_pdf_png_and_jpeg_are_recognised_by_their_first_bytes():
    assert sniff(pdf_bytes()) == FileKind.PDF
    assert sniff(image_bytes("PNG")) == FileKind.PNG
    assert sniff(image_bytes("JPEG")) == FileKind.JPEG


def test_a_program_named_like_a_pdf_is_refused_with_its_name_in_the_message():
    with pytest.raises(ValidationFailed) as refused:
        check_file(name="to-khai.pdf", size=100, head=b"MZ\x90\x00 this is an executable")
    assert "to-khai.pdf" in str(refused.value.message)
    assert "PDF, JPEG hoặc PNG" in str(refused.value.message)
    assert refused.value.code == "file_type_not_allowed"


def test_a_file_over_the_per_file_limit_is_refused_with_both_sizes(settings):
    settings.MAX_FILE_BYTES = 1024 * 1024
    with pytest.raises(ValidationFailed) as refused:
        check_file(name="anh.png", size=3 * 1024 * 1024, head=image_bytes("PNG"))
    message = str(refused.value.message)
    assert "3,0" in message and "1,0" in message and "anh.png" in message


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationFailed, match="rỗng"):
        check_file(name="trong.pdf", size=0, head=b"")


def test_a_dossier_may_not_grow_past_its_limit(settings):
    settings.MAX_DOSSIER_BYTES = 10_000
    check_dossier_total(current=6_000, adding=4_000)
    with pytest.raises(ValidationFailed, match="Tổng dung lượng"):
        check_dossier_total(current=6_000, adding=4_001)


def test_file_names_lose_paths_and_take_the_true_extension():
    assert clean_filename("C:\\Users\\an\\Giấy khai sinh.PNG.exe", FileKind.PNG) == "Giấy khai sinh.PNG.png"
    assert clean_filename("../../etc/passwd", FileKind.PDF) == "passwd.pdf"
    assert clean_filename("", FileKind.JPEG) == "tep.jpg"
