"""What every part of the command line shares, and nothing imports back: the commands, the
exit codes and the usage error (as httpie keeps its ``status.py``).

Imports nothing, so the entry point, the parser, the commands and the resident reader can
all use it without importing each other.
"""

from __future__ import annotations

from enum import IntEnum

COMMANDS = ("index", "search", "show", "facets", "stats", "inspect", "serve", "app")
"""``broadsheet``'s subcommands; ``app`` is what runs when none is named."""


class Exit(IntEnum):
    """Exit codes, like grep's: a public interface."""

    OK = 0
    NOTHING = 1
    """No hits, or some files failed to index."""
    ERROR = 2
    """A usage, query or library error: always one line on stderr."""


class UsageError(Exception):
    """A bad argument; the message says which and how to fix it."""
