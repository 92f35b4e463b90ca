"""Cleanup of plain text: every junk line of seed 000 goes, seed 001 comes through unchanged,
headings stay, and each rule holds in several languages."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.enrich.cleanup import REASON_REPEATED, clean_text, line_key, line_keys
from index.enrich.dates import find_header_date
from index.models import Dropped

NBSP = "\u00a0"


def reasons(text: str, repeated=frozenset()) -> list[str]:
    return [d.reason for d in clean_text(text, repeated).dropped]


# -- the seeds -----------------------------------------------------------------------------


def test_seed_000_loses_all_its_junk(seeds_dir):
    text = (seeds_dir / "000_95d48fc0f4817978.txt").read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert Counter(d.reason for d in cleaned.dropped) == {
        "byline": 1, "dateline": 1, "caption printed twice": 3, "photo credit": 3,
        "site boilerplate": 3}
    assert [d.line for d in cleaned.dropped if d.reason in ("byline", "dateline", "photo credit")
            ] == ["Jana Kehl", "08.11.2025, 05.30 Uhr", "Imago",
                  "Alexander Kazakov / Sputnik / EPA", "Alex Brandon / AP"]
    assert [d.lineno for d in cleaned.dropped][:4] == [3, 3, 3, 5]
    for junk in ("Jana Kehl", "Imago", "JavaScript", "Browsereinstellungen", "Sputnik",
                 "Alex Brandon", "Bitte passen Sie", "05.30 Uhr", "Gipfels in Washington mit"):
        assert junk not in cleaned.text
    for heading in ("Investitionen stehen im Vordergrund", "Druck auf andere islamische Staaten?"):
        assert f"\n\n{heading}\n\n" in cleaned.text
    assert "\n\n\n" not in cleaned.text
    assert cleaned.text.startswith("2020 gelang Donald Trump")
    # the engine reads the date from the original text, where the dateline still is
    assert find_header_date(text, "de").evidence == "08.11.2025, 05.30 Uhr"


def test_seed_001_comes_through_unchanged(seeds_dir):
    text = (seeds_dir / "001_183512b25d5b6d4c.txt").read_text(encoding="utf-8")
    assert clean_text(text) == clean_text(text) and clean_text(text).text == text
    assert clean_text(text).dropped == ()
    assert "Mehr zum Thema - Nach Katar-Vorbild" in clean_text(text).text


# -- header: bylines and datelines ------------------------------------------------------------


def test_glued_byline_dateline_and_sentence_are_split():
    text = "Titel\n\nJana Kehl08.11.2025, 05.30 UhrDer Präsident reiste ab.\n\nMehr Text."
    cleaned = clean_text(text)
    assert cleaned.text == "Titel\n\nDer Präsident reiste ab.\n\nMehr Text."
    assert cleaned.dropped == (Dropped(3, "Jana Kehl", "byline"),
                               Dropped(3, "08.11.2025, 05.30 Uhr", "dateline"))


HEADER_LINES = [
    ("By Jane Doe\nThe senate voted.", ["byline"]),
    ("Von Anna Muster, Berlin\nDie Regierung tagt.", ["byline"]),
    ("Par Jean Dupont\nLe gouvernement a présenté.", ["byline"]),
    ("Title\nBy Jane Doe | November 8, 2025 5:30 p.m. ET\nThe senate voted.", ["dateline"]),
    ("Titre\nPublié le 8 novembre 2025 à 17h30\nLe texte.", ["dateline"]),
    ("Titel\nSamstag, 8. November 2025\nDer Text.", ["dateline"]),
    ("Título\nMadrid, 8 de noviembre de 2025 - 17:30 CET\nEl texto.", ["dateline"]),
    ("Заголовок\n8 ноября 2025, 17:30\nТекст.", ["dateline"]),
    ("Tytuł\nAnna Nowak, 8 listopada 2025\nTekst.", ["byline", "dateline"]),
    ("Заголовок\n\nАнна Сергеева, «Каспийский вестник», 14 июня 2024\n\nТекст.",
     ["byline", "dateline"]),
    ("Titel\n\nRhein-Main Kurier | 15. März 2025, 09:42 Uhr | von Jonas Albrecht\n\nText.",
     ["dateline"]),
    ("Titre\n\nL'Écho économique — Rabat, le 12 février 2025 — par Yasmine Benali\n\nTexte.",
     ["dateline"]),
    ("Título\n\nJornal do Planalto — 20 de junho de 2026 — Por Felipe Nogueira\n\nTexto.",
     ["dateline"]),
    ("العنوان\n٨ نوفمبر ٢٠٢٥\nالنص.", ["dateline"]),  # Arabic-Indic digits
    ("Titel\nJana Kehl ٠٨.١١.٢٠٢٥\nDer Text.", ["byline", "dateline"]),
]


@pytest.mark.parametrize("text,expected", HEADER_LINES)
def test_header_metadata_lines(text, expected):
    assert reasons(text) == expected


KEPT_HEADER_LINES = [
    "8. November 2025 war ein wichtiger Tag für das Land.",
    "Der 9. Dezember 1888 wird ein bedeutsamer Tag.",
    "Am 8. November 2025 trat das Gesetz in Kraft.",
    "Gipfel am 8. November 2025 in Washington",
    "Von Berlin aus reiste er weiter.",
    "By the end of 2025 the plant will open.",
    "Donald Trump",
    "Der 9. Dezember 1888",
    "Gipfel am 8. November 2025 – was bleibt",
    "Wahl | Am 8. November 2025 stimmte das Land ab.",
]


@pytest.mark.parametrize("line", KEPT_HEADER_LINES)
def test_header_prose_is_kept(line):
    assert clean_text(f"{line}\nMehr.").dropped == ()


def test_a_dateline_before_a_sentence_goes_alone():
    cleaned = clean_text("08.11.2025 US-Präsident Trump reist nach Riad\nMehr.")
    assert cleaned.text == "US-Präsident Trump reist nach Riad\nMehr."
    assert cleaned.dropped == (Dropped(1, "08.11.2025", "dateline"),)


def test_datelines_in_the_body_are_left_alone():
    body = "\n".join(f"Absatz {i}." for i in range(10))
    assert reasons(f"{body}\n08.11.2025, 05.30 Uhr") == []


# -- captions printed twice -------------------------------------------------------------------

CAPTION = "Donald Trump traf den Kronprinzen im Mai in Riad."


@pytest.mark.parametrize("line", [
    CAPTION + CAPTION,
    CAPTION + " " + CAPTION,
    CAPTION + CAPTION.replace(" ", NBSP),
    "Le président (2e à g.) à Paris." * 2,
    "Президент на встрече в Москве." * 2,
])
def test_caption_printed_twice(line):
    assert reasons(f"Text.\n\n{line}\n\nMore.") == ["caption printed twice"]


@pytest.mark.parametrize("line", ["Tora! Tora!", "Ha ha", "Nein, nein.", "Go go go go"])
def test_short_repetitions_are_not_captions(line):
    assert reasons(f"Text.\n\n{line}\n\nMore.") == []


# -- photo credits ----------------------------------------------------------------------------

CREDITS = [
    "Imago", "Keystone", "Alex Brandon / AP", "Alexander Kazakov / Sputnik / EPA",
    "Foto: Keystone", "Photo: Reuters", "(AFP)", "Bild: Christian Beutler / KEYSTONE",
    "© dpa", "Getty Images", "AFP via Getty Images", "Evan Vucci/AP Photo",
    "REUTERS/Kevin Lamarque", "Photo by Jane Doe/Reuters", "Foto di Mario Rossi / ANSA",
    "Fot. PAP/Radek Pietruszka", "Фото: Александр Казаков / Коммерсантъ", "Jana Kehl / NZZ",
    "EPA-EFE", "Crédit photo : AFP", "Fotografía: EFE", "Kuva: Lehtikuva",
    # words in lower case: agencies' names and name particles
    "dpa", "(reuters)", "afp via getty images", "imago images / Jana Kehl",
    "Ursula von der Leyen / AFP", "Getty Images for Nike",
]


@pytest.mark.parametrize("line", CREDITS)
def test_photo_credits(line):
    assert reasons(f"Text.\n\n{line}\n\nMore.") == ["photo credit"]


HEADINGS = [
    "Investitionen stehen im Vordergrund", "Druck auf andere islamische Staaten?",
    "Russland / USA", "Trump / Putin", "Washington", "Die Lage in Kiew",
    "Le rôle de la France", "Una crisis sin precedentes", "Il nodo delle tariffe",
    "Нефть и газ", "Polska / Niemcy", "What comes next", "Apple / Samsung",
    "Photos show the damage", "Mehr zum Thema - Nach Katar-Vorbild: Saudi-Arabien verhandelt",
    "Read more: Floods close roads in Pakistan", "The company told Reuters",
    "Sources told AFP / Reuters", "Follow usual practice",
]


@pytest.mark.parametrize("line", HEADINGS)
def test_headings_and_teasers_stay(line):
    assert reasons(f"Text.\n\n{line}\n\nMore.") == []


# -- site boilerplate and labels -------------------------------------------------------------

BOILERPLATE = [
    ("NZZ.ch benötigt JavaScript für wichtige Funktionen. Ihr Browser oder Adblocker "
     "verhindert dies momentan.", "site boilerplate"),
    ("Optimieren Sie Ihre Browsereinstellungen", "site boilerplate"),
    ("Bitte passen Sie die Einstellungen an.", "site boilerplate"),
    ("This site requires JavaScript to run.", "site boilerplate"),
    ("Please enable JavaScript in your browser.", "site boilerplate"),
    ("Subscribe to our newsletter", "site boilerplate"),
    ("We use cookies to improve your experience. Accept all cookies", "site boilerplate"),
    ("Ce site nécessite JavaScript.", "site boilerplate"),
    ("Abonnez-vous à notre newsletter", "site boilerplate"),
    ("Este sitio requiere JavaScript.", "site boilerplate"),
    ("Suscríbete a nuestro boletín", "site boilerplate"),
    ("Accetta i cookie per continuare", "site boilerplate"),
    ("Używamy plików cookie.", "site boilerplate"),
    ("Мы используем cookie.", "site boilerplate"),
    ("© 2025 Harbour Times. All rights reserved.", "site boilerplate"),
    # phrases that are one of several alternatives
    ("Werbeblocker erkannt", "site boilerplate"),
    ("Bloqueur de publicité détecté", "site boilerplate"),
    ("Jetzt anmelden", "site boilerplate"),
    ("Cookies akzeptieren", "site boilerplate"),
    ("Folgen Sie uns auf Instagram", "site boilerplate"),
    ("SÍGUENOS EN TWITTER", "site boilerplate"),
    ("Anzeige", "advertisement label"),
    ("Advertisement", "advertisement label"),
    ("Publicité", "advertisement label"),
    ("Реклама", "advertisement label"),
    ("Lesen Sie auch:", "related-link label"),
    ("Read more", "related-link label"),
    ("Lire aussi", "related-link label"),
    ("Leggi anche", "related-link label"),
    ("Czytaj także", "related-link label"),
    ("Читайте также", "related-link label"),
    ("Share this article", "share buttons"),
]


@pytest.mark.parametrize("line,reason", BOILERPLATE)
def test_site_boilerplate(line, reason):
    assert reasons(f"Text.\n\n{line}\n\nMore.") == [reason]


def test_an_article_about_cookies_keeps_its_paragraphs():
    para = ("Die Datenschutzbehörde prüft, ob Webseiten Cookies akzeptieren lassen dürfen, "
            "ohne die Nutzer zu fragen. " * 3)
    assert reasons(f"Text.\n\n{para}\n\nMore.") == []


# -- lines repeated across a source -----------------------------------------------------------


def test_line_key_is_stable_and_normalised():
    assert line_key("Imago") == 13893963588050874925
    assert line_key(f"  Optimieren{NBSP}Sie   IHRE Browsereinstellungen ") == line_key(
        "optimieren sie ihre browsereinstellungen")
    assert 0 <= line_key("x") < 2**64
    code = "from index.enrich.cleanup import line_key; print(line_key('Imago'))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=os.environ | {"PYTHONHASHSEED": "123"})
    assert int(other.stdout) == line_key("Imago")


def test_line_keys_are_candidate_lines_only():
    long_line = "Ein langer Absatz. " * 20
    text = (f"Titel\n\nJana Kehl08.11.2025, 05.30 UhrDer Text.\n\n---\n\n{long_line}\n\n"
            "Folgen Sie uns")
    assert line_keys(text) == {line_key(s) for s in (
        "Titel", "Jana Kehl", "08.11.2025, 05.30 Uhr", "Der Text.", "Folgen Sie uns")}


def test_repeated_lines_are_dropped():
    text = "Titel\n\nDer Text des Artikels.\n\nUnser Podcast jeden Morgen\n"
    cleaned = clean_text(text, {line_key("unser podcast jeden morgen")})
    assert cleaned.text == "Titel\n\nDer Text des Artikels.\n"
    assert cleaned.dropped == (Dropped(5, "Unser Podcast jeden Morgen", REASON_REPEATED),)


def test_repeated_keys_never_remove_paragraphs():
    para = "Ein Absatz, der in zwei Artikeln derselben Quelle steht. " * 5
    assert clean_text(f"Titel\n\n{para}", {line_key(para)}).dropped == ()


# -- line structure ---------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("A\n\nImago\n\nB", "A\n\nB"),
    ("Imago\n\nA\n\nB\n", "A\n\nB\n"),
    ("A\nImago\nB", "A\nB"),
    ("A\r\n\r\nImago\r\n\r\nB\r\n", "A\r\n\r\nB\r\n"),
    ("A\n\n\n\nB", "A\n\n\n\nB"),
])
def test_line_structure_is_kept(text, expected):
    assert clean_text(text).text == expected


# -- properties -------------------------------------------------------------------------------

LINES = st.sampled_from([
    "", " ", "Imago", "Alex Brandon / AP", "Anzeige", "Jana Kehl08.11.2025, 05.30 UhrDer Text.",
    CAPTION + CAPTION, "Investitionen stehen im Vordergrund", "Ein Satz.", "By Jane Doe",
    "08.11.2025", "\r",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(st.one_of(LINES, st.text(max_size=40)),
                                                  max_size=12).map("\n".join)))
def test_cleanup_never_raises_never_grows_and_reports_real_lines(text):
    cleaned = clean_text(text, {line_key("Ein Satz.")})
    assert len(cleaned.text) <= len(text)
    lines = text.split("\n")
    for dropped in cleaned.dropped:
        assert dropped.line in lines[dropped.lineno - 1]
    assert (cleaned.text == text) == (not cleaned.dropped)
