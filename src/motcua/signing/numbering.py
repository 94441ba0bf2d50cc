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
    # Phiếu lý lịch tư pháp số 1 and số 2 are not a Decree 30 document type: their own forms (Mẫu số
    # 06/2013/TT-LLTP and 07/2013/TT-LLTP of Circular 13/2011/TT-BTP as amended by Circular
    # 16/2013/TT-BTP, the forms amended again by Circular 06/2024/TT-BTP from 1 July 2024) number
    # them in the issuing agency's criminal-record register: “Số: 125/STP-LLTP” at a Department of
    # Justice, the agency first and the register (lý lịch tư pháp) after it (``AFTER_AGENCY``); the
    # same order for whichever agency the catalogue names as issuing it (the demo's: the police). The template used to
    # fall back to the result's default, “GXN” (giấy xác nhận), as if the certificate were a letter
    # of confirmation, and shared that register's numbers.
    ("phiếu lý lịch tư pháp", "LLTP"),
    ("quyết định", "QĐ"),
    ("giấy chứng nhận", "GCN"),
    ("giấy phép", "GP"),
    ("giấy xác nhận", "GXN"),
    ("thông báo", "TB"),
    ("văn bản từ chối", "TB"),
    ("phiếu xin lỗi", "PXL"),
    ("biên bản", "BB"),
    ("hợp đồng", "HĐ"),
    ("chứng chỉ", "CC"),
    ("công văn", ""),
]
DEFAULT_TYPE = {"result": "GXN", "refusal": "TB", "apology": "PXL"}
# Registers written after the agency's abbreviation (“STP-LLTP”), not before it as a type is (“GCN-STP”).
AFTER_AGENCY = {"LLTP"}
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
    """Ký hiệu: “QĐ-UBND”; a letter (công văn) has no type: “UBND”; a criminal-record certificate
    names the agency, then its register: “STP-LLTP”."""
    parts = (doc_type, agency_abbreviation(agency))
    if doc_type in AFTER_AGENCY:
        parts = parts[::-1]
    return "-".join(part for part in parts if part)


def take_number(*, agency: Agency, doc_type: str, year: int) -> tuple[DocumentRegister, int]:
    """The next number of the register; call inside the transaction that issues the document.

    The UPDATE takes the row's write lock before the read, on PostgreSQL and SQLite alike, so
    concurrent signers queue on the register and each reads its own number.
    """
    register, _created = DocumentRegister.objects.get_or_create(agency=agency, doc_type=doc_type, year=year)
    DocumentRegister.objects.filter(pk=register.pk).update(last_number=F("last_number") + 1)
    register.refresh_from_db(fields=["last_number"])
    return register, register.last_number
