"""The forms a page rendered, read as a browser reads them, for tests that use Django's test client.

A test fills what the page offers (the checkbox whose label it reads, the hidden key it was given)
instead of a hand-made dict of field names, so a renamed field or a missing offer fails the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Control:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str
    checked: bool
    id: str
    label: str = ""


@dataclass
class Form:
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    def by_label(self, text: str) -> Control:
        """The control whose label contains ``text`` (exactly one, or the test is wrong)."""
        found = [c for c in self.controls if text in " ".join(c.label.split())]
        assert len(found) == 1, f"{len(found)} controls labelled {text!r}: {[c.label for c in self.controls]}"
        return found[0]

    def labels(self) -> list[str]:
        return [" ".join(c.label.split()) for c in self.controls if c.label]

    def data(self, **typed: str) -> dict[str, list[str] | str]:
        """What a browser submits: hidden and text values as rendered, checked boxes, plus ``typed``."""
        values: dict[str, list[str]] = {}
        for control in self.controls:
            if not control.name or control.kind in ("file", "submit", "button"):
                continue
            if control.kind in ("checkbox", "radio") and not control.checked:
                continue
            values.setdefault(control.name, []).append(control.value)
        for name, value in typed.items():
            values[name] = [value]
        return values


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.labels: dict[str, str] = {}  # control id → label text
        self._label: tuple[str, list[str], list[Control]] | None = None  # (for, text, nested controls)
        self._textarea: Control | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(action=a.get("action", ""), method=a.get("method", "get").lower()))
        elif tag == "label":
            self._label = (a.get("for", ""), [], [])
        elif tag in ("input", "textarea", "select") and self.forms:
            kind = a.get("type", "text").lower() if tag == "input" else tag
            control = Control(
                name=a.get("name", ""),
                kind=kind,
                value=a.get("value", "on" if kind in ("checkbox", "radio") else ""),
                checked="checked" in a,
                id=a.get("id", ""),
            )
            self.forms[-1].controls.append(control)
            if self._label is not None:
                self._label[2].append(control)
            if tag == "textarea":
                self._textarea = control

    def handle_data(self, data):
        if self._label is not None:
            self._label[1].append(data)
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            target, parts, nested = self._label
            text = "".join(parts)
            if target:
                self.labels[target] = text
            for control in nested:
                control.label = text
            self._label = None
        elif tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    """Every form of the page, each control with the text of its label."""
    reader = _Reader()
    reader.feed(html)
    for form in reader.forms:
        for control in form.controls:
            if not control.label and control.id in reader.labels:
                control.label = reader.labels[control.id]
    return reader.forms
