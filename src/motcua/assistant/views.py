"""``/tro-ly/``: the assistant as a chat, mobile first; works without JavaScript (a form
post answers with the whole page), htmx appends each exchange to the conversation."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from motcua.assistant.answers import ask
from motcua.core.errors import DomainError


@require_http_methods(["GET", "POST"])
def assistant_page(request):
    exchange = None
    if request.method == "POST" or request.GET.get("q"):
        params = request.POST if request.method == "POST" else request.GET
        question = params.get("q", "").strip()
        chosen = params.get("thu-tuc", "").strip()
        try:
            answer = ask(question, procedure_code=chosen)
            error = None
        except DomainError as exc:
            answer, error = None, exc.message
        exchange = {"question": question or params.get("ten", ""), "answer": answer, "error": error}
    if request.headers.get("HX-Request") and exchange:
        return render(request, "assistant/_exchange.html", {"exchange": exchange})
    return render(request, "assistant/page.html", {"exchange": exchange})
