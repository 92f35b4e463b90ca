"""The query language: text -> Whoosh query. Pure: no I/O, no index access.

Syntax (DESIGN §5): words (AND by default), ``OR``, ``NOT``/``-word``, ``"phrases"``,
``prefix*``, ``fuzzy~`` / ``fuzzy~2``, ``field:value`` (``title:``, ``lang:``, ``country:``,
``source:``, ``date:2025-11``), parentheses; ``*`` alone matches everything.

Whoosh's parser reads the syntax; every leaf is then rewritten onto our fields: a word
matches its folded form (``exact``), its stem in every indexed language (``stem``) and the
title; a quoted word, phrases, prefixes and fuzzy terms match ``exact`` only, so a quoted
word or phrase means exactly those words (folded) in that order. Where the library holds
languages whose compounds are split (``compounds.LANGS``), a word also matches the compounds
it begins or ends (``parts``), at ``PART_BOOST``.
"""

from __future__ import annotations

# isort: off
from .whoosh_internals import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import re
from collections.abc import Iterable
from datetime import timedelta
from functools import lru_cache

from whoosh import query as Q

from . import compounds
from .analysis import STEM_LANGS, fold, stem
from .periods import QueryError, parse_period
from .sanitize import clean

FIELD_ALIASES = {
    "title": "title", "lang": "lang", "language": "lang", "country": "countries",
    "countries": "countries", "source": "source", "date": "date", "year": "date",
    "text": "exact", "body": "exact",
}
MAX_EDITS = 2
"""``word~9`` is read as ``word~2``: more edits match nearly anything, and the automaton
takes seconds to build."""
FUZZY_LONGEST = 40
"""A fuzzy term compares its word with every term of the same first letter, in time that
grows with the word's length times each term's: past this, a query error, not minutes."""
MAX_DEPTH = 50
"""Parentheses nested deeper are refused. Whoosh's parser, the rewrite below and the
matchers all recurse once (or more) per level: 400 levels ended in a RecursionError, and
no one nests 50 deep by hand."""
MAX_WORDS = 1024
"""Longer queries are refused (Lucene's ``maxClauseCount`` is the same): 10,000 words OR-ed
took 12 s to parse and match, a query no one types."""
MAX_TOKEN = 256
"""Longer runs of characters without a space are refused: Whoosh's parser tags a run in time
that grows with the square of its length (30,000 letters took 12 s), and no word, name or
pasted link is that long. Lucene's limit on a term is about the same (255 bytes)."""
STEM_BOOST = 0.1
"""A match by another form of a word (its reduced form, in ``stem`` or ``exact``) scores a
tenth of a match of the word as typed: the typed form ranks first. Known-item MRR@10 on
5,000 Reuters articles, the article's three rarest opening words searched in English
(``python -m benchmarks.eval_inflection --reuters 5000``): 0.816 at 1.0, 0.822 at 0.1,
0.824 with ``_exact_first`` too; bare Whoosh 0.823. On 10,000: 0.800 before, 0.802 now,
bare 0.803 (a near-tie of two copies of one story ranked the other way round)."""
PART_BOOST = 0.05
"""A match inside a compound (``parts``) scores this much of a match of its own, under
``STEM_BOOST``: an article holding ``Abkommen`` ranks first, one holding ``Abkommens``
next, one holding only ``Freihandelsabkommen`` last. Measured on
``benchmarks/eval_compounds.py`` (whole first, and the 10kGNAD known-item MRR)."""
_OPERATOR_WORDS = frozenset(("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"))
@lru_cache(maxsize=1)
def _parser():
    from whoosh.analysis import LowercaseFilter, RegexTokenizer
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import FuzzyTermPlugin, QueryParser

    from .analysis import WORD

    words = RegexTokenizer(WORD) | LowercaseFilter()
    schema = Schema(exact=TEXT(analyzer=words), title=TEXT(analyzer=words), lang=ID,
                    countries=ID, source=ID, date=ID)
    parser = QueryParser("exact", schema)
    parser.add_plugin(FuzzyTermPlugin())
    return parser


def _parse(text: str) -> Q.Query:
    """Whoosh's parser's query for ``text``. Plain words (``coffee``, ``oil prices``: what
    a search most often is) make it without the parser: importing it and building it were
    ~21 million instructions of a one-shot search's ~370-500 million on Reuters (``valgrind
    --tool=callgrind``, counted once). ``tests/index/test_query_plain.py`` holds the two to
    the same query."""
    words = text.split()
    if words and all(_PLAIN.fullmatch(w) and w not in _OPERATOR_WORDS for w in words):
        terms: list[Q.Query] = [Q.Term("exact", w.lower()) for w in words]
        return (terms[0] if len(terms) == 1 else Q.And(terms)).normalize()
    return _parser().parse(text)


_PLAIN = re.compile(r"\w+")
"""A word the parser's tokenizer (``analysis.WORD``) keeps whole, with no syntax in it."""
_PHRASE = re.compile(r'"[^"]*"')
_NOTS = re.compile(r"(?:(?<=^)|(?<=[\s(]))(?:NOT(?:\s+|$)){2,}")
_LAST_WORD = re.compile(r"(^|[\s(])([^\W\d_]\w{2,})$")
_QUOTED = re.compile(r'"([^"]*)"')
_MINUS = re.compile(r'(?:(?<=^)|(?<=[\s(]))-(?=[\w"(])')
_PLUS = re.compile(r'(?:(?<=^)|(?<=[\s(]))\+(?=[\w"(])')


def _operators(text: str) -> str:
    """``-word`` -> ``NOT word`` and ``+word`` -> ``word``, at the start of a word only:
    ``US-Präsident`` and ``date:2025-11`` keep their hyphens."""
    return _single_nots(_PLUS.sub("", _MINUS.sub("NOT ", text)))


def _single_nots(text: str) -> str:
    """``NOT NOT x`` -> ``x``, ``NOT NOT NOT x`` -> ``NOT x``: Whoosh's parser fails on a NOT
    that negates a NOT (IndexError), and any run of them means one NOT or none."""
    return _NOTS.sub(lambda m: "NOT " if len(m.group().split()) % 2 else "", text)


def _check_size(text: str) -> None:
    """Refuse a query nested or sized beyond what the parser and matchers can take
    (``MAX_DEPTH``, ``MAX_WORDS``), before they try."""
    outside = _PHRASE.sub(" ", text) if '"' in text else text
    depth = deepest = 0
    for paren in re.findall(r"[()]", outside):
        depth = depth + 1 if paren == "(" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise QueryError(f"query nested too deeply: at most {MAX_DEPTH} levels of "
                         "parentheses")
    words = sum(token not in _OPERATOR_WORDS for token in text.split())
    if words > MAX_WORDS:
        raise QueryError(f"query too long: {words:,} words, at most {MAX_WORDS:,}")
    longest = max(text.split(), key=len, default="")
    if len(longest) > MAX_TOKEN:
        raise QueryError(f"query word too long: {len(longest):,} characters, at most "
                         f"{MAX_TOKEN}")


def _as_prefix(match: re.Match) -> str:
    lead, word = match.groups()
    if word in ("AND", "NOT", "ANDNOT", "ANDMAYBE"):
        return match.group(0)
    return f"{lead}({word} OR {word}*)"


def _alias_fields(text: str) -> str:
    """``country:KZ`` -> ``countries:KZ`` etc.; unknown ``word:`` stays plain text."""
    def swap(match: re.Match) -> str:
        name = match.group(1).lower()
        return f"{FIELD_ALIASES[name]}:" if name in FIELD_ALIASES else match.group(0)

    return re.sub(r"(?<![\w:])(\w+):(?=\S)", swap, text)


class Compiler:
    """Rewrites parsed leaves onto the index fields.

    ``langs``: the languages the index holds, whose stemmers a word is tried with.
    ``resolve_country``: maps a code or name in any language to an ISO code, or None.
    ``country_word``: maps a word typed to the country it names (any language, a case
    ending, an adjective), or None; given, such a word also matches the articles that name
    that country (``named``), whatever their language. A quoted word stays literal.
    """

    def __init__(self, langs: Iterable[str], resolve_country, sources: Iterable[str] = (),
                 country_word=None):
        self.langs = tuple(sorted(set(langs) & set(STEM_LANGS)))
        self.resolve_country = resolve_country
        self.sources = {fold(s): s for s in sources}
        self.words: list[str] = []
        """The folded words typed as plain terms, in order (for "did you mean")."""
        self.country_word = country_word
        self.countries_named: dict[str, str] = {}
        """The words taken for a country, as typed (folded), and its ISO code."""
        self._quoted: set[str] = set()
        """Words typed in quotes alone (``"kasachstan"``): literal, never a country."""

    def compile(self, text: str, prefix_last: bool = False) -> Q.Query:
        """``prefix_last``: the user is still typing, so the last bare word also matches
        as a prefix (``kasach`` finds ``Kasachstan`` before the word is complete)."""
        # A lone surrogate (an undecodable argv byte) cannot reach Whoosh.
        text = (clean(text) or "").strip()
        if text in ("", "*"):
            return Q.Every()
        if text.count('"') % 2:
            raise QueryError('unbalanced quote in the query: close the phrase with another "')
        _check_size(text)
        if prefix_last:
            text = _LAST_WORD.sub(_as_prefix, text)
        self._quoted = {fold(inside.strip()) for inside in _QUOTED.findall(text)
                        if len(inside.split()) == 1}
        try:
            parsed = _parse(_alias_fields(_operators(text)))
            return self._exact_first(parsed, _positive(self._rewrite(parsed)))
        except RecursionError:  # MAX_DEPTH keeps it out of reach; one line all the same
            raise QueryError("query nested too deeply; simplify it") from None

    def _exact_first(self, parsed: Q.Query, q: Q.Query) -> Q.Query:
        """Words typed together (``walk Chittagong stranded``): the articles holding every
        one of them as typed score again, so they rank above those that match some word
        only by another form of it (``walked``). Reduced words alone ranked the article a
        known-item search looks for lower than bare Whoosh does (see ``STEM_BOOST``)."""
        if not self.langs or not isinstance(parsed, Q.And) or not isinstance(q, Q.And):
            return q  # with no language reduced, every match is a typed form
        typed = parsed.subqueries
        if len(typed) < 2 or not all(type(t) is Q.Term and t.fieldname == "exact"
                                     for t in typed):
            return q
        return Q.AndMaybe(q, Q.And([_union([Q.Term("exact", fold(t.text)),
                                            Q.Term("title", fold(t.text))]) for t in typed]))

    # -- leaves -----------------------------------------------------------------------
    def _rewrite(self, q: Q.Query) -> Q.Query:
        if isinstance(q, Q.Not):
            return Q.Not(self._rewrite(q.query))
        if isinstance(q, (Q.AndNot, Q.AndMaybe, Q.Require)):
            return type(q)(self._rewrite(q.a), self._rewrite(q.b))
        if isinstance(q, Q.compound.CompoundQuery):
            return type(q)([self._rewrite(sub) for sub in q.subqueries], boost=q.boost)
        if q is Q.NullQuery:
            return q
        field = getattr(q, "fieldname", "exact")
        if field in ("lang", "countries", "source", "date"):
            return self._facet_term(field, _leaf_text(q))
        if isinstance(q, Q.Phrase):
            words = [fold(w) for w in q.words]
            return Q.Phrase(field, words, slop=q.slop) if len(words) > 1 else \
                self._word(field, words[0] if words else "", literal=True)
        if isinstance(q, Q.FuzzyTerm):
            if len(q.text) > FUZZY_LONGEST:
                raise QueryError(f"fuzzy~ takes words of up to {FUZZY_LONGEST} letters")
            return Q.FuzzyTerm(field, fold(q.text), maxdist=min(q.maxdist, MAX_EDITS),
                               prefixlength=q.prefixlength)
        if isinstance(q, Q.Prefix):
            return Q.Or([Prefix("exact", fold(q.text)), Prefix("title", fold(q.text))]) \
                if field == "exact" else Prefix(field, fold(q.text))
        if isinstance(q, Q.Wildcard):
            return Q.Wildcard(field, fold(q.text))
        if isinstance(q, Q.Term):
            return self._word(field, q.text)
        if isinstance(q, Q.Every):
            return Q.Every()
        raise QueryError(f"cannot search for {q}; simplify the query")

    def _word(self, field: str, word: str, literal: bool = False) -> Q.Query:
        folded = fold(word)
        self.words.append(folded)
        if field == "title":
            return Q.Term("title", folded)
        literal = literal or folded in self._quoted
        if literal:  # a quoted word: its folded form only, neither stems nor a country
            return _union([Q.Term("exact", folded), Q.Term("title", folded)])
        # A stem lives in ``stem`` when it differs from the word it came from, else in
        # ``exact`` (see analysis.LanguageStemFilter): look in both.
        stems = [s for s in dict.fromkeys(stem(word, lang) for lang in self.langs)
                 if s != folded]
        subs = [Q.Term("exact", folded), Q.Term("title", folded),
                Q.Term("stem", folded, boost=STEM_BOOST)]
        for s in stems:
            subs += [Q.Term("stem", s, boost=STEM_BOOST), Q.Term("exact", s, boost=STEM_BOOST)]
        split = [lang for lang in self.langs if lang in compounds.LANGS]
        subs += [Q.Term("parts", s, boost=PART_BOOST)
                 for s in dict.fromkeys(stem(word, lang) for lang in split)]
        code = self.country_word(word) if self.country_word else None
        if code:
            self.countries_named[folded] = code
            subs.append(Q.Term("named", code.lower()))
        return _union(subs)

    def _facet_term(self, field: str, value: str) -> Q.Query:
        value = value.strip()
        if field == "lang":
            return Q.Term("lang", value.lower())
        if field == "countries":
            code = self.resolve_country(value)
            if not code:
                raise QueryError(f"unknown country '{value}'; use an ISO code such as KZ "
                                 "or a country name")
            return Q.Term("countries", code)
        if field == "source":
            return Q.Term("source", self.sources.get(fold(value), value))
        if value.lower() == "undated":
            return Q.Term("year", "undated")
        start, end = parse_period(value)
        return Q.DateRange("date", start, end - timedelta(microseconds=1))


class Prefix(Q.Prefix):
    """Whoosh's prefix query, its terms listed through ``matching.expand_prefix``: each
    reader lists a prefix's terms once, and the next key's longer prefix among them."""

    def _btexts(self, ixreader):
        from .whoosh_internals.matching import expand_prefix

        if self.fieldname not in ixreader.schema:  # as Whoosh's reader would say it
            return ixreader.expand_prefix(self.fieldname, self.text)
        return expand_prefix(ixreader, self.fieldname, self.text)

    def estimate_size(self, ixreader) -> int:
        from .whoosh_internals.matching import prefix_size

        if self.fieldname not in ixreader.schema:
            return super().estimate_size(ixreader)
        return prefix_size(ixreader, self.fieldname, self.text)


def _union(subs: list[Q.Query]) -> Q.Or:
    """An Or whose matcher is a tree of unions, which can skip blocks that cannot reach the
    top results; Whoosh's default for segments under 5,000 documents preloads every match
    and scores it (4x slower for a word in most articles)."""
    union = Q.Or(subs)
    union.matcher_type = Q.Or.DEFAULT_MATCHER
    return union


def _leaf_text(q: Q.Query) -> str:
    if isinstance(q, Q.Phrase):
        return " ".join(q.words)
    return str(getattr(q, "text", ""))


def _positive(q: Q.Query) -> Q.Query:
    """A query of only NOTs (``-sport``, ``NOT lang:de``) means everything but those."""
    if isinstance(q, Q.Not):
        return Q.AndNot(Q.Every(), q.query)
    if isinstance(q, Q.And) and q.subqueries and all(isinstance(s, Q.Not) for s in q.subqueries):
        return Q.AndNot(Q.Every(), Q.Or([s.query for s in q.subqueries]))
    return q
