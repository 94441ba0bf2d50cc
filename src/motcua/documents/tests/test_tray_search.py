"""The officials' search in recognised text (/can-bo/so-hoa/): a full-text index, not a substring match."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from motcua.documents import text_search
from motcua.documents.models import DigitizedDocument
from motcua.documents.storage import store
from motcua.documents.validation import FileKind
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes
from motcua_testing.rendered_forms import forms_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_in_a_temporary_directory(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


def _digitized(dossier, title: str, text: str) -> DigitizedDocument:
    """A document as the worker leaves it: its text, folded words, and the full-text index."""
    stored = store(ContentFile(pdf_bytes(title), name="x.pdf"), kind=FileKind.PDF)
    document = DigitizedDocument.objects.create(
        dossier=dossier,
        owner=dossier.applicant,
        original=stored,
        searchable=stored,
        title=title,
        state=DigitizedDocument.State.DONE,
        text=text,
        search_text=text_search.searchable(text),
    )
    text_search.index(document.pk, document.search_text)
    return document


def _search(client, words: str) -> str:
    page = client.get(reverse("documents-backoffice:tray")).content.decode()
    (form,) = [f for f in forms_of(page) if f.method == "get" and any(c.name == "q" for c in f.controls)]
    return client.get(
        form.action or reverse("documents-backoffice:tray"), form.data(q=words)
    ).content.decode()


def test_words_in_any_order_and_without_diacritics_find_the_document(client, world):
    mine = dossier_in(world, Status.RECEIVED)
    _digitized(
        mine, "Giấy khai sinh", "GIẤY KHAI SINH\nHọ, chữ đệm, tên người cha: Nguyễn Văn Đức\nSố: 125/2026/KS"
    )
    _digitized(mine, "Tờ khai", "TỜ KHAI\nHọ và tên: Trần Thị Hồng")
    client.force_login(world.receiver.user)

    found = _search(client, "Đức Nguyễn")  # not a substring of the text: the words, in another order
    assert "Giấy khai sinh" in found and "Tờ khai" not in found
    assert "Giấy khai sinh" in _search(client, "nguyen van du")  # the last word as it is being typed
    assert "Giấy khai sinh" in _search(client, "125/2026")
    assert "Không tìm thấy giấy tờ nào." in _search(client, "Nguyễn Thị Đức")  # every word must be there


def test_an_official_finds_only_documents_of_dossiers_they_may_see(client, world):
    _digitized(dossier_in(world, Status.RECEIVED), "Giấy khai sinh", "Nguyễn Văn Đức")
    client.force_login(world.other_receiver.user)
    assert "Không tìm thấy giấy tờ nào." in _search(client, "Nguyễn Văn Đức")
