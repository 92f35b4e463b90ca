"""The query language compiles to the Whoosh query a user means; bad input says what to fix."""

from __future__ import annotations

from datetime import datetime

import pytest
from whoosh import query as Q

from index.query import Compiler, QueryError, parse_period


def resolve(value: str) -> str | None:
    return {"kz": "KZ", "kasachstan": "KZ", "de": "DE"}.get(value.lower())


@pytest.fixture
def compiler() -> Compiler:
    return Compiler(["de", "en", "und"], resolve, ["NZZ", "Le Quotidien"])


def leaves(q: Q.Query) -> set[tuple[str, str]]:
    return {(leaf.fieldname, leaf.text) for leaf in q.leaves() if isinstance(leaf, Q.Term)}


def test_a_word_matches_folded_exact_title_and_stems(compiler):
    q = compiler.compile("Abkommens")
    assert {("exact", "abkommens"), ("title", "abkommens"), ("stem", "abkomm")} <= leaves(q)


def test_words_are_anded_by_default(compiler):
    q = compiler.compile("trump kasachstan")
    assert isinstance(q, Q.AndMaybe) and isinstance(q.a, Q.And)  # (b: the typed forms first)


def test_or_and_not(compiler):
    assert isinstance(compiler.compile("trump OR putin"), Q.Or)
    q = compiler.compile("trump NOT putin")
    assert any(isinstance(sub, Q.Not) for sub in q.subqueries)


def test_minus_excludes(compiler):
    q = compiler.compile("trump -putin")
    assert "putin" in str(q) and ("AndNot" in type(q).__name__ or "NOT" in str(q))


def test_only_negatives_mean_everything_else(compiler):
    q = compiler.compile("-putin")
    assert isinstance(q, Q.AndNot) and isinstance(q.a, Q.Every)


def test_phrase_is_exact_only(compiler):
    q = compiler.compile('"Club der Stärke"')
    assert isinstance(q, Q.Phrase) and q.fieldname == "exact"
    assert q.words == ["club", "der", "starke"]


def test_prefix_and_fuzzy(compiler):
    assert "kasach" in str(compiler.compile("Kasach*"))
    fuzzy = compiler.compile("kasachtan~")
    assert isinstance(fuzzy, Q.FuzzyTerm) and fuzzy.maxdist == 1
    assert compiler.compile("kasachtan~2").maxdist == 2


def test_fields(compiler):
    assert leaves(compiler.compile("lang:DE")) == {("lang", "de")}
    assert leaves(compiler.compile("country:Kasachstan")) == {("countries", "KZ")}
    assert leaves(compiler.compile("source:nzz")) == {("source", "NZZ")}
    assert leaves(compiler.compile("title:Grösste")) == {("title", "grosste")}
    date = compiler.compile("date:2025-11")
    assert isinstance(date, Q.DateRange)
    assert date.startdate == datetime(2025, 11, 1)


def test_parentheses_group(compiler):
    q = compiler.compile("(trump OR putin) kasachstan")
    assert isinstance(q, Q.And) and isinstance(q.subqueries[0], Q.Or)


@pytest.mark.parametrize("text", ["", "*", "   "])
def test_star_or_nothing_matches_everything(compiler, text):
    assert isinstance(compiler.compile(text), Q.Every)


@pytest.mark.parametrize("text,message", [
    ('"open phrase', "unbalanced quote"),
    ("country:Atlantis", "unknown country 'Atlantis'"),
    ("date:yesterday", "use 2025, 2025-11 or 2025-11-08"),
    ("date:2025-02-30", "not a real date"),
])
def test_bad_queries_say_what_to_fix(compiler, text, message):
    with pytest.raises(QueryError, match=message):
        compiler.compile(text)


@pytest.mark.parametrize("value,start,end", [
    ("2025", datetime(2025, 1, 1), datetime(2026, 1, 1)),
    ("2025-11", datetime(2025, 11, 1), datetime(2025, 12, 1)),
    ("2025-02", datetime(2025, 2, 1), datetime(2025, 3, 1)),
    ("2024-02", datetime(2024, 2, 1), datetime(2024, 3, 1)),
    ("2025-12", datetime(2025, 12, 1), datetime(2026, 1, 1)),
    ("2025-11-08", datetime(2025, 11, 8), datetime(2025, 11, 9)),
])
def test_periods(value, start, end):
    assert parse_period(value) == (start, end)
