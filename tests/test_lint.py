"""The checks an engineer runs before a commit, run by CI too: ruff over the tree and mypy
over ``index`` and ``tui`` (both configured in pyproject.toml), each clean."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("tool", [
    ["ruff", "check", "."],
    ["mypy"],  # its files and settings: [tool.mypy]; .mypy_cache keeps a second run fast
], ids=["ruff", "mypy"])
def test_the_tree_is_clean(tool):
    done = subprocess.run([sys.executable, "-m", *tool], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(tool)} found problems:\n{done.stdout}{done.stderr}"
