"""Moved to ``motcua.core.idempotency`` (one module for page forms and the API). This alias keeps
branches written before the move importing; new code imports ``motcua.core.idempotency``."""

from motcua.core.idempotency import HEADER, forget_expired, idempotent

__all__ = ["HEADER", "forget_expired", "idempotent"]
