"""Page tests the way a person uses a page, through Django's test client: follow the links the
page shows, fill the forms it rendered (only the fields it has, only the options it offers) and
press its buttons. A field the page does not render cannot be filled: the test fails instead.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _submits(form) -> list:
    return form.xpath(".//button[not(@type) or @type='submit']|.//input[@type='submit']")


def _label(button) -> str:
    return button.get("value", "") if button.tag == "input" else _text(button)


class Page:
    """A rendered page: its links and forms."""

    def __init__(self, response, url: str = "/"):
        self.response = response
        self.url = url
        self.status_code = response.status_code
        self.html = response.content.decode()
        self.tree = lxml.html.fromstring(self.html)

    @property
    def text(self) -> str:
        return _text(self.tree)

    def link(self, text: str) -> str:
        """The href of the first link whose visible text contains ``text`` (fails if none)."""
        for anchor in self.tree.iter("a"):
            if text in _text(anchor) and anchor.get("href"):
                return urljoin(self.url, anchor.get("href"))
        raise AssertionError(f"no link “{text}” on {self.url}")

    def has_link(self, text: str) -> bool:
        return any(text in _text(a) and a.get("href") for a in self.tree.iter("a"))

    def form(self, button: str | None = None, *, form_id: str | None = None) -> PageForm:
        """The form with the given id, or the first form with a submit button reading ``button``."""
        for form in self.tree.forms:
            if form_id is not None and form.get("id") == form_id:
                return PageForm(form, self.url, button)
            if form_id is None and button is not None and any(button == _label(b) for b in _submits(form)):
                return PageForm(form, self.url, button)
        raise AssertionError(f"no form {form_id or button!r} on {self.url}")

    def has_form(self, button: str) -> bool:
        return any(button == _label(b) for form in self.tree.forms for b in _submits(form))

    def buttons(self, css_class: str | None = None) -> list[str]:
        found = self.tree.xpath("//button") + self.tree.xpath("//a[contains(@class, 'button')]")
        if css_class:
            found = [b for b in found if css_class in (b.get("class") or "").split()]
        return [_text(b) for b in found]


class PageForm:
    """A rendered form: its current values, changed only through the fields it has."""

    def __init__(self, element, page_url: str, button: str | None):
        self.element = element
        self.page_url = page_url
        self.button = button
        self.values: dict[str, list[str]] = {}
        for name, value in element.form_values():
            self.values.setdefault(name, []).append(value)
        self.names = {i.get("name") for i in element.xpath(".//input|.//select|.//textarea") if i.get("name")}

    @property
    def action(self) -> str:
        return urljoin(self.page_url, self.element.get("action") or self.page_url)

    def _field(self, name: str):
        if name not in self.names:
            raise AssertionError(f"the form has no field “{name}” (it has {sorted(self.names)})")
        return self.element.xpath(f".//*[@name='{name}']")

    def fill(self, **values) -> PageForm:
        """Type into text fields; a select must offer the value; a list ticks checkboxes/radios."""
        for name, value in values.items():
            elements = self._field(name)
            first = elements[0]
            if first.tag == "select":
                offered = [o.get("value", _text(o)) for o in first.iter("option")]
                assert str(value) in offered, f"“{name}” does not offer {value!r} (offers {offered})"
            if first.get("type") in ("checkbox", "radio"):
                chosen = [str(v) for v in (value if isinstance(value, list | tuple) else [value])]
                offered = [e.get("value", "on") for e in elements]
                assert all(v in offered for v in chosen), f"“{name}” offers {offered}, not {chosen}"
                self.values[name] = chosen
            else:
                self.values[name] = [str(value)]
        return self

    def choose(self, name: str, label: str) -> PageForm:
        """Pick an option of a select by its visible label (or a radio by its label's text)."""
        first = self._field(name)[0]
        if first.tag == "select":
            for option in first.iter("option"):
                if label in _text(option):
                    self.values[name] = [option.get("value", _text(option))]
                    return self
        else:
            for element in self._field(name):
                labels = self.element.xpath(f".//label[@for='{element.get('id')}']")
                if labels and label in _text(labels[0]):
                    self.values[name] = [element.get("value", "on")]
                    return self
        raise AssertionError(f"“{name}” has no choice “{label}”")

    def data(self) -> dict[str, list[str]]:
        data = {k: list(v) for k, v in self.values.items()}
        for button in _submits(self.element):
            if self.button is not None and _label(button) == self.button and button.get("name"):
                data[button.get("name")] = [button.get("value", "")]
        return data

    def submit(self, client, *, follow: bool = False, **extra):
        method = (self.element.get("method") or "get").lower()
        if method == "post":
            return client.post(self.action, self.data(), follow=follow, **extra)
        return client.get(self.action, self.data(), follow=follow, **extra)


def open_page(client, url: str, **extra) -> Page:
    return Page(client.get(url, **extra), url)


def follow(client, page: Page, link_text: str) -> Page:
    url = page.link(link_text)
    return Page(client.get(url), url)


def submit(client, form: PageForm, *, follow: bool = True) -> Page:
    response = form.submit(client, follow=follow)
    url = response.redirect_chain[-1][0] if follow and response.redirect_chain else form.action
    return Page(response, url)
