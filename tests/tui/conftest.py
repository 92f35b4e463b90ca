"""A small fixed library for the app's tests, built once per session from articles written
here (no ../shared needed). Its folder is fixed, so article ids — hashes of paths — and the
snapshots that show them are the same on every run."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: runs at once are not guarded
    fcntl = None

import pytest

from index import Library

PARAGRAPH = ("Kasachstan tritt den Abraham-Abkommen bei, teilte das Weisse Haus am Donnerstag "
             "mit. Die Regierung in Astana sprach von einem logischen Schritt.")

ARTICLES = [
    {"title": "Kasachstan tritt den Abraham-Abkommen bei", "lang": "de",
     "date": "2025-11-07T10:00:00", "source": "nzz", "countries": ["KZ", "IL"],
     "url": "https://example.org/nzz/kasachstan",
     "text": PARAGRAPH + "\n\nDie Regierung in Israel begrüsste den Beitritt. Kasachstan "
             "unterhält seit mehr als 30 Jahren Beziehungen zu Israel.\n\nDie Regierung "
             "der USA will weitere Staaten gewinnen."},
    {"title": "Abraham-Abkommen: Kasachstan macht mit", "lang": "de",
     "date": "2025-11-08T08:30:00", "source": "faz", "countries": ["KZ"],
     "url": "https://example.org/faz/kasachstan",
     "text": PARAGRAPH + "\n\nFür Kasachstan ist der Schritt vor allem ein Zeichen an "
             "Washington."},
    {"title": "Le Kazakhstan rejoint les accords d'Abraham", "lang": "fr",
     "date": "2025-11-07T12:00:00", "source": "lemonde", "countries": ["KZ", "FR"],
     "url": "https://example.org/lemonde/kazakhstan",
     "text": "Le gouvernement du Kazakhstan a annoncé jeudi son adhésion aux accords. "
             "Paris salue une décision importante pour la région."},
    {"title": "Kazakhstan joins the Abraham Accords", "lang": "en",
     "date": "2025-11-06T18:00:00", "source": "reuters", "countries": ["KZ", "US"],
     "url": "https://example.org/reuters/kazakhstan",
     "text": "Kazakhstan will join the Abraham Accords, the government said on Thursday. "
             "The United States welcomed the move."},
    {"title": "Wahlen in Frankreich", "lang": "de", "date": "2024-06-30T09:00:00",
     "source": "nzz", "countries": ["FR"], "url": "https://example.org/nzz/wahlen",
     "text": "Frankreich wählt ein neues Parlament. Die Regierung hofft auf eine Mehrheit."},
    {"title": "Elecciones en España", "lang": "es", "date": "2023-07-23T20:00:00",
     "source": "elpais", "countries": ["ES"], "url": "https://example.org/elpais/elecciones",
     "text": "España vota en unas elecciones generales. El gobierno espera un buen resultado."},
    {"title": "Undated note on grain exports", "lang": "en", "source": "notes",
     "countries": ["UA"], "url": "https://example.org/notes/grain",
     "text": "Grain exports from Ukraine rose again, traders said. The government expects "
             "more ships next month."},
]
LIBRARY = Path(tempfile.gettempdir()) / "broadsheet-tui-tests"
"""Fixed (see above): article ids are hashes of paths, and the snapshots show them."""


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, article in enumerate(ARTICLES):
        (folder / f"{number:02d}.json").write_text(json.dumps(article, ensure_ascii=False),
                                                   encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def library_folder() -> Iterator[Path]:
    """Built afresh for each test run. Two runs on one machine at once (two checkouts)
    would rebuild it under each other: the second waits for the first."""
    with open(f"{LIBRARY}.lock", "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        shutil.rmtree(LIBRARY, ignore_errors=True)
        articles = write_articles(LIBRARY / "articles")
        report = Library(LIBRARY / "library").add([articles])
        assert not report.failed, report.failed
        yield LIBRARY / "library"


class SteadyLibrary(Library):
    """Reports every search as taking 1 ms, so screens show the same frame every run."""

    def search(self, query):
        return replace(super().search(query), elapsed_ms=1.0)


@pytest.fixture
def make_app(library_folder, tmp_path):
    """A BroadsheetApp on the fixed library, loading the article under the cursor at once."""
    from tui.app.app import BroadsheetApp
    from tui.app.screens.search import SearchScreen

    def make(folder: Path | None = None, history: Path | None = None,
             theme: str | None = "textual-dark", keys: Path | None = None):
        SearchScreen.ARTICLE_DEBOUNCE = 0
        # never the keymap of whoever runs the tests
        return BroadsheetApp(SteadyLibrary(folder or library_folder),
                             history or tmp_path / "history", theme=theme,
                             keymap_path=keys or tmp_path / "no-keys.toml")

    yield make
    SearchScreen.ARTICLE_DEBOUNCE = 0.05
