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


# The dictionary form and its inflected forms, names as well as words; names nobody lists
# (Golob, Сибіга) are reduced by the same rules.
INFLECTED = [
    ("pl", ["Rosja", "Rosji", "Rosję", "Rosją"]), ("pl", ["Polska", "Polsce", "Polski"]),
    ("pl", ["Hiszpania", "Hiszpanii", "Hiszpanią"]), ("pl", ["rząd", "rządu", "rządzie"]),
    ("pl", ["Putin", "Putina", "Putinem"]),
    ("cs", ["Rusko", "Ruska", "Rusku", "Ruskem"]), ("cs", ["vláda", "vlády", "vládou"]),
    ("cs", ["ministr", "ministra", "ministři"]), ("cs", ["Babiš", "Babiše", "Babišovi"]),
    ("sk", ["Slovensko", "Slovenska", "Slovensku", "Slovenskom"]),
    ("sk", ["vláda", "vlády", "vláde", "vládou"]), ("sk", ["Pavel", "Pavla", "Pavlovi"]),
    ("uk", ["Україна", "України", "Україну", "Україні"]),
    ("uk", ["Росія", "Росії", "Росію", "Росією"]), ("uk", ["Харків", "Харкова", "Харкові"]),
    ("uk", ["Америка", "Америці", "Америкою"]), ("uk", ["Сибіга", "Сибіги", "Сибігою"]),
    ("uk", ["податок", "податку", "податки"]),
    ("bg", ["правителство", "правителството", "правителства"]),
    ("bg", ["Кремъл", "Кремъла", "Кремълът"]), ("bg", ["парламент", "парламента"]),
    ("bg", ["украинец", "украинци", "украинците"]), ("bg", ["решение", "решения"]),
    ("sl", ["Rusija", "Rusije", "Rusiji", "Rusijo"]), ("sl", ["Koper", "Kopra", "Kopru"]),
    ("sl", ["Golob", "Goloba", "Golobom"]), ("sl", ["pomoč", "pomoči", "pomočjo"]),
    ("hr", ["Hrvatska", "Hrvatske", "Hrvatskoj"]), ("sr", ["Србија", "Србије", "Србији"]),
    ("el", ["κυβέρνηση", "κυβέρνησης"]), ("el", ["Ρωσία", "Ρωσίας"]),
    ("el", ["Νίκος", "Νίκου", "Νίκο"]), ("el", ["κρίση", "κρίσεις"]),
    ("lt", ["Lietuva", "Lietuvos", "Lietuvoje"]),
    ("lv", ["Krievija", "Krievijā", "Krievijas", "Krieviju"]),
    ("lv", ["nodoklis", "nodokļa", "nodokļi"]), ("lv", ["Putins", "Putina", "Putinam"]),
    ("et", ["Eesti", "Eestis", "Eestist"]), ("et", ["Tallinn", "Tallinnas", "Tallinnasse"]),
    ("et", ["Putin", "Putiniga", "Putinit"]), ("et", ["valitsus", "valitsuse", "valitsust"]),
    ("et", ["president", "presidendi", "presidendiga"]),
    ("fi", ["hallitus", "hallituksen", "hallitusta"]), ("fi", ["kriisi", "kriisin", "kriisiä"]),
    ("fi", ["Helsinki", "Helsingissä", "Helsingin"]), ("tr", ["Türkiye", "Türkiye'nin"]),
]


@pytest.mark.parametrize("lang,forms", INFLECTED, ids=[f"{lang}-{forms[0]}"
                                                          for lang, forms in INFLECTED])
def test_dictionary_and_inflected_forms_share_a_reduced_form(lang, forms):
    assert len({stem(f.lower(), lang) for f in forms}) == 1


@pytest.mark.parametrize("lang,a,b", [
    ("pl", "Rosja", "Rosyjski"), ("pl", "wojna", "wojsko"), ("cs", "Rusko", "Rakousko"),
    ("uk", "Росія", "Румунія"), ("uk", "уряд", "суд"), ("bg", "закон", "законодател"),
    ("bg", "град", "граница"), ("sl", "vlada", "vojna"), ("sl", "Rusija", "Srbija"),
    ("sk", "vláda", "voľby"), ("lv", "Krievija", "Kurzeme"), ("hr", "Rusija", "Srbija"),
    ("el", "Νίκου", "νόμου"), ("el", "κρίσεις", "κράτος"),
])
def test_unrelated_words_keep_apart(lang, a, b):
    assert stem(a.lower(), lang) != stem(b.lower(), lang)


@pytest.mark.parametrize("lang", STEM_LANGS + ("ar", "zh", "und"))
def test_every_language_stems_without_error(lang):
    for word in ("word", "wörter", "слово", "كلمة", "词"):
        assert stem(word, lang)


@pytest.mark.parametrize("typed,written", [("Lodz", "Łódź"), ("Oresund", "Øresund"),
                                           ("Dakovo", "Đakovo")])
def test_letters_nfkd_leaves_alone_fold_too(typed, written):
    assert fold(typed) == fold(written)


# -- the indexer's fast postings are exactly the analyzers' ----------------------------------

def _sample_texts() -> list[str]:
    from tests.conftest import CORPUS, SAMPLE_DATA

    texts = list(CORPUS.values())
    for path in sorted(SAMPLE_DATA.rglob("*")):
        if path.is_file():
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    return texts


def _both(name: str, value: str):
    from whoosh.fields import TEXT

    from index.schema import build_schema

    field = build_schema()[name]
    return list(field.index(value)), list(TEXT.index(field, value))


@pytest.mark.parametrize("name", ["exact", "title"])
def test_folded_postings_equal_the_analyzer(name):
    for text in _sample_texts():
        fast, analyzed = _both(name, text)
        assert fast == analyzed


@pytest.mark.parametrize("lang", [*STEM_LANGS, "und", "ar", "zh"])
def test_stem_postings_equal_the_analyzer(lang):
    for text in _sample_texts():
        fast, analyzed = _both("stem", f"{lang} {text}")
        assert fast == analyzed


def test_fast_postings_equal_the_analyzer_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(), st.sampled_from(["de", "en", "ru", "und"]))
    def check(text, lang):
        assert _both("exact", text)[0] == _both("exact", text)[1]
        assert _both("stem", f"{lang} {text}")[0] == _both("stem", f"{lang} {text}")[1]

    check()


# -- one pass over an article's words for exact and stem ----------------------------------

@pytest.mark.parametrize("lang", ["en", "de", "ru", "und", "zh-cn"])
def test_one_pass_finds_what_each_field_finds_alone(lang):
    from index.analysis import article_words, folded_positions, stem_counts

    for text in _sample_texts():
        title, _, body = text.partition("\n")
        exact, stems = article_words(title, body, lang)
        assert list(exact.items()) == list(folded_positions(f"{title}\n{body}").items())
        assert stems == stem_counts(f"{lang} {title}\n{body}")


def test_one_pass_on_any_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from index.analysis import article_words, folded_positions, stem_counts

    @settings(max_examples=300, deadline=None)
    @given(st.text(), st.text(), st.sampled_from(["de", "en", "fr", "und"]))
    def check(title, body, lang):
        exact, stems = article_words(title, body, lang)
        assert list(exact.items()) == list(folded_positions(f"{title}\n{body}").items())
        assert stems == stem_counts(f"{lang} {title}\n{body}")

    check()


def test_stored_positions_read_back_and_answer_which_they_hold():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from index.whoosh_internals import positions

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.integers(0, 2**20), min_size=1, unique=True).map(sorted),
           st.integers(-2, 2**20 + 2))
    def check(poses, probe):
        value = positions.encode(poses)
        assert positions.decode(value).tolist() == poses
        assert positions.count(value) == len(poses)
        assert positions.Places().decode_positions(value) == poses
        assert positions.holds(value, probe) == (probe in poses)
        for pos in poses:
            assert positions.holds(value, pos)

    check()


def test_a_position_is_never_found_across_two_others():
    """The bytes of two neighbouring positions can spell a third at an odd offset: 513 and
    768 are stored as 01 02 00 03, which holds 02 00, the bytes of 2."""
    from index.whoosh_internals import positions

    assert not positions.holds(positions.encode([513, 768]), 2)
    wide = positions.encode([5, 70_000])  # a zero byte, then 05 00 00 00 70 11 01 00
    assert positions.holds(wide, 70_000) and positions.holds(wide, 5)
    assert not positions.holds(wide, 0x11700000)  # 00 00 70 11, across the two


def test_the_word_forms_kept_are_bounded_across_languages(monkeypatch):
    """A worker indexing many languages keeps at most ``FORMS_CACHED`` words' forms in all,
    not that many per language, and the words read the same after the table is cleared."""
    from index import analysis

    monkeypatch.setattr(analysis, "FORMS_CACHED", 50)
    monkeypatch.setattr(analysis, "_forms", {})
    first = analysis.article_words("Titel", " ".join(f"wort{i}" for i in range(30)), "de")
    for lang in ("en", "fr", "pl", "nl"):
        analysis.article_words("Title", " ".join(f"word{i}" for i in range(30)), lang)
        assert sum(map(len, analysis._forms.values())) <= 50
    assert analysis.article_words("Titel", " ".join(f"wort{i}" for i in range(30)),
                                  "de") == first
