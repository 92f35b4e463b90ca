"""The engine and the command-line paths never import Textual (they start fast)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

CHECK = ("import sys, index, tui.cli, tui.commands, tui.output, tui.text, tui.history, "
         "tui.engine, tui.reading, tui.request; bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); "
         "print(bad); sys.exit(1 if bad else 0)")


def test_engine_and_cli_leave_textual_out():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, f"textual imported: {done.stdout}{done.stderr}"


def test_textual_is_imported_only_by_the_app_screens_and_widgets():
    allowed = {"app.py", "screens", "widgets"}
    for path in (ROOT / "tui").rglob("*.py"):
        relative = path.relative_to(ROOT / "tui")
        if relative.parts[0] in allowed:
            continue
        source = path.read_text(encoding="utf-8")
        assert "import textual" not in source and "from textual" not in source, relative
    for path in (ROOT / "index").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "textual" not in source.replace("Textual", ""), path
