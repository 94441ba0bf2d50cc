"""Agencies on pages: where each one receives dossiers (address, opening hours, hotline)."""

from __future__ import annotations

from django import template

from motcua.org.selectors import reception_places as places_of

register = template.Library()


@register.simple_tag
def reception_places(agencies):
    return places_of(agencies)
