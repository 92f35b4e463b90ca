"""The article pane: a metadata header, the text with matches marked, a match counter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from index import Article

from ..text import country_name, date_label, language_name, query_terms, reflow
from .article_text import ArticleText


class ArticleView(Vertical):
    """Shows one Article; ``query`` decides what is marked."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="article-header")
        yield ArticleText(id="article-text")
        yield Static(id="article-status")

    @property
    def matches(self) -> int:
        return len(self.query_one(ArticleText).spans)

    def show(self, article: Article | None, query: str, related: dict[str, str]) -> None:
        """Show ``article`` (None: nothing chosen); ``related`` maps shared ids to titles."""
        from index.highlight import spans

        self.article = article
        if article is None:
            self.query_one("#article-header", Static).update(
                Content.styled("No article chosen", "$text-muted"))
            self.query_one(ArticleText).show("", [])
            return
        text = reflow(article.text.replace("\t", " ").replace("\r", " "))
        marks = spans(text, query_terms(query, article.lang), article.lang)
        self.query_one("#article-header", Static).update(header(article, related))
        self.query_one(ArticleText).show(text, marks)

    def next_match(self, step: int) -> None:
        self.query_one(ArticleText).next_match(step)

    def _on_article_text_match_moved(self, event: ArticleText.MatchMoved) -> None:
        event.stop()
        if event.total == 0:
            line = "no matches in the text"
        elif event.current is None:
            line = f"{event.total} {'match' if event.total == 1 else 'matches'} · n/N to jump"
        else:
            line = f"match {event.current + 1} of {event.total} · n/N"
        self.query_one("#article-status", Static).update(Content.styled(line, "$text-muted"))


def header(article: Article, related: dict[str, str]) -> Content:
    """Title; date · source · language; countries; id and where it lives; shared text."""
    date = date_label(article.date)
    if article.date and article.date_source not in (None, "metadata"):
        date += f" (from the {article.date_source})"
    lines = [
        Content.styled(article.title or "(untitled)", "bold"),
        Content("  ·  ".join(p for p in (
            date, article.source or "", f"{language_name(article.lang)} ({article.lang})"
        ) if p)),
    ]
    if article.countries:
        lines.append(Content("Countries: " + ", ".join(
            f"{country_name(c)} ({c})" for c in article.countries)))
    lines.append(Content.styled(f"{article.id}  {article.url or article.path}", "$text-muted"))
    for other, n in sorted(article.shared_paragraphs.items(), key=lambda kv: -kv[1])[:3]:
        para = "paragraph" if n == 1 else "paragraphs"
        lines.append(Content.styled(f"Shares {n} {para} with: {related.get(other, other)}",
                                    "$text-warning"))
    return Content("\n").join(lines)
