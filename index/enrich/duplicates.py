"""Near-duplicates: articles that share paragraphs, found with 5-word shingles, kept in sqlite.

Why paragraphs: a republished story keeps a paragraph or two and rewrites the rest, so
whole-document similarity misses it (the seeds: Jaccard 0.06 overall, but a reused
paragraph's shingle containment is 0.54). Each paragraph's shingles are checked against *all*
of the other article's shingles, not paragraph against paragraph, so a paragraph that a copy
split in two or merged with its neighbour still counts (seed 001 splits one of seed 000's).

Why a sample: keeping every shingle costs ~19 bytes of sqlite per shingle, 10 MB per 1,000
articles, and most of the indexing time. Only shingles whose first word's CRC-32 is 0 mod
``SAMPLE`` are kept: about one in four, chosen by content, so two copies of a passage keep
the same ones, and the hashing skips the other three quarters.

Why 32-bit hashes: sqlite stores each in 4 bytes, not 8, in the postings and in each
article's list, a third of the near-duplicate tables (``benchmarks.size_breakdown``). Chance
collisions stay harmless. A library of a million articles holds ~1e8 sampled shingles, so a
new shingle shares its hash with an unrelated one with p ~ 1e8 / 2**32 ~ 2%. A link needs
``MIN_SHARED`` (3) shared hashes between two articles and a quarter of a paragraph's: two
unrelated articles of ~100 sampled shingles share one hash by chance with p ~ 100 * 100 /
2**32 ~ 2e-6, three with p ~ 1e-18, so over the 5e11 pairs of a million articles the
expected number of false links is ~1e-6. A comparison (``shared_paragraphs``) only counts
shingles, so a collision inside one article's pool adds at most one count, never a link on
its own. The one decision a collision can move is boilerplate: it adds the articles of two
shingles, so a shingle already in nearly ``MAX_DF`` articles can cross it early (a stock
phrase retired at 49 copies, not 51); the same test libraries find the same copies with
either width (``tests/index/enrich/test_duplicates.py``).

Links are symmetric: if A links to B, B links to A, whichever was indexed first. Each side
counts its own paragraphs found in the other ("shares N paragraphs with ..." is about the
article on screen), at least 1, so the counts can differ: seed 000 has 2 paragraphs in seed
001, and seed 001 has 3 in seed 000, because it split one of them in two.

Shingles in more than ``max_df`` articles are boilerplate (footers, bylines, stock phrases):
they are recorded once in ``dup_common``, their postings dropped, ignored in every
comparison, and the articles that were linked through them are re-linked without them.
Boilerplate stays boilerplate even if the articles that made it so are removed, so links
never depend on the order things happened in.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import unicodedata
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from hashlib import blake2b
from itertools import islice

from ..store import read_links  # noqa: F401  (the read side lives there: see its docstring)

SHINGLE_WORDS = 5
SAMPLE = 4
MIN_WORDS = 8
"""Shorter paragraphs are headings, credits and captions: never evidence of copying."""
CONTAINMENT = 0.25
MIN_SHARED = 3
"""A paragraph also needs 3 shared sampled shingles (~12 shared shingles in all): with 2,
Reuters' stock phrases ("filed with the Securities and Exchange Commission for") in short
paragraphs linked unrelated stories; with 3, the pairs found were copies or templates."""
MAX_DF = 50
WRAP_WIDTH = 80
"""A block of several lines, none longer than this, is hard-wrapped text (Reuters); any
longer line means one paragraph per line (seed 001)."""
BATCH = 500
SCHEME = f"2 blake2b-32 {SHINGLE_WORDS}-word shingles, crc32 first word 0 mod {SAMPLE}"
"""Stored with the tables: under a different scheme stored hashes are meaningless."""

HASH_BYTES = 4
"""A shingle hash's width (see "Why 32-bit hashes"; the tables held 8 before)."""
_INT32 = "i" if array("i").itemsize == 4 else "l"
"""The array type of 4-byte signed integers (C's ``int`` everywhere Python runs)."""
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
"""A word: a run of letters/digits; each Han/kana character alone (those scripts use no spaces)."""
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_DDL = """
CREATE TABLE IF NOT EXISTS dup_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dup_docs(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    sizes BLOB NOT NULL, hashes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS dup_postings(hash INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dup_recent(hash INTEGER NOT NULL, doc INTEGER NOT NULL,
    PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dup_links(a INTEGER NOT NULL, b INTEGER NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dup_common(hash INTEGER PRIMARY KEY);
CREATE TEMP TABLE IF NOT EXISTS dup_stage(hash INTEGER, doc INTEGER,
    PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS dup_pending(hash INTEGER, doc INTEGER,
    PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS dup_match(hash INTEGER, doc INTEGER, holder INTEGER);
"""
_TABLES = ("dup_docs", "dup_postings", "dup_recent", "dup_links", "dup_common")
RECENT_SHARE = 8
"""``dup_recent`` is folded into ``dup_postings`` once it holds the postings of at least
1 / RECENT_SHARE as many articles (see ``DuplicateIndex``)."""

_STORED = ("dup_postings", "dup_recent")
"""The tables holding postings (``DuplicateIndex``)."""

Paragraphs = list[frozenset[int]]


def fold(text: str) -> str:
    """NFKC, casefold (``ß`` -> ``ss``), accents dropped: ``Größte`` == ``grösste``."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if text.isascii():
        return text
    # NFC again after stripping so kana voicing marks and Hangul jamo recompose.
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))


def _raw_paragraphs(text: str) -> Iterator[str]:
    """Blank lines and single newlines end paragraphs, except inside hard-wrapped text."""
    for block in _BLANK_LINE.split(text):
        lines = [line for line in block.splitlines() if line.strip()]
        if len(lines) > 1 and max(map(len, lines)) <= WRAP_WIDTH:
            yield from _unwrap(lines)
        else:
            yield from (line.strip() for line in lines)


def _unwrap(lines: list[str]) -> Iterator[str]:
    """Join hard-wrapped lines; an indented line starts a paragraph (Reuters' layout)."""
    current: list[str] = []
    for line in lines:
        if current and line[:1].isspace():
            yield " ".join(current)
            current = []
        current.append(line.strip())
    yield " ".join(current)


def paragraphs(text: str) -> list[str]:
    """The paragraphs worth comparing: at least ``MIN_WORDS`` words."""
    return [p for p in _raw_paragraphs(text) if len(_WORD.findall(fold(p))) >= MIN_WORDS]


def shingle_hash(words: Sequence[str]) -> int:
    """Stable signed 32-bit hash (sqlite stores it in 4 bytes) of words joined by spaces."""
    digest = blake2b(" ".join(words).encode(), digest_size=HASH_BYTES).digest()
    return int.from_bytes(digest, "little", signed=True)


def shingles(words: Sequence[str], sample: int = SAMPLE) -> frozenset[int]:
    """Hashes of the runs of ``SHINGLE_WORDS`` words whose first word is sampled."""
    n, crc = SHINGLE_WORDS, zlib.crc32
    starts: Sequence[int] = range(len(words) - n + 1)
    if sample > 1:
        starts = [i for i in starts if crc(words[i].encode()) % sample == 0]
    return frozenset(shingle_hash(words[i:i + n]) for i in starts)


def paragraph_shingles(text: str, sample: int = SAMPLE) -> Paragraphs:
    """Per paragraph worth comparing, its (sampled) shingle hashes; ``sample=1``: all."""
    words = (_WORD.findall(fold(p)) for p in _raw_paragraphs(text))
    return [shingles(w, sample) for w in words if len(w) >= MIN_WORDS]


Packed = tuple[bytes, ...]
"""``Paragraphs`` as they travel from a worker to the indexer: each paragraph's hashes as
4-byte integers. A frozenset of Python ints costs ~60 bytes a hash to hold (an article's
came to 10 kB), and a worker holds the outcomes the indexer has not read yet."""


def pack_paragraphs(paragraphs: Paragraphs) -> Packed:
    return tuple(_hashes(paragraph).tobytes() for paragraph in paragraphs)


def unpack_paragraphs(packed: Packed) -> Paragraphs:
    return [frozenset(_hashes(paragraph)) for paragraph in packed]


def shared_paragraphs(a: Paragraphs, b: Paragraphs, ignore: Collection[int] = ()) -> int:
    """How many of a's paragraphs are found in b: enough of their shingles occur anywhere in b.

    Shingles in ``ignore`` (boilerplate) count on neither side of the fraction.
    """
    pool = frozenset().union(*b).difference(ignore)
    found = 0
    for paragraph in a:
        own = paragraph.difference(ignore) if ignore else paragraph
        shared = len(own & pool)
        found += shared >= MIN_SHARED and shared >= CONTAINMENT * len(own)
    return found


def frequent(docs: Iterable[tuple[int, int]], limit: int) -> set[int]:
    """Hashes held by more than ``limit`` distinct docs among ``(doc, hash)`` pairs."""
    counts = Counter(h for _, h in set(docs))
    return {h for h, n in counts.items() if n > limit}


def _little_endian(a: array) -> array:
    """Blobs are little-endian whatever the machine, so the file can move."""
    if sys.byteorder == "big":
        a.byteswap()
    return a


def _hashes(values: Iterable[int] | bytes = ()) -> array:
    return array(_INT32 if HASH_BYTES == 4 else "q", values)


def _pack(values: Iterable[int]) -> bytes:
    """Hashes as stored (``dup_docs.hashes``)."""
    return _little_endian(_hashes(values)).tobytes()


def _unpack(blob: bytes) -> array:
    return _little_endian(_hashes(blob))


def _pack_sizes(values: Iterable[int]) -> bytes:
    """Paragraph sizes as stored (``dup_docs.sizes``): 4 bytes each, like a hash."""
    return _little_endian(array(_INT32, values)).tobytes()


def _unpack_sizes(blob: bytes) -> array:
    return _little_endian(array(_INT32, blob))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _marks(n: int) -> str:
    return ",".join("?" * n)


class DuplicateIndex:
    """Links articles that share paragraphs, persisted in an sqlite3 database the engine owns.

    Tables are prefixed ``dup_``. Nothing here commits: the engine calls ``conn.commit()``
    after a batch, so an interrupted run keeps the links of the last committed batch.

    Within ``deferred()`` new postings wait in a temporary table and are inserted in one
    hash-ordered insert when it ends. Added a few hundred articles at a time, their
    postings land all over the table: at a million articles it is 1.2 GB, and each insert of
    500 articles' postings touched ~45,000 of its pages through sqlite's 2 MB cache, the
    indexing process's costliest line. Matching looks in every table, so nothing is missed.
    Linking a batch of 20,000 articles into a million took 1.43 times as long the old way
    (``benchmarks.bench_duplicates --library``).

    Even in one insert, a batch's postings (hashes spread evenly over 32 bits) touch every
    page of a large table, while the workers wait for the next batch. So postings
    go to ``dup_recent`` first, a table of the latest batches, and ``dup_recent`` is folded
    into ``dup_postings`` in one insert once it holds 1 / RECENT_SHARE as many articles as
    ``dup_postings`` does. Over 50 batches the big table is rewritten 21 times, not 50, and
    each batch's insert touches the small table's pages only: in a model where an insert
    costs the pages of its table, 477 units of work against 1,275. The price is space: the
    pages ``dup_recent`` held are free once it is folded, until the next batches take them
    again, at most an eighth of the postings' (a share of 1 / 4 or 1 / 2 would take up to a
    quarter or a half of the space for 380 or 355 units). Adding 20,000 synthetic articles
    to a copy of a million-article library's database, the insert and the commit took
    1.0-1.2 s when the batch waited, against 13.1 s before; at 300,000 articles, whose
    table fits in memory, 0.4-1.3 s against 2.2-2.4 s, and 6.9 s for the batch that folded.
    """

    def __init__(self, conn: sqlite3.Connection, max_df: int = MAX_DF) -> None:
        self.conn = conn
        self.max_df = max_df
        for statement in filter(str.strip, _DDL.split(";")):
            conn.execute(statement)  # one by one: executescript would commit the engine's work
        row = conn.execute("SELECT value FROM dup_meta WHERE key = 'scheme'").fetchone()
        self.rebuilt = row is not None and row[0] != SCHEME
        """True when tables from another hashing scheme were emptied: re-add every article."""
        for table in _TABLES if self.rebuilt else ():
            conn.execute(f"DELETE FROM {table}")
        if self.rebuilt:
            conn.execute("DELETE FROM dup_meta WHERE key = 'recent'")
        conn.execute("INSERT OR REPLACE INTO dup_meta VALUES ('scheme', ?)", (SCHEME,))
        self._common = {h for (h,) in conn.execute("SELECT hash FROM dup_common")}
        self._postings: tuple[str, ...] = _STORED
        """Where postings are: the tables, and inside ``deferred()`` the pending ones too."""
        self._adding = "dup_postings"
        """Where ``_add_batch`` inserts: ``dup_postings``, or the pending table when
        deferred."""
        self._pending_docs = 0
        """Articles added inside ``deferred()`` so far."""

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Add the postings of the articles added inside in one insert, when it ends (see the
        class). Ends before the engine commits, or the pending postings are not kept."""
        if self._adding != "dup_postings":  # already deferring: the outer one flushes
            yield
            return
        self._postings, self._adding = (*_STORED, "temp.dup_pending"), "temp.dup_pending"
        self._pending_docs = 0
        try:
            yield
        finally:
            self._postings, self._adding = _STORED, "dup_postings"
            self._flush(self._pending_docs)

    def _flush(self, added: int) -> None:
        """The pending postings (of ``added`` articles) into ``dup_recent`` while it is
        small beside ``dup_postings``; else ``dup_recent`` and them into ``dup_postings``
        (see the class)."""
        row = self.conn.execute("SELECT value FROM dup_meta WHERE key = 'recent'").fetchone()
        recent = int(row[0]) if row else 0
        (last,) = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM dup_docs").fetchone()
        waiting = recent + added
        if waiting * RECENT_SHARE < last - waiting:  # last - waiting: in dup_postings, about
            self.conn.execute("INSERT OR IGNORE INTO dup_recent SELECT * FROM temp.dup_pending")
            recent = waiting
        else:
            if recent:
                self.conn.execute("INSERT OR IGNORE INTO dup_recent"
                                  " SELECT * FROM temp.dup_pending")
                pending = "dup_recent"
            else:
                pending = "temp.dup_pending"
            self.conn.execute(f"INSERT OR IGNORE INTO dup_postings SELECT * FROM {pending}")
            self.conn.execute("DELETE FROM dup_recent")
            recent = 0
        self.conn.execute("DELETE FROM temp.dup_pending")
        self.conn.execute("INSERT OR REPLACE INTO dup_meta VALUES ('recent', ?)", (str(recent),))

    def add(self, doc_id: str, text: str) -> None:
        """(Re)index one article and link it to every article it shares a paragraph with."""
        self.add_many([(doc_id, text)])

    def add_many(self, items: Iterable[tuple[str, str]]) -> None:
        """(Re)index many articles (id, text)."""
        self.add_paragraphs((doc_id, paragraph_shingles(text)) for doc_id, text in items)

    def add_paragraphs(self, items: Iterable[tuple[str, Paragraphs]]) -> None:
        """(Re)index many articles by their ``paragraph_shingles`` (computed elsewhere,
        in an indexing worker say), ``BATCH`` at a time: one staging pass and one join
        each."""
        for chunk in _chunks(items, BATCH):
            self._add_batch(dict(chunk))

    def remove(self, doc_id: str) -> None:
        """Forget an article: its shingles and its links, in both directions."""
        rows = self.conn.execute("SELECT id, hashes FROM dup_docs WHERE key = ?", (doc_id,))
        for doc, blob in rows.fetchall():
            self._forget(doc, blob)
            self.conn.execute("DELETE FROM dup_docs WHERE id = ?", (doc,))

    def links(self, doc_id: str) -> dict[str, int]:
        """Other article id -> how many of this article's paragraphs it holds, most first."""
        return self.links_for([doc_id])[doc_id]

    def links_for(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """``links`` for a page of hits (see ``read_links``)."""
        return read_links(self.conn, ids)

    def groups(self) -> list[list[str]]:
        """Stories with copies: connected components of the links, largest first."""
        parent: dict[str, str] = {}

        def root(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = x = parent[parent[x]]
            return x

        for a, b in self.conn.execute(
                "SELECT d.key, o.key FROM dup_links l JOIN dup_docs d ON d.id = l.a"
                " JOIN dup_docs o ON o.id = l.b WHERE l.a < l.b"):
            parent[root(a)] = root(b)
        members: dict[str, list[str]] = defaultdict(list)
        for x in sorted(parent):
            members[root(x)].append(x)
        return sorted(members.values(), key=lambda g: (-len(g), g))

    # -- writing: stage the batch, add its postings, join, compare the candidates ----------

    def _add_batch(self, docs: dict[str, Paragraphs]) -> None:
        ids = self._store_docs(docs)
        paras = {ids[key]: p for key, p in docs.items()}
        held = [(doc, h) for doc, p in paras.items() for h in frozenset().union(*p)]
        relink = self._retire(frequent(held, self.max_df))
        self._stage(held)
        self.conn.execute(f"INSERT OR IGNORE INTO {self._adding} SELECT * FROM temp.dup_stage")
        self._pending_docs += len(docs)
        self._match()
        relink |= self._retire(self._frequent_matched())
        pairs = self._matched_pairs()
        relink -= paras.keys()
        if relink:
            self._unlink(relink)
            stored = self._paragraphs(relink, paras)
            self._stage((doc, h) for doc in relink for h in frozenset().union(*stored[doc]))
            self._match()
            pairs |= self._matched_pairs()
        self.conn.execute("DELETE FROM temp.dup_stage")
        self.conn.execute("DELETE FROM temp.dup_match")
        self._link(pairs, self._paragraphs({d for pair in pairs for d in pair}, paras))

    def _store_docs(self, docs: dict[str, Paragraphs]) -> dict[str, int]:
        """Insert or replace ``dup_docs`` rows, forgetting the old version of re-added ones."""
        ids: dict[str, int] = {}
        for chunk in _chunks(docs, 500):
            for doc, key, blob in self.conn.execute(
                    f"SELECT id, key, hashes FROM dup_docs WHERE key IN ({_marks(len(chunk))})",
                    chunk).fetchall():
                self._forget(doc, blob)
                ids[key] = doc
        rows = {key: (_pack_sizes(map(len, paras)), _pack(h for p in paras for h in p))
                for key, paras in docs.items()}
        self.conn.executemany("UPDATE dup_docs SET sizes = ?, hashes = ? WHERE id = ?",
                              [(*rows[key], doc) for key, doc in ids.items()])
        # New rows get the next ids in one statement (the engine's write lock keeps anyone
        # else from inserting meanwhile).
        (last,) = self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM dup_docs").fetchone()
        new = [key for key in docs if key not in ids]
        ids.update(zip(new, range(last + 1, last + 1 + len(new)), strict=True))
        self.conn.executemany("INSERT INTO dup_docs(id, key, sizes, hashes) VALUES (?, ?, ?, ?)",
                              [(ids[key], key, *rows[key]) for key in new])
        return ids

    def _stage(self, held: Iterable[tuple[int, int]]) -> None:
        """Fill the in-memory, hash-ordered staging table, boilerplate left out."""
        common = self._common
        self.conn.execute("DELETE FROM temp.dup_stage")
        self.conn.executemany("INSERT INTO temp.dup_stage VALUES (?, ?)",
                              ((h, doc) for doc, h in held if h not in common))

    def _match(self) -> None:
        """Every holder, in every table, of every staged shingle, as ``(hash, staged
        article, holder)`` rows of ``temp.dup_match``: one walk of the tables' index for
        both what is frequent and what pairs up. (Counting a shingle's holders, then
        joining for the pairs, walked it twice: at a million articles each walk is a seek
        into a table of ~1e8 postings for every staged shingle.)"""
        self.conn.execute("DELETE FROM temp.dup_match")
        for table in self._postings:
            self.conn.execute(f"INSERT INTO temp.dup_match SELECT s.hash, s.doc, p.doc"
                              f" FROM temp.dup_stage s CROSS JOIN {table} p"
                              f" ON p.hash = s.hash WHERE p.doc <> s.doc")

    def _frequent_matched(self) -> set[int]:
        """Matched shingles that more than ``max_df`` articles hold, in every table (the
        staged articles' own postings are in them: they hold their own shingles)."""
        return {h for (h,) in self.conn.execute(
            "SELECT hash FROM temp.dup_match GROUP BY hash"
            " HAVING COUNT(DISTINCT holder) + (COUNT(DISTINCT doc) = 1) > ?", (self.max_df,))}

    def _matched_pairs(self) -> set[tuple[int, int]]:
        """Pairs ``(a, b)``, ``a < b``, of a staged article and another sharing at least
        ``MIN_SHARED`` shingles that are not boilerplate: paired and counted by sqlite from
        ``temp.dup_match`` (at eight copies of every story, Python counted ~3.5 million
        matches a batch)."""
        return set(self.conn.execute(
            "SELECT MIN(doc, holder) AS a, MAX(doc, holder) AS b FROM temp.dup_match"
            " WHERE doc <> holder AND hash NOT IN (SELECT hash FROM dup_common)"
            " GROUP BY a, b HAVING COUNT(DISTINCT hash) >= ?", (MIN_SHARED,)))

    def _retire(self, hashes: set[int]) -> set[int]:
        """Make ``hashes`` boilerplate; return the articles that held them."""
        if not hashes:
            return set()
        rows = [(h,) for h in hashes]
        held: set[int] = set()
        for table in self._postings:
            for h in hashes:
                held.update(d for (d,) in self.conn.execute(
                    f"SELECT doc FROM {table} WHERE hash = ?", (h,)))
            self.conn.executemany(f"DELETE FROM {table} WHERE hash = ?", rows)
        self.conn.executemany("INSERT OR IGNORE INTO dup_common VALUES (?)", rows)
        self._common |= hashes
        return held

    def _paragraphs(self, docs: set[int], known: dict[int, Paragraphs]) -> dict[int, Paragraphs]:
        """Paragraph shingles of ``docs``: from ``known`` or decoded from ``dup_docs``."""
        out = {d: known[d] for d in docs if d in known}
        for chunk in _chunks(docs - out.keys(), 500):
            for doc, sizes, hashes in self.conn.execute(
                    f"SELECT id, sizes, hashes FROM dup_docs WHERE id IN ({_marks(len(chunk))})",
                    chunk):
                flat, start, out[doc] = _unpack(hashes), 0, []
                for size in _unpack_sizes(sizes):
                    out[doc].append(frozenset(flat[start:start + size]))
                    start += size
        return out

    def _link(self, pairs: Iterable[tuple[int, int]], paras: dict[int, Paragraphs]) -> None:
        """Store both directions of every pair that shares a paragraph either way."""
        rows = []
        for a, b in pairs:
            ab = shared_paragraphs(paras[a], paras[b], self._common)
            ba = shared_paragraphs(paras[b], paras[a], self._common)
            if ab or ba:
                rows += [(a, b, max(ab, 1)), (b, a, max(ba, 1))]
        self.conn.executemany("INSERT OR REPLACE INTO dup_links VALUES (?, ?, ?)", rows)

    def _unlink(self, docs: Iterable[int]) -> None:
        rows = [(d,) for d in docs]
        self.conn.executemany("DELETE FROM dup_links WHERE (a, b) IN"
                              " (SELECT b, a FROM dup_links WHERE a = ?)", rows)
        self.conn.executemany("DELETE FROM dup_links WHERE a = ?", rows)

    def _forget(self, doc: int, blob: bytes) -> None:
        """Drop one article's postings (found through its stored hashes) and links."""
        hashes = set(_unpack(blob))
        for table in self._postings:
            self.conn.executemany(f"DELETE FROM {table} WHERE hash = ? AND doc = ?",
                                  ((h, doc) for h in hashes))
        self._unlink([doc])
