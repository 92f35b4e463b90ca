"""``broadsheet``'s arguments: the parser of every subcommand.

Imported only when a command runs here: a search that the library's resident reader
answers (``tui.resident.client``) never pays for argparse.
"""

from __future__ import annotations

import os
import sys

from index import Sort
from index._lean_stdlib import real_attribute, stood_in

from ..status import COMMANDS, UsageError


def _message(message: str) -> str:
    return message


def _messages(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


if "argparse" not in sys.modules:
    # argparse passes each of its messages through ``gettext`` as it builds a parser, and
    # each call looks for a translation file in every language the environment names;
    # Python ships none for argparse, and broadsheet's messages are English. The stand-in
    # (taken out again once argparse is imported) says each message as written, as
    # ``gettext`` does without a translation, and spares a one-shot search ``gettext``,
    # ``locale`` and those look-ups: 4.5 -> 2.7 ms from importing argparse to a parsed
    # search (fresh processes, medians of 25, an ad-hoc script).
    stood_in({"gettext": {"gettext": _message, "ngettext": _messages,
                          "__getattr__": real_attribute("gettext")}}, ["argparse"])

import argparse  # noqa: E402


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, told the terminal's width. Left to find it, it imports
    ``shutil`` (with ``bz2`` and ``lzma``) for ``get_terminal_size``: argparse makes a
    formatter for every option added, to check its metavar, so a one-shot search paid that
    import (~3 ms of its start, ``python -X importtime``) for help it never prints."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() - 2 if width is None else width)


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        # ``--he`` is not ``--help``, nor ``--li`` ``--limit``: an option is spelled out.
        super().__init__(*args, **{"allow_abbrev": False, "formatter_class": Formatter,
                                   **kwargs})

    def error(self, message: str):  # one line, no usage dump, exit 2
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--lang", action="append", default=[], metavar="CODES",
                   help="languages, e.g. de,fr (ISO 639-1; 'und' for undetermined)")
    g.add_argument("--country", action="append", default=[], metavar="CODES",
                   help="countries named, e.g. KZ,IL or a name in any language")
    g.add_argument("--since", metavar="DATE", help="from this date on: 2025, 2025-11, 2025-11-08")
    g.add_argument("--until", metavar="DATE", help="up to and including this date")
    g.add_argument("--undated", action="store_true", help="only articles with no date")
    g.add_argument("--source", action="append", default=[], metavar="NAMES",
                   help="sources (site, feed or folder name), comma-separated")


def _output(p: argparse.ArgumentParser, jsonl: bool = True) -> None:
    g = p.add_mutually_exclusive_group()
    g.add_argument("--json", action="store_true", help="print JSON")
    if jsonl:
        g.add_argument("--jsonl", action="store_true", help="print one JSON object per line")


def build_parser(only: str | None = None) -> Parser:
    """The whole parser, or, with ``only``, the parser with that subcommand alone: a command
    line naming its command needs no other (argparse builds each option's help formatter
    as it is added: the nine subcommands took ~2 ms of a one-shot search's start, measured
    with an ad-hoc script)."""
    parser = Parser(prog="broadsheet", description=(
        "Index, browse and search news articles. Without a command: index PATHs (if any) "
        "and open the app."))
    parser.add_argument("--library", metavar="DIR",
                        help="library folder (default: $BROADSHEET_LIBRARY, else the user "
                             "data folder)")
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    if only in (None, "index"):
        p = sub.add_parser("index", help="add or update files and folders")
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders (default: every folder indexed before)")
        p.add_argument("--rebuild", action="store_true", help="start the library over")
        p.add_argument("--quiet", "-q", action="store_true", help="print only failures")
        p.add_argument("--verbose", "-v", action="store_true",
                       help="also say where the time went, step by step")
        p.add_argument("--watch", "-w", action="store_true",
                       help="then follow the folders: index files as they come, change and go, "
                            "until ctrl-c")

    if only in (None, "search"):
        p = sub.add_parser("search", help="search and print ranked results")
        p.add_argument("query", nargs="*", help="the query (default: everything)")
        _filters(p)
        _output(p)
        p.add_argument("--limit", "-n", type=int, default=20, help="results to print (default 20)")
        p.add_argument("--offset", type=int, default=0, help="skip this many results")
        p.add_argument("--sort", choices=[s.value for s in Sort], default=Sort.RELEVANCE.value)

    if only in (None, "show"):
        p = sub.add_parser("show", help="print one article")
        p.add_argument("id", help="article id (or a unique prefix of 4+ characters)")
        _output(p, jsonl=False)

    if only in (None, "facets"):
        p = sub.add_parser("facets", help="facet counts for a query")
        p.add_argument("query", nargs="*")
        _filters(p)
        _output(p, jsonl=False)

    if only in (None, "stats"):
        p = sub.add_parser("stats", help="library size, languages, dates, sources")
        _output(p, jsonl=False)

    if only in (None, "inspect"):
        p = sub.add_parser("inspect", help="show what broadsheet detects in files, and why")
        p.add_argument("paths", nargs="+", metavar="PATH")
        _output(p)

    if only in (None, "completion"):
        p = sub.add_parser("completion", help="print a shell completion script",
                           description="Print a completion script for SHELL. bash: add "
                           "'eval \"$(broadsheet completion bash)\"' to ~/.bashrc; zsh: the same "
                           "line in ~/.zshrc, after compinit; fish: broadsheet completion fish > "
                           "~/.config/fish/completions/broadsheet.fish")
        p.add_argument("shell", choices=("bash", "zsh", "fish"))

    if only in (None, "serve"):
        p = sub.add_parser("serve", help="serve the app to a web browser")
        p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
        p.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")

    if only in (None, "app"):
        p = sub.add_parser("app", help="open the app (the default)")
        p.add_argument("paths", nargs="*", metavar="PATH", help="index these first")
    return parser


class _Version(argparse.Action):
    """``--version``, looked up only when asked (importlib.metadata costs start-up time)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(_version())
        parser.exit()


def _version() -> str:
    try:
        from importlib.metadata import version

        return f"broadsheet {version('broadsheet')}"
    except Exception:
        return "broadsheet"


def parse_args(argv: list[str]) -> argparse.Namespace:
    """``broadsheet [--library DIR] [PATH...]`` means ``app``; otherwise a subcommand."""
    first = _first_positional(argv)
    if first is None and argv[-1:] == ["--library"]:  # "app" would be taken for its folder
        raise UsageError("argument --library: expected a library folder")
    known = first is not None and argv[first] in COMMANDS and \
        not any(a in ("-h", "--help", "--version") for a in argv[:first])
    only = argv[first] if known and first is not None else None
    if first is None or argv[first] not in COMMANDS:
        helping = any(a in ("-h", "--help", "--version") for a in argv)
        if first is not None or not helping:
            at = len(argv) if first is None else first
            argv = argv[:at] + ["app"] + argv[at:]
            # The app's start: the other subcommands' parsers are ~1.5 ms of it (measured
            # once); ``--help`` still lists them all.
            only = None if helping else "app"
    return build_parser(only).parse_args(argv)


def _first_positional(argv: list[str]) -> int | None:
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--library":
            skip = True
        elif not arg.startswith("-"):
            return i
    return None
