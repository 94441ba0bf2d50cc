"""No N+1: a list answers with the same number of queries for N rows and for 3N rows."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.documents.models import Attachment, DigitizedDocument
from motcua.documents.storage import store
from motcua.documents.validation import FileKind
from motcua.dossiers.states import Status
from motcua_testing.dossiers import dossier_in
from motcua_testing.files import pdf_bytes

_held = itertools.count()


def _count(fetch: Callable[[], object]) -> tuple[int, str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = fetch()
    assert response.status_code == 200, response.status_code
    body = response.content.decode() if hasattr(response, "content") else ""
    return len(captured), body, [q["sql"] for q in captured.captured_queries]


def assert_no_n_plus_one(
    fetch: Callable[[], object], grow: Callable[[int], Iterable[str]], *, n: int = 2
) -> None:
    """``grow(k)`` adds k rows the list shows and returns a text of each (a code, a name) that the
    answer must contain; ``fetch()`` asks for the list. The list is asked once to warm the process
    caches, then counted with N rows and with 3N rows: the counts must be equal."""
    shown = list(grow(n))
    fetch()
    few, body, _ = _count(fetch)
    assert all(text in body for text in shown), "the rows added are not in the list"
    shown += list(grow(2 * n))
    many, body, queries = _count(fetch)
    assert all(text in body for text in shown), "the rows added are not in the list"
    assert many == few, f"{few} queries for {n} rows, {many} for {3 * n}:\n" + "\n".join(queries)


def held_documents(world, k: int) -> list[str]:
    """``k`` documents in the citizen's repository (as digitization leaves them), their titles."""
    dossier = dossier_in(world, Status.RECEIVED)
    titles = []
    for _ in range(k):
        title = f"Giấy tờ lưu {next(_held)}"
        stored = store(ContentFile(pdf_bytes(title), name="giay.pdf"), kind=FileKind.PDF)
        attachment = Attachment.objects.create(dossier=dossier, file=stored, filename="giay.pdf")
        DigitizedDocument.objects.create(
            attachment=attachment,
            dossier=dossier,
            owner=world.citizen,
            original=stored,
            searchable=stored,
            title=title,
            state=DigitizedDocument.State.DONE,
        )
        titles.append(title)
    return titles
