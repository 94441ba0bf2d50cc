"""Write use-cases of electronic results: templates, keys, drafting, signing."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from celery import shared_task
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from motcua.catalogue.models import Procedure
from motcua.core.calendar import LOCAL_TZ
from motcua.core.errors import Forbidden, InvalidTransition, ValidationFailed
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier
from motcua.dossiers.states import Status
from motcua.jobs import enqueue
from motcua.org.models import Agency, Official, Role
from motcua.org.selectors import agency_ids_for, place_name
from motcua.signing import docx_templates, issuing, keys, numbering, pades, pin_attempts, rendering, signers
from motcua.signing.models import ResultDocument, ResultTemplate, SigningKey

# Who is told, in the signing transaction, that a result was signed and issued electronically. Named
# by dotted path, as dossiers.subscribers names its subscribers: capabilities do not import each other.
# Each takes ``result`` (the signed ResultDocument) and ``pdf`` (its bytes); raising undoes the signing.
RESULT_ISSUED: tuple[str, ...] = (
    # The applicant's data repository files the result (documents.rates counts it as electronic).
    "motcua.documents.digitization.file_signed_result",
)

LEADER_FIELD, SEAL_FIELD = "ChuKyLanhDao", "DauCoQuan"


# -- templates ---------------------------------------------------------------------------------


@transaction.atomic
def upload_template(
    *,
    procedure: Procedure | None,
    name: str,
    data: bytes,
    by=None,
    kind: str = ResultTemplate.Kind.RESULT,
    needs_seal: bool = True,
    doc_type: str | None = None,
) -> ResultTemplate:
    """A new template for a procedure; placeholders are checked against the procedure's e-form.

    The previous template of the same procedure and kind is kept but no longer used. ``doc_type``
    (the abbreviation that starts the document's symbol, "QĐ") is guessed from the name if not given.
    """
    if kind not in ResultTemplate.Kind.values:
        raise ValidationFailed(fields={"kind": [_("Loại mẫu không hợp lệ.")]})
    if not (name or "").strip():
        raise ValidationFailed(fields={"name": [_("Cần đặt tên mẫu.")]})
    names = docx_templates.check_placeholders(data, form_schema=procedure.form_schema if procedure else None)
    ResultTemplate.objects.filter(procedure=procedure, kind=kind, is_active=True).update(is_active=False)
    template = ResultTemplate(
        procedure=procedure,
        kind=kind,
        name=name.strip(),
        placeholders=names,
        needs_seal=needs_seal,
        doc_type=(doc_type if doc_type is not None else numbering.guess_type(name, kind)).strip()[:10],
        uploaded_by=by,
    )
    template.docx.save(f"{hashlib.sha256(data).hexdigest()[:16]}.docx", ContentFile(data), save=False)
    template.save()
    return template


def template_for(procedure: Procedure, kind: str = ResultTemplate.Kind.RESULT) -> ResultTemplate | None:
    """The procedure's active template of ``kind``, else the province-wide one (no procedure)."""
    found = ResultTemplate.objects.filter(procedure=procedure, kind=kind, is_active=True).first()
    return found or ResultTemplate.objects.filter(procedure__isnull=True, kind=kind, is_active=True).first()


def render_template(template: ResultTemplate, context: dict) -> bytes:
    """The template filled with ``context``, as PDF/A (LibreOffice; call from a worker)."""
    with template.docx.open("rb") as handle:
        data = handle.read()
    return rendering.docx_to_pdf(docx_templates.render_docx(data, context))


def doc_type_of(template: ResultTemplate | None, kind: str) -> str:
    if template is None:
        return numbering.DEFAULT_TYPE.get(kind, "")
    return template.doc_type or numbering.guess_type(template.name, template.kind)


def preview_template(template: ResultTemplate, *, dossier: Dossier | None = None) -> bytes:
    """A preview: filled with a real dossier of the procedure, or with the e-form's example values."""
    if dossier is not None:
        context = docx_templates.dossier_context(dossier, doc_type=doc_type_of(template, template.kind))
    else:
        context = {name: f"[{label}]" for name, label in docx_templates.BUILTIN_VARIABLES.items()}
        context.update(so_van_ban=issuing.NUMBER_GAP, ngay_ky_chu=issuing.DATE_GAP)
        properties = (template.procedure.form_schema if template.procedure else {}).get("properties", {})
        for name, spec in properties.items():
            examples = spec.get("examples") or []
            context[name] = examples[0] if examples else f"[{spec.get('title', name)}]"
    return render_template(template, context)


# -- keys ------------------------------------------------------------------------------------


@transaction.atomic
def register_pkcs12_key(
    *,
    data: bytes,
    pin: str,
    official: Official | None = None,
    agency: Agency | None = None,
    unattended: bool = False,
) -> SigningKey:
    """Register a PKCS#12 file for an official (their signature) or an agency (its seal).

    ``unattended`` keeps the PIN (encrypted) so the seal can be applied without a person.
    """
    if (official is None) == (agency is None):
        raise ValidationFailed(_("Khóa phải thuộc về một cán bộ hoặc một cơ quan."))
    try:
        _key, certificate, _chain = pkcs12.load_key_and_certificates(data, pin.encode())
    except ValueError:
        raise ValidationFailed(
            fields={"pin": [_("Không mở được tệp PKCS#12: sai mã PIN hoặc tệp hỏng.")]}
        ) from None
    if certificate is None:
        raise ValidationFailed(fields={"pkcs12": [_("Tệp PKCS#12 không có chứng thư số.")]})
    SigningKey.objects.filter(official=official, agency=agency, is_active=True).update(is_active=False)
    return SigningKey.objects.create(
        official=official,
        agency=agency,
        provider=SigningKey.Provider.PKCS12,
        pkcs12=data,
        certificate_pem=certificate.public_bytes(Encoding.PEM).decode(),
        subject=certificate.subject.rfc4514_string(),
        not_after=certificate.not_valid_after_utc,
        unattended_pin=keys.seal_pin(pin) if unattended else None,
    )


@transaction.atomic
def register_pkcs11_key(
    *,
    token_label: str,
    key_label: str,
    certificate_pem: str,
    official: Official | None = None,
    agency: Agency | None = None,
) -> SigningKey:
    """Register a key that stays on a PKCS#11 token; only its labels and certificate are kept."""
    if (official is None) == (agency is None):
        raise ValidationFailed(_("Khóa phải thuộc về một cán bộ hoặc một cơ quan."))
    subject, not_after = keys.describe_certificate(certificate_pem)
    SigningKey.objects.filter(official=official, agency=agency, is_active=True).update(is_active=False)
    return SigningKey.objects.create(
        official=official,
        agency=agency,
        provider=SigningKey.Provider.PKCS11,
        token_label=token_label,
        key_label=key_label,
        certificate_pem=certificate_pem,
        subject=subject,
        not_after=not_after,
    )


# -- results -------------------------------------------------------------------------------


def verification_url(document: ResultDocument) -> str:
    return settings.SITE_URL + reverse("signing:verify-result", args=[document.token])


def trust_root_files() -> list[str]:
    """Certificates a signature must chain to: the configured CAs, and the demo CA if present."""
    files = [path for path in settings.TRUSTED_CA_FILES if Path(path).exists()]
    demo = Path(settings.DATA_DIR) / "ca" / "root-ca.pem"
    if demo.exists():
        files.append(str(demo))
    return files


def prepare_result(
    *,
    dossier: Dossier,
    by,
    kind: str = ResultTemplate.Kind.RESULT,
    extra: dict | None = None,
    signer: Official | None = None,
) -> ResultDocument:
    """Queue the rendering of a dossier's result from its procedure's template (a worker renders it).

    Processors and leaders of the competent agency prepare drafts, for a leader of that agency to
    sign (``signer``; by default the author if a leader, else the agency's first leader with a key):
    the draft carries the signer's position and name. A rendering failure is recorded on the
    document (visible to officials), never lost.
    """
    official = getattr(by, "official", None)
    if official is None or dossier.competent_agency_id not in agency_ids_for(
        official, [Role.PROCESSOR, Role.LEADER]
    ):
        raise Forbidden(_("Chỉ chuyên viên, lãnh đạo cơ quan giải quyết mới lập dự thảo kết quả."))
    if kind == ResultTemplate.Kind.RESULT and dossier.status != Status.PROCESSING:
        raise InvalidTransition(_("Hồ sơ không ở trạng thái đang xử lý."))
    template = template_for(dossier.procedure, kind)
    if template is None:
        raise ValidationFailed(_("Thủ tục chưa có mẫu kết quả; quản trị viên cần tải mẫu lên."))
    agency = dossier.competent_agency
    if signer is None:
        signer = signers.default_signer(agency=agency, by=by)
    elif agency.pk not in agency_ids_for(signer, [Role.LEADER]):
        raise ValidationFailed(fields={"signer": [_("Người ký phải là lãnh đạo cơ quan giải quyết.")]})
    if signer is None:
        raise ValidationFailed(_("Cơ quan giải quyết chưa có lãnh đạo để ký văn bản."))
    document = ResultDocument.objects.create(
        dossier=dossier,
        template=template,
        kind=kind,
        title=template.name,
        state=ResultDocument.State.RENDERING,
        signer=signer,
        symbol=numbering.symbol(agency, doc_type_of(template, kind)),
    )
    enqueue(render_result, document.pk, extra or {})
    document.refresh_from_db()
    return document


def render_draft(document: ResultDocument, *, extra: dict | None = None) -> ResultDocument:
    """Render a document waiting in RENDERING into its draft PDF (the worker's part of prepare_result).

    A failure is recorded on the document, visible to the officials; a document already rendered
    (the job delivered twice) is left as it is.
    """
    document = ResultDocument.objects.select_related("template", "dossier", "signer__user").get(
        pk=document.pk
    )
    if document.state != ResultDocument.State.RENDERING:
        return document
    # Rendered outside any transaction: LibreOffice takes seconds, and no lock is held meanwhile.
    context = docx_templates.dossier_context(
        document.dossier,
        extra=extra,
        signer=document.signer,
        doc_type=doc_type_of(document.template, document.kind),
    )
    layout = {}
    try:
        pdf, problem = render_template(document.template, context), ""
        layout = issuing.locate(pdf, signer_name=context["nguoi_ky"])
    except rendering.RenderingFailed as exc:
        pdf, problem = b"", str(exc)
    except issuing.LayoutNotFound as exc:
        pdf, problem = (
            b"",
            _("Mẫu không có chỗ ký đúng thể thức (chức vụ, khoảng trống, họ tên người ký): %(why)s")
            % {"why": exc},
        )
    with transaction.atomic():
        locked = ResultDocument.objects.select_for_update().get(pk=document.pk)
        if locked.state != ResultDocument.State.RENDERING:
            return locked
        if problem:
            locked.state, locked.problem = ResultDocument.State.FAILED, problem
            locked.save(update_fields=["state", "problem"])
        else:
            locked.state, locked.layout = ResultDocument.State.DRAFT, layout
            locked.draft_pdf.save(f"{locked.token}.pdf", ContentFile(pdf), save=False)
            locked.save(update_fields=["state", "draft_pdf", "layout"])
    return locked


def _leader_key(official: Official) -> SigningKey:
    key = SigningKey.objects.filter(official=official, is_active=True).first()
    if key is None:
        raise ValidationFailed(_("Bạn chưa có khóa ký số; quản trị viên cần đăng ký chứng thư số cho bạn."))
    return key


def sign_result(*, document: ResultDocument, by, pin: str, at: datetime | None = None) -> ResultDocument:
    """The leader signs the draft; the agency's seal follows; a result approves the dossier.

    The document takes the next number of its agency's register and the date of signing, both
    written into the blanks the draft left, then the leader's signature goes where the draft
    leaves room above the signer's name and the seal over its left third. All in one transaction:
    if any step fails, nothing is signed, no number is used and the dossier stays where it was.
    """
    at = at or timezone.now()
    official = getattr(by, "official", None)
    dossier = document.dossier
    if official is None or dossier.competent_agency_id not in agency_ids_for(official, [Role.LEADER]):
        raise Forbidden(_("Chỉ lãnh đạo cơ quan giải quyết mới ký kết quả."))
    if document.state != ResultDocument.State.DRAFT or not document.draft_pdf:
        raise InvalidTransition(_("Văn bản này không phải dự thảo sẵn sàng để ký."))
    if document.signer_id and document.signer_id != official.pk:
        raise Forbidden(
            _("Dự thảo này trình %(name)s ký; hãy lập dự thảo mới nếu bạn ký thay.")
            % {"name": document.signer}
        )
    if document.kind == ResultTemplate.Kind.RESULT and dossier.status != Status.PROCESSING:
        raise InvalidTransition(_("Hồ sơ không ở trạng thái đang xử lý."))
    with document.draft_pdf.open("rb") as handle:
        draft = handle.read()
    url = verification_url(document)
    agency = dossier.competent_agency
    local = at.astimezone(LOCAL_TZ)
    seal = SigningKey.objects.filter(agency=agency, is_active=True).first()
    sealed = bool(document.template and document.template.needs_seal and seal is not None)
    # The PIN is checked (the key opened) before a number is taken, so a typo costs no number.
    with (
        pin_attempts.guarded(by),
        keys.open_signer(_leader_key(official), pin=pin) as signer,
        transaction.atomic(),
    ):
        locked = ResultDocument.objects.select_for_update().get(pk=document.pk)
        if locked.state != ResultDocument.State.DRAFT:
            raise InvalidTransition(_("Văn bản này đã được ký."))
        register, number = numbering.take_number(
            agency=agency, doc_type=doc_type_of(locked.template, locked.kind), year=local.year
        )
        symbol = locked.symbol or numbering.symbol(agency, register.doc_type)
        layout = locked.layout or {}
        pdf = issuing.stamp_issue(draft, layout=layout, number=f"{number:02d}", at=local)
        boxes = layout.get("signature")
        pdf = pades.sign_pdf(
            pdf,
            signer=signer,
            field_name=LEADER_FIELD,
            verification_url=url,
            placement=pades.Placement(page=boxes["page"], box=tuple(boxes["box"]))
            if boxes
            else pades.Placement(),
            reason=_("Ký ban hành văn bản số %(number)s/%(symbol)s, hồ sơ %(code)s")
            % {"number": f"{number:02d}", "symbol": symbol, "code": dossier.code},
            location=place_name(agency),
            timestamp_url=settings.TSA_URL,
        )
        signers_list = [{"role": "leader", "name": str(official), "at": at.isoformat()}]
        if sealed:
            with keys.open_signer(seal) as seal_signer:
                pdf = pades.sign_pdf(
                    pdf,
                    signer=seal_signer,
                    field_name=SEAL_FIELD,
                    verification_url=url,
                    placement=pades.Placement(page=boxes["page"], box=tuple(boxes["seal"]), seal=True)
                    if boxes
                    else pades.Placement(slot=1),
                    reason=_("Đóng dấu của %(agency)s") % {"agency": agency.name},
                    location=place_name(agency),
                    timestamp_url=settings.TSA_URL,
                    seal_text=agency.name,
                )
            signers_list.append({"role": "seal", "name": agency.name, "at": at.isoformat()})
        locked.signed_pdf.save(f"{locked.token}.pdf", ContentFile(pdf), save=False)
        locked.sha256 = hashlib.sha256(pdf).hexdigest()
        locked.signers = signers_list
        locked.state = ResultDocument.State.SIGNED
        locked.signed_at = at
        locked.register, locked.number, locked.symbol = register, number, symbol
        locked.save()
        if locked.kind == ResultTemplate.Kind.RESULT:
            # Issued electronically: kept in the applicant's data repository (kho dữ liệu).
            for subscriber in RESULT_ISSUED:
                import_string(subscriber)(result=locked, pdf=pdf)
            dossier_services.approve(
                dossier=dossier,
                by=by,
                at=at,
                note=_("Ký số kết quả: %(title)s, số %(number)s")
                % {"title": locked.title, "number": locked.number_and_symbol},
            )
    return locked


@shared_task(name="motcua.signing.render_result")
def render_result(document_id: int, extra: dict | None = None) -> str:
    """Render one draft (queued by ``services.prepare_result``); a second delivery changes nothing."""
    document = ResultDocument.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    return render_draft(document, extra=extra).state
