"""Folding and stemming: the rules every field and every highlight share."""

from __future__ import annotations

import pytest

from index.analysis import STEM_LANGS, fold, german2, stem


@pytest.mark.parametrize("word,folded", [
    ("größte", "grosste"), ("grösste", "grosste"), ("GRÖSSTE", "grosste"),
    ("Élections", "elections"), ("Zürich", "zurich"), ("Kraków", "krakow"),
    ("Россия", "россия"), ("İstanbul", "istanbul"),
])
def test_fold(word, folded):
    assert fold(word) == folded


@pytest.mark.parametrize("a,b", [("Müller", "Mueller"), ("Straße", "Strasse"),
                                 ("Ökonomie", "Oekonomie"), ("größte", "groesste")])
def test_german_spellings_share_a_stem(a, b):
    assert stem(a.lower(), "de") == stem(b.lower(), "de")


def test_german2_keeps_que():
    assert german2("quelle") == "quelle" and german2("mueller") == "müller"


@pytest.mark.parametrize("lang,forms", [
    ("de", ["Abkommen", "Abkommens"]), ("en", ["elections", "election"]),
    ("fr", ["élections", "élection"]), ("es", ["elecciones", "elección"]),
    ("ru", ["России", "Россия"]), ("it", ["governi", "governo"]),
])
def test_inflections_share_a_stem(lang, forms):
    assert len({stem(f.lower(), lang) for f in forms}) == 1


@pytest.mark.parametrize("lang", STEM_LANGS + ("ar", "zh", "und"))
def test_every_language_stems_without_error(lang):
    for word in ("word", "wörter", "слово", "كلمة", "词"):
        assert stem(word, lang)


@pytest.mark.parametrize("typed,written", [("Lodz", "Łódź"), ("Oresund", "Øresund"),
                                           ("Dakovo", "Đakovo")])
def test_letters_nfkd_leaves_alone_fold_too(typed, written):
    assert fold(typed) == fold(written)
