"""A query nested or sized past what the parser can take is a query error (exit 2, one line),
never ``internal error: RecursionError``; deep NOT chains and long OR chains answer or are
refused at once. Run as a real process: the stack a RecursionError needs is the CLI's."""

from __future__ import annotations

import json
import time

import pytest

from index import Library, QueryError
from index.query import MAX_DEPTH, MAX_WORDS
from tests.reliability.conftest import run_cli_subprocess


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("deep")
    articles = root / "articles"
    articles.mkdir()
    for n, (title, word) in enumerate((("Harbour news", "zqharbour"),
                                       ("Railway news", "zqrailway"))):
        (articles / f"{n}.json").write_text(json.dumps({
            "title": title, "lang": "en",
            "text": f"The {word} story is about the town and what its council said."}), "utf-8")
    report = Library(root / "library").add([articles])
    assert report.articles == 2 and not report.failed
    return root / "library"


def search(library, query: str):
    return run_cli_subprocess("--library", library, "search", query, "--jsonl")


def found(result) -> set[str]:
    return {json.loads(line)["title"] for line in result.stdout.splitlines()}


def refused(result, words: str) -> None:
    """Exit 2 and one line on stderr that says why; nothing on stdout."""
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and words in result.stderr, result.stderr[:500]
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_five_thousand_parentheses_are_a_query_error(library):
    result = search(library, "(" * 5000 + "zqharbour" + ")" * 5000)
    refused(result, f"nested too deeply: at most {MAX_DEPTH} levels")
    # parentheses inside a phrase are words, not nesting
    assert search(library, '"' + "( " * 1000 + 'zqharbour"').returncode in (0, 1)


def test_nesting_up_to_the_limit_answers(library):
    deep = "(" * MAX_DEPTH + "zqharbour" + ")" * MAX_DEPTH
    assert found(search(library, deep)) == {"Harbour news"}
    # zqrailway OR NOT (zqrailway OR NOT (... zqharbour)): 25 NOTs, an odd number, around it
    mixed = "(zqrailway OR (NOT " * (MAX_DEPTH // 2) + "zqharbour" + "))" * (MAX_DEPTH // 2)
    assert found(search(library, mixed)) == {"Railway news"}


def test_not_not_and_long_not_chains_answer(library):
    assert found(search(library, "NOT NOT zqharbour")) == {"Harbour news"}
    assert found(search(library, "NOT -zqharbour")) == {"Harbour news"}
    assert found(search(library, "NOT " * 5000 + "zqharbour")) == {"Harbour news"}
    assert found(search(library, "NOT " * 5001 + "zqharbour")) == {"Railway news"}
    assert found(search(library, "zqrailway OR NOT NOT NOT zqharbour")) == {"Railway news"}


def test_ten_thousand_words_are_refused_at_once(library):
    started = time.monotonic()
    result = search(library, " OR ".join(f"q{n}" for n in range(10_000)))
    refused(result, f"query too long: 10,000 words, at most {MAX_WORDS:,}")
    assert time.monotonic() - started < 30  # was 12 s of parsing and "did you mean" alone


def test_a_thousand_words_answer(library):
    words = [f"zqword{n}" for n in range(MAX_WORDS - 1)] + ["zqrailway"]
    result = search(library, " OR ".join(words))
    assert result.returncode == 0, result.stderr[-500:]
    assert found(result) == {"Railway news"}


def test_the_article_pane_marks_nothing_for_a_deep_query(library):
    with Library(library) as lib:
        with pytest.raises(QueryError, match="nested too deeply"):
            lib.match_spans("(" * 5000 + "zqharbour" + ")" * 5000, "zqharbour", "en")


def test_a_word_past_the_longest_is_a_query_error(library):
    """Whoosh's parser tags a run of letters in time that grows with the square of its
    length (30,000 letters: 12 s), and its "did you mean" compares a word with every term
    of its first letter (3,000 letters: 58 s on Reuters)."""
    refused(search(library, "t" + "a" * 30_000), "query word too long: 30,001 characters")
    assert search(library, "zq" + "a" * 254).returncode == 1  # at the limit: searched


def test_a_long_unknown_word_gets_no_did_you_mean(library):
    from index.searching import SUGGEST_LONGEST

    result = search(library, "zqharbour" + "x" * SUGGEST_LONGEST)
    assert result.returncode == 1 and "did you mean" not in result.stderr + result.stdout


def test_a_fuzzy_word_past_the_longest_is_a_query_error(library):
    refused(search(library, "a" * 41 + "~"), "fuzzy~ takes words of up to 40 letters")
    assert search(library, "zqharbour~").returncode == 0
