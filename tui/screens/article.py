"""One article, full-screen (used when the terminal is too narrow for the side pane)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from index import Article

from ..widgets.article_view import ArticleView

RELATED = 3
"""Articles named in the "shares N paragraphs with" lines."""


def load_article(library, article_id: str) -> tuple[Article | None, dict[str, str]]:
    """The article and the titles of the articles it shares paragraphs with (a thread)."""
    article = library.get(article_id)
    related: dict[str, str] = {}
    if article:
        top = sorted(article.shared_paragraphs.items(), key=lambda kv: -kv[1])[:RELATED]
        for other, _ in top:
            found = library.get(other)
            if found:
                related[other] = f"{found.title} ({found.source or found.id})"
    return article, related


class ArticleScreen(Screen):
    """The article pane on its own; ``escape`` goes back to the results."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="article.back"),
        Binding("n", "match(1)", "Match", id="article.next_match"),
        Binding("N", "match(-1)", "Prev match", show=False, id="article.prev_match"),
        Binding("y", "copy", "Copy", id="article.copy"),
        Binding("Y", "copy_id", "Copy id", show=False, id="article.copy_id"),
        Binding("o", "open", "Open", id="article.open"),
        Binding("q", "app.quit", "Quit", id="article.quit"),
    ]

    class Loaded(Message):
        def __init__(self, article: Article | None, related: dict[str, str]) -> None:
            super().__init__()
            self.article, self.related = article, related

    def __init__(self, engine, article_id: str, query: str) -> None:
        super().__init__()
        self.engine, self.article_id, self.query_text = engine, article_id, query
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#article-text").focus()
        self.load()

    @work(exclusive=True, group="article")
    async def load(self) -> None:
        article, related = await self.engine.call(load_article, self.article_id)
        self.post_message(self.Loaded(article, related))

    def on_article_screen_loaded(self, event: Loaded) -> None:
        self.article = event.article
        self.query_one(ArticleView).show(event.article, self.query_text, event.related)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "match":
            return self.query_one(ArticleView).matches > 0
        if action in ("copy", "copy_id", "open"):
            return self.article is not None
        return True

    def action_match(self, step: int) -> None:
        self.query_one(ArticleView).next_match(step)

    def action_copy(self) -> None:
        self.app.copy_link(self.article)

    def action_copy_id(self) -> None:
        self.app.copy_id(self.article)

    def action_open(self) -> None:
        self.app.open_source(self.article)
