"""JSON bodies the rest of the code can hold: bounded nesting, text that encodes as UTF-8.

Python's decoder recurses once per nesting level, so ``[[[…]]]`` a thousand deep
raised ``RecursionError`` (a 500) in the parser, and later again in ``json.dumps``
or jsonschema. JSON may also escape a lone surrogate (``"\\ud800"``) that decodes to
a Python string no database or UTF-8 encoder accepts. Both are refused here as
400 with the usual error body, for request bodies and for JSON carried in a form
field (``form_data`` in a multipart submission).
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Forms nest a few levels (a table of rows of fields); 32 leaves room and keeps recursion far away.
MAX_DEPTH = 32


class UnsafeJSON(ValueError):
    pass


def check_json_value(value) -> None:
    """Raise UnsafeJSON when ``value`` nests deeper than MAX_DEPTH or holds text that is not valid Unicode."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise UnsafeJSON(_("Dữ liệu lồng nhau quá sâu (tối đa %(depth)s cấp).") % {"depth": MAX_DEPTH})
        if isinstance(item, dict):
            for key, child in item.items():
                _check_text(key)
                stack.append((child, depth + 1))
        else:
            stack.extend((child, depth + 1) for child in item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnsafeJSON(_("Dữ liệu chứa ký tự không hợp lệ.")) from None


def loads(text: str):
    """``json.loads`` that refuses what check_json_value refuses (and the nesting that breaks the decoder)."""
    try:
        value = json.loads(text)
    except RecursionError:
        raise UnsafeJSON(
            _("Dữ liệu lồng nhau quá sâu (tối đa %(depth)s cấp).") % {"depth": MAX_DEPTH}
        ) from None
    check_json_value(value)
    return value


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("Nội dung gửi lên không đọc được (JSON không hợp lệ).")) from None
        try:
            check_json_value(data)
        except UnsafeJSON as refused:
            raise ParseError(str(refused)) from None
        return data


class BoundedJSONField(serializers.JSONField):
    """A JSON field (also when it arrives as a string in a form) with the same bounds as the parser."""

    def to_internal_value(self, data):
        if isinstance(data, str) and (self.binary or getattr(data, "is_json_string", False)):
            try:
                data = loads(data)
            except UnsafeJSON as refused:
                raise serializers.ValidationError(str(refused)) from None
            except ValueError:
                self.fail("invalid")
            return data
        try:
            check_json_value(data)
        except UnsafeJSON as refused:
            raise serializers.ValidationError(str(refused)) from None
        return super().to_internal_value(data)
