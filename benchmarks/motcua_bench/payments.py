"""Payment notifications: IPN callbacks handled per second (signature checked, payment and dossier
updated, history, audit and outbox written, receipt number issued), on SQLite and PostgreSQL.

Baseline, measured in the same run on the same database: a bare ``UPDATE`` of the payment row (one
transaction each), what a system that only flips a flag would pay.
"""

from __future__ import annotations

import json
import os

from motcua_bench.harness import Figure, Report, fresh_database, motcua, on_each_database

CALLBACKS = int(os.environ.get("MOTCUA_BENCH_IPN", "200"))

# Run inside the fresh database by ``motcua manage shell -c`` (this floor may use the test support).
MEASURE = "from motcua_bench.payments import measure; measure({n})"


def measure(n: int) -> None:
    import time

    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse
    from django.utils import timezone

    from motcua.catalogue.models import Fee
    from motcua.dossiers.states import Status
    from motcua.payments import services
    from motcua.payments.gateways.vnpay import hmac_sha512, signed_query, vnp_date
    from motcua.payments.models import Payment
    from motcua_testing.dossiers import dossier_in
    from motcua_testing.world import build_world

    secret = "BENCHSECRET0123456789"
    with override_settings(
        VNPAY_TMN_CODE="BENCH001",
        VNPAY_HASH_SECRET=secret,
        VNPAY_PAYMENT_URL="https://sandbox.vnpayment.vn/paymentv2/vpcpay.html",
        ALLOWED_HOSTS=["*"],
    ):
        world = build_world()
        Fee.objects.create(procedure=world.procedure, name="Lệ phí", amount=50_000)
        callbacks, bare = [], []
        for i in range(2 * n):
            dossier = dossier_in(world, Status.AWAITING_PAYMENT)
            payment, _url = services.start_online_payment(
                dossier=dossier, by=world.citizen, ip="", return_url="https://x/r/"
            )
            if i % 2:
                bare.append(payment.pk)
                continue
            params = {
                "vnp_Amount": str(payment.amount * 100),
                "vnp_BankCode": "NCB",
                "vnp_CardType": "ATM",
                "vnp_OrderInfo": "Thanh toan",
                "vnp_PayDate": vnp_date(timezone.now()),
                "vnp_ResponseCode": "00",
                "vnp_TmnCode": "BENCH001",
                "vnp_TransactionNo": str(20_000_000 + i),
                "vnp_TransactionStatus": "00",
                "vnp_TxnRef": payment.txn_ref,
            }
            params["vnp_SecureHash"] = hmac_sha512(secret, signed_query(params))
            callbacks.append(params)
        client, url = Client(), reverse("payments:vnpay-ipn")
        started = time.perf_counter()
        for params in callbacks:
            answer = client.get(url, params).json()
            assert answer["RspCode"] == "00", answer
        ipn_seconds = time.perf_counter() - started
        assert Payment.objects.filter(status=Payment.Status.PAID).count() == n
        table = Payment._meta.db_table
        started = time.perf_counter()
        for pk in bare:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET status = %s, paid_at = %s WHERE id = %s",
                    ["paid", timezone.now(), pk],
                )
        bare_seconds = time.perf_counter() - started
    print(json.dumps({"ipn_per_second": n / ipn_seconds, "bare_per_second": n / bare_seconds}))


def run_on(kind: str, report: Report) -> None:
    report.section(f"payments on {kind}")
    with fresh_database(kind) as env:
        out = motcua("manage", "shell", "-c", MEASURE.format(n=CALLBACKS), env=env, capture=True)
    figures = json.loads(out.strip().splitlines()[-1])
    report.add(
        Figure(
            f"IPN callbacks handled/s ({CALLBACKS}, one by one)",
            figures["ipn_per_second"],
            "cb/s",
            figures["bare_per_second"],
            "bare UPDATE of the payment row",
        )
    )


def run(report: Report) -> None:
    on_each_database(run_on, report)
