"""VietQR: the NAPAS EMVCo QR payload a banking app reads to transfer money to an account.

Fields are ID (2 digits), length (2 digits), value. Merchant account information (ID 38) carries the
NAPAS GUID ``A000000727``, the beneficiary (bank BIN and account number) and the service
``QRIBFTTA`` (transfer to an account). The amount is in đồng (currency 704), the purpose (ID 62/08)
is the dossier code, so the transfer can be matched. The payload ends with a CRC-16/CCITT-FALSE
(polynomial 0x1021, initial value 0xFFFF) over everything before it, including ``6304``.
"""

from __future__ import annotations

import segno

NAPAS_GUID = "A000000727"
TO_ACCOUNT = "QRIBFTTA"


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"VietQR field {tag} longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def payload(*, bank_bin: str, account_number: str, amount: int, reference: str) -> str:
    """The dynamic QR (point of initiation 12: one amount, one payment)."""
    beneficiary = _field("00", bank_bin) + _field("01", account_number)
    account = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", TO_ACCOUNT)
    # Banking apps keep letters, digits, spaces and a few signs in the purpose: the dossier code fits.
    purpose = "".join(ch for ch in reference if ch.isalnum() or ch in " .-")[:25]
    body = (
        _field("00", "01")
        + _field("01", "12")
        + _field("38", account)
        + _field("53", "704")
        + _field("54", str(int(amount)))
        + _field("58", "VN")
        + _field("62", _field("08", purpose))
        + "6304"
    )
    return body + f"{crc16_ccitt_false(body.encode('utf-8')):04X}"


def crc_holds(text: str) -> bool:
    return (
        len(text) > 8
        and text[-8:-4] == "6304"
        and text[-4:] == f"{crc16_ccitt_false(text[:-4].encode()):04X}"
    )


def qr_svg(text: str, *, scale: int = 4, title: str = "VietQR") -> str:
    return segno.make(text, error="m", micro=False).svg_inline(scale=scale, title=title)


def qr_data_uri(text: str, *, scale: int = 4) -> str:
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=scale)
