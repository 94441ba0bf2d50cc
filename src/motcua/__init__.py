"""motcua — một cửa: the public service portal and electronic one-stop-shop of a province."""

__version__ = "0.1.0"
