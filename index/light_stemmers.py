"""Light stemmers for languages Snowball has no algorithm for: one function per language
code, lower-cased word in, stem out (``analysis.stem`` folds the result).

A light stemmer removes inflection only (case, number, the Bulgarian article), not
derivation: it strips the longest ending of its language that leaves a stem of at least
``MIN_STEM`` letters, then evens out the changes inflection makes at the end of a stem
(a fleeting ``e``, a softened consonant). Words are reduced by rule, with no dictionary, so
a name nobody listed (``Сибіга``, ``Golob``) loses its case ending like any noun. Every
choice was measured on ``benchmarks/eval_inflection.py``.
"""

from __future__ import annotations

import re

MIN_STEM = 2


def _endings(text: str) -> tuple[str, ...]:
    """Whitespace-separated endings, longest first (the first that fits wins)."""
    return tuple(sorted(set(text.split()), key=len, reverse=True))


def _strip(word: str, endings: tuple[str, ...], min_stem: int = MIN_STEM) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= min_stem:
            return word[:-len(ending)]
    return word


_LATIN_FLEETING = re.compile(r"(?<=[^aeiouy])e(?=[bcčdfghklmnprsštvzž]$)")
"""An ``e`` between consonants before the stem's last letter: ``koper``/``kopra``,
``davek``/``davka``, ``delavec``/``delavca`` lose it in every form but one."""


def fleeting(stem: str, pattern: re.Pattern = _LATIN_FLEETING) -> str:
    return pattern.sub("", stem) if len(stem) >= 5 else stem


# -- Slovene ---------------------------------------------------------------------------------
_SL = _endings("""
    a e i o u
    am ah om ov ev em ih im jo
    ami ama ema emu ega imi ima
""")


_SL_SOFT = frozenset("cčšž")
"""The genitive plural ending ``-ev`` follows these (``delavcev``); ``-ov`` the others."""


def sl(word: str) -> str:
    """Slovene: ``Rusija``/``Rusije``/``Rusiji``/``Rusijo``, ``Koper``/``Kopra``,
    ``Dunaj``/``Dunaja``/``Dunajem``. A ``j`` left at the end of the stem goes too (it
    belongs to the ending in ``pomočjo``), then a fleeting ``e``."""
    if word.endswith("ev") and word[-3:-2] not in _SL_SOFT:  # Kijev, odločitev: no ending
        stem = word
    else:
        stem = _strip(word, _SL)
    if stem.endswith("j") and len(stem) > 2:
        stem = stem[:-1]
    return fleeting(stem)


# -- Slovak ----------------------------------------------------------------------------------
_SK = _endings("""
    a e i o u y á é í ý ú ia ie iu
    om ou ov ej ách ami ach am ím ých ými ého ému emi iam iach ovi ovia och
    iou ií iami iho imu im
""")


def sk(word: str) -> str:
    """Slovak: ``Slovensko``/``Slovenska``/``Slovensku``/``Slovenskom``,
    ``vláda``/``vlády``/``vláde``/``vládou``; ``-yj`` of transliterated names, a ``c``
    made of ``k`` (``vojaci``), then a fleeting ``e`` (``Pavel``/``Pavla``)."""
    stem = _strip(word, _SK)
    if len(stem) > 5 and stem.endswith(("yj", "ij")):  # Zelenskyj, Zelenského
        stem = stem[:-2]
    if len(stem) > 3 and stem.endswith("c"):  # vojak, vojaci
        stem = stem[:-1] + "k"
    return fleeting(stem)


# -- Ukrainian -------------------------------------------------------------------------------
_UK = _endings("""
    а я и і ї у ю о е є ь й
    ом ем єм ою ею єю ів їв ам ям ах ях ий ій ої их іх им ім ей ого ому ими іми
    ами ями ові еві єві ього ьому ьої
""")
_UK_SOFT = {"ц": "к", "з": "г"}
_UK_POSSESSIVE = ("ов", "ев", "єв", "ів", "їв")


def uk(word: str) -> str:
    """Ukrainian: ``Росія``/``Росії``/``Росію``/``Росією``,
    ``Америка``/``Америці`` (a ``ц`` or ``з`` the locative made of ``к``/``г`` is turned
    back), and place names in ``-ів``/``-ов`` whose vowel changes with the case
    (``Харків``/``Харкова``, ``Київ``/``Києва``) lose that syllable."""
    stem = _strip(word, _UK)
    if stem[-1:] in _UK_SOFT and len(stem) > 3:
        stem = stem[:-1] + _UK_SOFT[stem[-1]]
    if stem.endswith(_UK_POSSESSIVE) and len(stem) > 3:
        stem = stem[:-2]
    elif stem.endswith(("ок", "ець")) and len(stem) > 4:  # податок/податку
        stem = stem[:-2] + "к" if stem.endswith("ок") else stem[:-3] + "ц"
    return stem


# -- Bulgarian -------------------------------------------------------------------------------
# Preslav Nakov's light stemmer ("BulStem", 2003), as Lucene's BulgarianStemmer has it:
# the definite article, then the plural, then a final vowel.


def bg(word: str) -> str:
    """Bulgarian: ``правителство``/``правителството``/``правителствата``,
    ``Кремъл``/``Кремъла``/``Кремълът``, ``украинец``/``украинци``."""
    s = word
    if len(s) < 4:
        return s
    if len(s) > 5 and s.endswith("ища"):  # училища, as училище (Nakov: -ища)
        return s[:-1]
    s = _bg_article(s)
    if len(s) > 5 and s.endswith(("ие", "ия")):  # решение, решения
        s = s[:-2]
    s = _bg_plural(s)
    if len(s) > 3:
        if s.endswith("я"):
            s = s[:-1]
        if s.endswith(("а", "о", "е", "и")):  # цена, цени
            s = s[:-1]
    if len(s) > 4 and s.endswith("ец"):  # украинец, украинци -> украинк
        s = s[:-2] + "к"
    if len(s) > 3 and s.endswith("ц"):  # граница, граници (Nakov: -ци -> -к)
        s = s[:-1] + "к"
    if len(s) > 5 and s.endswith("ин"):  # българин, българи
        s = s[:-2]
    if len(s) > 4 and s.endswith("ен"):
        s = s[:-2] + "н"
    if len(s) > 5 and s[-2] == "ъ":
        s = s[:-2] + s[-1]
    return s


_BG_VOWELS = frozenset("аъоуеияю")


def _bg_article(s: str) -> str:
    if len(s) > 6 and s.endswith("ият"):
        return s[:-3]
    if len(s) > 5 and s.endswith("та") and s[-3] not in _BG_VOWELS:
        return s[:-1]  # парламента: the article -а of a noun in -т, not -та (държавата)
    if len(s) > 4 and s.endswith("ът"):  # съдът
        return s[:-2]
    if len(s) > 5 and s.endswith(("то", "те", "та", "ия")):
        return s[:-2]
    if len(s) > 4 and s.endswith("ят"):
        return s[:-2]
    return s


def _bg_plural(s: str) -> str:
    if len(s) > 6:
        if s.endswith("овци"):
            return s[:-3]
        if s.endswith("ове"):
            return s[:-3]
        if s.endswith("еве"):
            return s[:-3] + "й"
    if len(s) > 5:
        if s.endswith("ища"):
            return s[:-1]
        if s.endswith("та"):
            return s[:-2]
        if s.endswith("ци"):
            return s[:-2] + "к"
        if s.endswith("зи"):
            return s[:-2] + "г"
        if s[-3] == "е" and s[-1] == "и":
            return s[:-3] + "я" + s[-2]
    if len(s) > 4:
        if s.endswith("си"):
            return s[:-2] + "х"
        if s.endswith("и"):
            return s[:-1]
    return s


# -- Latvian ---------------------------------------------------------------------------------
# Kreslins' light stemmer (as Lucene's LatvianStemmer has it): the first ending of the list
# that leaves three letters, where the word has more vowels than the ending asks. Lucene
# then undoes the softening some endings cause (``brāļa`` -> ``brāl``); here folding does
# (``ļ`` -> ``l``, ``č`` -> ``c``), as for every reduced form.
_LV = (
    ("ajiem", 3), ("ajai", 3), ("ajam", 2), ("ajām", 2), ("ajos", 2), ("ajās", 2),
    ("iem", 2), ("ajā", 2), ("ais", 2), ("ai", 1), ("ei", 1), ("ām", 1), ("am", 1),
    ("ēm", 1), ("īm", 1), ("im", 1), ("um", 1), ("us", 1), ("as", 1), ("ās", 1), ("es", 1),
    ("os", 1), ("ij", 1), ("īs", 1), ("ēs", 1), ("is", 1), ("ie", 1), ("u", 1), ("a", 1),
    ("i", 1), ("e", 1), ("ā", 1), ("ē", 1), ("ī", 1), ("ū", 1), ("o", 1), ("s", 0), ("š", 0),
)
_LV_VOWELS = frozenset("aāeēiīoōuū")


def lv(word: str) -> str:
    """Latvian: ``Krievija``/``Krievijā``/``Krievijas``/``Krieviju``,
    ``likums``/``likuma``/``likumā``."""
    vowels = sum(ch in _LV_VOWELS for ch in word)
    for ending, needed in _LV:
        if vowels > needed and len(word) >= len(ending) + 3 and word.endswith(ending):
            return word[:-len(ending)]
    return word


# -- Estonian ----------------------------------------------------------------------------------
_ET = _endings("sse st lt le ks ga")
"""Case endings safe to strip whole: illative, elative, ablative, allative, translative,
comitative. The one-letter ones (inessive ``-s``, adessive ``-l``, partitive ``-t``, plural
``-d``) are stripped after a vowel only (``Tallinnas``, but not ``kriis``)."""
_ET_VOWELS = frozenset("aeiuõäöü")


def et(word: str) -> str:
    """Estonian, in place of Snowball's, which kept a name from its cases (``Tallinn``,
    ``tallinna``; ``Putin``, ``putini``) and ``valitsus`` from ``valitsuse``: found by the
    dictionary form 0.495 -> 0.870 (``benchmarks/eval_inflection.py --langs et``), the
    known-item MRR unchanged (1.000). Strips one case ending, a plural ``-de/-te/-id``, the
    stem's final vowels, then evens out ``nd``/``nt`` (``presidendi``/``president``) and a
    fleeting ``e`` (``minister``/``ministri``). Stem changes of consonant gradation
    (``sõda``/``sõja``, ``pank``/``panga``) stay apart: rules cannot know them."""
    if word.endswith("ust") and len(word) > 5:  # partitive of -us: valitsust
        stem = word[:-1]
    elif word.endswith("id") and len(word) > 5:  # plural partitive: sõdureid, töötajaid
        stem = word[:-2]
    else:
        stem = _strip(word, _ET, 3)
    if (stem == word and len(word) > 4 and word[-1] in "lstd" and word[-2] in _ET_VOWELS
            and (word[-2:] not in ("us", "el") or word[-3:] in ("tel", "del"))):
        stem = word[:-1]  # not valitsus, Brüssel: -us and -el are the word's own
    if len(stem) > 5 and stem.endswith(("de", "te")):
        stem = stem[:-2]
    while len(stem) > 3 and stem[-1] in _ET_VOWELS:
        stem = stem[:-1]
    if stem.endswith("nd"):
        stem = stem[:-1] + "t"
    return fleeting(stem)
