"""Query history for the search box: newest last, persisted one query per line."""

from __future__ import annotations

from pathlib import Path

LIMIT = 500


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("broadsheet", appauthor=False)) / "history"


class History:
    """Queries the user ran, with a cursor for up/down browsing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: list[str] = self._load()
        self.cursor = len(self.entries)
        """Index into ``entries`` while browsing; ``len(entries)`` means "the draft"."""
        self.draft = ""

    def _load(self) -> list[str]:
        if self.path is None:
            return []
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        return [line for line in lines if line.strip()][-LIMIT:]

    @property
    def browsing(self) -> bool:
        return self.cursor < len(self.entries)

    def add(self, query: str) -> None:
        """Remember ``query`` (moved to the end if seen before) and stop browsing."""
        query = query.strip()
        self.cursor = len(self.entries)
        if not query or query == "*":
            return
        if query in self.entries:
            self.entries.remove(query)
        self.entries = (self.entries + [query])[-LIMIT:]
        self.cursor = len(self.entries)
        self._save()

    def back(self, current: str) -> str | None:
        """The previous query, or None at the oldest."""
        if not self.browsing:
            self.draft = current
        if self.cursor == 0:
            return None
        self.cursor -= 1
        return self.entries[self.cursor]

    def forward(self) -> str | None:
        """The next query (the draft after the newest), or None when not browsing."""
        if not self.browsing:
            return None
        self.cursor += 1
        return self.entries[self.cursor] if self.browsing else self.draft

    def _save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text("\n".join(self.entries) + "\n", encoding="utf-8")
        except OSError:
            pass  # history is a convenience: a read-only home must not break searching
