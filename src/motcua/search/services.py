"""Writes to the search index: kept up to date with the catalogue and the synonyms."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import transaction

from motcua.catalogue.models import Procedure
from motcua.core.text import fold
from motcua.search import backends
from motcua.search.models import IndexVersion, SearchEntry, Synonym
from motcua.search.selectors import forget_index
from motcua.search.synonyms import load_lexicon

_CHUNK = 500


def _entry(procedure: Procedure) -> SearchEntry:
    agencies = list(procedure.agencies.all())
    return SearchEntry(
        procedure_id=procedure.pk,
        name=fold(procedure.name),
        field_name=fold(procedure.field.name),
        agencies=fold(
            " ".join(
                [procedure.implementing_agencies, procedure.competent_authority, *(a.name for a in agencies)]
            )
        ),
        documents=fold(" ".join(document.name for document in procedure.documents.all())),
        results=fold(procedure.result),
        targets=fold(procedure.target_groups),
        field_code=procedure.field.code,
        levels=" " + " ".join(level.code for level in procedure.levels.all()) + " ",
        agency_codes=" " + " ".join(agency.code for agency in agencies if agency.is_active) + " ",
        online_level=procedure.online_level,
        issuer=fold(procedure.issuing_body),
        is_active=procedure.is_active,
    )


def bump_version() -> None:
    """Tell every process that the index or the synonyms changed.

    A random number rather than a counter: a rolled-back transaction could
    otherwise leave two different indexes under the same number.
    """
    version = secrets.randbits(62)
    if not IndexVersion.objects.filter(pk=1).update(version=version):
        IndexVersion.objects.get_or_create(pk=1, defaults={"version": version})
    forget_index()


@transaction.atomic
def index_procedures(ids: Iterable[int] | None = None) -> int:
    """(Re)index the given procedures, or the whole catalogue; returns how many were indexed."""
    whole_catalogue = ids is None
    if whole_catalogue:
        ids = list(Procedure.objects.values_list("pk", flat=True))
        SearchEntry.objects.exclude(procedure_id__in=Procedure.objects.values("pk")).delete()
    ids = sorted(set(ids))
    done = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        procedures = (
            Procedure.objects.filter(pk__in=chunk)
            .select_related("field")
            .prefetch_related("levels", "agencies", "documents")
            .only(
                "pk",
                "name",
                "field__name",
                "field__code",
                "implementing_agencies",
                "competent_authority",
                "result",
                "target_groups",
                "online_level",
                "issuing_body",
                "is_active",
            )
        )
        entries = [_entry(procedure) for procedure in procedures]
        SearchEntry.objects.filter(procedure_id__in=chunk).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=_CHUNK)
        backends.refresh(chunk)
        done += len(entries)
    if whole_catalogue:
        backends.prune()
    bump_version()
    return done


def ensure_index() -> int:
    """Index the whole catalogue when the index does not match it (after ``migrate``), or
    was made by a version that did not keep what the ranking now reads (the issuer)."""
    outdated = (
        SearchEntry.objects.filter(issuer="").exclude(procedure__issuing_body="").exists()
        if SearchEntry.objects.exists()
        else False
    )
    if SearchEntry.objects.count() == Procedure.objects.count() and not outdated:
        return 0
    return index_procedures()


def seed_synonyms() -> int:
    """Add the entries of the versioned lexicon the table does not have yet.

    What the administrators changed is kept: an entry they switched off stays
    off, and their own entries stay. Entries seeded earlier that the lexicon no
    longer has, and nobody changed since, go.
    """
    lexicon = load_lexicon()
    wanted = {(entry.phrase, entry.meaning) for entry in lexicon}
    have = set(Synonym.objects.values_list("phrase", "meaning"))
    # A phrase an administrator edited or added is theirs: the lexicon does not add to it again.
    owned = set(Synonym.objects.filter(from_lexicon=False).values_list("phrase", flat=True))
    new = {
        (entry.phrase, entry.meaning): Synonym(
            phrase=entry.phrase, meaning=entry.meaning, field=entry.field, from_lexicon=True
        )
        for entry in lexicon
        if (entry.phrase, entry.meaning) not in have and entry.phrase not in owned
    }
    Synonym.objects.bulk_create(list(new.values()), batch_size=500)
    gone = [
        pk
        for pk, phrase, meaning in Synonym.objects.filter(from_lexicon=True).values_list(
            "pk", "phrase", "meaning"
        )
        if (phrase, meaning) not in wanted
    ]
    Synonym.objects.filter(pk__in=gone).delete()
    if new or gone:
        bump_version()
    return len(new)
