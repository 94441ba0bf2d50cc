"""``python -m motcua_bench.commands NAME [ARGS]``: run the benchmark command ``NAME`` (a module of
this package holding a Django ``Command``) against the database the environment names
(``MOTCUA_DATA_DIR``, ``MOTCUA_DATABASE_URL``), as ``motcua manage NAME`` would."""

from __future__ import annotations

import importlib
import os
import sys


def main(argv: list[str]) -> None:
    if not argv:
        raise SystemExit("usage: python -m motcua_bench.commands NAME [ARGS]")
    name, *args = argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django
    from django.core.management import call_command

    django.setup()
    command = importlib.import_module(f"motcua_bench.commands.{name}").Command()
    call_command(command, *args)


if __name__ == "__main__":
    main(sys.argv[1:])
