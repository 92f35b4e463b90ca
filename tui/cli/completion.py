"""``broadsheet completion bash|zsh|fish``: a completion script, and the values it offers.

The script is generated from the parser itself (``shtab``), so a new command or option
completes as soon as it exists. shtab is imported here, by this command alone: ``search``
never pays for it.

``--lang``, ``--country`` and ``--source`` complete from the library's own values. Starting
the engine at every TAB would take a second; instead ``broadsheet index`` writes the
library's languages, countries and sources to ``values.json`` (``index.library``), and the
script asks ``broadsheet __values`` (a hidden command, answered before the parser, the
resident reader or the engine is imported) to read it: the library is the one the command
line names (``--library``), as for the command itself. The values of a comma-separated
list complete after its last comma (``--lang de,f`` gives ``de,fr``).
"""

from __future__ import annotations

import json
import os
import re
import sys

SHELLS = ("bash", "zsh", "fish")
VALUES_COMMAND = "__values"
VALUES_NAME = "values.json"
"""``index.store.VALUES_NAME``, without importing the engine (a test keeps them equal)."""
VALUE_OPTIONS = {"lang": "lang", "country": "countries", "source": "source"}
"""Each filter option's ``dest`` and its list in ``values.json``."""

PREAMBLE = {
    "bash": """\
# --lang, --country, --source: the library's values (broadsheet index keeps them)
_broadsheet_values() {
  command broadsheet __values "$1" bash "$2" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null
}
_broadsheet_values_lang() { _broadsheet_values lang "$1"; }
_broadsheet_values_countries() { _broadsheet_values countries "$1"; }
_broadsheet_values_source() { _broadsheet_values source "$1"; }
""",
    "zsh": """\
# --lang, --country, --source: the library's values (broadsheet index keeps them)
_broadsheet_values() {
  local field=$1; shift
  local -a values line
  line=(${(z)LBUFFER})  # the whole line: $words holds only the subcommand's part
  values=(${(f)"$(command broadsheet __values $field zsh '' ${(Q)line[2,-1]} 2>/dev/null)"})
  _sequence "$@" compadd - $values
}
_broadsheet_values_lang() { _broadsheet_values lang "$@" }
_broadsheet_values_countries() { _broadsheet_values countries "$@" }
_broadsheet_values_source() { _broadsheet_values source "$@" }
""",
    "fish": """\
# --lang, --country, --source: the library's values (broadsheet index keeps them)
function _broadsheet_values
  set -l words (commandline -opc)
  command broadsheet __values $argv[1] fish (commandline -ct) $words[2..-1] 2>/dev/null
end
""",
}


def _values_completer(key: str) -> dict[str, str]:
    """shtab's ``complete`` for an option whose values are the library's ``key`` list."""
    return {"bash": f"_broadsheet_values_{key}", "zsh": f"_broadsheet_values_{key}",
            "fish": f"(_broadsheet_values {key})"}


FILES = {"bash": "_shtab_compgen_files", "zsh": "_files",
         "fish": "(__fish_complete_path (commandline -ct))"}
FOLDERS = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/",
           "fish": "(__fish_complete_directories)"}
"""shtab's ``FILE`` and ``DIRECTORY``, for the parser's arguments."""


def script(shell: str) -> str:
    """The completion script for ``shell``, generated from ``broadsheet``'s parser."""
    import shtab

    from .arguments import build_parser

    parser = build_parser()
    _mark(parser)
    return shtab.complete(parser, shell=shell, preamble=PREAMBLE[shell])


def _mark(parser) -> None:
    """Tell shtab what completes each argument: paths, the library folder, and the
    filters' values; choices (``--sort``, the shells) complete by themselves."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _mark(sub)
        elif action.dest in VALUE_OPTIONS and action.option_strings:
            action.complete = _values_completer(VALUE_OPTIONS[action.dest])
        elif action.dest == "library":
            action.complete = FOLDERS
        elif action.dest == "paths":
            action.complete = FILES


# -- broadsheet __values KEY SHELL WORD [WORDS...] ------------------------------------------

def print_values(argv: list[str]) -> int:
    """``broadsheet __values KEY SHELL WORD [WORDS...]``: print the library's values of
    ``KEY`` (lang, countries, source) that complete ``WORD``, one a line, as ``SHELL``
    wants them. ``WORDS``: the command line so far, after ``broadsheet`` (for its
    ``--library``). Prints nothing when the library has no values file yet."""
    if len(argv) < 3 or argv[1] not in SHELLS:
        print(f"usage: broadsheet {VALUES_COMMAND} KEY SHELL WORD [WORDS...] "
              "(for the completion scripts)", file=sys.stderr)
        return 2
    key, shell, word, *words = argv
    values = _read_values(_library(words), key)
    if shell == "bash":  # bash hands over the word as typed, and takes words to insert
        word = re.sub(r"\\(.)", r"\1", word.lstrip("'\""))
    head, comma, last = word.rpartition(",")
    values = [value for value in values if value not in head.split(",")]  # not twice
    if shell == "zsh":  # zsh's _sequence splits the list and filters by itself
        chosen = values
    elif shell == "fish":  # fish filters, against the whole word
        chosen = [head + comma + value for value in values]
    else:
        chosen = [_bash_quoted(head + comma + value) for value in values
                  if value.casefold().startswith(last.casefold())]
    if chosen:
        sys.stdout.write("\n".join(chosen) + "\n")
    return 0


def _library(words: list[str]) -> str:
    """The library folder a command line names, as ``broadsheet`` would resolve it."""
    folder = None
    for i, arg in enumerate(words):
        if arg == "--library" and i + 1 < len(words):
            folder = words[i + 1]
        elif arg.startswith("--library="):
            folder = arg.split("=", 1)[1]
    if folder is None:
        from ..resident.client import default_library

        folder = default_library()
    return os.path.expanduser(folder)


def _read_values(folder: str, key: str) -> list[str]:
    try:
        with open(os.path.join(folder, VALUES_NAME), encoding="utf-8") as f:
            found = json.load(f).get(key, [])
    except (OSError, ValueError, AttributeError):  # none yet, or not ours to read
        return []
    return [value for value in found if isinstance(value, str) and value.isprintable()]


def _bash_quoted(value: str) -> str:
    """``value`` as bash must insert it: spaces and quotes backslashed (``Le\\ Courrier``)."""
    return re.sub(r"([^\w@%+=:,./-])", r"\\\1", value)
