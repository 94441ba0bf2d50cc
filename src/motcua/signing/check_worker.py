"""Check a PDF's signatures in a separate, resource-limited process.

PDFs uploaded to the verification page are untrusted: a malformed or hostile file must
not reach a parser inside the web process. The parent sends the file on stdin and reads
one JSON line back; the child runs under CPU-time and memory limits.

Usage (internal): python -m motcua.signing.check_worker ROOT.pem [ROOT.pem ...] < file.pdf
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import asdict

CPU_SECONDS = 20
MEMORY_BYTES = 1024 * 1024 * 1024


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def check_isolated(pdf: bytes, *, trust_root_files: list[str], timeout: int = 30) -> dict:
    """Run the check in a child process; a crash or time-out reads as an unreadable file."""
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "motcua.signing.check_worker", *trust_root_files],
            input=pdf,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        if completed.returncode == 0 and completed.stdout:
            return json.loads(completed.stdout.decode().splitlines()[-1])
        problem = completed.stderr.decode(errors="replace")[-300:] or f"exit {completed.returncode}"
    except subprocess.TimeoutExpired:
        problem = f"quá {timeout} giây"
    return {"readable": False, "valid": False, "signatures": [], "problem": problem}


def main(argv: list[str]) -> int:
    from motcua.signing.verification import check_pdf

    roots = [open(path, "rb").read() for path in argv]
    result = check_pdf(sys.stdin.buffer.read(), trust_roots=roots)
    payload = asdict(result)
    payload["valid"] = result.valid
    for signature, check in zip(payload["signatures"], result.signatures, strict=True):
        signature["valid"] = check.valid
        signature["signed_at"] = check.signed_at.isoformat() if check.signed_at else None
    print(json.dumps(payload, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
