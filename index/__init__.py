"""broadsheet's headless engine: index news articles, search them, count facets.

The public API, and all the UI and CLI use::

    from index import Library, Filters, Query
    with Library(folder) as library:
        report = library.add(["articles/"])
        results = library.search(Query("kasachstan", Filters(countries=("IL",))))

This package never imports Textual (a test proves it).
"""

from . import _lean_stdlib  # noqa: F401, I001  (before anything imports dataclasses)
from . import _code_cache  # noqa: F401, I001  (before the first dataclass)
from .library import Library, default_folder, inspect_paths
from .models import (
                     UNDATED,
                     UNDETERMINED,
                     Filters,
                     Hit,
                     Query,
                     Results,
                     Sort,
)
from .periods import QueryError, parse_period
from .store import LibraryBusy, LibraryError

TYPE_CHECKING = False
if TYPE_CHECKING:  # loaded on first use (``models.RECORDS``): a search needs none of them
    from .models import Article, Dropped, Failure, IndexReport, Mention, RawArticle, Stats


def __getattr__(name: str):
    from . import models

    if name in models.RECORDS:
        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Article", "Dropped", "Failure", "Filters", "Hit", "IndexReport", "Library",
    "LibraryBusy", "LibraryError", "Mention", "Query", "QueryError", "RawArticle", "Results",
    "Sort", "Stats", "UNDATED", "UNDETERMINED", "default_folder", "inspect_paths", "parse_period",
]
