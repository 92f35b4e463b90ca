"""Shell completion: ``broadsheet completion bash|zsh|fish`` prints a script that completes
the commands and options, and the library's own languages, countries and sources, read from
the ``values.json`` that ``broadsheet index`` keeps."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import index.store
from index import Library
from tests.conftest import ROOT, SAMPLE_DATA
from tui.cli import completion, main
from tui.status import COMMANDS

BASH_PROBE = """\
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
_shtab_broadsheet
for word in "${COMPREPLY[@]}"; do printf '%s\\n' "$word"; done
"""


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("completion") / "library"
    with Library(folder) as library:
        library.add([SAMPLE_DATA])
    return folder


@pytest.fixture
def shell_env(tmp_path) -> dict[str, str]:
    """An environment whose PATH starts with a ``broadsheet`` that runs this checkout, as
    the installed one would, and with no library of the user's."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "broadsheet"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tui.cli "$@"\n', "utf-8")
    launcher.chmod(0o755)
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(ROOT), BROADSHEET_LIBRARY=str(tmp_path / "no-library"))
    return env


def script(capsys, shell: str) -> str:
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("shell", completion.SHELLS)
def test_the_script_for_each_shell_names_every_command_and_the_value_lookup(capsys, shell):
    text = script(capsys, shell)
    for command in COMMANDS:
        assert command in text, (shell, command)
    for option in ("--lang", "--country", "--source", "--since", "--sort", "--library"):
        assert option.lstrip("-") in text, (shell, option)
    assert "broadsheet __values" in text
    assert "_broadsheet_values" in text


def test_an_unknown_shell_is_one_line(capsys):
    assert main(["completion", "tcsh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("broadsheet: argument shell: invalid choice: 'tcsh'")


def complete_bash(tmp_path, capsys, env, *words: str) -> list[str]:
    path = tmp_path / "broadsheet.bash"
    if not path.exists():
        path.write_text(script(capsys, "bash"), "utf-8")
    probe = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_PROBE, "probe",
                            str(path), "broadsheet", *words],
                           env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert probe.returncode == 0 and not probe.stderr, probe.stderr
    return probe.stdout.splitlines()


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
def test_bash_completes_commands_options_and_the_librarys_values(
        tmp_path, capsys, shell_env, sample_library):
    lib = ["--library", str(sample_library)]
    assert complete_bash(tmp_path, capsys, shell_env, "se") == ["search", "serve"]
    assert complete_bash(tmp_path, capsys, shell_env, "sea") == ["search"]
    assert complete_bash(tmp_path, capsys, shell_env, "completion", "") == [
        "bash", "zsh", "fish"]
    assert set(complete_bash(tmp_path, capsys, shell_env, "search", "--s")) == {
        "--since", "--source", "--sort"}
    langs = complete_bash(tmp_path, capsys, shell_env, *lib, "search", "--lang", "")
    assert "de" in langs and "fr" in langs and "ru" in langs
    assert complete_bash(tmp_path, capsys, shell_env, *lib, "search", "--lang", "de,f") == [
        "de,fr"]
    assert complete_bash(tmp_path, capsys, shell_env, *lib, "facets", "--country", "k") == [
        "KE", "KR", "KZ"]
    # a source of several words is inserted as one word
    assert complete_bash(tmp_path, capsys, shell_env, *lib, "search", "--source", "Le") == [
        "Le\\ Courrier\\ du\\ Léman"]
    # the library named by $BROADSHEET_LIBRARY, as for the command itself
    env = dict(shell_env, BROADSHEET_LIBRARY=str(sample_library))
    assert "de" in complete_bash(tmp_path, capsys, env, "search", "--lang", "")
    # no library yet: nothing offered, and no error
    assert complete_bash(tmp_path, capsys, shell_env, "search", "--lang", "") == []


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed")
def test_fish_completes_commands_and_the_librarys_values(
        tmp_path, capsys, shell_env, sample_library):
    path = tmp_path / "broadsheet.fish"
    path.write_text(script(capsys, "fish"), "utf-8")

    def complete(line: str) -> list[str]:
        command = f"source {path}; complete -C '{line}'"
        done = subprocess.run(["fish", "--no-config", "-c", command], env=shell_env,
                              capture_output=True, text=True, timeout=60)
        return [row.split("\t")[0] for row in done.stdout.splitlines()]

    assert complete("broadsheet sea") == ["search"]
    assert "de" in complete(f"broadsheet --library {sample_library} search --lang ")
    assert "Le Courrier du Léman" in complete(
        f"broadsheet --library {sample_library} search --source Le")


def test_search_does_not_import_shtab(sample_library):
    probe = ("import sys; from tui.cli import main; "
             f"main(['--library', {str(sample_library)!r}, 'search', 'grösste']); "
             "print('shtab' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, BROADSHEET_SERVER="0"))
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr


def values(folder: Path) -> dict:
    return json.loads((folder / completion.VALUES_NAME).read_text("utf-8"))


def article(folder: Path, name: str, lang: str, source: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f"---\ntitle: A report from {source}\nlang: {lang}\nsource: {source}\n---\n"
        "The council met on Monday to discuss the harbour and the railway to Kazakhstan.\n",
        "utf-8")


def test_index_writes_and_updates_the_values_file(tmp_path, capsys):
    assert completion.VALUES_NAME == index.store.VALUES_NAME
    articles, library = tmp_path / "articles", tmp_path / "library"
    article(articles, "one.md", "de", "Rhein Post")
    assert main(["--library", str(library), "index", str(articles), "-q"]) == 0
    first = values(library)
    assert first["lang"] == ["de"] and first["source"] == ["Rhein Post"]
    assert first["countries"] == ["KZ"]

    article(articles, "two.md", "fr", "Le Matin")
    assert main(["--library", str(library), "index", str(articles), "-q"]) == 0
    assert values(library)["lang"] == ["de", "fr"]
    assert values(library)["source"] == ["Le Matin", "Rhein Post"]

    (articles / "one.md").unlink()  # a value only a removed article had goes with it
    assert main(["--library", str(library), "index", str(articles), "-q"]) == 0
    assert values(library)["lang"] == ["fr"] and values(library)["source"] == ["Le Matin"]
    capsys.readouterr()

    assert main(["__values", "source", "bash", "Le", "--library", str(library)]) == 0
    assert capsys.readouterr().out == "Le\\ Matin\n"
