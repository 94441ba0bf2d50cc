"""A citizen's browser over HTTP, for tests against a real server: sign in, file a dossier with a
scan through the forms each page renders (the e-form, then the review page's submit button), and
press the same button again when the server does not answer (same form, same form key)."""

from __future__ import annotations

import time

import httpx

from motcua_testing.factories import BIRTH_DATA, PASSWORD
from motcua_testing.html_forms import post_form


def retrying(call):
    """What a person does when the page does not answer: wait, press the same button again."""
    for _attempt in range(120):
        try:
            response = call()
            if response.status_code < 500:
                return response
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError("the server never answered again")


def problems(html: str) -> str:
    import re

    return " | ".join(
        re.sub(r"<[^>]+>", " ", m)
        for m in re.findall(r'(?s)class="(?:alert|errors?)[^"]*"[^>]*>(.*?)</', html)
    )[:800]


def file_one(client: httpx.Client, procedure_code: str, scan: bytes) -> str:
    page = retrying(lambda: client.get(f"/thu-tuc/{procedure_code}/nop-ho-so/"))
    form = post_form(page.text, having="form_key")
    data = dict(form.hidden)
    for name in form.inputs:
        if name.startswith("f_") and name[2:] in BIRTH_DATA:
            data[name] = BIRTH_DATA[name[2:]]
    for name, options in form.selects.items():
        data[name] = BIRTH_DATA.get(name[2:]) or next((o for o in options if o), "")
    data["action"] = "review"
    files = [
        (name, ("ban-quet.pdf", scan, "application/pdf"))
        for name in form.inputs
        if name.startswith("doc_") and name != "doc_other"
    ]
    review = retrying(lambda: client.post(f"/thu-tuc/{procedure_code}/nop-ho-so/", data=data, files=files))
    assert review.status_code == 302, problems(review.text)
    review_url = review.headers["location"]
    page = retrying(lambda: client.get(review_url))
    submit = post_form(page.text, having="form_key")
    done = retrying(lambda: client.post(review_url, data=dict(submit.hidden)))
    assert done.status_code == 302 and "/da-nop/" in done.headers["location"], problems(done.text)
    return done.headers["location"].split("/ho-so/")[1].split("/")[0]


def sign_in(base: str, user, **client_options) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30, **client_options)
    page = retrying(lambda: client.get("/dang-nhap/"))
    form = post_form(page.text, having="password")
    signed = retrying(
        lambda: client.post(
            "/dang-nhap/", data={**form.hidden, "username": user.username, "password": PASSWORD}
        )
    )
    assert signed.status_code == 302, signed.text[:300]
    return client
