import pytest


@pytest.fixture(autouse=True)
def _merchant(settings):
    """The merchant as a province would configure it (the sandbox knows the same code and secret)."""
    settings.PAYMENT_GATEWAY = "vnpay"
    settings.VNPAY_TMN_CODE = "TESTMC01"
    settings.VNPAY_HASH_SECRET = "SECRETKEYFORTESTS0123456789ABCDEF"
    settings.VNPAY_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = "http://127.0.0.1:9/merchant_webapi/api/transaction"  # nothing listens
    settings.PAYMENT_EXPIRY_MINUTES = 15
