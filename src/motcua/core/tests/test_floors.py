"""The floors of docs/architecture.md hold: ``make test`` fails when an import breaks one,
not only ``make lint`` (the contracts live in ``.importlinter`` at the repository root)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def test_no_import_breaks_a_floor():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


# Import cycles between files still allowed: none. Keep it so (a job module and the service that
# queues it: define the job beside the service, and let ``tasks.py`` import it).
KNOWN_CYCLES: set[frozenset[str]] = set()


def import_cycles() -> set[frozenset[str]]:
    """The groups of production files that import each other, directly or in a chain (imports
    inside functions count: they are arrows too). Tests and the test support are left out."""
    import grimp

    graph = grimp.build_graph("motcua", include_external_packages=False)
    modules = {m for m in graph.modules if ".tests" not in m and not m.startswith("motcua.testing")}
    arrows = {m: graph.find_modules_directly_imported_by(m) & modules for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: set[frozenset[str]] = set()

    def visit(start: str) -> None:  # Tarjan's strongly connected components, without recursion
        work = [(start, iter(sorted(arrows[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        while work:
            module, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(arrows[child]))))
                    break
                if child in stack:
                    low[module] = min(low[module], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group = set()
                    while True:
                        member = stack.pop()
                        group.add(member)
                        if member == module:
                            break
                    if len(group) > 1:
                        cycles.add(frozenset(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_file_imports_itself_through_a_loop():
    found = import_cycles()
    assert found - KNOWN_CYCLES == set(), sorted(sorted(c) for c in found - KNOWN_CYCLES)
    assert KNOWN_CYCLES - found == set(), "a known cycle is gone: remove it from KNOWN_CYCLES"
