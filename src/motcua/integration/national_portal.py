"""Synchronising dossier statuses to the national public service portal (Cổng Dịch vụ công quốc gia).

Every event that changes a dossier's status becomes one delivery through the outbox, so the
sync survives outages like every other outbound call. The payload follows the portal's
dossier-sync fields (Vietnamese names, dates ``yyyyMMddHHmmss`` in Vietnam's time, the ten
status codes); ``MOTCUA_NATIONAL_PORTAL_PROVIDER`` chooses where it goes: ``log`` (default,
writes it to the log) or ``http`` (POST to ``MOTCUA_NATIONAL_PORTAL_URL`` with a bearer token).
"""

from __future__ import annotations

import json
import logging
from typing import Protocol

import httpx
from django.conf import settings

from motcua.core.calendar import LOCAL_TZ
from motcua.core.registry import Registry
from motcua.dossiers.models import Channel, DossierEvent
from motcua.dossiers.states import NATIONAL_STATUS_CODES

logger = logging.getLogger("motcua.national_portal")

CHANNEL_CODES = {Channel.ONLINE: 1, Channel.COUNTER: 2, Channel.POST: 3}


def _stamp(value) -> str | None:
    return value.astimezone(LOCAL_TZ).strftime("%Y%m%d%H%M%S") if value else None


def synchronised(event: DossierEvent) -> bool:
    """Only events that move the dossier to a status the portal knows are sent."""
    return bool(event.to_status) and NATIONAL_STATUS_CODES.get(event.to_status) is not None


def payload(event: DossierEvent) -> dict:
    dossier = event.dossier
    return {
        "MaSuKien": str(event.event_id),
        "MaHoSo": dossier.code,
        "MaTTHC": dossier.procedure.code,
        "TenTTHC": dossier.procedure.name,
        "MaDonViTiepNhan": dossier.receiving_agency.code,
        "MaCoQuanGiaiQuyet": dossier.competent_agency.code,
        "KenhThucHien": CHANNEL_CODES.get(dossier.channel, 1),
        "ChuHoSo": dossier.applicant_name,
        "SoGiayToChuHoSo": dossier.applicant_id_number,
        "TrangThaiHoSo": NATIONAL_STATUS_CODES[event.to_status],
        "NgayNopHoSo": _stamp(dossier.submitted_at),
        "NgayTiepNhan": _stamp(dossier.received_at),
        "NgayHenTra": _stamp(dossier.due_at),
        "NgayCapNhat": _stamp(event.at),
        "NoiDungXuLy": event.note,
    }


class NationalPortal(Protocol):
    code: str

    def send(self, payload: dict) -> None: ...  # raise on failure


providers = Registry[NationalPortal]("national portal")


@providers.register("log")
class LogNationalPortal:
    """Writes each payload to the log (no connection to the national portal configured)."""

    def send(self, payload: dict) -> None:
        logger.info("national portal sync: %s", json.dumps(payload, ensure_ascii=False))


@providers.register("http")
class HttpNationalPortal:
    """POSTs the payload as JSON to MOTCUA_NATIONAL_PORTAL_URL (the province's gateway to the portal)."""

    def send(self, payload: dict) -> None:
        headers = {"Content-Type": "application/json"}
        if settings.NATIONAL_PORTAL_TOKEN:
            headers["Authorization"] = f"Bearer {settings.NATIONAL_PORTAL_TOKEN}"
        response = httpx.post(
            settings.NATIONAL_PORTAL_URL,
            content=json.dumps(payload, ensure_ascii=False).encode(),
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
        )
        if not 200 <= response.status_code < 300:
            raise RuntimeError(f"HTTP {response.status_code}: {response.text[:200]}")


def send(payload: dict) -> None:
    providers.get(settings.NATIONAL_PORTAL_PROVIDER).send(payload)
