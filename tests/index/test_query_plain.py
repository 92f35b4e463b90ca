"""Plain words are compiled without Whoosh's query parser (``index.query._parse``): the
query searched is the parser's own, word for word."""

from __future__ import annotations

import pytest

from index.query import Compiler, _parse, _parser

TEXTS = ["coffee", "Coffee", "COFFEE", "oil prices", "Oil  prices\tfall", "said said",
         "1987", "q3 1987", "Kasachstan", "Казахстан", "Україна України", "größte",
         "GRÖSSTE", "İstanbul", "ﬁnance", "北京", "and", "or not", "And Or Not", "x_y",
         "under_score words", "a", "AND", "coffee AND tea", "coffee OR tea", "NOT tea",
         "coffee NOT tea", "ANDNOT", "coffee ANDMAYBE tea", "U.S.", "l'État", "title:coffee",
         "coffee*", "coffee~", '"coffee tea"', "(coffee)", "coffee^2", "-tea", "co-op"]


@pytest.mark.parametrize("text", TEXTS)
def test_plain_words_make_the_parsers_query(text):
    mine, parsers = _parse(text), _parser().parse(text)
    assert mine == parsers and repr(mine) == repr(parsers)


def test_a_plain_search_never_builds_the_parser():
    _parser.cache_clear()
    Compiler(("en", "de"), lambda value: None).compile("Oil prices Kasachstan")
    assert _parser.cache_info().currsize == 0
    Compiler(("en",), lambda value: None).compile("oil OR prices")
    assert _parser.cache_info().currsize == 1
