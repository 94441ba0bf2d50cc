"""``/tro-ly/``: the assistant as a chat, mobile first; works without JavaScript (a form
post answers with the whole page), htmx appends each exchange to the conversation.

The conversation's procedure is kept in the session, so that a follow-up ("mất bao
lâu?") is answered for it."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.assistant.answers import ask
from motcua.core.errors import DomainError
from motcua.search.statistics import record_question

CONVERSATION = "assistant_procedure"


@require_http_methods(["GET", "POST"])
def assistant_page(request):
    exchange = None
    if request.method == "POST" or request.GET.get("q"):
        params = request.POST if request.method == "POST" else request.GET
        question = params.get("q", "").strip()
        chosen = params.get("thu-tuc", "").strip()
        address = getattr(request.user, "address", "") if request.user.is_authenticated else ""
        try:
            answer = ask(
                question,
                procedure_code=chosen,
                previous=request.session.get(CONVERSATION, ""),
                address=address,
            )
            error = None
        except DomainError as exc:
            answer, error = None, exc.message
        if answer is not None and answer.procedure is not None:
            request.session[CONVERSATION] = answer.procedure.code
        if question and not chosen:
            record_question(question, channel="assistant", found=bool(answer and answer.kind != "not_found"))
        exchange = {"question": question or params.get("ten", ""), "answer": answer, "error": error}
    if request.headers.get("HX-Request") and exchange:
        return render(request, "assistant/_exchange.html", {"exchange": exchange})
    return render(request, "assistant/page.html", {"exchange": exchange})
