"""Document numbers (số, ký hiệu văn bản): a register per agency, document type and year.

Decree 30/2020 numbers an agency's documents from 01 each year and writes them
"Số: 12/QĐ-UBND": the number, then the abbreviations of the document type and of the issuing
agency. A number is taken in the transaction that signs the document, so one that fails
leaves no gap, and two leaders signing at once never get the same number.
"""

from __future__ import annotations

from django.db.models import F

from motcua.org.models import Agency, AgencyKind
from motcua.signing.models import DocumentRegister

# Abbreviations of document types (Decree 30/2020, Appendix III, and the usual results of procedures),
# matched against the start of a template's name when the administrator does not give one.
DOCUMENT_TYPES = [
    ("quyết định", "QĐ"),
    ("giấy chứng nhận", "GCN"),
    ("giấy phép", "GP"),
    ("giấy xác nhận", "GXN"),
    ("thông báo", "TB"),
    ("văn bản từ chối", "TB"),
    ("phiếu xin lỗi", "PXL"),
    ("chứng chỉ", "CC"),
    ("công văn", ""),
]
DEFAULT_TYPE = {"result": "GXN", "refusal": "TB", "apology": "PXL"}
COMMITTEES = {AgencyKind.PROVINCE_COMMITTEE, AgencyKind.COMMUNE_COMMITTEE}


def guess_type(name: str, kind: str) -> str:
    lowered = (name or "").strip().lower()
    for start, abbreviation in DOCUMENT_TYPES:
        if lowered.startswith(start):
            return abbreviation
    return DEFAULT_TYPE.get(kind, "")


def agency_abbreviation(agency: Agency) -> str:
    """“UBND” for a People's Committee (as its documents write it), else the agency's short name
    (“STP”), else the initials of its name."""
    if agency.kind in COMMITTEES:
        return "UBND"
    short = (agency.short_name or "").strip()
    if short and " " not in short:
        return short
    return "".join(word[0] for word in agency.name.split() if word[:1].isalpha()).upper()


def symbol(agency: Agency, doc_type: str) -> str:
    """Ký hiệu: “QĐ-UBND”; a letter (công văn) has no type: “UBND”."""
    return "-".join(part for part in (doc_type, agency_abbreviation(agency)) if part)


def take_number(*, agency: Agency, doc_type: str, year: int) -> tuple[DocumentRegister, int]:
    """The next number of the register; call inside the transaction that issues the document.

    The UPDATE takes the row's write lock before the read, on PostgreSQL and SQLite alike, so
    concurrent signers queue on the register and each reads its own number.
    """
    register, _created = DocumentRegister.objects.get_or_create(agency=agency, doc_type=doc_type, year=year)
    DocumentRegister.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
    register.refresh_from_db(fields=["last_number"])
    return register, register.last_number
