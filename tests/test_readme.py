"""The README's set-up is what CI runs, and the commands it names exist."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", setup, re.S)


def test_readme_has_the_two_setup_commands():
    install, tests = readme_commands()[:2]
    assert "broadsheet sample_data/" in install
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    tests = readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert tests in ci.splitlines()
