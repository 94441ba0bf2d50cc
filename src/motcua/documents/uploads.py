"""Moved to ``motcua.core.uploads`` (request plumbing every page that takes files uses). This alias keeps
branches written before the move importing."""

from motcua.core.uploads import FileSizeLimitHandler, oversized_uploads

__all__ = ["FileSizeLimitHandler", "oversized_uploads"]
