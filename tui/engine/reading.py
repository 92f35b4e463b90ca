"""What the article pane shows, prepared by the engine (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from index import QueryError
from index.sanitize import shown, shown_text

from ..text import country_name, language_name, reflow

TYPE_CHECKING = False
if TYPE_CHECKING:  # ``index.records``: the app's first screen needs none of it
    from index import Article

RELATED = 3
"""Articles named in the "shares N paragraphs with" lines."""


@dataclass(frozen=True)
class Reading:
    """An article ready to show: its display text and where the query matched in it."""

    article: Article
    """As the screen shows it (``for_screen``)."""
    text: str
    """The text as shown: tabs and carriage returns as spaces, hard wrapping undone (the
    same length as ``article.text``, so offsets carry over)."""
    spans: tuple[tuple[int, int], ...]
    """(start, end) of each word the engine matched: stems, prefixes, fuzzy expansions."""
    related: dict[str, str]
    """Ids of articles sharing paragraphs with this one -> "title (source)"."""
    language: str = ""
    """The language's English name ("German")."""
    countries: tuple[str, ...] = ()
    """The countries' English names, in the article's order."""
    searched: bool = False
    """A query was given: ``spans`` is what it matched (else there is nothing to mark)."""


def load_article(library, article_id: str, query: str = "*", prefix_last: bool = False,
                 all_languages: bool = True, langs: tuple[str, ...] = ()) -> Reading | None:
    """Everything the article pane needs, computed by the engine (names too: the first
    call loads CLDR data). ``langs``: the search's language filter (the words it matched
    are those languages' forms)."""
    article = library.get(article_id)
    if article is None:
        return None
    article = for_screen(article)
    text = reflow(article.text.replace("\t", " ").replace("\r", " "))
    searched = query.strip() not in ("", "*")
    try:
        marks = library.match_spans(query, text, article.lang, prefix_last=prefix_last,
                                    all_languages=all_languages,
                                    langs=langs) if searched else []
    except QueryError:  # the user typed on into a broken query: show the text unmarked
        marks = []
    return Reading(article, text, tuple(marks), _related(library, article),
                   language_name(article.lang), tuple(map(country_name, article.countries)),
                   searched)


def for_screen(article: Article) -> Article:
    """``article`` with no control character in what the screen shows or copies (see
    the result list's ``for_screen`` for hits); the text keeps its length, so match offsets
    hold."""
    return replace(article, title=shown(article.title), text=shown_text(article.text),
                   lang=shown(article.lang), source=article.source and shown(article.source),
                   author=article.author and shown(article.author),
                   url=article.url and shown(article.url),
                   countries=tuple(map(shown, article.countries)))


def _related(library, article: Article) -> dict[str, str]:
    """The titles of the articles it shares most paragraphs with (a thread)."""
    related: dict[str, str] = {}
    top = sorted(article.shared_paragraphs.items(), key=lambda kv: -kv[1])[:RELATED]
    for other, _ in top:
        found = library.get(other)
        if found:
            related[other] = shown(f"{found.title} ({found.source or found.id})")
    return related
