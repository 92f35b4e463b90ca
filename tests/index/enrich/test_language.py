"""Language detection: deterministic, ``und`` when unsure, and the fast build agrees with
the reference langdetect."""

from __future__ import annotations

import pytest

from index.enrich.language import detect_language

TEXTS = {
    "de": "Die Regierung hat am Donnerstag ein neues Abkommen mit den Nachbarländern geschlossen.",
    "en": "The government signed a new agreement with its neighbours on Thursday, officials said.",
    "fr": ("Le gouvernement a signé jeudi un nouvel accord avec les pays voisins, selon le "
           "ministère."),
    "es": ("El gobierno firmó el jueves un nuevo acuerdo con los países vecinos, según el "
           "ministerio."),
    "it": ("Il governo ha firmato giovedì un nuovo accordo con i paesi vicini, secondo il "
           "ministero."),
    "ru": ("Правительство в четверг подписало новое соглашение с соседними странами, "
           "сообщил министр."),
    "pl": ("Rząd podpisał w czwartek nowe porozumienie z krajami sąsiednimi, poinformowało "
           "ministerstwo."),
    "ar": ("وقعت الحكومة يوم الخميس اتفاقا جديدا مع الدول المجاورة بحسب ما أعلنت الوزارة في "
           "بيان رسمي."),
}


@pytest.mark.parametrize("lang,text", TEXTS.items())
def test_detects_news_sentences(lang, text):
    code, prob = detect_language(text)
    assert code == lang and prob > 0.9


@pytest.mark.parametrize("text", ["", "Saudi-Arabien", "USA 2025", "12.03.2025 — 17:30"])
def test_short_text_is_undetermined(text):
    assert detect_language(text) == ("und", 0.0)


@pytest.mark.parametrize("lang,text", [
    ("en", "ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE 720.4 MLN DLRS IN LATEST WEEK"),
    ("en", "U.S. TAX WRITERS SEEK ESTATE TAX CURBS, RAISING 6.7 BILLION DLRS THRU 1991"),
    ("de", "REGIERUNG UND OPPOSITION EINIGEN SICH AUF DIE GRÖSSTE STEUERREFORM SEIT JAHREN"),
    ("fr", "LE GOUVERNEMENT SIGNE UN NOUVEL ACCORD AVEC LES PAYS VOISINS"),
])
def test_text_in_capitals_is_read_as_its_language(lang, text):
    """Wire headlines in capitals: langdetect alone calls the English ones German."""
    assert detect_language(text)[0] == lang


def test_deterministic():
    short = "les Émirats arabes unis et le Qatar signent"
    assert len({detect_language(short) for _ in range(20)}) == 1


def test_fast_build_matches_reference_langdetect():
    langdetect = pytest.importorskip("langdetect")
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    for text in TEXTS.values():
        reference = langdetect.detect_langs(text)[0]
        code, prob = detect_language(text)
        assert code == reference.lang and abs(prob - reference.prob) < 1e-9
