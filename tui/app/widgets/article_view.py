"""The article pane: a metadata header, the text with matches marked, a match counter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from index.sanitize import printable

from ...engine.reading import Reading
from ...text import date_label
from .article_text import ArticleText

TYPE_CHECKING = False
if TYPE_CHECKING:  # ``index.records``: not a module more before the first screen
    from index import Article


class ArticleView(Vertical):
    """Shows one Article with the words the query matched marked."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self._searched = False
        """A query was given (else "no matches" would be news to nobody)."""

    def compose(self) -> ComposeResult:
        yield Static(id="article-header")
        yield ArticleText(id="article-text")
        yield Static(id="article-status")

    @property
    def matches(self) -> int:
        return len(self.query_one(ArticleText).spans)

    def show(self, reading: Reading | None) -> None:
        """Show an article ready to read (None: nothing chosen)."""
        self.article = reading.article if reading else None
        self._searched = bool(reading and reading.searched)
        if reading is None:
            self.query_one("#article-header", Static).update(
                Content.styled("No article chosen", "$text-muted"))
            self.query_one(ArticleText).show("", [])
            return
        self.query_one("#article-header", Static).update(header(reading))
        self.query_one(ArticleText).show(reading.text, reading.spans)

    def next_match(self, step: int) -> None:
        self.query_one(ArticleText).next_match(step)

    def _on_article_text_match_moved(self, event: ArticleText.MatchMoved) -> None:
        event.stop()
        if event.total == 0:
            line = "no matches in the text" if self._searched else "space/b page down/up"
        elif event.current is None:
            line = f"{event.total} {'match' if event.total == 1 else 'matches'} · n/N to jump"
        else:
            line = f"match {event.current + 1} of {event.total} · n/N"
        self.query_one("#article-status", Static).update(Content.styled(line, "$text-muted"))


def header(reading: Reading) -> Content:
    """Title; date · source · language; countries; id and where it lives; shared text."""
    article = reading.article
    date = date_label(article.date)
    if article.date and article.date_source not in (None, "metadata"):
        date += f" (from the {article.date_source})"
    lines = [
        Content.styled(article.title or "(untitled)", "bold"),
        Content("  ·  ".join(p for p in (
            date, article.source or "", f"{reading.language} ({article.lang})") if p)),
    ]
    if article.countries:
        names = zip(reading.countries, article.countries, strict=True)
        lines.append(Content("Countries: " + ", ".join(
            f"{name} ({code})" for name, code in names)))
    lines.append(Content.styled(f"{article.id}  {article.url or printable(article.path)}",
                                "$text-muted"))
    for other, n in sorted(article.shared_paragraphs.items(), key=lambda kv: -kv[1])[:3]:
        para = "paragraph" if n == 1 else "paragraphs"
        lines.append(Content.styled(f"Shares {n} {para} with: {reading.related.get(other, other)}",
                                    "$text-warning"))
    return Content("\n").join(lines)
