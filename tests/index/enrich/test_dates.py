"""Publication dates: metadata values of every shape, and the header zone of plain text
(never the body: a bare year, a day without a year, a date in a sentence are not dates)."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.enrich.dates import (
    DateFinding,
    find_dates,
    find_header_date,
    fold,
    parse_date_value,
)


def header(text: str, lang: str | None = None) -> str | None:
    """The finding as ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``, for compact tables."""
    found = find_header_date(text, lang)
    if found is None:
        return None
    return found.value.strftime("%Y-%m-%dT%H:%M" if found.has_time else "%Y-%m-%d")


# -- the seeds -----------------------------------------------------------------------------


def test_seed_000_glued_byline_gives_date_and_time(seeds_dir):
    text = (seeds_dir / "000_95d48fc0f4817978.txt").read_text(encoding="utf-8")
    assert find_header_date(text, "de") == DateFinding(
        value=datetime(2025, 11, 8, 5, 30), has_time=True,
        evidence="08.11.2025, 05.30 Uhr", lineno=3, source="header")


def test_seed_001_years_and_weekdays_are_not_dates(seeds_dir):
    text = (seeds_dir / "001_183512b25d5b6d4c.txt").read_text(encoding="utf-8")
    assert find_header_date(text, "de") is None
    assert find_header_date(text) is None


# -- header lines in many languages --------------------------------------------------------

FOUND = [
    ("de", "Jana Kehl08.11.2025, 05.30 UhrDer kasachische Präsident", "2025-11-08T05:30"),
    ("de", "Titel\n\nVon Max Muster | Freitag, 7. März 2025", "2025-03-07"),
    ("de", "Aktualisiert am 1.4.2024 um 9:05 Uhr", "2024-04-01T09:05"),
    ("de", "Graz, 3. Jänner 2024", "2024-01-03"),
    ("en", "By Ann Lee\nMarch 7, 2025, 9:41 a.m. ET", "2025-03-07T09:41"),
    ("en", "Friday 7 March 2025 10.15 GMT", "2025-03-07T10:15"),
    ("en", "Last updated: 7th Mar 2025", "2025-03-07"),
    ("en", "12:15 a.m., Mar. 7, 2025", "2025-03-07T00:15"),
    ("fr", "Publié le 7 mars 2025 à 9h05", "2025-03-07T09:05"),
    ("fr", "Genève, le 1er avril 2024", "2024-04-01"),
    ("fr", "samedi 8 novembre 2025", "2025-11-08"),
    ("nl", "zo 9 nov 2025 om 12:03", "2025-11-09T12:03"),
    ("de", "So., 09.11.2025, 12:03 Uhr", "2025-11-09T12:03"),
    ("id", "Minggu, 09 Nov 2025 12:03 WIB", "2025-11-09T12:03"),
    ("en", "PUBLISHED: 12:03 GMT, 9 November 2025 | UPDATED: 14:10 GMT", "2025-11-09T12:03"),
    ("es", "Bogotá, 7 de marzo de 2025 | 09:05", "2025-03-07T09:05"),
    ("es", "Actualizado el 07/03/2025 a las 21:04", "2025-03-07T21:04"),
    ("it", "Milano, 7 marzo 2025 - ore 9:05", "2025-03-07T09:05"),
    ("pt", "7 de março de 2025, 09h05", "2025-03-07T09:05"),
    ("nl", "Bijgewerkt op 7 maart 2025 om 09:05", "2025-03-07T09:05"),
    ("pl", "Kraków, 7 marca 2025 r.", "2025-03-07"),
    ("pl", "8 listopada 2025", "2025-11-08"),
    ("cs", "8. listopadu 2025", "2025-11-08"),
    ("hr", "8. studenoga 2025.", "2025-11-08"),
    ("hr", "listopad 8, 2025", "2025-10-08"),  # Croatian listopad is October
    ("ru", "Москва, 7 марта 2025 г., 09:05", "2025-03-07T09:05"),
    ("ru", "8 ноября 2025", "2025-11-08"),
    ("uk", "Оновлено 7 березня 2025, 09:05", "2025-03-07T09:05"),
    ("sv", "Fredag 7 mars 2025 kl. 09.05", "2025-03-07T09:05"),
    ("fi", "Julkaistu 7.3.2025 klo 9.05", "2025-03-07T09:05"),
    ("hu", "Budapest, 2025. március 7.", "2025-03-07"),
    ("tr", "İstanbul, 7 Mart 2025", "2025-03-07"),
    ("el", "Αθήνα, 7 Μαρτίου 2025", "2025-03-07"),
    ("zh", "发布时间：2025年3月7日 09:05", "2025-03-07T09:05"),
    ("ko", "기사입력 2025년 3월 7일", "2025-03-07"),
    ("ar", "القاهرة، 7 مارس 2025", "2025-03-07"),
    (None, "2025-03-07T09:05:00+01:00 Headline", "2025-03-07T08:05"),
    (None, "Posted 2025/03/07", "2025-03-07"),
]


@pytest.mark.parametrize("lang,text,expected", FOUND)
def test_header_dates(lang, text, expected):
    assert header(text, lang) == expected


NOT_FOUND = [
    ("de", "2020 gelang Donald Trump ein diplomatischer Triumph."),
    ("de", "Am 18. November wird der Kronprinz das Weisse Haus besuchen."),
    ("de", "Donald Trump bezeichnete es am Donnerstag als grossen Schritt."),
    ("de", "Die Einigung wurde am 8. November 2019 in Genf erzielt."),
    ("de", "Mit dem 1. Januar 1859 wird das Blatt seinen Jahrgang beginnen."),
    ("de", "Der 9. Dezember 1888\nwird ein bedeutsamer Tag"),
    ("fr", "Le 8 novembre 2025, le président a démissionné."),
    ("fr", "C'est le 27 février 1946 que la France a signé."),
    ("fr", "accordés par l'arrêté du\n3 août 1914."),
    ("en", "The treaty signed on March 7, 2025 takes effect."),
    ("en", "In THE CRITIC of MARCH 24, 1860, will be given"),
    ("es", "El pacto firmado el 7 de marzo de 2025 entra en vigor."),
    ("ru", "Договор, подписанный 7 марта 2025 года, вступил в силу."),
    ("de", "Ungültig: 31.02.2025"),
    ("de", "Montag, 8. November 2025"),  # 8 November 2025 is a Saturday
    ("en", "Version 1.2.3.2025 released"),
    ("en", "Score 3-1 in 2025"),
    ("de", "Preis 12.50 Euro, Jahr 2025"),
    ("de", "11.2025 und März 2025"),
    ("en", "Dated 0.0.2025"),
    # hard-wrapped wire copy: the date continues a sentence, or ends a period
    ("en", "Sales were 540.9 mln dlrs for the five-week period ended\nApril 4, 1987, a 7.8 pct "
           "increase"),
    ("en", "NET PROFIT FOR THE YEAR ENDED DEC 31, 1986"),
    ("en", "Shares of Atico, formerly Peninsula Federal Savings\nand Loan Association, on "
           "January 24, 1986."),
    ("en", "The fees are 1-1/2 pct and the bonds pay on the payment\ndate May 14, 1987."),
    ("en", "U.S. SPOT PRODUCTS--MORNING--APRIL 07 1100 EST"),
    ("en", "STRUTHERS WELLS SEES 1986 NOV 30 LOSS"),
    ("de", "Die Regel gilt seit dem 1. Januar 2024 für alle."),
    ("fr", "Le texte s'applique à partir du 1er janvier 2024."),
    ("en", "Record\nPRICES 8 APR\n1987 1234"),  # a date never spans two lines
]


@pytest.mark.parametrize("lang,text", NOT_FOUND)
def test_not_publication_dates(lang, text):
    assert header(text, lang) is None


def test_never_reads_the_body():
    body = "Ein Satz ohne Datum. " * 25
    assert header(body + "\nVeröffentlicht am 08.11.2025") is None
    assert header("x" * 300 + "\nVeröffentlicht am 08.11.2025") == "2025-11-08"
    assert find_header_date("x" * 300 + "\n08.11.2025", zone=100) is None


def test_a_date_on_the_zone_edge_is_not_cut():
    text = " " * 395 + "08.11.2025"
    assert header(text) == "2025-11-08"


def test_evidence_and_line_are_exact():
    found = find_header_date("Titel\nParis, le 1er mars 2024. Suite", "fr")
    assert found is not None
    assert (found.evidence, found.lineno, found.source) == ("1er mars 2024", 2, "header")


# -- day-first or month-first ----------------------------------------------------------------

ORDER = [
    ("de", "8/11/2025", "2025-11-08"),  # day-first by default
    ("fr", "08-11-2025", "2025-11-08"),
    ("en", "08/11/2025", "2025-11-08"),  # English without American signs: day-first
    ("en", "11/08/2025 5:30 PM EST", "2025-11-08T17:30"),  # American signs: month-first
    ("en-US", "11/08/2025", "2025-11-08"),
    ("de", "11/28/2025", "2025-11-28"),  # day-first impossible
    ("en", "Saturday 11/08/2025", "2025-11-08"),  # the weekday settles it
    ("de", "Montag, 11/08/2025", "2025-08-11"),
    ("en", "11.08.2025 5:30 PM EST", "2025-08-11T17:30"),  # dots are always day-first
]


@pytest.mark.parametrize("lang,text,expected", ORDER)
def test_day_or_month_first(lang, text, expected):
    assert header(text, lang) == expected


# -- times -----------------------------------------------------------------------------------

TIMES = [
    ("08.11.2025, 05.30 Uhr", "2025-11-08T05:30"),
    ("08.11.2025 05:30:59", "2025-11-08T05:30"),
    ("November 8, 2025, 5:30 p.m.", "2025-11-08T17:30"),
    ("November 8, 2025 12 pm", "2025-11-08T12:00"),
    ("8 novembre 2025 à 17h30", "2025-11-08T17:30"),
    ("8 novembre 2025, 17h", "2025-11-08T17:00"),
    ("17:30 | 08.11.2025", "2025-11-08T17:30"),
    ("2025年11月8日 17時30分", "2025-11-08T17:30"),
    ("08.11.2025, 25:30", "2025-11-08"),  # not a time
    ("08.11.2025, 12.000 Besucher", "2025-11-08"),  # a number, not 12:00
    ("08.11.2025 10 Verletzte", "2025-11-08"),
]


@pytest.mark.parametrize("text,expected", TIMES)
def test_times(text, expected):
    assert header(text) == expected


def test_time_does_not_swallow_a_following_word():
    found = find_header_date("08.11.2025, 05.30 Uhrzeit")
    assert found is not None and found.evidence == "08.11.2025, 05.30"


# -- month names from CLDR, for many languages ------------------------------------------------

CLDR_DAY_MONTH_YEAR = ["de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "ru", "uk",
                       "be", "bg", "ro", "sv", "da", "nb", "fi", "et", "el", "tr", "ca", "id"]


@pytest.mark.parametrize("lang", CLDR_DAY_MONTH_YEAR)
@pytest.mark.parametrize("width", ["wide", "abbreviated"])
def test_every_cldr_month_name(lang, width):
    from babel.dates import get_month_names

    for context in ("format", "stand-alone"):
        for month, name in get_month_names(width, context, locale=lang).items():
            if len(fold(name).split("’")[-1]) < 3:
                continue  # Latin abbreviations under three letters are skipped (Catalan "ag.")
            text = f"Publ. 8 {name} 2025"
            assert header(text, lang) == f"2025-{month:02d}-08", (context, name)


def test_month_names_without_the_language():
    assert header("8 listopada 2025") == "2025-11-08"  # Polish wins over Croatian by default
    assert header("8 listopada 2025", "hr") == "2025-10-08"
    assert header("8 ноября 2025") == "2025-11-08"
    assert header("8 Νοεμβρίου 2025") == "2025-11-08"


# -- find_dates: the scanner without the header judgement --------------------------------------


def test_find_dates_spans_and_values():
    text = "am 8. November 2019 und am 08.11.2025, 05:30"
    spans = find_dates(text)
    assert [(text[s.start:s.end], s.value, s.has_time) for s in spans] == [
        ("8. November 2019", datetime(2019, 11, 8), False),
        ("08.11.2025, 05:30", datetime(2025, 11, 8, 5, 30), True),
    ]


# -- metadata values ---------------------------------------------------------------------------

METADATA = [
    ("2025-11-08", datetime(2025, 11, 8)),
    ("2025-11-08T05:30:00", datetime(2025, 11, 8, 5, 30)),
    ("2025-11-08T05:30:00Z", datetime(2025, 11, 8, 5, 30)),
    ("2025-11-08T05:30:00+01:00", datetime(2025, 11, 8, 4, 30)),
    ("2025-11-08 05:30", datetime(2025, 11, 8, 5, 30)),
    ("20251108", datetime(2025, 11, 8)),
    ("Sat, 08 Nov 2025 05:30:00 GMT", datetime(2025, 11, 8, 5, 30)),
    ("Sat, 08 Nov 2025 06:30:00 +0100", datetime(2025, 11, 8, 5, 30)),
    ("08.11.2025", datetime(2025, 11, 8)),
    ("8 November 2025", datetime(2025, 11, 8)),
    ("November 8, 2025", datetime(2025, 11, 8)),
    ("8 ноября 2025", datetime(2025, 11, 8)),
    ("  2025-11-08  ", datetime(2025, 11, 8)),
    ("1762579800", datetime(2025, 11, 8, 5, 30)),
    (date(2025, 11, 8), datetime(2025, 11, 8)),
    (datetime(2025, 11, 8, 5, 30), datetime(2025, 11, 8, 5, 30)),
    (datetime(2025, 11, 8, 6, 30, tzinfo=timezone(timedelta(hours=1))),
     datetime(2025, 11, 8, 5, 30)),
    (time.struct_time((2025, 11, 8, 5, 30, 0, 5, 312, 0)), datetime(2025, 11, 8, 5, 30)),
    (1762579800, datetime(2025, 11, 8, 5, 30)),
    (1762579800.0, datetime(2025, 11, 8, 5, 30)),
    (1762579800000, datetime(2025, 11, 8, 5, 30)),  # milliseconds
]


@pytest.mark.parametrize("value,expected", METADATA)
def test_parse_date_value(value, expected):
    assert parse_date_value(value) == expected


@pytest.mark.parametrize("value", [
    None, "", "   ", "garbage", "2025", "2025-11", "31.02.2025", "0999-01-01", "2201-01-01",
    "08.11.25", True, False, 1e20, float("nan"), [], {}, b"2025-11-08", object(),
    date(999, 1, 1), datetime(2201, 1, 1),
])
def test_parse_date_value_rejects(value):
    assert parse_date_value(value) is None


# -- properties --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_header_never_raises_and_evidence_is_in_the_header(text):
    found = find_header_date(text)
    if found is not None:
        assert found.evidence in text[:440]
        assert 1000 <= found.value.year <= 2200


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789./-: ,年月日Uhrpm", max_size=60))
def test_digit_soup_never_raises(text):
    find_header_date(text)
    parse_date_value(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(), st.text(), st.dates(), st.datetimes()))
def test_parse_date_value_never_raises(value):
    result = parse_date_value(value)
    assert result is None or (result.tzinfo is None and 1000 <= result.year <= 2200)


def test_a_byline_after_the_date_ends_the_header():
    text = ("Tajwański Kaisun znów patrzy na Dolny Śląsk. Spór o fabrykę w Niemczech się "
            "przedłuża\nGazeta Nadwiślańska, 24 lutego 2026, Katarzyna Dudek\n\nPrzedstawiciele "
            "tajwańskiego producenta odwiedzili tereny.")
    found = find_header_date(text, "pl")
    assert found is not None and found.value == datetime(2026, 2, 24)


def test_the_shipped_month_and_weekday_names_are_babels():
    """``data/date_names.json`` holds what babel gives for every locale the detector reads
    (regenerate it with ``python -m index.enrich.data.build_date_names``)."""
    from index.enrich.date_tables import LOCALES, _shipped, babel_names

    assert list(_shipped()) == list(LOCALES)
    for locale in LOCALES:
        assert _shipped()[locale] == babel_names(locale), locale
