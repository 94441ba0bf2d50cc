"""Follow every link a person is shown, as one signed-in role, and report the ones that break.

A page that links somewhere the reader may not go (403), somewhere that does not exist (404) or that
fails (500) is a bug whoever reads it: the link should not be shown, or the page should work. The
crawler reads only ``<a href>`` links of the same site, only with GET, bounded (a number of pages,
a few addresses per shape of address, so a list of a thousand dossiers costs two visits, and a
few queries per page), and
never follows sign-out. Files are fetched but not read.

It is given a ``fetch(url) -> Answer`` function, so the same crawl runs inside the tests (Django's
test client, ``client_fetcher``) and against a running server (``scripts/crawl``, ``HttpSession``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from urllib import error, parse, request

import lxml.html

SIGN_IN = "/dang-nhap/"
# Never followed: leaving (sign-out), the static files, and addresses that are not pages for people.
SKIP = (
    re.compile(r"^/dang-xuat/"),
    re.compile(r"^/admin/logout/"),
    re.compile(r"^/static/"),
    re.compile(r"^/api/v1/docs/"),  # the Swagger UI loads its scripts from the page, not by links
)
HTML = "text/html"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str = ""
    body: bytes = b""  # only for HTML pages
    location: str = ""  # for redirects


@dataclass(frozen=True)
class Problem:
    url: str
    status: int
    found_on: str
    link_text: str
    why: str

    def __str__(self) -> str:
        return f"{self.status} {self.url}  ← “{self.link_text}” on {self.found_on} ({self.why})"


@dataclass
class Report:
    visited: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        counts = ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items()))
        return f"{len(self.visited)} pages ({counts}), {len(self.problems)} problems"


def shape(url: str) -> str:
    """The address with its identifiers blanked: /can-bo/xu-ly/ho-so/000.00.12.H42-251123-0001/ and
    /can-bo/xu-ly/ho-so/000.00.12.H42-251123-0002/ have one shape, as have ?page=2 and ?page=3."""
    parts = parse.urlsplit(url)
    path = "/".join(
        "#" if re.search(r"\d", segment) or len(segment) > 30 else segment
        for segment in parts.path.split("/")
    )
    keys = sorted({key for key, _value in parse.parse_qsl(parts.query, keep_blank_values=True)})
    return path + ("?" + "&".join(keys) if keys else "")


def links(html: bytes, page_url: str) -> Iterable[tuple[str, str]]:
    """The same-site links of a page (path and query, no fragment) with their visible text."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            continue
        absolute = parse.urljoin("http://site" + page_url, href)
        parts = parse.urlsplit(absolute)
        if parts.netloc != "site":
            continue  # another site
        target = parts.path + ("?" + parts.query if parts.query else "")
        text = (
            " ".join(anchor.text_content().split()) or anchor.get("aria-label") or anchor.get("title") or href
        )
        yield target, text[:80]


def crawl(
    fetch: Callable[[str], Answer],
    *,
    start: str | Sequence[str] = "/",
    signed_in: bool = True,
    limit: int = 300,
    per_shape: int = 2,
    per_path: int = 6,
    skip: Iterable[re.Pattern] = SKIP,
) -> Report:
    """Visit ``start`` (one page or several) and what their links lead to, breadth first; report every link answering an
    error (4xx except 429, 5xx) and, when ``signed_in``, every link that sends the reader to sign in."""
    skip = tuple(skip)
    report = Report()
    starts = [start] if isinstance(start, str) else list(start)
    seen: set[str] = set(starts)
    shapes: Counter = Counter()
    paths: Counter = Counter()  # the admin's sorting and filter links vary the query endlessly
    queue: deque[tuple[str, str, str]] = deque((url, "(start)", "") for url in starts)
    while queue and len(report.visited) < limit:
        url, found_on, text = queue.popleft()
        answer, final = _follow_redirects(fetch, url)
        report.visited.append(url)
        report.statuses[answer.status] += 1
        why = ""
        if answer.status >= 400 and answer.status != 429:
            why = "error"
        elif signed_in and parse.urlsplit(final).path == SIGN_IN and parse.urlsplit(url).path != SIGN_IN:
            why = "sends a signed-in reader to sign in"
        if why:
            report.problems.append(Problem(url, answer.status, found_on, text, why))
            continue
        if answer.status != 200 or not answer.content_type.startswith(HTML):
            continue
        for target, link_text in links(answer.body, final):
            if target in seen or any(p.search(target) for p in skip):
                continue
            path_shape = shape(target.split("?", 1)[0])
            if shapes[shape(target)] >= per_shape or paths[path_shape] >= per_path:
                continue
            seen.add(target)
            shapes[shape(target)] += 1
            paths[path_shape] += 1
            queue.append((target, url, link_text))
    return report


def _follow_redirects(fetch, url: str, hops: int = 5) -> tuple[Answer, str]:
    answer = fetch(url)
    while answer.status in (301, 302, 303, 307, 308) and answer.location and hops:
        parts = parse.urlsplit(parse.urljoin("http://site" + url, answer.location))
        if parts.netloc != "site":
            break
        url = parts.path + ("?" + parts.query if parts.query else "")
        answer = fetch(url)
        hops -= 1
    return answer, url


def _local(location: str) -> str:
    parts = parse.urlsplit(location)
    return parts.path + ("?" + parts.query if parts.query else "")


def client_fetcher(client) -> Callable[[str], Answer]:
    """``fetch`` through Django's test client (signed in with ``client.force_login``)."""

    def fetch(url: str) -> Answer:
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        if response.streaming:
            for _chunk in response.streaming_content:  # read to the end, as a browser would
                pass
            body = b""
        else:
            body = response.content if content_type.startswith(HTML) else b""
        return Answer(response.status_code, content_type, body, response.get("Location", ""))

    return fetch


class _NoRedirects(request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class HttpSession:
    """``fetch`` against a running server (``make run``), with its own cookies; signs in through
    the sign-in page as a person does."""

    def __init__(self, base: str, *, timeout: float = 60):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self.opener = request.build_opener(request.HTTPCookieProcessor(self.cookies), _NoRedirects())

    def _open(self, url: str, data: bytes | None = None) -> Answer:
        headers = {"Accept-Language": "vi", "Referer": self.base + "/"}
        try:
            response = self.opener.open(
                request.Request(self.base + url, data=data, headers=headers), timeout=self.timeout
            )
        except error.HTTPError as failed:  # 3xx (not followed) and 4xx/5xx arrive here
            response = failed
        with response:
            content_type = response.headers.get("Content-Type", "")
            body = response.read() if content_type.startswith(HTML) else b""
            return Answer(response.status, content_type, body, response.headers.get("Location", ""))

    def __call__(self, url: str) -> Answer:
        return self._open(url)

    def _submit(self, url: str, **fields) -> Answer:
        """Fill the page's form (its hidden fields included) with ``fields`` and post it."""
        page = self._open(url)
        form = lxml.html.fromstring(page.body).xpath("//main//form[@method='post']")[0]
        values = dict(form.form_values())
        values.update(fields)
        return self._open(url, parse.urlencode(values).encode())

    def sign_in(self, username: str, password: str, *, secrets: dict[str, str] | None = None) -> bool:
        """Sign in through the pages; True when signed in. Where a second factor is asked
        (``MOTCUA_TWO_FACTOR``), enrol an authenticator (its secret kept in ``secrets`` by username,
        for the next run) or answer with the code of the secret kept there."""
        secrets = secrets if secrets is not None else {}
        answer = self._submit(SIGN_IN, username=username, password=password)
        if answer.status not in (302, 303) or SIGN_IN in answer.location:
            return False
        # The landing page may send on to the second step (the officials' pages ask for it).
        answer, url = _follow_redirects(self, _local(answer.location))
        target = parse.urlsplit(url)
        if target.path.startswith(ENROL):
            page = lxml.html.fromstring(self._open(url).body)
            secrets[username] = "".join(page.get_element_by_id("totp-secret").text_content().split())
            return self._submit(url, code=totp(secrets[username])).status == 200
        if target.path.startswith(SECOND_FACTOR):
            if username not in secrets:
                return False
            if self._submit(url, code=totp(secrets[username])).status in (302, 303):
                return True
            # A code is accepted once: the last run may have used this one. Wait for the next.
            time.sleep(30 - time.time() % 30 + 1)
            return self._submit(url, code=totp(secrets[username])).status in (302, 303)
        return True


ENROL = "/xac-thuc-hai-yeu-to/dang-ky/"
SECOND_FACTOR = "/xac-thuc-hai-yeu-to/"


def totp(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    """The code an authenticator app shows for a base32 ``secret`` (RFC 6238, HMAC-SHA1)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


@dataclass(frozen=True)
class Role:
    """A demo account and where it starts (README, "Using it")."""

    username: str
    starts: tuple[str, ...] = ("/can-bo/",)


# Every demo role of one department (Sở Tư pháp) and one commune (Phường Thành Sen), the service
# centre, the provincial administrator and the superuser; the citizen's number is found in the data.
DEMO_OFFICIALS = (
    Role("admin", ("/can-bo/", "/admin/")),
    Role("quantri.tinh", ("/can-bo/", "/admin/")),
    Role("ttpvhcc.tiepnhan"),
    Role("giamdoc.ttpvhcc"),
    Role("so-tu-phap.tiepnhan"),
    Role("so-tu-phap.chuyenvien1"),
    Role("so-tu-phap.lanhdao"),
    Role("phuongthanhsen.tiepnhan"),
    Role("phuongthanhsen.tuphap"),
    Role("phuongthanhsen.chutich"),
)
