"""Fill a form the way a person does: from the page the server rendered, by the labels it shows.

Page tests through Django's test client must not post a hand-made dict of field
names: a form whose inputs are missing, unlabelled or named differently from what
the view reads would still pass. ``RenderedForm`` parses the form out of the
response (lxml), starts from what the page put in it (hidden keys, checked boxes,
selected options, typed values), lets the test change fields only by their
visible label, and posts what a browser would post, with the button pressed.
A label the page does not show, or a choice it does not offer, fails the test.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html

from motcua.core import proof_of_work

_SPACES = re.compile(r"\s+")


def _text(element) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _label(text: str) -> str:
    """A label as read aloud: without the required mark and its screen-reader words."""
    for mark in ("*", "(bắt buộc)", "(required)"):
        text = text.replace(mark, "")
    return _SPACES.sub(" ", text).strip()


class FormNotFound(AssertionError):
    pass


class RenderedForm:
    """One ``<form>`` of a rendered page, with the values a browser would send."""

    def __init__(
        self, response, *, containing: str | None = None, index: int | None = None, method: str = "post"
    ):
        self.url = response.wsgi_request.get_full_path() if hasattr(response, "wsgi_request") else "/"
        self.page = lxml.html.fromstring(response.content.decode())
        # The page's own forms (in <main>), not the header's language switch or sign-out button.
        main = self.page.xpath("//main")
        scope = main[0].xpath(".//form") if main else self.page.forms
        forms = [f for f in scope if (f.get("method") or "get").lower() == method]
        if containing is not None:
            forms = [f for f in forms if containing in _text(f)]
        if not forms:
            where = f" containing {containing!r}" if containing else ""
            raise FormNotFound(f"no {method.upper()} form{where} on {self.url}")
        self.method = method
        self.form = forms[index or 0]
        self.files: dict[str, list] = {}
        self.values: dict[str, list[str]] = {}
        for name, value in self.form.form_values():
            self.values.setdefault(name, []).append(value)

    # --- finding controls by what the page shows -------------------------------------------------
    def _labels(self, scope=None):
        return list((scope if scope is not None else self.form).iter("label"))

    def _group(self, legend_text: str):
        """The fieldset whose legend reads ``legend_text``."""
        wanted = _label(legend_text)
        for legend in self.form.iter("legend"):
            if _label(_text(legend)) == wanted:
                return legend.getparent()
        raise AssertionError(f"no group {legend_text!r} on {self.url}")

    def _control_of(self, label):
        target = label.get("for")
        if target:
            found = self.form.xpath(".//*[@id=$id]", id=target)
            if found:
                return found[0]
        inner = label.xpath(".//input|.//select|.//textarea")
        return inner[0] if inner else None

    def control(self, label_text: str, *, within: str | None = None):
        """The input, select or textarea whose label reads ``label_text`` (exactly, or else the only one
        starting so), in the group whose legend is ``within`` if given."""
        label_text = _label(label_text)
        scope = self._group(within) if within is not None else None
        candidates = []
        for label in self._labels(scope):
            text = _label(_text(label))
            control = self._control_of(label)
            if control is None:
                continue
            if text == label_text:
                return control
            if text.startswith(label_text):
                candidates.append(control)
        # A fieldset's legend labels its group (radios, checkboxes).
        for legend in (scope if scope is not None else self.form).iter("legend"):
            if _label(_text(legend)) == label_text:
                return legend.getparent()
        if len(candidates) == 1:
            return candidates[0]
        shown = [_text(label) for label in self._labels()]
        raise AssertionError(f"no control labelled {label_text!r} on {self.url}; labels shown: {shown}")

    # --- what a person does -----------------------------------------------------------------------
    def fill(self, label_text: str, value: str, *, within: str | None = None) -> RenderedForm:
        """Type into a text box or text area, or pick an option of a select (by its text or value)."""
        control = self.control(label_text, within=within)
        if control.tag == "select":
            options = {_text(o): o.get("value", _text(o)) for o in control.iter("option")}
            values = set(options.values())
            if value in options:
                value = options[value]
            elif value not in values:
                raise AssertionError(f"{label_text!r} offers no {value!r}; options: {list(options)}")
        elif control.tag == "input" and control.get("type") in ("radio", "checkbox", "file", "hidden"):
            raise AssertionError(f"{label_text!r} is a {control.get('type')}, not a text box")
        elif control.tag == "fieldset":
            raise AssertionError(f"{label_text!r} is a group of choices: use choose()")
        name = control.get("name")
        assert name, f"the control labelled {label_text!r} has no name: the server never receives it"
        maxlength = control.get("maxlength")
        if maxlength and control.tag != "select":
            value = value[: int(maxlength)]  # as a browser does
        self.values[name] = [value]
        return self

    def choose(self, label_text: str, *, within: str | None = None) -> RenderedForm:
        """Tick a radio button or a checkbox by its own label (in the group whose legend is ``within``)."""
        scope = self._group(within) if within is not None else self.form
        matches = []
        for label in scope.iter("label"):
            control = self._control_of(label)
            if control is None or control.tag != "input" or control.get("type") not in ("radio", "checkbox"):
                continue
            if _text(label) == label_text or _text(label).startswith(label_text):
                matches.append(control)
        if len(matches) != 1:
            raise AssertionError(f"{len(matches)} choices labelled {label_text!r} on {self.url}")
        control = matches[0]
        name = control.get("name")
        assert name, f"the choice {label_text!r} has no name: the server never receives it"
        value = control.get("value", "on")
        if control.get("type") == "radio":
            self.values[name] = [value]
        else:
            self.values.setdefault(name, [])
            if value not in self.values[name]:
                self.values[name].append(value)
        return self

    def uncheck(self, label_text: str) -> RenderedForm:
        control = self.control(label_text)
        assert control.get("type") == "checkbox", f"{label_text!r} is not a checkbox"
        name, value = control.get("name"), control.get("value", "on")
        self.values[name] = [v for v in self.values.get(name, []) if v != value]
        return self

    def attach(self, label_text: str, *files) -> RenderedForm:
        control = self.control(label_text)
        assert control.get("type") == "file", f"{label_text!r} is not a file input"
        self.files[control.get("name")] = list(files)
        return self

    def value(self, label_text: str) -> str:
        """What the page put in a field (pre-filled values, what was typed before an error)."""
        control = self.control(label_text)
        return (self.values.get(control.get("name")) or [""])[0]

    def options(self, label_text: str) -> list[str]:
        """The visible texts of a select's options, or of a group's radio/checkbox labels."""
        control = self.control(label_text)
        if control.tag == "select":
            return [_text(o) for o in control.iter("option")]
        return [_text(label) for label in control.iter("label")]

    def submit(self, client, button: str | None = None, **extra):
        """Post the form with ``button`` (its visible text) pressed, as a browser would."""
        data = {name: list(values) for name, values in self.values.items()}
        buttons = [
            b
            for b in self.form.xpath(".//button|.//input[@type='submit']")
            if (b.get("type") or "submit") == "submit"
        ]
        if button is not None:
            pressed = [b for b in buttons if _text(b) == button or b.get("value") == button]
            if not pressed:
                raise AssertionError(f"no button {button!r}; buttons: {[_text(b) for b in buttons]}")
            name = pressed[0].get("name")
            if name:
                data.setdefault(name, []).append(pressed[0].get("value", ""))
        for name, files in self.files.items():
            data[name] = files
        if self.form.get("data-proof-of-work") is not None and data.get("pow_challenge"):
            # What the page's script (core/proof-of-work.js) does in the browser before sending.
            data["pow_solution"] = [proof_of_work.solve(data["pow_challenge"][0])]
        action = urljoin(self.url, self.form.get("action") or self.url)
        if self.method == "get":
            action = action.split("?", 1)[0]  # a GET form replaces the query with its fields
        if any(files for files in self.files.values()):
            assert (self.form.get("enctype") or "") == "multipart/form-data", "files need a multipart form"
        if self.method == "get":
            return client.get(action, data, **extra)
        return client.post(action, data, **extra)


def links(response) -> dict[str, str]:
    """The links a page shows: visible text → address (the first of each text)."""
    page = lxml.html.fromstring(response.content.decode())
    found: dict[str, str] = {}
    for anchor in page.iter("a"):
        href = anchor.get("href")
        if href:
            found.setdefault(_text(anchor), href)
    return found


def follow(client, response, text: str, **extra):
    """Click the link whose visible text is ``text`` (or starts with it), as a person would."""
    shown = links(response)
    href = shown.get(text) or next((h for t, h in shown.items() if t.startswith(text)), None)
    if href is None:
        raise AssertionError(f"no link {text!r}; links shown: {list(shown)}")
    base = response.wsgi_request.get_full_path() if hasattr(response, "wsgi_request") else "/"
    return client.get(urljoin(base, href), **extra)
