"""What every part of the command line shares, and nothing imports back: the commands, the
exit codes and the usage error (as httpie keeps its ``status.py``).

Imports nothing, so the entry point, the parser, the commands and the resident reader can
all use it without importing each other.
"""

from __future__ import annotations

from enum import IntEnum

COMMANDS = ("index", "search", "show", "facets", "stats", "inspect", "completion", "serve",
            "app")
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


class Terminated(BaseException):
    """SIGTERM (``kill``, ``timeout``, systemd) during a command that writes: raised in the
    main thread so the run unwinds as on ctrl-c (the indexer stops its workers, the write
    lock is let go, what was committed stays). A BaseException, like KeyboardInterrupt, so
    no ``except Exception`` on the way takes it for an article's error."""


TERMINATED = 128 + 15
"""The exit status after SIGTERM, the one a shell reports for a process it ended."""
