"""Certificates, keys and a rendered draft for the signing tests."""

from __future__ import annotations

import functools

from django.core.files.base import ContentFile
from docxtpl import Listing

from motcua.signing import ca, docx_templates, issuing
from motcua.signing.demo import demo_authority
from motcua.signing.models import ResultDocument, ResultTemplate
from motcua.signing.sample_templates import result_template
from motcua.signing.services import register_pkcs12_key, upload_template

PIN = "123456"


@functools.cache
def authority() -> ca.Authority:
    """The demo CA of the data directory (created on first use), which the system trusts."""
    return demo_authority()


@functools.cache
def _p12(common_name: str, organisation: str) -> bytes:
    certificate, key = ca.issue_signing_certificate(
        authority(), common_name=common_name, organisation=organisation
    )
    return ca.pkcs12_bytes(certificate, key, authority(), passphrase=PIN, friendly_name=common_name)


def give_leader_a_key(world):
    return register_pkcs12_key(
        official=world.leader, data=_p12(world.leader.user.full_name, "Sở Tư pháp"), pin=PIN
    )


def give_agency_a_seal(agency):
    return register_pkcs12_key(agency=agency, data=_p12(agency.name, agency.name), pin=PIN, unattended=True)


def result_template_for(procedure, *, needs_seal: bool = True) -> ResultTemplate:
    data = result_template(title="Giấy chứng nhận thử nghiệm", form_schema=procedure.form_schema)
    template = upload_template(procedure=procedure, name="Giấy chứng nhận thử nghiệm", data=data)
    if not needs_seal:
        template.needs_seal = False
        template.save(update_fields=["needs_seal"])
    return template


# The signer printed in the drafts the tests render once (``unsigned_pdf``) and reuse.
DRAFT_SIGNER = "Nguyễn Văn Bình"


def draft_context(form_values: dict | None = None) -> dict:
    """Values for rendering a sample template outside a dossier: the blanks of a real draft, a
    department's signature block, and ``[name]`` for everything else."""
    context = {name: f"[{name}]" for name in docx_templates.BUILTIN_VARIABLES}
    context.update(
        so_van_ban=issuing.NUMBER_GAP,
        ngay_ky_chu=issuing.DATE_GAP,
        ky_hieu="GCN-STP",
        co_quan="Sở Tư pháp",
        co_quan_cap_tren="Ủy ban nhân dân tỉnh Hà Tĩnh",
        dia_danh="Hà Tĩnh",
        chuc_vu_ky=Listing("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
        nguoi_ky=DRAFT_SIGNER,
        **(form_values or {}),
    )
    return context


def draft_document(dossier, template, pdf: bytes, *, signer=None) -> ResultDocument:
    """A draft as the renderer leaves it (the tests render once and reuse the bytes); a PDF that is
    not a rendered template gets no layout, as drafts made before layouts, and is signed the old way."""
    try:
        layout = issuing.locate(pdf, signer_name=DRAFT_SIGNER)
    except issuing.LayoutNotFound:
        layout = {}
    document = ResultDocument.objects.create(
        dossier=dossier,
        template=template,
        kind=template.kind,
        title=template.name,
        signer=signer,
        symbol="GCN-STP",
        layout=layout,
    )
    document.draft_pdf.save(f"{document.token}.pdf", ContentFile(pdf), save=True)
    return document
