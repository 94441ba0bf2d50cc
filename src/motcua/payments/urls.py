from django.urls import path

from motcua.payments import sandbox, views

app_name = "payments"

urlpatterns = [
    path("thanh-toan/ho-so/<uuid:reference>/", views.pay, name="pay"),
    path("thanh-toan/vnpay/ket-qua/", views.vnpay_return, name="vnpay-return"),
    path("thanh-toan/vnpay/ipn", views.vnpay_ipn, name="vnpay-ipn"),
    path("bien-lai/<str:token>/", views.receipt_check, name="receipt-check"),
    path("bien-lai/<str:token>/bien-lai.pdf", views.receipt_file, name="receipt-pdf"),
    path("can-bo/doi-soat/", views.reconciliation, name="reconciliation"),
    path("can-bo/thu-phi/<uuid:reference>/", views.counter_fees, name="counter-fees"),
    path("can-bo/thu-phi/chuyen-khoan/<uuid:payment>/", views.counter_transfer, name="counter-transfer"),
    # The sandbox bank (404 unless MOTCUA_PAYMENTS_SANDBOX=1).
    path("sandbox/vnpay/paymentv2/vpcpay.html", sandbox.start, name="sandbox-start"),
    path("sandbox/vnpay/the/<str:transaction_no>/", sandbox.card, name="sandbox-card"),
    path("sandbox/vnpay/huy/<str:transaction_no>/", sandbox.cancel, name="sandbox-cancel"),
    path("sandbox/vnpay/merchant_webapi/api/transaction", sandbox.merchant_api, name="sandbox-api"),
]
