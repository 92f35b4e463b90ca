"""The house's rules, one per room, proved on the source and on ``sys.modules``.

- ``index/`` is the engine: it never imports Textual or ``tui``.
- ``tui/app/`` is the only room that imports Textual.
- ``tui/cli/``, ``tui/engine/`` and ``tui/resident/`` never import the app (the command line
  reaches it through one lazy import in ``cmd_app``).
- ``tui/resident/client.py`` is what every one-shot command loads first: no argparse, no
  engine, no Whoosh.
- ``tui/status.py``, ``tui/startup.py`` and ``tui/text.py`` are shared by several rooms and
  import none of them.
- No two modules import each other, directly or around a circle, at import time or lazily.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("index", "tui")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every module of ours or outside that ``name`` imports, anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _ours(imported: set[str]) -> set[str]:
    return {m for m in imported if m in MODULES}


def _room(name: str) -> str:
    parts = name.split(".")
    if parts[0] == "tui" and len(parts) > 2:
        return ".".join(parts[:2])
    return name if parts[0] == "tui" else "index"


RULES = {
    # room: the top-level names (packages, or rooms of ours) it must not import
    "index": ("textual", "tui"),
    "tui.cli": ("textual", "tui.resident.server"),
    "tui.engine": ("textual", "tui.app", "tui.cli", "tui.resident"),
    "tui.resident": ("textual", "tui.app"),
    "tui.status": ("textual", "tui", "index"),
    "tui.serve": ("textual", "tui.app", "index"),
    "tui.startup": ("textual", "tui", "index"),
    "tui.text": ("textual", "tui", "index"),
    "tui.app": ("tui.cli", "tui.resident"),
}


@pytest.mark.parametrize("room", sorted(RULES))
def test_each_room_imports_only_what_its_rule_allows(room):
    members = [n for n in MODULES if _room(n) == room or (room == "index" and n == "index")]
    assert members, room
    broken = []
    for name in members:
        for imported in _imports(name, MODULES[name]):
            for banned in RULES[room]:
                if imported == banned or imported.startswith(banned + "."):
                    if not (room == "tui.cli" and name == "tui.cli.commands"
                            and imported.startswith("tui.app")):
                        broken.append(f"{name} imports {imported}")
    # the one door from the command line to the app: cmd_app's lazy import
    assert not broken, broken


def test_only_the_app_room_imports_textual():
    for name, path in MODULES.items():
        if _room(name) == "tui.app":
            continue
        assert not any(m.split(".")[0] == "textual" for m in _imports(name, path)), name


def _cycle() -> list[str] | None:
    graph = {name: _ours(_imports(name, path)) - {name} for name, path in MODULES.items()}
    # a package's __init__ importing its own sub-modules is how Python packages work, and a
    # module importing its own package runs that __init__ first: neither is a circle of ours
    for name in graph:
        graph[name] = {m for m in graph[name]
                       if not m.startswith(name + ".") and not name.startswith(m + ".")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_itself_around_a_circle():
    assert _cycle() is None, " -> ".join(_cycle() or [])


def _loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_engine_and_command_line_leave_textual_out():
    loaded = _loaded_by("import index, tui.cli, tui.cli.commands, tui.cli.output, tui.text, "
                        "tui.engine.process, tui.engine.reading, tui.engine.request, "
                        "tui.resident.server")
    assert not {m for m in loaded if m.split(".")[0] == "textual"}


def test_the_resident_client_loads_no_argparse_engine_or_whoosh():
    loaded = _loaded_by("import tui.cli, tui.resident.client")
    heavy = {m for m in loaded if m.split(".")[0] in ("argparse", "index", "whoosh", "textual")}
    assert not heavy, sorted(heavy)


def test_a_search_of_a_small_library_loads_no_numpy(tmp_path):
    """numpy ranks a query of many postings (``whoosh_internals.vectors``); a one-shot
    search of a small library never pays its import."""
    from tests.conftest import SAMPLE_DATA

    folder = tmp_path / "library"
    loaded = _loaded_by(
        "from index import Library, Query, Filters; "
        f"lib = Library({str(folder)!r}); lib.add([{str(SAMPLE_DATA)!r}]); "
        "[lib.search(Query(t, f)) for t in ('Regierung', 'chip*', '\"grain prices\"', '*') "
        "for f in (Filters(), Filters(countries=('US',)))]")
    assert "numpy" not in loaded
