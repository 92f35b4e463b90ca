"""One article, full-screen (used when the terminal is too narrow for the side pane)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from index import Article

from ...engine.reading import Reading, load_article
from ..widgets.article_view import ArticleView
from .host import host


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

    @dataclass
    class Loaded(Message):
        reading: Reading | None

    def __init__(self, engine, article_id: str, query: str, prefix_last: bool = False,
                 all_languages: bool = True, langs: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.engine, self.article_id = engine, article_id
        self.query_text, self.prefix_last = query, prefix_last
        self.all_languages, self.langs = all_languages, langs
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield ArticleView(id="article")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#article-text").focus()
        self.load()

    @work(exclusive=True, group="article")
    async def load(self) -> None:
        reading = await self.engine.call(load_article, self.article_id, self.query_text,
                                         self.prefix_last, self.all_languages, self.langs)
        self.post_message(self.Loaded(reading))

    def on_article_screen_loaded(self, event: Loaded) -> None:
        self.article = event.reading.article if event.reading else None
        self.query_one(ArticleView).show(event.reading)
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
        if self.article is not None:  # check_action asks the same
            host(self).copy_link(self.article)

    def action_copy_id(self) -> None:
        if self.article is not None:  # check_action asks the same
            host(self).copy_id(self.article)

    def action_open(self) -> None:
        if self.article is not None:  # check_action asks the same
            host(self).open_source(self.article)
