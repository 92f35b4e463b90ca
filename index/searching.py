"""The read side of the Whoosh backend: queries, filters, facets, hits, articles.

Respects Whoosh's threading rules: one searcher, used under a lock, reopened (never
``refresh()``-ed) when a writer has committed since; every hit is turned into a plain
dataclass before the lock is released.
"""

from __future__ import annotations

# isort: off
from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import heapq
import json
import threading
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence, Set
from datetime import datetime
from itertools import islice

from whoosh import query as Q
from whoosh.util.times import long_to_datetime

from . import facets as facet_sets
from .analysis import fold
from .country_words import country_word
from .docmask import Mask, bitmask, intersect
from .facets import CACHE_LAYOUT, DocSets, count
from .highlight import Terms, snippet, spans
from .interrupt import Interrupted, check
from .models import UNDATED, Filters, Hit, Query, Results, Sort
from .query import Compiler, QueryError
from .whoosh_internals import inline, pruned, ranking, varbytes
from .whoosh_internals.bulk import column_array
from .whoosh_internals.matching import deleted_docs, matching

varbytes.install()  # stored fields opened without a Python loop over every document
inline.install()  # a term's postings inlined in its entry read as a block, like any other

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .models import Article, Stats

NO_DATE = 2**64 - 1
"""What Whoosh's date column holds for an article without a date."""
RANKED_KEPT = 4
"""Queries whose scores a searcher keeps (``Searching._ranked``)..."""
RANKED_POSTINGS = 1_000_000
"""... while they hold no more matches than this in all (~100 bytes each; the latest is
kept whatever its size)."""
NEWEST_LISTED = 4
"""A page newest first of at least 1 / NEWEST_LISTED of the library's documents reads their
dates from a list of every document's sort key, made once per searcher (``_newest``); a
page of fewer, such as ``*`` (whose candidates are the newest month's, ``_by_month``), reads
each candidate's date as it is keyed. Making that list was 9 ms of the app's first screen at
200,000 synthetic articles, and ~45 ms at a million."""
SUGGEST_BELOW = 3
"""Offer "did you mean" when a query finds fewer articles than this."""
SUGGEST_WORDS = 8
"""Unknown words looked up for "did you mean", the first ones: each lookup walks the term
list (~3 ms), and a query of 10,000 unknown words spent 28 s there (measured once by hand;
no benchmark tracks it)."""
SUGGEST_LONGEST = 40
"""Longer words get no "did you mean": Whoosh compares a word with every term of its first
letter, in time that grows with the word's length times each term's (a word of 3,000
letters took 58 s on Reuters, measured once; no benchmark times it, and
``tests/reliability/test_deep_queries.py`` checks that such a word gets no suggestion); no
real word that long is a typo of another."""


class Searching:
    def __init__(self, ix, conn, folder) -> None:
        self._ix, self._conn, self._folder = ix, conn, folder
        self._lock = threading.Lock()
        self._searcher = None
        self._docsets: DocSets | None = None
        self._date_column: array | None = None
        self._date_readers: list[tuple[int, int, Any]] | None = None
        self._newest_key: list[int] | None = None
        self._everything: Mask | None = None
        self._dated: dict[tuple[datetime | None, datetime | None], Set[int]] = {}
        """The latest date filters' documents (``_dated_between``)."""
        self._lengths = ranking.Lengths()
        self._ranked_kept: OrderedDict[Q.Query, ranking.Scores] = OrderedDict()
        """The latest queries ranked on this searcher, and their scores (``_ranked``)."""

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def _current(self):
        """The searcher, reopened if the index changed (a consistent snapshot per call)."""
        s = self._searcher
        if s is None or not s.up_to_date():
            if s is not None:
                s.close()
            s = self._searcher = self._ix.searcher()
            self._docsets = DocSets(s.reader(), _facet_cache(self._folder, s.reader()))
            self._date_column = None
            self._date_readers = None
            self._newest_key = None
            self._everything = None
            self._dated = {}
            self._lengths = ranking.Lengths()
            self._ranked_kept = OrderedDict()
        return s

    def _all(self, s) -> Mask:
        """Every live document, once per searcher: a ``Mask`` of them all but the deleted
        (as a set, ``*`` at 200,000 articles took 135-214 ms to list, and at a million 60 MB;
        measured once). The app's first screen is ``*``, so ``python -m benchmarks.run
        --only synthetic`` times it in the row 'app first screen in tmux 80x24, from
        exec'."""
        if self._everything is None:
            deleted = [offset + d for reader, offset in s.reader().leaf_readers()
                       for d in deleted_docs(reader)]
            self._everything = Mask.every(s.reader().doc_count_all(), deleted)
        return self._everything

    def _newest(self, s) -> list[int]:
        """Sort keys for newest first: the date, undated (NO_DATE) as -1, so it comes last."""
        if self._newest_key is None:
            self._newest_key = [-1 if v == NO_DATE else v for v in self._dates(s)]
        return self._newest_key

    def _date(self, s, docnum: int) -> datetime | None:
        """One article's date, read from the date column (``_dates``), where the sort and
        the filters read it: the index stores it nowhere else (``schema``)."""
        if self._date_column is not None:
            value = self._date_column[docnum]
        else:
            if self._date_readers is None:
                self._date_readers = [(offset, reader.doc_count_all(), _date_reader(reader))
                                      for reader, offset in s.reader().leaf_readers()]
            value = NO_DATE
            for offset, count, column in self._date_readers:
                if offset <= docnum < offset + count:
                    if column is not None:
                        value = column[docnum - offset]
                    break
        return None if value == NO_DATE else long_to_datetime(value)

    def _dates(self, s) -> array:
        """Every document's date as Whoosh's column integer (NO_DATE when undated), read
        once per searcher. Per segment: a segment with no dated article has no column."""
        if self._date_column is None:
            values = array("Q")
            for reader, _offset in s.reader().leaf_readers():
                count = reader.doc_count_all()
                found = _date_reader(reader)
                column = column_array(found, "Q") if found is not None else array("Q")
                values += column if len(column) == count else array("Q", [NO_DATE]) * count
            self._date_column = values
        return self._date_column

    def _fresh(self, call):
        """``call()``; once more, on the new snapshot, if it failed while a commit replaced
        the one it read. A merge deletes the files of the segments it folded, and Whoosh
        opens some of a segment's files (stored fields, columns) only when first read: a
        searcher that had not read them yet finds them gone."""
        try:
            return call()
        except (QueryError, Interrupted):
            raise
        except Exception:
            with self._lock:
                stale = self._searcher is not None and not self._searcher.up_to_date()
            if not stale:
                raise
            return call()

    # -- search -----------------------------------------------------------------------------
    def search(self, query: Query) -> Results:
        return self._fresh(lambda: self._search(query))

    def _search(self, query: Query) -> Results:
        text, limit, offset, sort = query.text, query.limit, query.offset, query.sort
        prefix_last = query.prefix_last
        started = time.perf_counter()
        with self._lock:
            s = self._current()
            docsets = self._docsets
            assert docsets is not None  # with the searcher
            compiler = self._compiler(query.filters.langs, query.all_languages)
            q = compiler.compile(text, prefix_last)
            check()  # the steps of a search that can take long: between them, and within
            restrict = self._filter_sets(s, query.filters, docsets)  # (ranking, by term)
            found = None
            by_query: Set[int]
            relevance = sort is Sort.RELEVANCE and limit > 0 and not isinstance(q, Q.Every)
            paged = self._best(s, q, offset + limit) if relevance and not restrict else None
            if paged is not None:  # every match, and the scores of the page's candidates
                by_query, best = paged
            elif relevance:
                found = self._ranked(s, q)
                by_query = found.keys()
            else:
                by_query = self._docs(s, q)
            if (restrict or query.facets) and len(by_query) >= facet_sets.MATCHED_FOR_MASK:
                # made once, for every AND
                by_query = (ranking.mask(found, docsets.size) if found is not None
                            else Mask.of(by_query, docsets.size))
            meet = _Meeting(by_query, restrict, docsets.size)
            matched = meet(())
            check()
            facets = {}
            if query.facets:
                facets = count(docsets, lambda key: meet((key,)), everything=s.doc_count())
            if paged is not None:
                page = ranking.top(best, offset + limit)[offset:]
            elif found is not None:
                page = ranking.top(found, offset + limit,
                                   among=matched if restrict else None)[offset:]
            else:
                page = self._page(s, matched, limit, offset, sort)
            check()
            terms = _highlight_terms(q, s.reader())
            hits = [self._hit(s, docnum, score, terms) for docnum, score in page]
            named = dict(compiler.countries_named)
            # Only when the words themselves find little: not when filters narrowed it.
            # While typing, the last word is unfinished: no use correcting it.
            words = compiler.words[:-1] if prefix_last else compiler.words
            suggestion = (self._suggest(s, words, text)
                          if query.suggest and len(by_query) < SUGGEST_BELOW else None)
            hits = self._with_duplicates(hits)
        return Results(query=text, total=len(matched), hits=tuple(hits), facets=facets,
                       suggestion=suggestion,
                       elapsed_ms=(time.perf_counter() - started) * 1000,
                       countries_named=named)

    def _compiler(self, langs: Iterable[str] = (), all_languages: bool = True) -> Compiler:
        """``langs``: the languages a search is restricted to, whose rules alone reduce its
        words (else every language the library holds). ``all_languages``: a word that names
        a country also finds the articles naming it in any language."""
        docsets = self._docsets
        assert docsets is not None  # with the searcher
        return Compiler(langs or docsets.values("lang"), _resolve_country,
                        docsets.values("source"),
                        country_word=country_word if all_languages else None)

    def match_spans(self, text: str, body: str, lang: str, prefix_last: bool = False,
                    all_languages: bool = True,
                    langs: Iterable[str] = ()) -> list[tuple[int, int]]:
        """Where the query ``text`` matches in ``body``: the same words, stems, prefixes
        and fuzzy expansions the search itself matched (under a language filter,
        ``langs``, the forms of those languages alone, as the search)."""
        with self._lock:
            s = self._current()
            compiler = self._compiler(langs, all_languages)
            terms = _highlight_terms(compiler.compile(text, prefix_last), s.reader())
        return spans(body, terms, lang)

    def _ranked(self, s, q: Q.Query) -> ranking.Scores:
        """Every match of ``q`` with its score, the latest few queries' kept (not to be
        written into): the app asks for a query again once the typing rests, for the rest
        of the page and for the facets, and a page further on; and a filter chosen, or
        dropped again, leaves the words and so the query as they were. Ranking a common
        word is costly: "government" at a million synthetic articles, 230,000 matches,
        ~200 ms from cold (an ad-hoc script; ``python -m benchmarks.run --only synthetic
        --synthetic 1000000`` times it in the row 'term-frequent', whose filter variants
        follow the query without filter, as here)."""
        kept = self._ranked_kept
        found = kept.get(q)
        if found is not None:
            kept.move_to_end(q)
            return found
        found = kept[q] = ranking.scores(s, q, self._lengths)
        while len(kept) > RANKED_KEPT or (
                len(kept) > 1 and sum(map(len, kept.values())) > RANKED_POSTINGS):
            kept.popitem(last=False)
        return found

    def _best(self, s, q: Q.Query, n: int) -> tuple[set[int], ranking.Scores] | None:
        """(every match of ``q``, scores that hold its ``n`` best) for a search ranked
        without filters (``pruned``: the words' ORs, not every match scored), or None for
        ``_ranked``: other queries, and one ranked already (kept: its scores are at
        hand)."""
        if q in self._ranked_kept:
            return None
        return pruned.best(s, q, self._lengths, n)

    def _docs(self, s, q: Q.Query) -> Set[int]:
        """Every document ``q`` matches: listed by blocks where ``matching`` can, else the
        documents ``ranking`` scores, which walks any query's tree a block of postings at a
        time (Whoosh's own listing steps one id at a time: a phrase and a word by date on
        Reuters, 51 ms against 38; ``said -oil``, 78 against 47; measured once with an ad-hoc
        script, and no benchmark tracks it: the in-process rows rank by relevance)."""
        if isinstance(q, Q.Every):
            return self._all(s)
        ranked = self._ranked_kept.get(q)
        if ranked is not None:  # ranked already: its facets, after its hits
            return ranked.keys()
        found = matching(s, q)
        return found if found is not None else self._ranked(s, q).keys()

    def _filter_sets(self, s, filters: Filters, docsets: DocSets) -> dict[str, Set[int]]:
        """Each filter's documents (not to be written into: a filter's are kept)."""
        out: dict[str, Set[int]] = {}
        if filters.langs:
            out["lang"] = docsets.union("lang", filters.langs)
        if filters.countries:
            out["countries"] = docsets.union("countries", filters.countries)
        if filters.sources:
            wanted = {fold(v) for v in filters.sources}
            names = [n for n in docsets.values("source") if fold(n) in wanted]
            out["source"] = docsets.union("source", names)
        if filters.undated:
            out["date"] = docsets.union("year", [UNDATED])
        elif filters.since or filters.until:
            out["date"] = self._dated_between(s, filters.since, filters.until)
        return out

    def _dated_between(self, s, since: datetime | None, until: datetime | None) -> Set[int]:
        """Documents dated in [since, until), the latest few kept per searcher. A numeric
        range query expands into hundreds of terms (0.5-1 s on Reuters); this takes the
        months wholly inside the range from the month facet (their bitmasks ORed) and
        tests the documents of the months at its ends against the date column
        (``python -m benchmarks.run``, row 'filter:since p50 / p95')."""
        key = (since, until)
        found = self._dated.pop(key, None)
        if found is None:
            found = _between(self._dates(s), self._docsets, since, until)
        self._dated[key] = found  # the most recent last
        while len(self._dated) > 4:
            del self._dated[next(iter(self._dated))]
        return found

    def _page(self, s, matched: Set[int], limit: int, offset: int,
              sort: Sort) -> list[tuple[int, float]]:
        """A page in date order (relevance is ``ranking``'s), or of ``*``."""
        if not matched or limit <= 0:
            return []
        docsets = self._docsets
        assert docsets is not None  # with the searcher
        docs: Iterable[int] = matched
        if isinstance(matched, Mask) and len(matched) * 8 >= matched.size:
            # Many matches: month by month, newest (or oldest) first, until the page is
            # full (``*`` within "US" at a million articles: 95 ms as one heap, measured
            # once; the row 'browse' of ``python -m benchmarks.run``)
            candidates = _by_month(matched, docsets, offset + limit, sort is Sort.OLDEST)
            if candidates is not None:
                docs = candidates
        # The page alone: the page's dates by a heap of the dates (not a sort of every
        # match: ``*`` over 200,000 articles, 237-386 ms sorted, measured once; the app's
        # first screen is ``*`` newest first: ``python -m benchmarks.run --only synthetic``,
        # row 'app first screen in tmux 80x24, from exec'), then the matches on or past the
        # last of them in order, of equal dates the lower number first, whatever order
        # ``matched`` lists them in (a ranked query's, by score).
        oldest = sort is Sort.OLDEST  # NO_DATE is the largest value: undated come last
        docs = list(docs)
        key: Callable[[int], int]
        if oldest:
            key = self._dates(s).__getitem__
        elif self._newest_key is not None or len(docs) * NEWEST_LISTED >= s.doc_count_all():
            key = self._newest(s).__getitem__
        else:
            key = _newest_first(self._dates(s))
        dates = (heapq.nsmallest if oldest else heapq.nlargest)(offset + limit, map(key, docs))
        if not dates:
            return []
        last = dates[-1]
        if oldest:
            ordered = sorted((d for d in docs if key(d) <= last), key=lambda d: (key(d), d))
        else:
            ordered = sorted((d for d in docs if key(d) >= last), key=lambda d: (-key(d), d))
        return [(docnum, 0.0) for docnum in ordered[offset:offset + limit]]

    def _hit(self, s, docnum: int, score: float, terms: Terms) -> Hit:
        f = s.stored_fields(docnum)
        meta = json.loads(f.get("meta") or "{}")
        text, spans = snippet(f.get("body") or "", terms, f.get("lang", "und"))
        return Hit(id=f["id"], title=f.get("title") or "", date=self._date(s, docnum),
                   lang=f.get("lang", "und"), countries=_codes(f.get("countries")),
                   source=meta.get("source"), path=f.get("path", ""), url=meta.get("url"),
                   score=float(score), snippet=text, highlights=spans,
                   crawled=_when(meta.get("crawled")))

    def _with_duplicates(self, hits: list[Hit]) -> list[Hit]:
        if not hits:
            return hits
        from dataclasses import replace

        from .store import read_links

        links = read_links(self._conn, [h.id for h in hits])
        return [replace(h, duplicates=tuple(links.get(h.id, {}))) for h in hits]

    def _suggest(self, s, words: list[str], text: str) -> str | None:
        suggestion, changed = text, False
        unknown = (w for w in words if 3 <= len(w) <= SUGGEST_LONGEST
                   and s.doc_frequency("exact", w) == 0)
        for word in islice(unknown, SUGGEST_WORDS):
            # Candidates share the first letter: Whoosh scans the term list otherwise.
            found = s.suggest("exact", word, limit=8, maxdist=2, prefix=1)
            if found:
                best = min(found, key=lambda w: (_edits(word, w),
                                                 -s.doc_frequency("exact", w)))
                suggestion = _replace_word(suggestion, word, best)
                changed = True
        return suggestion if changed else None

    # -- one article, stats ----------------------------------------------------------------------
    def get(self, id_or_prefix: str) -> Article | None:
        return self._fresh(lambda: self._get(id_or_prefix))

    def _get(self, id_or_prefix: str) -> Article | None:
        from .models import Article
        from .store import read_links

        key = id_or_prefix.strip().lower()
        if not key:
            return None
        with self._lock:
            s = self._current()
            docnum = s.document_number(id=key)
            if docnum is None and len(key) >= 4:
                found = list(s.docs_for_query(Q.Prefix("id", key)))
                docnum = found[0] if len(found) == 1 else None
            if docnum is None:
                return None
            f = s.stored_fields(docnum)
            date = self._date(s, docnum)
            shared = read_links(self._conn, [f["id"]])[f["id"]]
        meta = json.loads(f.get("meta") or "{}")
        return Article(
            id=f["id"], path=f.get("path", ""), format=f.get("format", ""),
            title=f.get("title") or "", text=f.get("body") or "", lang=f.get("lang", "und"),
            lang_prob=meta.get("lang_prob") or 0.0, date=date,
            date_source=meta.get("date_source"), date_evidence=meta.get("date_evidence"),
            countries=_codes(f.get("countries")),
            country_mentions=meta.get("country_mentions") or {}, source=meta.get("source"),
            url=meta.get("url"), author=meta.get("author"), entry=meta.get("entry"),
            duplicates=tuple(shared), shared_paragraphs=dict(shared),
            crawled=_when(meta.get("crawled")))

    def stats(self, library: str, index_bytes: int) -> Stats:
        from .models import Stats

        with self._lock:
            s = self._current()
            d = self._docsets
            assert d is not None  # with the searcher
            dates = [v for v in self._dates(s) if v != NO_DATE]
            low = min(dates) if dates else None
            high = max(dates) if dates else None
            column = s.schema["date"]

            def sized(name: str) -> dict[str, int]:
                return dict(sorted(((k, len(v)) for k, v in d.field(name).items()),
                                   key=lambda kv: (-kv[1], kv[0])))

            return Stats(
                articles=s.doc_count(), languages=sized("lang"), countries=sized("countries"),
                undated=len(d.field("year").get(UNDATED, ())),
                date_min=column.from_column_value(low) if low else None,
                date_max=column.from_column_value(high) if high else None,
                formats=sized("format"), sources=sized("source"), index_bytes=index_bytes,
                library=library)


def _facet_cache(folder, reader):
    """The facet cache file of exactly this snapshot: named by its segments (random ids
    Whoosh gives each) and their deletions, so a commit, a merge or a rebuild never reads
    another snapshot's cache."""
    from _blake2 import blake2b  # hashlib's own: hashlib itself loads OpenSSL (~2 ms)

    try:
        parts = [f"{r.segment().segment_id()}:{r.segment().deleted_count()}"
                 for r, _ in reader.leaf_readers()]
    except AttributeError:  # an empty index has no segment reader
        return None
    if not parts:
        return None
    # The layout's version first: a cache another broadsheet wrote is not read.
    key = blake2b("|".join([CACHE_LAYOUT, *parts]).encode(),
                          digest_size=8).hexdigest()
    return folder / f"facets-{key}.bin"


def _resolve_country(value: str) -> str | None:
    from .enrich.countries import resolve_country  # only a country: query pays for it

    return resolve_country(value)


class _Meeting:
    """A search's matches within its filters, all of them or all but one (a facet counts
    within the other facets' filters only), each combination met once."""

    def __init__(self, by_query: Set[int], restrict: dict[str, Set[int]], size: int) -> None:
        self._by_query, self._restrict, self._size = by_query, restrict, size
        self._met: dict[frozenset[str], Set[int]] = {}

    def __call__(self, left_out: Iterable[str]) -> Set[int]:
        keys = frozenset(k for k in self._restrict if k not in left_out)
        found = self._met.get(keys)
        if found is None:
            parts = [self._by_query, *(self._restrict[k] for k in keys)]
            found = self._met[keys] = intersect(parts, self._size, facet_sets.MATCHED_FOR_MASK)
        return found


def _between(dates: Sequence[int], docsets: DocSets | None, since: datetime | None,
             until: datetime | None) -> Set[int]:
    """The documents whose date column value is in [since, until). A document's month
    (``schema.document``) is named from the date its column holds, a UTC time without a
    zone (``enrich.dates``)."""
    from whoosh.util.times import datetime_to_long

    low = datetime_to_long(since) if since else -1
    high = datetime_to_long(until) if until else NO_DATE  # NO_DATE: never below it
    size = len(dates)
    if docsets is None or size < facet_sets.MATCHED_FOR_MASK:
        return frozenset(d for d, value in enumerate(dates) if low <= value < high)
    docsets.load_all()
    masks = docsets.masks("month")
    bits = 0
    loose: list[int] = []
    for value, docs in docsets.field("month").items():
        span = _month(value)
        if span is not None:
            first, last = datetime_to_long(span[0]), datetime_to_long(span[1])
            if last <= low or first >= high:
                continue  # wholly outside
            if low <= first and last <= high:  # wholly inside
                if value in masks:
                    bits |= masks[value]
                else:
                    loose += docs
                continue
        # A month at an end of the range, the undated, or a name not YYYY-MM: each date
        loose += [d for d in docs if low <= dates[d] < high]
    return Mask(bits | bitmask(loose, size), size)


def _month(value: str) -> tuple[datetime, datetime] | None:
    """The first instant of month ``YYYY-MM`` and of the next one, or None."""
    year, dash, month = value.partition("-")
    if not dash or not year.isdigit() or not month.isdigit() or not 1 <= int(month) <= 12:
        return None
    y, m = int(year), int(month)
    if not 1 <= y < 9999:
        return None
    return datetime(y, m, 1), datetime(y + m // 12, m % 12 + 1, 1)


def _by_month(matched: Mask, docsets: DocSets, wanted: int, oldest: bool) -> list[int] | None:
    """Of ``matched``, the documents of the newest months (the oldest), month by month,
    until there are ``wanted``; then the undated. None when a month's name is not
    ``YYYY-MM``."""
    docsets.load_all()
    months = docsets.field("month")
    spans: dict[str, tuple[datetime, datetime]] = {}
    for value in months:
        span = _month(value) if value != UNDATED else None
        if span is None and value != UNDATED:
            return None
        if span is not None:
            spans[value] = span
    order = sorted(spans, key=spans.__getitem__, reverse=not oldest)
    data, out = matched.bytes(), []
    for value in order:
        out += [d for d in months[value] if data[d >> 3] >> (d & 7) & 1]
        if len(out) >= wanted:
            return out
    out += [d for d in months.get(UNDATED, ()) if data[d >> 3] >> (d & 7) & 1]
    return out


def _newest_first(dates: Sequence[int]) -> Callable[[int], int]:
    """``_newest``'s sort key of a document, from ``dates`` as it is asked."""
    def key(docnum: int) -> int:
        value = dates[docnum]
        return -1 if value == NO_DATE else value

    return key


def _date_reader(reader) -> Any:
    """A segment's date column, as Whoosh's integers (NO_DATE when undated); None for a
    segment with no dated article, which has no column."""
    try:
        return reader.column_reader("date", translate=False)
    except (OSError, ValueError, KeyError, NotImplementedError):
        return None


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c for c in (value or "").split(",") if c)


def _highlight_terms(q: Q.Query, reader) -> Terms:
    words: set[str] = set()
    stems: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    countries: set[str] = set()
    parts: set[str] = set()

    def walk(node: Q.Query) -> None:
        if isinstance(node, Q.Not):
            return
        if isinstance(node, Q.AndNot):
            walk(node.a)
            return
        if not node.is_leaf():
            for child in node.children():
                walk(child)
            return
        field = getattr(node, "fieldname", None)
        if isinstance(node, Q.Phrase):
            if node.slop == 1 and field in ("exact", "title"):
                phrases.append(tuple(node.words))
            else:  # words near each other: each word is marked
                words.update(node.words)
        elif isinstance(node, (Q.FuzzyTerm, Q.Wildcard)):
            # Segment by segment: a segment's reader walks its term graph; the reader of
            # them all measures the distance to every term (``coffe~`` on Reuters: 1.4 s,
            # measured once; no benchmark runs a fuzzy query).
            for leaf, _offset in reader.leaf_readers():
                words.update(t.decode("utf-8")
                             for _, t in node.existing_terms(leaf, expand=True))
        elif isinstance(node, Q.Prefix) and field in ("exact", "title"):
            prefixes.append(node.text)
        elif isinstance(node, Q.Term) and field in ("exact", "title"):
            words.add(node.text)
        elif isinstance(node, Q.Term) and field == "stem":
            stems.add(node.text)
        elif isinstance(node, Q.Term) and field == "named":
            countries.add(node.text.upper())
        elif isinstance(node, Q.Term) and field == "parts":
            parts.add(node.text)

    walk(q)
    return Terms(frozenset(words), frozenset(stems), tuple(prefixes), tuple(phrases),
                 frozenset(countries), frozenset(parts))


def _edits(a: str, b: str) -> int:
    from whoosh.support.levenshtein import damerau_levenshtein

    return damerau_levenshtein(a, b)


def _replace_word(text: str, folded: str, replacement: str) -> str:
    import re

    from .analysis import WORD

    def swap(match: re.Match) -> str:
        typed = match.group(0)
        if fold(typed) != folded:
            return typed
        return replacement.capitalize() if typed[:1].isupper() else replacement

    return WORD.sub(swap, text)


def _when(value: str | None) -> datetime | None:
    """A stored ISO 8601 time (``crawled``), or None."""
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
