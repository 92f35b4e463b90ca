"""Dates as the filters take them, and the error a query or filter raises: no Whoosh here,
so the command line and the app can use both before the index is opened."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .sanitize import printable

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class QueryError(ValueError):
    """A query or filter the user must fix; the message says how, in one line."""


def parse_period(value: str, what: str = "date") -> tuple[datetime, datetime]:
    """``2025`` / ``2025-11`` / ``2025-11-08`` -> [start, end) of that year, month or day."""
    match = _PERIOD.match(value.strip())
    if not match:
        raise QueryError(f"{what} '{printable(value)}' is not a date; use 2025, 2025-11 or "
                         "2025-11-08")
    year = int(match[1])
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        if month is not None and day is not None:
            start = datetime(year, month, day)
            return start, start + timedelta(days=1)
        if month is not None:
            # the first of the next month (not calendar.monthrange: 1-2 ms of every start)
            return datetime(year, month, 1), datetime(year + month // 12, month % 12 + 1, 1)
        return datetime(year, 1, 1), datetime(year + 1, 1, 1)
    except ValueError:
        raise QueryError(f"{what} '{printable(value)}' is not a real date") from None
