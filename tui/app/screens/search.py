"""The main screen: search box, facet panel, result list and (when wide) the article pane."""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from index import Hit, LibraryError, Query, QueryError, Results, Sort

from ...engine.process import EngineThread, Stale
from ...engine.reading import Reading, load_article
from ...engine.request import (
    EVERYTHING,
    describe,
    facet_counts,
    library_news,
    nothing_found,
    screenful,
    search,
    typed,
)
from ...text import all_names, country_name, install_names, plural
from .. import css_cache
from ..widgets.later import Later
from ..widgets.results import ResultList
from ..widgets.search_bar import SearchBar
from .host import host

if TYPE_CHECKING:
    from ..widgets.article_view import ArticleView
    from ..widgets.facet_panel import FacetPanel

WIDE = 110
"""From this many columns on, the article pane shows beside the results."""
EMPTY = ("Your library is empty. Add articles with:  broadsheet index PATH   "
         "(or try:  broadsheet sample_data/)")


def _facet_panel() -> Widget:
    from ..widgets.facet_panel import FacetPanel

    return FacetPanel(id="facets")


def _article_view() -> Widget:
    from ..widgets.article_view import ArticleView

    return ArticleView(id="article")


def _footer() -> Widget:
    from textual.widgets import Footer

    return Footer(compact=True)


class SearchScreen(Screen):
    """Search as you type; facets follow the query; the newest query wins."""

    HOLD_EMPTY = 0.15
    """Seconds "nothing matches" waits before it replaces the hits on the screen while the
    last word is still being typed: a word of one or two letters is no prefix yet ("coffee
    p" finds nothing), and the next key most often finds something again. The list does not
    flash empty between keys; a pause shows it. So does an error on the way to a good query
    ("country:k", "date:2020-")."""
    REST_AFTER = 0.25
    """Seconds the typing rests before the rest of a page of hits is fetched (``run_search``),
    and the article pane loads the first hit: never between two keys of a word typed at a
    brisk pace (a key every 90 ms or so)."""
    ARTICLE_DEBOUNCE = 0.05
    """Seconds the cursor rests on a hit before the article pane loads it."""
    WATCH_SECONDS = 2.0
    """How often the screen asks whether another process changed the library (``broadsheet
    index``, ``index --watch``): new articles show without a keypress. An unchanged library
    costs a look at the index folder's file names."""

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="main.search"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
        Binding("tab", "cycle(1)", "Next pane", show=False, id="main.next_pane"),
        Binding("shift+tab", "cycle(-1)", "Previous pane", show=False, id="main.prev_pane"),
        Binding("n", "match(1)", "Match", id="main.next_match"),
        Binding("N", "match(-1)", "Prev match", show=False, id="main.prev_match"),
        Binding("s", "sort", "Sort", id="main.sort"),
        Binding("f", "toggle_facets", "Facets", id="main.facets"),
        Binding("c", "clear_filters", "Clear", id="main.clear"),
        Binding("y", "copy", "Copy", id="main.copy"),
        Binding("Y", "copy_id", "Copy id", show=False, id="main.copy_id"),
        Binding("o", "open", "Open", id="main.open"),
        Binding("a", "all_languages", "All langs", id="main.all_languages"),
        Binding("q", "app.quit", "Quit", id="main.quit"),
    ]

    request: reactive[Query] = reactive(EVERYTHING, init=False, repaint=False)
    """The search the list shows (or is about to). Not a repaint of the screen: the
    widgets that show it repaint themselves (a screen's repaint per key was 4.8 kB to the
    terminal at 80x24)."""
    facets_open: reactive[bool] = reactive(True)
    """Whether the facet panel shows (it starts closed when narrow)."""

    @dataclass
    class SearchDone(Message):
        """A search worker finished: plain Results for ``request``; ``rest``: the rest of
        its page, after the hits the screen could show (``run_search``)."""

        request: Query
        results: Results
        rest: bool = False
        counted: bool = True
        """Whether ``results`` holds the facet counts (``run_search``)."""

    @dataclass
    class FacetsDone(Message):
        """The facet counts for ``request``, after its hits (the first screen's)."""

        request: Query
        facets: dict[str, dict[str, int]]

    @dataclass
    class SearchFailed(Message):
        """The query could not run; ``error`` is one line for the user."""

        request: Query
        error: str

    @dataclass
    class ArticleLoaded(Message):
        """The article pane's article is ready (None: no hit under the cursor)."""

        reading: Reading | None

    def __init__(self, engine: EngineThread, history,
                 first: Future[Results] | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.history = history
        self._first = first
        """The search for ``EVERYTHING`` if the app started it already."""
        self._first_shown = False
        """Whether its hits were ready to show when the screen mounted."""
        self._narrow: bool | None = None
        self._footer_state: tuple = ()
        self.facets: dict[str, dict[str, int]] = {}
        """Facet counts of the current query (the panel shows them only while open)."""
        self._facets_shown: dict[str, dict[str, int]] | None = None
        self._names_loaded = False
        self._names_ready = False
        self._known: tuple[int, int] | None = None
        """The library's generation and size when last asked (``_watch_library``)."""
        self._news: str | None = None
        """What changed in the library since the last search typed ("3 new articles")."""
        self._watching = False
        self._named: dict[str, str] = {}
        """The words of the query taken for a country (``Results.countries_named``)."""

    def compose(self) -> ComposeResult:
        self._fit(self.app.size.width, update=False)  # before the first styling, not after
        yield SearchBar(self.history, id="search", compact=True)
        yield Static(id="status")
        with Horizontal(id="body"):
            # Narrow, both panes start hidden: made after the first frame, modules and all
            yield Later(_facet_panel) if self._narrow else _facet_panel()
            yield ResultList(id="results")
            yield Later(_article_view) if self._narrow else _article_view()
        yield Later(_footer)  # its keys after the first frame, not before it

    def _facets(self) -> FacetPanel:
        """The facet panel (``NoMatches`` until it is mounted: see ``compose``)."""
        from ..widgets.facet_panel import FacetPanel

        return self.query_one(FacetPanel)

    def _article(self) -> ArticleView:
        """The article pane (``NoMatches`` until it is mounted: see ``compose``)."""
        from ..widgets.article_view import ArticleView

        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.query_one(SearchBar).focus()
        self.app.post_message(host(self).KeysWelcome())  # the keys typed ahead, after the focus
        if self.facets_open:  # the first facets need names: load them before the search
            self._load_names()
        first = self._first
        if first is not None and first.done() and first.exception() is None:
            # Ready (searched while Textual started): in the very first frame, not the next
            self.on_search_screen_search_done(self.SearchDone(self.request, first.result()))
            self._first_shown = True
        # The facets next. In the engine process they cost this process nothing; where there
        # is none, the engine thread opens the library here and takes turns with Textual
        # for the GIL: either way they start once the first frame is on the screen.
        self.call_after_refresh(self._search_first)
        self.set_interval(self.WATCH_SECONDS, self._watch_library)
        # The first frame's CSS is parsed, the frame not yet painted: a start that parsed
        # sources the cache did not hold keeps them now, not only after the frame (a start
        # ended at its first frame, as a benchmark's is, would keep none)
        css_cache.save()

    def _search_first(self) -> None:
        """The first screen's search (its facets), unless the user has typed already: then
        the search for what they typed runs, and must not be cancelled by this one."""
        if self.request == EVERYTHING:
            self.run_search(self.request)

    def _load_names(self) -> None:
        """Language and country names (~50 ms of CLDR data), once, made by the engine and
        kept here (``text.all_names``); the facet panel fills in when they are ready (the
        results do not wait for them)."""
        if not self._names_loaded:
            self._names_loaded = True
            self.call_after_refresh(self._names_worker)  # not in the first frame's way

    @work(group="names")
    async def _names_worker(self) -> None:
        install_names(await self.engine.call(all_names))
        self._names_ready = True
        self._show_facets()

    def on_resize(self) -> None:
        self._fit(self.size.width)

    def _fit(self, width: int, update: bool = True) -> None:
        """Narrow: no article pane, facets closed. Each class change restyles every widget,
        so the first layout is chosen in ``compose`` (``update=False``), before styling."""
        narrow = width < WIDE
        if narrow != self._narrow:
            self._narrow = narrow
            self.set_class(narrow, "-narrow", update=update)
            if update:
                self.facets_open = not narrow
                if not narrow:  # the pane appears: show the hit under the cursor
                    self.load(self.query_one(ResultList).current)
            else:
                self.set_reactive(SearchScreen.facets_open, not narrow)
                self.set_class(narrow, "-facets-closed", update=False)

    def watch_facets_open(self, open_: bool) -> None:
        self.set_class(not open_, "-facets-closed")
        self._show_facets()
        if not open_ and self.focused and self._facets() in self.focused.ancestors:
            self.query_one(ResultList).focus()

    # -- searching ---------------------------------------------------------------------------
    def _watch_library(self) -> None:
        if not self._watching:  # a look still under way (behind a slow search) is enough
            self._watching = True
            self._look_at_library()

    @work(group="watch")
    async def _look_at_library(self) -> None:
        """Search again when another process committed articles, and say how many."""
        known = self._known[0] if self._known else None
        try:
            generation, total = await self.engine.call(library_news, known)
        except (LibraryError, QueryError, Stale, OSError):
            return
        finally:
            self._watching = False
        if total is None:
            return
        before, self._known = self._known, (generation, total)
        if before is None:  # the first look: what the screen already shows
            return
        change = total - before[1]
        if change:
            news = plural(abs(change), "new article" if change > 0 else "article")
            self._news = news if change > 0 else f"{news} removed"
        self.run_search(self.request)

    def watch_request(self, old: Query, request: Query) -> None:
        self._news = None  # said once, until the user searches anew
        self._update_footer()
        if (old.text, old.prefix_last) != (request.text, request.prefix_last):
            self._named = {}
        self.run_search(request)

    @work(exclusive=True, group="search")
    async def run_search(self, request: Query) -> None:
        """Search through the engine thread at once, on every key: a newer request cancels
        this one. The engine makes one call at a time, in order, so a search asked for while
        another runs waits for that one alone: the calls queued between them were cancelled
        with their workers, or are skipped when their turn comes (``wanted``). The newest
        request runs as soon as the running one returns.

        A fixed wait for a pause in the typing (120 ms) was most of the time from a word's
        last key to its results (~180 ms on Reuters in tmux; ``python -m
        benchmarks.tmux_app LIBRARY``, 'last key to the word's final count')."""
        first, self._first = self._first, None

        def wanted() -> bool:  # skipped if the user typed on before the engine got to it
            return request == self.request

        # First the hits the screen can show: a page of 50 cost the engine ~45 ms a key on
        # Reuters, one of 12 ~25 (median of the keys of 7 words typed, measured once with
        # an ad-hoc script); their snippets are most of the difference.
        shown = min(request.limit, self._screenful()) if request.offset == 0 else request.limit
        # The facets with the hits only while the panel shows them; else once the typing
        # rests (``_count_facets``): ~1.5 ms of the engine's ~7 for a word on Reuters, and
        # their trip back to the app, on every key (``benchmarks/typing_engine.py``).
        counted = self.facets_open or not request.facets or request.offset > 0

        try:
            if first is not None and request == EVERYTHING:
                results = await self.engine.result(first)
                if not self._first_shown:
                    self.post_message(self.SearchDone(request, results))
                facets = await self.engine.call(facet_counts, request, wanted=wanted)
                self.post_message(self.FacetsDone(request, facets))
                shown = len(results.hits)  # the screen's first hits (``first_page``)
                if shown < request.limit and shown < results.total:
                    await self._fetch_rest(request, shown, wanted)
                return
            results = await self.engine.call(
                search, replace(request, limit=shown, facets=request.facets and counted),
                wanted=wanted)
        except Stale:
            return
        except (QueryError, LibraryError) as exc:
            if request.prefix_last and self.HOLD_EMPTY:  # "country:k" on the way to "kz"
                await asyncio.sleep(self.HOLD_EMPTY)
            self.post_message(self.SearchFailed(request, str(exc)))
            return
        if results.total == 0 and request.prefix_last and self.HOLD_EMPTY \
                and self.query_one(ResultList).total:
            await asyncio.sleep(self.HOLD_EMPTY)  # the next key cancels this (see above)
        self.post_message(self.SearchDone(request, results, counted=counted))
        rest = shown < request.limit and request.offset + shown < results.total
        if rest or not counted:
            await asyncio.sleep(self.REST_AFTER)  # the next key cancels this
        if rest:
            await self._fetch_rest(request, shown, wanted, rested=True)
        if not counted:
            await self._count_facets(request, wanted)

    async def _count_facets(self, request: Query, wanted) -> None:
        """The facet counts of ``request``, asked for once the typing rests: the panel may
        open (``f``), and the palette's facet values are the query's."""
        try:
            facets = await self.engine.call(facet_counts, request, wanted=wanted)
        except (Stale, QueryError, LibraryError):
            return
        self.post_message(self.FacetsDone(request, facets))

    async def _fetch_rest(self, request: Query, shown: int, wanted,
                          rested: bool = False) -> None:
        """The rest of ``request``'s page, once the typing rests (``REST_AFTER``; the next
        key cancels this): fetched between two keys, it would hold up the next key's search
        by a search of its own."""
        if not rested:
            await asyncio.sleep(self.REST_AFTER)
        rest = replace(request, offset=request.offset + shown, limit=request.limit - shown,
                       facets=False, suggest=False)
        try:
            results = await self.engine.call(search, rest, wanted=wanted)
        except (Stale, QueryError, LibraryError):
            return
        self.post_message(self.SearchDone(request, results, rest=True))

    def _screenful(self) -> int:
        """How many hits the result list can show at once (``request.screenful``)."""
        return screenful(self.app.size.height)

    def on_search_screen_search_done(self, event: SearchDone) -> None:
        if event.request != self.request:
            return
        results = event.results
        if event.rest:  # with the hits already shown; the status line holds already
            self.query_one(ResultList).show_rest(results)
            return
        first_page = event.request.offset == 0
        if first_page and event.counted:  # else they follow (``FacetsDone``)
            self.facets = results.facets
            # A frame after the count and the hits: the panel's lists do not hold them up
            self.call_after_refresh(self._show_facets)
            self._load_names()  # after the first results: ready for the facets and palette
        if results.total == 0 and self._everything():
            self.query_one(ResultList).show_message(EMPTY)
        elif results.total == 0:
            self.query_one(ResultList).show_message(nothing_found(self.request, results))
        else:
            self.query_one(ResultList).show(results, append=not first_page)
        self._show_status(results)

    def on_search_screen_facets_done(self, event: FacetsDone) -> None:
        if event.request == self.request:
            self.facets = event.facets
            self._show_facets()

    def on_search_screen_search_failed(self, event: SearchFailed) -> None:
        if event.request != self.request:
            return
        if not self.engine.library.exists():
            self.query_one(ResultList).show_message(EMPTY)
            self._set_status(Content.styled("no library yet", "$text-warning"))
        else:
            self._set_status(Content.styled(event.error, "$text-error"), error=True)

    def _show_facets(self, force: bool = False) -> None:
        """Bring the panel up to date, only while it shows (a closed panel costs nothing
        per keystroke) unless ``force``d."""
        ready = self._names_ready or force
        if ready and (self.facets_open or force) and self._facets_shown is not self.facets:
            self._facets_shown = self.facets
            self._facets().show(self.facets)

    def toggle_facet(self, facet: str, value: str) -> None:
        """Choose or un-choose ``value`` of "lang" or "countries" (from the palette)."""
        self._show_facets(force=True)
        self._facets().toggle(facet, value)

    def _everything(self) -> bool:
        return self.request.text == "*" and self.request.filters.is_empty()

    def _show_status(self, results: Results) -> None:
        sort = self.request.sort
        if sort is Sort.RELEVANCE and self.request.text == "*":
            sort = Sort.NEWEST  # no words to rank by: the engine lists newest first
        parts = [Content.styled(plural(results.total, "article"), "bold"),
                 Content(f"{results.elapsed_ms:.0f} ms"), Content(f"by {sort}")]
        filters = describe(self.request.filters)
        if filters:
            parts.append(Content.styled(f"{filters} (c clears)", "$text-accent"))
        if results.suggestion:
            parts.append(Content.styled(f"did you mean: {results.suggestion}", "$text-warning"))
        if self._news:
            parts.append(Content.styled(self._news, "bold $text-success"))
        if results.countries_named:
            self._named = dict(results.countries_named)
        if self._named and self.request.all_languages:
            taken = ", ".join(f"{word} = {country_name(code)}"
                              for word, code in self._named.items())
            parts.append(Content.styled(f"{taken}, all languages (a: as typed)",
                                        "$text-accent"))
        elif self._named:
            parts.append(Content.styled(f"{', '.join(self._named)} as typed (a: all languages)",
                                        "$text-accent"))
        self._set_status(Content(" · ").join(parts))

    def _set_status(self, content: Content, error: bool = False) -> None:
        """One line; an error takes the lines it needs (it says what to run: "rebuild it:
        broadsheet index --rebuild" must not be cut off at 80 columns)."""
        status = self.query_one("#status", Static)
        was_error = status.has_class("-error")
        status.set_class(error, "-error")
        # One line stays one line: no layout of the screen for it (one per key typed)
        status.update(content, layout=error or was_error)

    @on(SearchBar.Changed, "#search")
    def _typed(self, event: SearchBar.Changed) -> None:
        self.request = typed(self.request, event.value)

    @on(SearchBar.Leave)
    def _leave_search(self) -> None:
        self.query_one(ResultList).focus()

    def on_facet_panel_changed(self, event: FacetPanel.Changed) -> None:
        self.request = replace(self.request, filters=event.filters, offset=0)

    @on(ResultList.MoreWanted)
    def _more(self, event: ResultList.MoreWanted) -> None:
        self.request = replace(self.request, offset=event.offset)

    # -- the article -------------------------------------------------------------------------
    @on(ResultList.Moved)
    def _moved(self, event: ResultList.Moved) -> None:
        if not self._narrow:
            self.load(event.hit)
        self._update_footer()

    @on(ResultList.Chosen)
    def _chosen(self, event: ResultList.Chosen) -> None:
        if self._narrow:
            from .article import ArticleScreen  # not a module more before the first screen

            self.app.push_screen(ArticleScreen(self.engine, event.hit.id, self.request.text,
                                               self.request.prefix_last,
                                               self.request.all_languages,
                                               self.request.filters.langs))
        else:
            self.query_one("#article-text").focus()

    def open_hit(self, hit_id: str) -> None:
        """Put the cursor on ``hit_id`` and open it (from the command palette)."""
        results = self.query_one(ResultList)
        results.highlighted = results.get_option_index(hit_id)
        results.focus()
        if hit := results.current:
            self._chosen(ResultList.Chosen(hit))

    @work(exclusive=True, group="article")
    async def load(self, hit: Hit | None) -> None:
        if hit is None:
            self.post_message(self.ArticleLoaded(None))
            return
        # While the user types, each key brings a new first hit: its article waits for the
        # typing to rest, or its loading would hold up the next key's search in the engine
        typing = isinstance(self.focused, SearchBar)
        await asyncio.sleep(max(self.REST_AFTER, self.ARTICLE_DEBOUNCE) if typing
                            else self.ARTICLE_DEBOUNCE)
        request = self.request
        reading = await self.engine.call(load_article, hit.id, request.text,
                                         request.prefix_last, request.all_languages,
                                         request.filters.langs)
        self.post_message(self.ArticleLoaded(reading))

    def on_search_screen_article_loaded(self, event: ArticleLoaded) -> None:
        self._article().show(event.reading)
        self._update_footer()

    # -- actions -----------------------------------------------------------------------------
    def _update_footer(self) -> None:
        """Refresh the footer only when a key's availability changed (it re-mounts keys)."""
        state = tuple(self.check_action(a, ())
                      for a in ("match", "clear_filters", "copy", "all_languages"))
        if state != self._footer_state:
            self._footer_state = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "match":  # narrow, the pane is not even mounted at first (Later)
            if self._narrow:
                return False
            view = self._article()
            return view.article is not None and view.matches > 0
        if action == "clear_filters":
            return not self.request.filters.is_empty()
        if action == "all_languages":  # only while a word of the query names a country
            return bool(self._named)
        if action in ("copy", "copy_id", "open"):
            return self.query_one(ResultList).current is not None
        if action == "focus_search":  # no "/ Search" in the footer while typing there
            return not isinstance(self.focused, SearchBar)
        return True

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_back(self) -> None:
        """Leave the search box, or go from the article pane back to the results."""
        focused = self.focused
        if isinstance(focused, SearchBar):
            focused.remember()
        if focused is None or not isinstance(focused, ResultList):
            self.query_one(ResultList).focus()

    def action_cycle(self, step: int) -> None:
        self.focus_next() if step > 0 else self.focus_previous()

    def action_match(self, step: int) -> None:
        self._article().next_match(step)

    def action_all_languages(self) -> None:
        """A country word: its country in every language, or the word as typed."""
        wide = not self.request.all_languages
        self.request = replace(self.request, all_languages=wide, offset=0)
        self.notify("Country words find their country in every language" if wide
                    else "Country words as typed", timeout=2)

    def action_sort(self) -> None:
        sorts = list(Sort)
        self.set_sort(sorts[(sorts.index(self.request.sort) + 1) % len(sorts)])

    def set_sort(self, sort: Sort) -> None:
        self.request = replace(self.request, sort=sort, offset=0)
        self.notify(f"Sorted by {sort}", timeout=2)

    def action_toggle_facets(self) -> None:
        self.facets_open = not self.facets_open
        if self.facets_open and self._narrow:
            self.query_one("#facet-lang").focus()

    def action_clear_filters(self) -> None:
        self._facets().clear()

    def action_copy(self) -> None:
        if hit := self.query_one(ResultList).current:
            host(self).copy_link(hit)

    def action_copy_id(self) -> None:
        if hit := self.query_one(ResultList).current:
            host(self).copy_id(hit)

    def action_open(self) -> None:
        if hit := self.query_one(ResultList).current:
            host(self).open_source(hit)
