"""The VietQR payload: NAPAS EMVCo fields and a CRC-16/CCITT-FALSE a banking app accepts."""

import binascii

from motcua.payments.vietqr import crc16_ccitt_false, crc_holds, payload


def _fields(text):
    out, i = {}, 0
    while i < len(text):
        tag, size = text[i : i + 2], int(text[i + 2 : i + 4])
        out[tag] = text[i + 4 : i + 4 + size]
        i += 4 + size
    return out


def test_crc_is_ccitt_false_as_published():
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the catalogue's check value
    data = b"00020101021238570010A000000727"
    assert crc16_ccitt_false(data) == binascii.crc_hqx(data, 0xFFFF)


def test_payload_carries_account_amount_and_dossier_code_and_its_crc_holds():
    text = payload(
        bank_bin="970415",
        account_number="375100000012",
        amount=135_000,
        reference="000.00.12.H42-261206-0001",
    )
    fields = _fields(text)
    assert fields["00"] == "01" and fields["01"] == "12"
    account = _fields(fields["38"])
    assert account["00"] == "A000000727" and account["02"] == "QRIBFTTA"
    assert _fields(account["01"]) == {"00": "970415", "01": "375100000012"}
    assert fields["53"] == "704" and fields["54"] == "135000" and fields["58"] == "VN"
    assert _fields(fields["62"])["08"] == "000.00.12.H42-261206-0001"
    assert crc_holds(text)
    assert text[-4:] == f"{binascii.crc_hqx(text[:-4].encode(), 0xFFFF):04X}"


def test_a_changed_amount_breaks_the_crc():
    text = payload(bank_bin="970415", account_number="1", amount=135_000, reference="X")
    assert not crc_holds(text.replace("135000", "185000"))
