"""A typed registry for plug-in points (payment gateways, sign-in, SMS, storage...).

Providers register themselves with a decorator; services ask the registry for
the one the settings name, and never import a provider directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownProvider(LookupError):
    pass


class Registry(Generic[T]):
    def __init__(self, name: str):
        self.name = name
        self._providers: dict[str, type[T] | Callable[[], T]] = {}

    def register(self, code: str) -> Callable[[type[T]], type[T]]:
        def decorator(cls: type[T]) -> type[T]:
            if code in self._providers:
                raise ValueError(f"{self.name}: provider {code!r} registered twice")
            self._providers[code] = cls
            cls.code = code  # type: ignore[attr-defined]
            return cls

        return decorator

    def get(self, code: str) -> T:
        try:
            factory = self._providers[code]
        except KeyError:
            known = ", ".join(sorted(self._providers)) or "none"
            raise UnknownProvider(f"{self.name}: no provider {code!r} (known: {known})") from None
        return factory()

    def codes(self) -> list[str]:
        return sorted(self._providers)
