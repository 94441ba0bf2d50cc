"""The versioned lexicon: every entry leads to a procedure of the national catalogue, the
fields with most procedures are covered, and ``migrate`` seeds it without undoing the
administrators' changes."""

import csv
from collections import Counter
from html.parser import HTMLParser

import pytest

from motcua.search.models import Synonym
from motcua.search.services import seed_synonyms
from motcua.search.synonyms import load_lexicon
from motcua.search.tests.national import national_catalogue
from motcua.search.text import tokens


class _Form(HTMLParser):
    """The values of the inputs of the admin's change form, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") != "checkbox" or "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value", "on")
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self.fields[self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def _form_fields(html: str) -> dict:
    parser = _Form()
    parser.feed(html)
    return parser.fields


def _catalogue_rows():
    with (national_catalogue() / "procedures.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_lexicon_entry_resolves_to_a_procedure_of_the_national_catalogue():
    names = [" " + " ".join(tokens(row["Tên"])) + " " for row in _catalogue_rows()]

    unresolved = [
        (entry.field, entry.phrase, entry.meaning)
        for entry in load_lexicon()
        if not any(all(f" {word} " in name for word in tokens(entry.meaning)) for name in names)
    ]

    assert unresolved == []


def test_the_lexicon_covers_the_forty_fields_with_most_procedures():
    fields = Counter(" ".join(tokens(row["Lĩnh vực"])) for row in _catalogue_rows())
    covered = {" ".join(tokens(entry.field)) for entry in load_lexicon()}

    missing = [field for field, _ in fields.most_common(40) if field not in covered]

    assert missing == []
    assert len(covered & set(fields)) >= 100


def test_no_entry_translates_a_phrase_into_itself_or_twice():
    entries = load_lexicon()
    pairs = [(tuple(tokens(e.phrase)), tuple(tokens(e.meaning))) for e in entries]

    assert [p for p in pairs if p[0] == p[1]] == []
    assert [p for p, n in Counter(pairs).items() if n > 1] == []


@pytest.mark.django_db
def test_migrate_seeds_the_lexicon_and_keeps_what_administrators_changed():
    seed_synonyms()  # as migrate left it
    entry = load_lexicon()[0]
    switched_off = Synonym.objects.get(phrase=entry.phrase, meaning=entry.meaning)
    switched_off.is_active = False
    switched_off.save()
    own = Synonym.objects.create(phrase="thành gia thất", meaning="kết hôn")
    Synonym.objects.filter(from_lexicon=True).exclude(pk=switched_off.pk).first().delete()
    Synonym.objects.create(
        phrase="cụm từ cũ", meaning="đăng ký", from_lexicon=True
    )  # no longer in the lexicon

    added = seed_synonyms()

    assert added == 1  # the deleted one is back
    assert Synonym.objects.filter(from_lexicon=True).count() == len(
        {(e.phrase, e.meaning) for e in load_lexicon()}
    )
    switched_off.refresh_from_db()
    assert switched_off.is_active is False
    assert Synonym.objects.filter(pk=own.pk).exists()
    assert not Synonym.objects.filter(phrase="cụm từ cũ").exists()


@pytest.mark.django_db
def test_a_meaning_an_administrator_changed_is_not_added_back(admin_client):
    entry = next(e for e in load_lexicon() if e.phrase == "sổ đỏ")
    synonym = Synonym.objects.get(phrase=entry.phrase, meaning=entry.meaning)

    url = f"/admin/search/synonym/{synonym.pk}/change/"
    form = _form_fields(admin_client.get(url).content.decode())
    form["meaning"] = "giấy chứng nhận quyền sử dụng đất ở"
    assert admin_client.post(url, form).status_code == 302
    seed_synonyms()

    assert list(Synonym.objects.filter(phrase="sổ đỏ").values_list("meaning", "from_lexicon")) == [
        ("giấy chứng nhận quyền sử dụng đất ở", False)
    ]
