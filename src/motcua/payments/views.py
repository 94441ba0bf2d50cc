"""Payment pages and the gateway's endpoints: the pay button's target, the return page (shows,
decides nothing), the IPN (decides), and the public receipt check."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from motcua.audit.context import client_ip
from motcua.audit.models import Action
from motcua.audit.services import record
from motcua.core.downloads import download_response
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import get_dossier_for
from motcua.org.access import official_required, refused
from motcua.payments import receipts, selectors, services, vietqr
from motcua.payments import reconciliation as reconciliation_rules
from motcua.payments.fees import counter_due
from motcua.payments.gateways import current
from motcua.payments.models import Channel, Exemption, Payment


@login_required
@require_POST
def pay(request, reference):
    """Thanh toán trực tuyến: open the order and send the payer to the gateway."""
    dossier = Dossier.objects.select_related("procedure", "receiving_agency").filter(uuid=reference).first()
    if dossier is None or dossier.applicant_id != request.user.pk:
        raise Http404
    try:
        _payment, url = services.start_online_payment(
            dossier=dossier,
            by=request.user,
            ip=client_ip(request),
            return_url=request.build_absolute_uri(reverse("payments:vnpay-return")),
            locale=get_language() or "vi",
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("portal:dossier", dossier.uuid)
    return HttpResponseRedirect(url)


def vnpay_return(request):
    """Where the gateway sends the payer back: the outcome as the IPN recorded it. The signature is
    checked only to show the right words; nothing is marked paid here."""
    note = current().read_notification(request.GET)
    payment = selectors.payment_by_ref(note.txn_ref) if note.authentic else None
    if payment is None:
        services.record_rejected_return(request.GET, ip=client_ip(request))
        return render(request, "payments/return.html", {"forged": True}, status=400)
    owner = request.user.is_authenticated and request.user.pk == payment.dossier.applicant_id
    return render(
        request,
        "payments/return.html",
        {
            "payment": payment,
            "note": note,
            "owner": owner,
            "waiting": payment.status == payment.Status.PENDING,
        },
    )


@csrf_exempt
def vnpay_ipn(request):
    """The gateway's server-to-server notification (GET, as VNPay sends it)."""
    params = request.GET if request.method == "GET" else request.POST
    return JsonResponse(services.handle_ipn(params, ip=client_ip(request)))


@ratelimit(key="ip", rate="30/m", block=True)
def receipt_check(request, token):
    """Kiểm tra biên lai: what the QR on a receipt opens; no personal data beyond the payer's name."""
    payment = selectors.receipt_by_token(token)
    if payment is None:
        return render(request, "payments/receipt_check.html", {"payment": None}, status=404)
    return render(request, "payments/receipt_check.html", {"payment": payment})


# -- at the counter ------------------------------------------------------------------------------


def _official_dossier(request, reference) -> Dossier:
    try:
        return get_dossier_for(request.user, str(reference))
    except NotFound:
        raise Http404 from None


@official_required
def counter_fees(request, reference):
    """Thu phí, lệ phí tại quầy: cash or VietQR, with an exemption or reduction if the applicant has one."""
    dossier = _official_dossier(request, reference)
    errors, message, status, posted = {}, "", 200, {}
    if request.method == "POST":
        posted = {k: request.POST.get(k, "") for k in ("channel", "exemption", "level", "reason")}
        try:
            payment = services.collect_at_counter(dossier=dossier, by=request.user, **posted)
        except DomainError as exc:
            errors, message, status = exc.fields, str(exc.message), 400
        else:
            if payment.status == Payment.Status.PENDING:
                return redirect("payments:counter-transfer", payment.uuid)
            messages.success(
                request, _("Đã thu phí, lệ phí. Biên lai số %(number)s.") % {"number": payment.receipt_number}
            )
            return redirect("payments:counter-fees", dossier.uuid)
    return render(
        request,
        "payments/counter.html",
        {
            "dossier": dossier,
            "due": counter_due(dossier),
            "payments": list(dossier.payments.order_by("-created_at")),
            "exemptions": [c for c in Exemption.choices if c[0]],
            "levels": [("exempt", _("Miễn (100%)")), ("half", _("Giảm 50%"))],
            "channels": [(Channel.CASH, Channel.CASH.label), (Channel.VIETQR, Channel.VIETQR.label)],
            "errors": errors,
            "message": message,
            "posted": posted or {"channel": Channel.CASH},
        },
        status=status,
    )


@official_required
def counter_transfer(request, payment):
    """The VietQR code on screen for the applicant's banking app; the receiver confirms the transfer."""
    found = (
        Payment.objects.select_related("dossier", "agency")
        .filter(uuid=payment, channel=Channel.VIETQR)
        .first()
    )
    if found is None:
        raise Http404
    dossier = _official_dossier(request, found.dossier.uuid)
    message = ""
    if request.method == "POST":
        try:
            services.confirm_transfer(payment=found, by=request.user)
        except DomainError as exc:
            message = str(exc.message)
        else:
            messages.success(request, _("Đã xác nhận nhận chuyển khoản."))
            return redirect("payments:counter-fees", dossier.uuid)
    account = getattr(found.agency, "collection_account", None)
    text = (
        vietqr.payload(
            bank_bin=account.bank_bin,
            account_number=account.account_number,
            amount=found.amount,
            reference=dossier.code or found.txn_ref,
        )
        if account
        else ""
    )
    return render(
        request,
        "payments/counter_transfer.html",
        {
            "payment": found,
            "dossier": dossier,
            "account": account,
            "qr": vietqr.qr_svg(text, scale=3) if text else "",
            "payload": text,
            "message": message,
        },
        status=400 if message else 200,
    )


@ratelimit(key="ip", rate="30/m", block=True)
def receipt_file(request, token):
    """The receipt as PDF (the link on the check page and in the applicant's repository)."""
    payment = selectors.receipt_by_token(token)
    if payment is None:
        raise Http404
    return download_response(
        receipts.receipt_pdf(payment),
        filename=f"bien-lai-{payment.receipt_number.replace('/', '-')}.pdf",
        content_type="application/pdf",
        inline=True,
    )


# -- reconciliation ------------------------------------------------------------------------------


@official_required
def reconciliation(request):
    """Đối soát: a finance officer's daily statement per agency and channel, with its mismatches."""
    agencies = reconciliation_rules.agencies_of(request.user)
    if not agencies:
        return refused(request, _("Trang này dành cho kế toán thu phí, lệ phí (đối soát)."))
    today = timezone.localdate()
    error = ""
    try:
        day = date.fromisoformat(request.GET.get("ngay") or today.isoformat())
    except ValueError:
        day, error = today, _("Ngày không hợp lệ (năm-tháng-ngày), đang hiện hôm nay.")
    chosen = request.GET.get("don-vi", "")
    selected = [a for a in agencies if str(a.pk) == chosen] or agencies
    statement = reconciliation_rules.daily_statement(day=day, agencies=selected)
    export = request.GET.get("tai")
    if export in ("csv", "xlsx"):
        record(
            action=Action.EXPORT,
            user=request.user,
            object_type="fee_statement",
            object_ref=day.isoformat(),
            detail={"agencies": [a.pk for a in selected], "format": export},
        )
        if export == "csv":
            body, kind = reconciliation_rules.as_csv(statement), "text/csv; charset=utf-8"
        else:
            body, kind = (
                reconciliation_rules.as_xlsx(statement),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        return download_response(body, filename=f"doi-soat-{day.isoformat()}.{export}", content_type=kind)
    return render(
        request,
        "payments/reconciliation.html",
        {
            "statement": statement,
            "agencies": agencies,
            "chosen": chosen,
            "day": day,
            "error": error,
            "query": f"ngay={day.isoformat()}&don-vi={chosen}",
        },
        status=400 if error else 200,
    )
