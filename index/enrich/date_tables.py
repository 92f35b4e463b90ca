"""Data for the date detector: month and weekday names, and the words that say a date in an
article's header is its publication date rather than something the text talks about.

Month and weekday names come from CLDR for the ``LOCALES`` below (as babel gives them, shipped
in ``data/date_names.json``), read on first use (``names``); the tables here hold what CLDR
does not: priorities, historical abbreviations, context words. Every word is written
casefolded and without accents (``fold``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

# CLDR locales whose month names are read. Order is priority: when two locales spell different
# months the same way (``listopad`` is November in pl/cs, October in hr), the earlier one wins
# unless the article's language says otherwise.
LOCALES: tuple[str, ...] = (
    "en", "en_GB", "de", "de_AT", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "ru", "uk",
    "sv", "da", "nb", "nn", "fi", "hu", "ro", "el", "tr", "bg", "sr", "sr_Latn", "hr", "bs",
    "sl", "mk", "be", "et", "lv", "lt", "is", "ca", "gl", "eu", "cy", "ga", "lb", "rm", "af",
    "sq", "mt", "az", "kk", "uz", "ka", "hy", "ar", "ar_SY", "ar_LB", "ar_IQ", "fa", "he",
    "hi", "bn", "ur", "zh", "ja", "ko", "id", "ms", "fil", "sw", "th", "vi", "ta", "mr",
)

# Spellings CLDR lacks: British ``Sept``, German newspaper abbreviations of the 19th and early
# 20th century (HIPE-2022 mastheads read ``Novbr.``), Spanish ``setiembre``.
EXTRA_MONTHS: dict[str, int] = {
    "sept": 9, "febr": 2, "okt": 10, "octbr": 10, "oktbr": 10, "novbr": 11, "dezbr": 12,
    "decbr": 12, "septbr": 9, "septemb": 9, "jenner": 1, "setiembre": 9, "juill": 7,
}

# Weekdays CLDR lacks: Swedish definite forms of datelines (``Fredagen den 21 Juli 1848``).
EXTRA_WEEKDAYS: dict[str, int] = {
    "mandagen": 0, "tisdagen": 1, "onsdagen": 2, "torsdagen": 3, "fredagen": 4,
    "lordagen": 5, "sondagen": 6,
}

# Words that introduce a publication date ("Veröffentlicht am", "Mis à jour le", "Updated").
LEAD_WORDS: frozenset[str] = frozenset("""
    published publ posted updated update last modified released issued date dated
    veroffentlicht aktualisiert zuletzt stand erschienen datum publiziert
    publie publiee mis jour mise parution
    publicado publicada actualizado actualizada fecha
    pubblicato pubblicata aggiornato aggiornata data
    publicado atualizado atualizada
    gepubliceerd bijgewerkt laatst geplaatst
    opublikowano zaktualizowano aktualizacja publikacja
    publikovano aktualizovano vydano
    опубликовано обновлено дата публикации опубликован обновлен
    опубліковано оновлено
    publicerad uppdaterad publiceret opdateret publisert oppdatert
    julkaistu paivitetty
    kozzeteve frissitve
    yayinlanma yayinlandi guncelleme guncellendi tarihi
    δημοσιευθηκε δημοσιευση ενημερωθηκε
    """.split())

# Function words allowed in a header prefix (``Paris, le 8 novembre``, ``von Jana Kehl``),
# but which alone before a date start a sentence about that date (``Der 9. Dezember 1888 wird
# ein bedeutsamer Tag``, ``Am 18. November``, ``Le 8 novembre 2025, le président…``).
PARTICLES: frozenset[str] = frozenset("""
    am um den der die das dem von vom im und zum
    on at the by of and from
    le la les du de des a et par
    el los las del y en por
    il lo gli alle ore di da e
    o os as do da em
    op om het van door
    w z i od dnia
    в от и г
    den kl klo af av og och
    """.split()) | {"à", "às"}

# The particles of a place dateline: ``Paris, le 8 novembre``, ``Wien, am 8.``, ``Warszawa,
# dnia 8 listopada``. After a comma, other particles are prose (``…Association, on Jan 24``).
DATELINE_ARTICLES: frozenset[str] = frozenset({"le", "el", "il", "am", "den", "dnia", "la"})

# Languages that write a named month between year and day (``2025. november 8.``).
YEAR_FIRST_LANGS: frozenset[str] = frozenset({"hu", "lt", "lv", "eu", "mn"})

# Words before a date that make it a date the text talks about, not the publication date:
# deadlines, periods, maturities (``for the year ended Feb 28, 1987``, ``seit dem``).
TEMPORAL_WORDS: frozenset[str] = frozenset("""
    ended ending ends due since until till through thru effective expiring expires expire
    maturing matures mature before after from between starting beginning began begins
    bis seit ab vor nach endet zwischen ende anfang
    depuis jusqu avant apres partir entre
    desde hasta antes despues entre partir
    dal dalla fino entro prima dopo
    до после с по od do przed po
    sedan fore efter
    """.split())

# Signs that an English header writes dates month-first: 12-hour clock, US time zones,
# an AP dateline. Matched case-sensitively on the header zone (see ``dates._american``).
US_SIGNALS = (
    r"\b\d{1,2}(?::\d{2})?\s?(?:[ap]\.m\.|[AP]M)(?![^\W\d_])",
    r"\b(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT)\b",
    r"\((?:AP|UPI)\)",
)


# ------------------------------------------------------------------------------ from CLDR


def fold(word: str) -> str:
    """Casefolded, accents removed, trailing dot dropped: ``Févr.`` -> ``fevr``."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).rstrip(".")


def _usable(name: str, kind: str) -> bool:
    """Skip numeric CLDR forms (``11月``) and Latin month abbreviations under three letters
    (Catalan ``ag.``). Two-letter weekdays (``zo 9 nov``, ``So., 09.11.``) are kept unless
    they are function words (``di``, ``do``, ``la``)."""
    if not name or any(c.isdigit() for c in name):
        return False
    if len(name) >= 3 or not name.isascii():
        return True
    return kind == "day" and len(name) == 2 and name not in PARTICLES | TEMPORAL_WORDS


@cache
def _shipped() -> dict[str, dict]:
    """CLDR's names for ``LOCALES``, as babel gives them (``data/build_date_names.py``)."""
    path = Path(__file__).with_name("data") / "date_names.json"
    return json.loads(path.read_text(encoding="utf-8"))["locales"]


WIDTHS: tuple[Literal["wide", "abbreviated"], ...] = ("wide", "abbreviated")
CONTEXTS: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")


def babel_names(locale: str) -> dict[str, dict[str, dict[str, str]]]:
    """One locale's month and weekday names, every width and context, from babel: what
    ``data/date_names.json`` holds for ``LOCALES``, asked of babel for any other locale."""
    from babel.dates import get_day_names, get_month_names

    out: dict[str, dict[str, dict[str, str]]] = {}
    for kind, getter in (("month", get_month_names), ("day", get_day_names)):
        out[kind] = {f"{width}-{context}": {str(n): name for n, name in
                                            getter(width, context, locale=locale).items()}
                     for width in WIDTHS for context in CONTEXTS}
    return out


@cache
def _locale_names(locale: str, kind: str) -> dict[str, int]:
    """``kind`` ``month`` (1-12) or ``day`` (0=Monday): every width and context, folded."""
    shipped = _shipped().get(locale)
    if shipped is None:  # an article's language outside LOCALES: ask babel
        shipped = babel_names(locale)
    names: dict[str, int] = {}
    for width in WIDTHS:
        for context in CONTEXTS:
            for number, name in shipped[kind][f"{width}-{context}"].items():
                # Catalan "de juny", "d’abril": the name without its preposition
                folded = re.sub(r"^(?:de |d['’])", "", fold(name))
                if _usable(folded, kind):
                    names.setdefault(folded, int(number))
    return names


def _lang_locales(lang: str | None) -> list[str]:
    if not lang:
        return []
    base = lang.replace("-", "_").split("_")[0].lower()
    return [loc for loc in LOCALES if loc.split("_")[0] == base] or [base]


@cache
def names(kind: str, lang: str | None = None) -> dict[str, int]:
    """Folded month (or weekday) name -> number, the article's language first, then every
    locale in priority order. Two-letter weekdays only from the article's language: in
    another they are words (Finnish ``to`` is English "to")."""
    from babel.core import UnknownLocaleError  # babel loads on first use, not on import

    own = _lang_locales(lang)
    table: dict[str, int] = {}
    for locale in own + list(LOCALES):
        try:
            local = _locale_names(locale, kind)
        except UnknownLocaleError:  # a language CLDR does not know: the shared table only
            continue
        for name, number in local.items():
            if len(name) > 2 or not name.isascii() or locale in own:
                table.setdefault(name, number)
    extra = EXTRA_MONTHS if kind == "month" else EXTRA_WEEKDAYS
    for name, number in extra.items():
        table.setdefault(name, number)
    return table
