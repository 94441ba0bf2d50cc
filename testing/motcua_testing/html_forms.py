"""Reading the forms a page rendered, for tests that talk HTTP to a real server (no browser).

``forms(html)`` returns each ``<form>`` with its method, action, enctype and fields as the
page drew them (inputs with their values, selects with their options, buttons with name and
value), so a test fills in what the page asks for instead of guessing field names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    method: str = "get"
    action: str = ""
    enctype: str = ""
    hidden: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, dict] = field(default_factory=dict)  # name → attributes (type, value…)
    selects: dict[str, list[str]] = field(default_factory=dict)  # name → option values
    buttons: list[tuple[str, str]] = field(default_factory=list)  # (name, value)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("method", "get").lower(), a.get("action", ""), a.get("enctype", ""))
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            if a.get("type") == "hidden":
                self.current.hidden[a["name"]] = a.get("value", "")
            else:
                self.current.inputs[a["name"]] = a
        elif tag == "textarea" and a.get("name"):
            self.current.inputs[a["name"]] = {"type": "textarea", **a}
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.current.selects[self.select] = []
        elif tag == "option" and self.select is not None:
            self.current.selects[self.select].append(a.get("value", ""))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self.current.buttons.append((a.get("name", ""), a.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def forms(html: str) -> list[Form]:
    reader = _Reader()
    reader.feed(html)
    return reader.forms


def post_form(html: str, *, having: str | None = None) -> Form:
    """The page's POST form that has a field named ``having`` (the first POST form without it);
    the page header's sign-out button is a POST form too."""
    candidates = [f for f in forms(html) if f.method == "post"]
    if having is not None:
        candidates = [
            f for f in candidates if having in f.hidden or having in f.inputs or having in f.selects
        ]
    return candidates[0]
