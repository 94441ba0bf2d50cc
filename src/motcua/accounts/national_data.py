"""Dữ liệu từ cơ sở dữ liệu quốc gia: verified data that fills a citizen's e-form (the ``prefill``
provider registry).

- ``lgsp-population``: the national population database through the province's LGSP, a documented
  REST service (``docs/lgsp-population.yaml``) at ``MOTCUA_LGSP_URL`` with ``MOTCUA_LGSP_TOKEN``;
  with ``MOTCUA_OIDC_SANDBOX=1`` and no URL, motcua's own sandbox of it (``/sandbox/lgsp/``).
  The adapter does not know which one it talks to.
- A citizen signed in with the national identity already holds the same data, vouched for by the
  provider at sign-in (``ExternalIdentity.claims``): no call is made.

- ``lgsp-business``: the national business registration database through the same LGSP
  (``docs/lgsp-business.yaml``, ``MOTCUA_PREFILL_BUSINESS_PROVIDER``): a business's own record by its
  enterprise code (the tax code): name, head-office address, legal representative, status.

- ``lgsp-land``: the national land database through the same LGSP (``docs/lgsp-land.yaml``,
  ``MOTCUA_PREFILL_LAND_PROVIDER``): the parcels the citizen holds rights on, by their own personal
  identification number (and the certificate's number when they hold several): certificate, map
  sheet, parcel, address, area, use purpose, term, form of use. Only parcels listing the citizen as a
  right holder are kept (the platform filters too).

Each read is recorded with its purpose and the moment the citizen (or the business) consented
(``DataFetch``, Decree 13/2023) and appears in their personal-data download. Values are given in the
e-form's words (``x-prefill`` keys): ``full_name``, ``identity_number``, ``birth_date``, ``sex``,
``address`` for a citizen; ``organisation_name``, ``tax_code``, ``business_address``,
``legal_representative``, ``business_status`` for a business; ``land_certificate_number``,
``land_register_number``, ``land_sheet_number``, ``land_parcel_number``, ``land_address``,
``land_area``, ``land_use_purpose``, ``land_use_term``, ``land_use_form`` for a parcel.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlencode

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from motcua.accounts.models import DataFetch, ExternalIdentity, User, VerifiedFormData
from motcua.core.errors import DomainError
from motcua.core.registry import Registry

logger = logging.getLogger("motcua.national_data")

VERIFIED_KEYS = ("full_name", "identity_number", "birth_date", "sex", "address")
BUSINESS_KEYS = (
    "organisation_name",
    "tax_code",
    "business_address",
    "legal_representative",
    "business_status",
)
LAND_KEYS = (
    "land_certificate_number",
    "land_register_number",
    "land_sheet_number",
    "land_parcel_number",
    "land_address",
    "land_area",
    "land_use_purpose",
    "land_use_term",
    "land_use_form",
)
SANDBOX_PATH = "/sandbox/lgsp"


class NationalDataUnavailable(DomainError):
    code = "national_data_unavailable"
    status = 502


class PrefillProvider(Protocol):
    """A national database: ``subject`` says whose record it holds (``citizen``: by personal
    identification number; ``business``: by enterprise code) and ``fetch`` reads one, in x-prefill keys
    (the land database also takes ``certificate``)."""

    code: str
    source: str
    subject: str

    def fetch(self, *, number: str, purpose: str, consented_at: datetime) -> dict: ...


providers = Registry[PrefillProvider]("prefill")


def sandbox_token() -> str:
    """The sandbox's access token, derived from the site's key (the sandbox and the client agree)."""
    return salted_hmac("motcua.accounts.national_data.sandbox", "token", algorithm="sha256").hexdigest()


@providers.register("lgsp-population")
class LgspPopulation:
    """GET ``/api/dan-cu/v1/cong-dan/{soDinhDanh}`` with the purpose and the consent in headers."""

    source = DataFetch.Source.POPULATION
    subject = "citizen"

    def _endpoint(self) -> tuple[str, str]:
        if settings.LGSP_URL:
            return settings.LGSP_URL.rstrip("/"), settings.LGSP_TOKEN
        if settings.OIDC_SANDBOX:
            return settings.SITE_URL + SANDBOX_PATH, sandbox_token()
        raise NationalDataUnavailable(_("Chưa kết nối với cơ sở dữ liệu quốc gia về dân cư."))

    def fetch(self, *, number: str, purpose: str, consented_at: datetime) -> dict:
        base, token = self._endpoint()
        try:
            answer = _lgsp_get(f"{base}/api/dan-cu/v1/cong-dan/{number}", token, purpose, consented_at)
        except httpx.HTTPError as exc:
            logger.warning("population database unreachable: %r", exc)
            raise NationalDataUnavailable(
                _(
                    "Không kết nối được với cơ sở dữ liệu quốc gia về dân cư; vui lòng tự điền hoặc thử lại sau."
                )
            ) from exc
        if answer.status_code == 404:
            raise NationalDataUnavailable(
                _("Cơ sở dữ liệu quốc gia về dân cư không có số định danh này."), code="not_found"
            )
        if answer.status_code != 200:
            logger.warning("population database answered %s: %s", answer.status_code, answer.text[:200])
            raise NationalDataUnavailable(
                _("Cơ sở dữ liệu quốc gia về dân cư không trả lời được; vui lòng tự điền hoặc thử lại sau.")
            )
        data = answer.json()
        return {
            "full_name": data.get("hoVaTen"),
            "identity_number": data.get("soDinhDanh"),
            "birth_date": data.get("ngaySinh"),
            "sex": data.get("gioiTinh"),
            "address": data.get("noiThuongTru"),
        }


def _lgsp_get(url: str, token: str, purpose: str, consented_at: datetime) -> httpx.Response:
    """One read from an LGSP service, with the purpose and the moment of consent the platform logs."""
    return httpx.get(
        url,
        headers={
            "Authorization": f"Bearer {token}",
            "X-Muc-Dich": purpose[:100],
            "X-Dong-Y": consented_at.astimezone(UTC).isoformat(),
            "X-Ma-Yeu-Cau": uuid.uuid4().hex,
            "Accept": "application/json",
        },
        timeout=settings.LGSP_TIMEOUT_SECONDS,
    )


BUSINESS_STATUS = {
    "DANG_HOAT_DONG": "Đang hoạt động",
    "TAM_NGUNG": "Tạm ngừng kinh doanh",
    "CHO_GIAI_THE": "Đang làm thủ tục giải thể",
    "DA_GIAI_THE": "Đã giải thể",
    "BI_THU_HOI": "Bị thu hồi giấy chứng nhận đăng ký doanh nghiệp",
}


@providers.register("lgsp-business")
class LgspBusiness:
    """GET ``/api/dang-ky-kinh-doanh/v1/doanh-nghiep/{maSoDoanhNghiep}`` (``docs/lgsp-business.yaml``)
    on the same LGSP, token and sandbox as the population service."""

    source = DataFetch.Source.BUSINESS_REGISTRY
    subject = "business"

    def fetch(self, *, number: str, purpose: str, consented_at: datetime) -> dict:
        base, token = LgspPopulation()._endpoint()
        try:
            answer = _lgsp_get(
                f"{base}/api/dang-ky-kinh-doanh/v1/doanh-nghiep/{number}", token, purpose, consented_at
            )
        except httpx.HTTPError as exc:
            logger.warning("business registration database unreachable: %r", exc)
            raise NationalDataUnavailable(
                _(
                    "Không kết nối được với cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp; vui lòng tự "
                    "điền hoặc thử lại sau."
                )
            ) from exc
        if answer.status_code == 404:
            raise NationalDataUnavailable(
                _("Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp không có mã số doanh nghiệp này."),
                code="not_found",
            )
        if answer.status_code != 200:
            logger.warning("business registration answered %s: %s", answer.status_code, answer.text[:200])
            raise NationalDataUnavailable(
                _(
                    "Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp không trả lời được; vui lòng tự điền "
                    "hoặc thử lại sau."
                )
            )
        data = answer.json()
        representative = data.get("nguoiDaiDienPhapLuat") or {}
        status = data.get("tinhTrang")
        return {
            "organisation_name": data.get("tenDoanhNghiep"),
            "tax_code": data.get("maSoDoanhNghiep"),
            "business_address": data.get("diaChiTruSo"),
            "legal_representative": representative.get("hoVaTen"),
            "business_status": BUSINESS_STATUS.get(status, status),
        }


USE_FORM = {"RIENG": "Sử dụng riêng", "CHUNG": "Sử dụng chung"}


def _same_certificate(a: str, b: str) -> bool:
    """``CS 715233`` and ``cs715233`` are the same certificate."""
    return "".join(a.split()).upper() == "".join(b.split()).upper()


@providers.register("lgsp-land")
class LgspLand:
    """GET ``/api/dat-dai/v1/thua-dat?soDinhDanh=…[&soPhatHanhGCN=…]`` (``docs/lgsp-land.yaml``) on the
    same LGSP, token and sandbox: the parcels the citizen holds rights on. ``certificate`` picks one
    when they hold several; a parcel that does not list the citizen as a right holder is never used."""

    source = DataFetch.Source.LAND
    subject = "citizen"

    def fetch(self, *, number: str, purpose: str, consented_at: datetime, certificate: str = "") -> dict:
        base, token = LgspPopulation()._endpoint()
        query = {"soDinhDanh": number}
        if certificate:
            query["soPhatHanhGCN"] = certificate
        try:
            answer = _lgsp_get(
                f"{base}/api/dat-dai/v1/thua-dat?{urlencode(query)}", token, purpose, consented_at
            )
        except httpx.HTTPError as exc:
            logger.warning("land database unreachable: %r", exc)
            raise NationalDataUnavailable(
                _(
                    "Không kết nối được với cơ sở dữ liệu quốc gia về đất đai; vui lòng tự điền hoặc thử lại sau."
                )
            ) from exc
        if answer.status_code == 404:
            raise NationalDataUnavailable(
                _(
                    "Cơ sở dữ liệu quốc gia về đất đai không có thửa đất nào Ông/Bà có quyền sử dụng khớp với yêu cầu."
                ),
                code="not_found",
            )
        if answer.status_code != 200:
            logger.warning("land database answered %s: %s", answer.status_code, answer.text[:200])
            raise NationalDataUnavailable(
                _("Cơ sở dữ liệu quốc gia về đất đai không trả lời được; vui lòng tự điền hoặc thử lại sau.")
            )
        parcels = [
            p
            for p in answer.json().get("danhSach") or []
            if any(h.get("soDinhDanh") == number for h in p.get("nguoiSuDung") or [])
            and (not certificate or _same_certificate(p.get("soPhatHanhGCN", ""), certificate))
        ]
        if not parcels:
            raise NationalDataUnavailable(
                _(
                    "Cơ sở dữ liệu quốc gia về đất đai không có thửa đất nào Ông/Bà có quyền sử dụng khớp với yêu cầu."
                ),
                code="not_found",
            )
        if len(parcels) > 1:
            raise DomainError(
                _(
                    "Ông/Bà có quyền sử dụng %(count)s thửa đất (Giấy chứng nhận số %(numbers)s); ghi số phát "
                    "hành Giấy chứng nhận của thửa đất làm thủ tục."
                )
                % {"count": len(parcels), "numbers": ", ".join(p.get("soPhatHanhGCN", "") for p in parcels)},
                fields={"certificate": [_("Cần ghi số phát hành Giấy chứng nhận.")]},
            )
        parcel = parcels[0]
        use_form = parcel.get("hinhThucSuDung")
        return {
            "land_certificate_number": parcel.get("soPhatHanhGCN"),
            "land_register_number": parcel.get("soVaoSo"),
            "land_sheet_number": parcel.get("toBanDoSo"),
            "land_parcel_number": parcel.get("thuaDatSo"),
            "land_address": parcel.get("diaChi"),
            "land_area": parcel.get("dienTich"),
            "land_use_purpose": parcel.get("mucDichSuDung"),
            "land_use_term": parcel.get("thoiHanSuDung"),
            "land_use_form": USE_FORM.get(use_form, use_form),
        }


@dataclass(frozen=True)
class Verified:
    """Values vouched for by ``source`` at ``at``."""

    source: str
    at: datetime
    values: dict

    @property
    def source_label(self) -> str:
        return str(DataFetch.Source(self.source).label)

    def as_session(self) -> dict:
        return {"source": self.source, "at": self.at.isoformat(), "values": self.values}

    @classmethod
    def from_session(cls, data: dict | None) -> Verified | None:
        if not data:
            return None
        return cls(source=data["source"], at=datetime.fromisoformat(data["at"]), values=data["values"])


def from_national_identity(user: User) -> Verified | None:
    """What the national identity vouched for at the last sign-in (no call)."""
    identity = ExternalIdentity.objects.filter(user=user).order_by("-verified_at").first()
    if identity is None:
        return None
    claims = identity.claims
    sex = claims.get("sex")
    values = {
        "full_name": claims.get("full_name") or None,
        "identity_number": claims.get("personal_id") or None,
        "birth_date": claims.get("birth_date") or None,
        "sex": None if sex is None else ("Nam" if sex == "male" else "Nữ"),
        "address": claims.get("address") or None,
    }
    return Verified(
        source=DataFetch.Source.NATIONAL_IDENTITY,
        at=identity.verified_at,
        values={k: v for k, v in values.items() if v},
    )


def record_sign_in_fetch(*, user: User, fields: list[str]) -> None:
    """The national identity gave these data at sign-in, with the consent its screen asked for."""
    now = timezone.now()
    DataFetch.objects.create(
        user=user,
        source=DataFetch.Source.NATIONAL_IDENTITY,
        purpose="sign_in",
        fields=sorted(fields),
        consented_at=now,
        fetched_at=now,
    )


def _require_consent(consent: bool, *, database: str) -> None:
    """Nothing is read from a national database (``database``: its name, "dân cư", "đất đai"…)
    before the citizen or the business has consented (Decree 13/2023)."""
    if not consent:
        raise DomainError(
            _("Cần Ông/Bà đồng ý trước khi lấy thông tin từ cơ sở dữ liệu quốc gia về %(database)s.")
            % {"database": database},
            fields={"consent": [_("Cần đồng ý.")]},
        )


def fetch_population_data(*, user: User, purpose: str, consent: bool) -> Verified:
    """Read the citizen's own record from the population database, with their consent."""
    _require_consent(consent, database=pgettext("national database", "dân cư"))
    if user.kind != User.Kind.CITIZEN or not user.personal_id:
        raise DomainError(_("Chỉ công dân có số định danh cá nhân lấy được thông tin này."))
    return _fetch(user, settings.PREFILL_PROVIDER, user.personal_id, purpose, VERIFIED_KEYS)


def fetch_business_data(*, user: User, purpose: str, consent: bool) -> Verified:
    """Read the business's own record from the business registration database, with its consent."""
    _require_consent(consent, database=pgettext("national database", "đăng ký doanh nghiệp"))
    if user.kind != User.Kind.BUSINESS or not user.tax_code:
        raise DomainError(_("Chỉ tổ chức, doanh nghiệp có mã số doanh nghiệp lấy được thông tin này."))
    return _fetch(user, settings.PREFILL_BUSINESS_PROVIDER, user.tax_code, purpose, BUSINESS_KEYS)


def fetch_land_data(*, user: User, purpose: str, consent: bool, certificate: str = "") -> Verified:
    """Read a parcel the citizen holds rights on from the land database, with their consent
    (``certificate``: the certificate's number, needed when they hold several parcels)."""
    _require_consent(consent, database=pgettext("national database", "đất đai"))
    if user.kind != User.Kind.CITIZEN or not user.personal_id:
        raise DomainError(_("Chỉ công dân có số định danh cá nhân lấy được thông tin này."))
    certificate = " ".join((certificate or "").split())[:20]
    return _fetch(
        user, settings.PREFILL_LAND_PROVIDER, user.personal_id, purpose, LAND_KEYS, certificate=certificate
    )


def _fetch(user: User, provider_code: str, number: str, purpose: str, keys, **query) -> Verified:
    consented_at = timezone.now()
    provider = providers.get(provider_code)
    values = provider.fetch(number=number, purpose=purpose, consented_at=consented_at, **query)
    values = {k: v for k, v in values.items() if k in keys and v not in (None, "")}
    fetched_at = timezone.now()
    DataFetch.objects.create(
        user=user,
        source=provider.source,
        purpose=purpose,
        fields=sorted(values),
        consented_at=consented_at,
        fetched_at=fetched_at,
    )
    return Verified(source=provider.source, at=fetched_at, values=values)


@transaction.atomic
def keep_for_dossier(*, dossier_reference, user: User, verified: Verified, fields: dict[str, str]) -> None:
    """Remember which e-form fields (name → x-prefill key) hold verified values for this dossier."""
    values = {name: verified.values[key] for name, key in fields.items() if key in verified.values}
    if not values:
        return
    VerifiedFormData.objects.update_or_create(
        dossier_reference=dossier_reference,
        defaults={"user": user, "source": verified.source, "values": values, "verified_at": verified.at},
    )


def verified_for_dossier(dossier_reference) -> VerifiedFormData | None:
    return VerifiedFormData.objects.filter(dossier_reference=dossier_reference).first()


def report_error(*, dossier_reference, user: User, text: str) -> VerifiedFormData:
    """The applicant says a verified value is wrong: kept on the dossier for the official to see."""
    row = VerifiedFormData.objects.filter(dossier_reference=dossier_reference, user=user).first()
    if row is None:
        raise DomainError(_("Hồ sơ này không có thông tin lấy từ cơ sở dữ liệu quốc gia."))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Ghi rõ thông tin nào sai."), fields={"text": [_("Cần ghi rõ.")]})
    row.error_report = text[:2000]
    row.error_reported_at = timezone.now()
    row.save(update_fields=["error_report", "error_reported_at"])
    return row
