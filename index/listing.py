"""What the records of ``models`` and ``records`` share: the JSON fields of a listing, and
the values that mean "no date" and "no language"."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime
    from typing import Any

UNDATED = "undated"
UNDETERMINED = "und"


def iso(value: datetime | None) -> str | None:
    """ISO 8601 without microseconds, or None."""
    return value.replace(microsecond=0).isoformat() if value else None


def _listing(item: Any) -> dict[str, Any]:
    """The JSON fields a hit and an article share (a public interface: keep the names)."""
    return {
        "id": item.id,
        "title": item.title,
        "date": iso(item.date),
        "lang": item.lang,
        "countries": list(item.countries),
        "source": item.source,
        "path": item.path,
        "url": item.url,
    }
