"""The VNPay 2.1.0 payment URL: parameters and secure hash as VNPay publishes them."""

from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

from motcua.payments.gateways import Order
from motcua.payments.gateways.vnpay import VNPayGateway

from .signing import published_hash

ORDER = Order(
    txn_ref="261206AB12CD34EF",
    amount=150_000,
    description="Thanh toan phi le phi ho so 000.00.12.H30-261206-0001",
    created_at=datetime(2026, 12, 6, 3, 4, 5, tzinfo=UTC),
    expires_at=datetime(2026, 12, 6, 3, 19, 5, tzinfo=UTC),
    payer_ip="203.0.113.7",
)


def _gateway():
    return VNPayGateway(
        tmn_code="TESTMC01",
        hash_secret="SECRETKEYFORTESTS0123456789ABCDEF",
        payment_url="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
        api_url="",
    )


def _params(url):
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def test_payment_url_carries_the_published_parameters():
    url = _gateway().payment_url(order=ORDER, return_url="https://dvc.example.vn/thanh-toan/vnpay/ket-qua/")
    params = _params(url)
    assert url.startswith("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?")
    assert params["vnp_Version"] == "2.1.0"
    assert params["vnp_Command"] == "pay"
    assert params["vnp_TmnCode"] == "TESTMC01"
    assert params["vnp_Amount"] == "15000000"  # đồng × 100
    assert params["vnp_CurrCode"] == "VND"
    assert params["vnp_TxnRef"] == "261206AB12CD34EF"
    assert params["vnp_CreateDate"] == "20261206100405"  # GMT+7
    assert params["vnp_ExpireDate"] == "20261206101905"
    assert params["vnp_IpAddr"] == "203.0.113.7"
    assert params["vnp_Locale"] == "vn"
    assert params["vnp_ReturnUrl"] == "https://dvc.example.vn/thanh-toan/vnpay/ket-qua/"


def test_secure_hash_matches_the_published_algorithm():
    url = _gateway().payment_url(order=ORDER, return_url="https://dvc.example.vn/thanh-toan/vnpay/ket-qua/")
    params = _params(url)
    assert params["vnp_SecureHash"] == published_hash(params)
    assert len(params["vnp_SecureHash"]) == 128  # SHA-512, hex


def test_query_string_is_sorted_and_url_encoded_with_plus_for_spaces():
    url = _gateway().payment_url(order=ORDER, return_url="https://dvc.example.vn/r/")
    query = urlsplit(url).query
    names = [pair.split("=")[0] for pair in query.split("&")]
    assert names[:-1] == sorted(names[:-1]) and names[-1] == "vnp_SecureHash"
    assert "vnp_OrderInfo=Thanh+toan+phi+le+phi+ho+so+000.00.12.H30-261206-0001" in query
    assert "vnp_ReturnUrl=https%3A%2F%2Fdvc.example.vn%2Fr%2F" in query


def test_a_fixed_vector_computed_by_hand():
    params = {
        "vnp_Amount": "1000000",
        "vnp_TxnRef": "A1",
        "vnp_OrderInfo": "Phi ho so",
        "vnp_TmnCode": "TESTMC01",
    }
    expected = published_hash(params)  # HMAC-SHA512("Amount=..&OrderInfo=Phi+ho+so&TmnCode=..&TxnRef=A1")
    assert _gateway().sign(params) == expected
    assert _gateway().verify(
        {**params, "vnp_SecureHash": expected.upper(), "vnp_SecureHashType": "HmacSHA512"}
    )
