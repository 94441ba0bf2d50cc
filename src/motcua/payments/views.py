"""Payment pages and the gateway's endpoints: the pay button's target, the return page (shows,
decides nothing), the IPN (decides), and the public receipt check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from motcua.audit.context import client_ip
from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier
from motcua.payments import selectors, services
from motcua.payments.gateways import current


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
