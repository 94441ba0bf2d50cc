"""Equip the demo province for electronic results: a demo CA, a certificate for every leader
(PIN ``motcua-demo``), an unattended seal for every agency, and a result template per procedure."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from motcua.catalogue.models import Procedure
from motcua.org.models import Agency, Official, Role
from motcua.signing import ca
from motcua.signing.models import ResultTemplate
from motcua.signing.sample_templates import result_template
from motcua.signing.services import register_pkcs12_key, upload_template

DEMO_PIN = "motcua-demo"


def demo_authority() -> ca.Authority:
    folder = Path(settings.DATA_DIR) / "ca"
    if (folder / "root-ca.pem").exists():
        return ca.load_authority(folder, passphrase=DEMO_PIN)
    authority = ca.create_root(name="motcua Demo Root CA", organisation="motcua — dữ liệu mẫu")
    ca.save_authority(authority, folder, passphrase=DEMO_PIN)
    return authority


def equip(*, province_name: str) -> dict:
    authority = demo_authority()
    leaders = Official.objects.filter(roles__role=Role.LEADER).select_related("user").distinct()
    for official in leaders:
        agency = official.roles.filter(role=Role.LEADER).select_related("agency").first().agency
        certificate, key = ca.issue_signing_certificate(
            authority, common_name=official.user.full_name, organisation=f"{agency.name} tỉnh {province_name}"
        )
        register_pkcs12_key(
            official=official,
            data=ca.pkcs12_bytes(
                certificate, key, authority, passphrase=DEMO_PIN, friendly_name=official.user.username
            ),
            pin=DEMO_PIN,
        )
    agencies = Agency.objects.filter(procedures__isnull=False).distinct()
    for agency in agencies:
        certificate, key = ca.issue_signing_certificate(
            authority, common_name=agency.name, organisation=f"{agency.name} tỉnh {province_name}"
        )
        register_pkcs12_key(
            agency=agency,
            data=ca.pkcs12_bytes(certificate, key, authority, passphrase=DEMO_PIN, friendly_name=agency.code),
            pin=DEMO_PIN,
            unattended=True,
        )
    templates = 0
    for procedure in Procedure.objects.filter(is_active=True, dossiers__isnull=False).distinct():
        title = (
            (procedure.result or "Kết quả giải quyết thủ tục hành chính")
            .split("\n")[0]
            .split("(Mã")[0]
            .strip("* .")[:200]
        )
        upload_template(
            procedure=procedure,
            name=title or "Kết quả giải quyết",
            data=result_template(title=title, form_schema=procedure.form_schema),
        )
        templates += 1
    for kind, title in (
        (ResultTemplate.Kind.REFUSAL, "Văn bản từ chối giải quyết hồ sơ"),
        (ResultTemplate.Kind.APOLOGY, "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
    ):
        upload_template(
            procedure=None,
            kind=kind,
            name=title,
            data=result_template(title=title, form_schema=None, kind=kind),
        )
    return {"leaders": leaders.count(), "seals": agencies.count(), "templates": templates}
