"""Moved to ``motcua.core.idempotency`` (one module for page forms and the API). This alias keeps
branches written before the move importing; new code imports ``motcua.core.idempotency``."""

from motcua.core.idempotency import new_form_key, once, owner_of, valid_form_key

__all__ = ["new_form_key", "once", "owner_of", "valid_form_key"]
