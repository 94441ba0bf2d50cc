"""Moved to ``motcua.core.json_bodies`` (the API plumbing an app's own endpoints use). This alias keeps
branches written before the move importing."""

from motcua.core.json_bodies import BoundedJSONField, BoundedJSONParser

__all__ = ["BoundedJSONField", "BoundedJSONParser"]
