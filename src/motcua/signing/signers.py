"""Who signs, and the lines above their signature (quyền hạn, chức vụ người ký; Decree 30/2020)."""

from __future__ import annotations

from motcua.org.models import Agency, AgencyKind, Official, Role
from motcua.org.selectors import agency_ids_for, officials_holding
from motcua.signing.models import SignerPosition, SigningKey

COLLECTIVE = {
    AgencyKind.PROVINCE_COMMITTEE: "Ủy ban nhân dân",
    AgencyKind.COMMUNE_COMMITTEE: "Ủy ban nhân dân",
}
DEPUTY = "phó "
AGENCY_SUFFIXES = (" UBND", " Ủy ban nhân dân", " Trung tâm", " Sở")


def _clean_title(title: str) -> str:
    """“Phó Chủ tịch UBND” → “Phó Chủ tịch”: the position without the agency it belongs to."""
    title = " ".join((title or "").split())
    for suffix in AGENCY_SUFFIXES:
        if title.endswith(suffix):
            title = title[: -len(suffix)]
    return title


def position_of(official: Official, agency: Agency) -> SignerPosition:
    """The official's signing position at the agency: as the administrator set it, or else read from
    the official's title (a deputy signs “KT.” for the head; the head of a People's Committee signs
    on behalf of the committee, “TM. ỦY BAN NHÂN DÂN”)."""
    found = SignerPosition.objects.filter(official=official, agency=agency).first()
    if found is not None:
        return found
    title = _clean_title(official.title) or "Thủ trưởng cơ quan"
    if title.lower().startswith(DEPUTY):
        head = title[len(DEPUTY) :]
        return SignerPosition(
            official=official,
            agency=agency,
            position=title,
            authority=SignerPosition.Authority.ON_BEHALF_OF_HEAD,
            head_title=head[:1].upper() + head[1:],
        )
    return SignerPosition(
        official=official, agency=agency, position=title, collective=COLLECTIVE.get(agency.kind, "")
    )


def position_lines(official: Official, agency: Agency) -> list[str]:
    return position_of(official, agency).lines()


def candidates(agency: Agency) -> list[Official]:
    """Leaders of the agency: those with a signing key first, then the heads before their deputies."""
    leaders = officials_holding(agency, Role.LEADER).order_by("pk")
    with_key = set(
        SigningKey.objects.filter(official__in=leaders, is_active=True).values_list("official_id", flat=True)
    )
    return sorted(
        leaders,
        key=lambda official: (official.pk not in with_key, bool(position_of(official, agency).authority)),
    )


def default_signer(*, agency: Agency, by) -> Official | None:
    """The leader a draft is prepared for: its author when a leader of the agency, else the first who can sign."""
    official = getattr(by, "official", None)
    if official is not None and agency.pk in agency_ids_for(official, [Role.LEADER]):
        return official
    found = candidates(agency)
    return found[0] if found else None
