"""Errors of the source readers: their messages are shown to the user as they are.

A reader raises ``SourceError`` for what it knows to be wrong. Anything else a parser raises
on hostile input (a date like ``2025-02-30`` in YAML, a number of 5,000 digits, which
Python refuses to convert) is still that file's or that entry's problem, never the run's:
``describe`` makes it the one line the user reads.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_REASON = 200
"""A reason is one line of at most this many characters (an exception may quote input)."""


class SourceError(Exception):
    """A whole file cannot be read. The message is one line: what is wrong."""


@dataclass(frozen=True)
class EntryError:
    """One entry of a multi-article file (a JSONL line, a feed item) cannot be read;
    the reader yields it and goes on with the next entry."""

    entry: str
    reason: str


def describe(exc: BaseException) -> str:
    """One line for an unexpected exception: ``cannot read: ValueError: ...``."""
    if isinstance(exc, RecursionError):
        return "structure nested too deeply to read"
    return f"cannot read: {detail(exc)}"


def detail(exc: BaseException) -> str:
    """``ValueError: day is out of range for month``: the exception's first line, short."""
    lines = str(exc).strip().splitlines()
    text = lines[0].split("; use sys.set_int_max_str_digits")[0] if lines else ""
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= MAX_REASON else reason[:MAX_REASON - 1] + "…"
