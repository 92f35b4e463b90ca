"""Errors of the source readers: their messages are shown to the user as they are."""

from __future__ import annotations

from dataclasses import dataclass


class SourceError(Exception):
    """A whole file cannot be read. The message is one line: what is wrong."""


@dataclass(frozen=True)
class EntryError:
    """One entry of a multi-article file (a JSONL line, a feed item) cannot be read;
    the reader yields it and goes on with the next entry."""

    entry: str
    reason: str
