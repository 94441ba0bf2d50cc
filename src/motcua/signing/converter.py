"""``motcua converter``: run unoserver, a persistent LibreOffice for Word → PDF conversions.

unoserver must run under the Python that LibreOffice's ``uno`` module belongs to (Debian's
``python3-uno``), not the project's virtual environment, so it gets a small environment of its
own (system site packages + unoserver from PyPI), created on first use in MOTCUA_DATA_DIR.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SYSTEM_PYTHON = os.environ.get("MOTCUA_UNO_PYTHON", "/usr/bin/python3")


def converter_environment(data_dir: Path) -> Path:
    venv = data_dir / "converter-venv"
    if not (venv / "bin" / "unoserver").exists():
        check = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
        if check.returncode != 0:
            raise SystemExit(
                f"{SYSTEM_PYTHON} cannot import uno: apt-get install python3-uno libreoffice-writer-nogui"
            )
        subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "unoserver>=3"], check=True)
    return venv


def run(address: str, data_dir: Path) -> None:
    host, _, port = address.partition(":")
    venv = converter_environment(data_dir)
    port = port or "2003"
    argv = [str(venv / "bin" / "unoserver"), "--interface", host or "127.0.0.1", "--port", port,
            "--uno-port", str(int(port) + 1)]  # fmt: skip
    print(f"motcua: Word → PDF converter (unoserver) on {host}:{port}", flush=True)
    os.execv(argv[0], argv)


if __name__ == "__main__":
    run(sys.argv[1], Path(sys.argv[2]))
