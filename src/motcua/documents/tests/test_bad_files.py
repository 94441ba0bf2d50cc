"""The bad-file corpus: every hostile or broken file is refused with its reason, and nothing is stored."""

import io
import struct
import zipfile
import zlib

import pikepdf
import pytest
from django.utils import translation

from motcua.core.errors import ValidationFailed
from motcua.documents.models import Attachment, StoredFile
from motcua.documents.services import Upload, attach_files
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.factories import DocumentFactory
from motcua_testing.files import image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """100 MB of zeros in a ~100 kB archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("ho-so.pdf", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(100):
                member.write(chunk)
    return buffer.getvalue()


def _edit_pdf(change) -> bytes:
    with pikepdf.open(io.BytesIO(pdf_bytes())) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out, **getattr(change, "save_options", {}))
        return out.getvalue()


def _pdf_with_javascript() -> bytes:
    def add(pdf):
        pdf.Root.OpenAction = pdf.make_indirect(
            pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x')"))
        )

    return _edit_pdf(add)


def _pdf_with_embedded_file() -> bytes:
    def add(pdf):
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00 not a document")

    return _edit_pdf(add)


def _encrypted_pdf() -> bytes:
    def nothing(pdf):
        pass

    nothing.save_options = {"encryption": pikepdf.Encryption(owner="chu", user="mat-khau")}
    return _edit_pdf(nothing)


def _pdf_stream_bomb() -> bytes:
    """A one-page PDF whose content stream inflates to 300 MB (the file itself is ~300 kB)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    body = b"".join(compressor.compress(chunk) for _ in range(300)) + compressor.flush()

    def add(pdf):
        pdf.pages[0].Contents = pikepdf.Stream(pdf, body)
        pdf.pages[0].Contents.Filter = pikepdf.Name.FlateDecode

    return _edit_pdf(add)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _pixel_bomb() -> bytes:
    """A PNG that announces 60,000 × 60,000 pixels (3.6 billion) in a few hundred bytes."""
    header = struct.pack(">IIBBBBB", 60000, 60000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + _png_chunk(b"IEND", b"")
    )


CORPUS = {
    "polyglot PDF + ZIP": (
        "ho-so.pdf",
        lambda: pdf_bytes() + _zip({"a.html": b"<script>x</script>"}),
        "tệp nén ẩn",
    ),
    "polyglot JPEG + ZIP": (
        "anh.jpg",
        lambda: image_bytes("JPEG") + _zip({"x.js": b"alert(1)"}),
        "tệp nén ẩn",
    ),
    "polyglot HTML + PDF": (
        "don.pdf",
        lambda: b"<html><body><script>alert(document.cookie)</script></body></html>\n" + pdf_bytes(),
        "mã trang web",
    ),
    "zip bomb named .pdf": ("to-khai.pdf", _zip_bomb, "không phải tệp PDF, JPEG hoặc PNG"),
    "PDF stream bomb": ("bom.pdf", _pdf_stream_bomb, "bom giải nén"),
    "pixel bomb": ("anh-lon.png", _pixel_bomb, "quá lớn"),
    "truncated PDF": ("cat-cut.pdf", lambda: pdf_bytes()[: len(pdf_bytes()) // 2], "bị cắt cụt"),
    "truncated JPEG": (
        "anh-cut.jpg",
        lambda: image_bytes("JPEG", size=(400, 300))[:400],
        "bị hỏng hoặc không đầy đủ",
    ),
    "PDF with JavaScript": ("js.pdf", _pdf_with_javascript, "JavaScript"),
    "PDF with an embedded file": ("dinh-kem.pdf", _pdf_with_embedded_file, "tệp đính kèm bên trong"),
    "encrypted PDF": ("mat-khau.pdf", _encrypted_pdf, "mật khẩu hoặc mã hóa"),
    "HTML named .pdf": ("giay-to.pdf", lambda: b"<!doctype html><p>hello</p>", "không phải tệp PDF"),
    "program named .jpg": ("anh.jpg", lambda: b"\x7fELF\x02\x01\x01" + b"\0" * 200, "không phải tệp PDF"),
}


@pytest.mark.parametrize("case", list(CORPUS), ids=list(CORPUS))
def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_stored(world, settings, case):
    name, make, reason = CORPUS[case]
    component = DocumentFactory(procedure=world.procedure)
    draft = dossier_in(world, Status.DRAFT)
    with pytest.raises(ValidationFailed) as refused:
        attach_files(
            dossier=draft, by=world.citizen, uploads=[Upload(upload(name, make()), component, field="doc_1")]
        )
    message = refused.value.fields["doc_1"][0]
    assert name in message and reason in message
    assert not Attachment.objects.exists() and not StoredFile.objects.exists()
    stored_files = list((settings.MEDIA_ROOT).rglob("*")) if settings.MEDIA_ROOT.exists() else []
    assert [path for path in stored_files if path.is_file()] == []


def test_the_refusal_reads_in_english_too(world):
    draft = dossier_in(world, Status.DRAFT)
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        attach_files(
            dossier=draft, by=world.citizen, uploads=[Upload(upload("js.pdf", _pdf_with_javascript()))]
        )
    assert "JavaScript" in refused.value.fields["file"][0]
    assert "contains" in refused.value.fields["file"][0]


def test_a_real_scan_and_photo_pass_the_deep_checks(world):
    from motcua_testing.scans import SAMPLE_PAGE, pdf_of, text_page
    from motcua_testing.scans import image_bytes as scan_bytes

    page = text_page(SAMPLE_PAGE[:3])
    draft = dossier_in(world, Status.DRAFT)
    attached = attach_files(
        dossier=draft,
        by=world.citizen,
        uploads=[
            Upload(upload("scan.pdf", pdf_of([page]))),
            Upload(upload("photo.jpg", scan_bytes(page, "JPEG"))),
        ],
    )
    assert [a.file.kind for a in attached] == ["pdf", "jpeg"]
