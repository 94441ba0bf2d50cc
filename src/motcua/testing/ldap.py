"""A real LDAP directory for the tests: Debian's slapd (OpenLDAP) started on loopback in a temporary
folder, with the province's officials and groups loaded, stopped at the end.

``Slapd.start(folder)`` returns None when slapd is not installed or does not come up (the test
then skips loudly, or fails under ``CI=true``: ``conftest.require_service``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

SLAPD = "/usr/sbin/slapd"
SUFFIX = "dc=tinh,dc=vn"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "admin-secret"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"

_CONFIG = """include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {folder}/slapd.pid
database mdb
maxsize 10485760
suffix "{suffix}"
rootdn "{root_dn}"
rootpw {root_password}
directory {folder}/data
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def available() -> bool:
    return Path(SLAPD).exists() and shutil.which("ldapadd") is not None


class Slapd:
    def __init__(self, folder: Path, process: subprocess.Popen, url: str):
        self.folder = folder
        self.process = process
        self.url = url

    @classmethod
    def start(cls, folder: Path) -> Slapd | None:
        if not available():
            return None
        (folder / "data").mkdir(parents=True, exist_ok=True)
        config = folder / "slapd.conf"
        config.write_text(
            _CONFIG.format(folder=folder, suffix=SUFFIX, root_dn=ROOT_DN, root_password=ROOT_PASSWORD)
        )
        url = f"ldap://127.0.0.1:{_free_port()}"
        log = (folder / "slapd.log").open("wb")
        # -d 0: stay in the foreground (the test owns the process), log nothing but errors
        process = subprocess.Popen(
            [SLAPD, "-f", str(config), "-h", f"{url}/", "-d", "0"], stdout=log, stderr=log
        )
        server = cls(folder, process, url)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return None
            try:
                with socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=0.5):
                    return server
            except OSError:
                time.sleep(0.1)
        server.stop()
        return None

    def load(self, ldif: str) -> None:
        """Add entries with ldapadd (ldap-utils), as an administrator of a directory would."""
        subprocess.run(
            ["ldapadd", "-x", "-H", self.url, "-D", ROOT_DN, "-w", ROOT_PASSWORD],
            input=ldif.encode(),
            check=True,
            capture_output=True,
        )

    def modify(self, ldif: str) -> None:
        subprocess.run(
            ["ldapmodify", "-x", "-H", self.url, "-D", ROOT_DN, "-w", ROOT_PASSWORD],
            input=ldif.encode(),
            check=True,
            capture_output=True,
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
