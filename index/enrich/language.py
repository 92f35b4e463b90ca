"""Language of an article: langdetect's answer, deterministic, or ``und`` when unsure.

langdetect-rs reproduces langdetect 1.0.9 bit for bit at ~100x the speed (a parity test
keeps it honest); langdetect itself is the fallback if the fast one cannot be imported.

A wrong language is worse than none. langdetect reads any letters as some language: a
Reuters results item (``Shr 11 cts vs 21 cts Net 563,000 vs 863,000 Revs 10.1 mln``) came out
Swedish or Catalan with probability 1.0, 345 of 21,578 English stories in all. So before
asking it, count the words of *prose*: a line whose words are fewer than three per number is
a table row, not prose; fewer than ``MIN_PROSE_WORDS`` words of prose, or more words in table
rows than in prose, and the answer is ``und`` (measured: ``benchmarks/eval_language.py``).
A ``prior`` (the language most of the item's source is written in) answers for a short or
unsure item instead of ``und``. Every answer says why (``Verdict.why``, shown by ``inspect``).

langdetect knows 55 languages and reads any other as one of them. Over MasakhaNEWS' ten
languages it has no profile for, it answered Indonesian, Vietnamese, Swahili, Somali or
Tagalog (Hausa -> id, Yoruba and Igbo -> vi, Shona, Xhosa, Kirundi -> sw, Oromo -> so), when
not ``und``. Those answers (``SECOND_OPINION``) get a second opinion from Google's CLD3 (107
languages, Hausa, Igbo, Yoruba, Shona, Xhosa, Zulu, Malay, Javanese, Cebuano among them),
and a reliable CLD3 answer that langdetect cannot give wins; any other answer but
langdetect's own makes it ``und`` (``_second_opinion``). Nothing else is asked twice:
Reuters, 10kGNAD and HIPE-2022 asked CLD3 about 1 of their 23,722 articles. Measured
(``python -m benchmarks.eval_language --masakhanews``): right answers on MasakhaNEWS' 9,354
articles 3,663 -> 6,636, wrong ones 2,829 -> 849 (Oromo still reads as Somali to both);
Reuters unchanged. An answer in another script than most of the text's letters is ``und``
too (``_in_script``).

Where two languages share a script and neither detector tells them apart, their commonest
small words do (``FUNCTION_WORDS``): Oromo, which both read as Somali, and the Ethiopic
script's Amharic and Tigrinya (langdetect knows neither; CLD3 reads Tigrinya as Amharic).
MasakhaNEWS' test split: Amharic 369 of 376 right (was 0, all ``und``), Tigrinya 268 of 272
(0), Oromo 322 of 325 (0: all Somali), Somali 294 of 294 (294). So do the Bantu languages
read as Swahili (langdetect) and as Swahili, Shona, Chichewa or Zulu (CLD3): Lingala 131 of
175 (0), Luganda 199 of 223 (0), Kirundi 196 of 322 (0), Swahili, Shona and Hausa unchanged.
The words come from its dev split.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..models import UNDETERMINED
from .folding import ETHIOPIC, no_space_script

MIN_LETTERS = 25
"""Fewer letters than this and langdetect guesses (FINDINGS: 'Saudi-Arabien' -> id)."""
MIN_PROB = 0.80
MIN_PROSE_WORDS = 10
"""Fewer words of prose than this: a headline-only wire item (``UK FEB TRADE DEFICIT 224 MLN
STG VS DEFICIT 527 MLN``) read as Catalan or French. Ten words keep an English or German
headline in capitals (tested); in Reuters, 28 stories are still wrong, against 345."""
WORDS_PER_NUMBER = 3
"""A line with fewer words than this per number is a table row (``Net loss 59,922 vs loss
357,203``); a sentence with numbers in it has more (``rose 12 pct to 45.6 mln dlrs from``)."""
LETTER_CHECK_CHARS = 400
"""Counting letters in a whole article costs more than detecting its language; a text with
25 letters in its first 400 characters is long enough."""
SAMPLE_CHARS = 4000
"""Enough text for a stable answer; the rest of a long article adds time, not accuracy."""

SECOND_OPINION = frozenset({"id", "vi", "sw", "so", "tl"})
"""langdetect's answers (its best guess, sure or not) for text in a language it has no
profile for, as measured: CLD3 is asked about these only."""
SECOND_OPINION_CHARS = 600
"""CLD3 reads this much of the text: ~135 µs an article (langdetect: ~76 µs for 4,000)."""
MIN_SECOND_PROB = 0.9
"""CLD3's probability for an answer that overrules langdetect's (and ``is_reliable``)."""
NOT_OVERRULED = {"id": frozenset({"ms"})}
"""CLD3 answers that do not replace langdetect's: Malay is Indonesian's twin, and
langdetect's Indonesian profile reads both."""
LANGDETECT_LANGS = frozenset(
    "af ar bg bn ca cs cy da de el en es et fa fi fr gu he hi hr hu id it ja kn ko lt lv mk "
    "ml mr ne nl no pa pl pt ro ru sk sl so sq sv sw ta te th tl tr uk ur vi zh".split())
"""The languages langdetect has profiles for (``zh-cn`` and ``zh-tw`` as ``zh``)."""
_CLD3_CODES = {"fil": "tl", "iw": "he"}
VIETNAMESE_LETTERS = frozenset("ăđơưĂĐƠƯ")
"""Vietnamese is written with letters no other language uses: nearly every sentence has one
(được, đã, người, của). Yoruba, whose tone marks langdetect takes for Vietnamese ones, has
none of them."""
MIN_VIETNAMESE_CHECK = 120
"""Letters a text needs before the lack of those letters says it is not Vietnamese (they
are ~5% of a Vietnamese text's letters: none in 120 happens about once in 400 texts)."""

FUNCTION_WORDS = {
    "om": "akka hin kan ture irratti keessatti itti jiru kana yeroo yoo keessa fi tokko gara "
          "kun keessaa garuu isaa isaanii ni jechuun",
    "so": "ah ku iyo ay ayaa oo lagu soo la in waxaa ugu kale waxay badan mid loo laga markii "
          "sida dadka tahay yahay si wax",
    "am": "ነው ላይ ውስጥ ሲሆን እና ጋር ወደ ነበር ይህ ደግሞ ብለዋል ምክንያት በኋላ በፊት ተከትሎ በዚህ እንዲሁም "
          "መካከል ናቸው",
    "ti": "ኣብ እቲ ካብ እዩ ናብ ድማ ናይ ነቲ ምስ ከም ውን እዚ እዋን ዘሎ ኣብቲ ልዕሊ እቶም ድሕሪ ክሳብ ነይሩ ኣሎ እታ",
    "sw": "katika la kuwa cha lakini kama kutoka baada zaidi yake hiyo kwamba pia kwenye wake "
          "sasa huo kuhusu hilo",
    "ln": "mpe mpo ete yango moko te nde baye bango lokola ezali bazali elobi kosala bato",
    "lg": "nga era nti ne kya eno ate ono olw bino bwe naye wamu buli bano kino okuva",
    "rn": "ico ivyo cane ca vy canke",
    "sn": "kuti uye asi vanoti vari kana sezvo iri zviri avo kubva izvi pamwe ichi",
}
"""Each language's commonest small words, where languages no detector here tells apart share
a script: Oromo, which langdetect and CLD3 both read as Somali; the Ethiopic script's
Tigrinya and Amharic (langdetect knows neither; CLD3 reads Tigrinya as Amharic); and the
Bantu languages langdetect reads as Swahili and CLD3 as Swahili, Shona, Chichewa or Zulu:
Lingala, Luganda and Kirundi, told from Swahili and Shona. Kirundi's list holds only words
Kinyarwanda spells otherwise (``ico``, ``ivyo``, ``cane``: ``icyo``, ``ibyo``, ``cyane``).
Taken from MasakhaNEWS' dev split, words in most articles of one language and almost none
of the others' (``benchmarks.eval_language --masakhanews`` scores the test split too)."""
BANTU_READ_AS_SWAHILI = ("sw", "sn", "ln", "lg", "rn")
CLD3_BANTU = frozenset({"sw", "sn", "ny", "zu", UNDETERMINED})
"""CLD3's answers for a text langdetect reads as Swahili that its small words may
overrule (a confident Hausa, say, they do not)."""
_WORD_OR_FIDEL = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = {lang: frozenset(words.split()) for lang, words in FUNCTION_WORDS.items()}
_NAMES = {"ln": "Lingala", "lg": "Luganda", "rn": "Kirundi"}
MIN_FUNCTION_WORDS = 5
"""A language's small words a text needs, and three times any other's, to be read as it."""
_ETHIOPIC_LETTER = re.compile(f"(?=[{ETHIOPIC}])[^\\W\\d_]")
"""An Ethiopic letter: one regex pass counts them (matching each letter on its own took a
third of ``explain_language``'s time on Reuters)."""


def _by_function_words(sample: str, *langs: str) -> str | None:
    """The one of ``langs`` whose small words (``FUNCTION_WORDS``) the sample has at least
    MIN_FUNCTION_WORDS of, and three times any other's; None when none has."""
    counts = dict.fromkeys(langs, 0)
    for word in _WORD_OR_FIDEL.findall(sample.lower()):
        for lang in langs:
            counts[lang] += word in _FUNCTION_WORDS[lang]
    best = max(langs, key=counts.__getitem__)
    rival = max((counts[lang] for lang in langs if lang != best), default=0)
    return best if counts[best] >= MIN_FUNCTION_WORDS and counts[best] >= 3 * rival else None


_SCRIPTS = {
    "latin": r"A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "cyrillic": r"\u0400-\u04ff",
    "greek": r"\u0370-\u03ff\u1f00-\u1fff",
    "arabic": r"\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "hebrew": r"\u0590-\u05ff\ufb1d-\ufb4f",
    "devanagari": r"\u0900-\u097f", "bengali": r"\u0980-\u09ff", "gurmukhi": r"\u0a00-\u0a7f",
    "gujarati": r"\u0a80-\u0aff", "tamil": r"\u0b80-\u0bff", "telugu": r"\u0c00-\u0c7f",
    "kannada": r"\u0c80-\u0cff", "malayalam": r"\u0d00-\u0d7f", "thai": r"\u0e00-\u0e7f",
    "hangul": r"\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u4e00-\u9fff",
    "cjk": r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}
_SCRIPT_OF = {
    **dict.fromkeys(("bg", "mk", "ru", "uk"), "cyrillic"), "el": "greek",
    **dict.fromkeys(("ar", "fa", "ur"), "arabic"), "he": "hebrew",
    **dict.fromkeys(("hi", "mr", "ne"), "devanagari"), "bn": "bengali", "pa": "gurmukhi",
    "gu": "gujarati", "ta": "tamil", "te": "telugu", "kn": "kannada", "ml": "malayalam",
    "th": "thai", "ko": "hangul", "ja": "cjk", "zh": "cjk",
}
"""The script each of langdetect's languages is written in; the others, Latin."""
_SCRIPT_LETTERS = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPTS.items()}

_LETTER = re.compile(r"[^\W\d_]")
_EDGES = ".,;:!?\"'()[]«»„“”‘’-–—"
# langdetect codes that differ from ISO 639-1 as used in the facets.
_CODES = {"zh-cn": "zh", "zh-tw": "zh"}


class Verdict(NamedTuple):
    """The language (ISO 639-1 or ``und``), langdetect's probability, and why."""

    lang: str
    prob: float
    why: str


@lru_cache(maxsize=1)
def _detect_langs():
    """langdetect's ``detect_langs``, seeded (deterministic). langdetect-rs answers it in one
    call: its ``Detector`` object, which this module used before, reads the text's features
    twice (once to check there are any), 120 against 76 µs per article with the same
    answers for 10,000 Reuters and synthetic articles (an ad-hoc script)."""
    try:
        from langdetect_rs import DetectorFactory, detector_factory
    except ImportError:  # pragma: no cover - exercised only without the fast build
        from langdetect import DetectorFactory, detector_factory
    DetectorFactory.seed = 0
    detector_factory.init_factory()
    return detector_factory.detect_langs


def _words(token: str) -> int:
    """How many words a token is: 0 for numbers and symbols; CJK runs count a word per two
    characters (no spaces between their words)."""
    token = token.strip(_EDGES)
    if not token.isalpha():
        return 0
    return max(1, len(token) // 2) if no_space_script(token[0]) else 1


_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_WORD_TOKEN = re.compile(r"(?<!\S)[\"'(\[«„“‘]*[^\W\d_]+[.,;:!?\"')\]»”’]*(?!\S)")
_NO_SPACE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u9fff\uf900-\ufaff]")


def prose_words(sample: str) -> tuple[int, int]:
    """(words in prose lines, words and numbers in table rows) of ``sample``.

    Most articles have seven words or more for every number: then no line can be a table row
    that matters, and the line-by-line count (the slow part) is skipped."""
    numbers = len(_NUMBER.findall(sample))
    tokens = len(sample.split()) - numbers  # words, give or take a dash: the quick test
    if tokens >= 7 * numbers and tokens >= 2 * MIN_PROSE_WORDS + 3 * numbers:
        return tokens, 0
    if _NO_SPACE.search(sample):
        return _line_words(sample)
    prose = table = 0
    for line in sample.split("\n"):
        line_numbers = len(_NUMBER.findall(line))
        line_words = len(_WORD_TOKEN.findall(line))
        if line_numbers and line_words < WORDS_PER_NUMBER * line_numbers:
            table += line_words + line_numbers
        else:
            prose += line_words
    return prose, table


def _line_words(sample: str) -> tuple[int, int]:
    """``prose_words`` for text with CJK or Thai runs, counted a word per two characters."""
    prose = table = 0
    for line in sample.split("\n"):
        tokens = line.split()
        numbers = sum(1 for t in tokens if any(c.isdigit() for c in t))
        words = sum(map(_words, tokens))
        if numbers and words < WORDS_PER_NUMBER * numbers:
            table += words + numbers
        else:
            prose += words
    return prose, table


def _undetermined(why: str, prior: str | None, prob: float = 0.0) -> Verdict:
    if prior and prior != UNDETERMINED:
        return Verdict(prior, prob, f"{why}; the source's language")
    return Verdict(UNDETERMINED, prob, why)


def explain_language(text: str, prior: str | None = None) -> Verdict:
    """The language of ``text`` and why; ``prior`` answers when the text cannot."""
    sample = text[:SAMPLE_CHARS]
    letters = _LETTER.findall(sample[:LETTER_CHECK_CHARS])
    if len(letters) < MIN_LETTERS:  # a short item, unless numbers outweigh its letters
        digits = sum(map(str.isdigit, sample[:LETTER_CHECK_CHARS]))
        return _undetermined(f"too short ({len(letters)} letters)",
                             None if 2 * digits > len(letters) else prior)
    if 2 * len(_ETHIOPIC_LETTER.findall(sample, 0, LETTER_CHECK_CHARS)) >= len(letters):
        return _ethiopic(sample, prior)
    prose, table = prose_words(sample)
    # Numbers and tables have no language, whatever their source writes in: a wrong
    # language is worse than none. A few words with no numbers are a short item: its
    # source's language answers for it.
    if prose < MIN_PROSE_WORDS and not _NO_SPACE.search(sample[:LETTER_CHECK_CHARS]):
        return _undetermined(f"not prose (only {prose} words outside numbers)",
                             None if table else prior)
    if table > prose:
        return _undetermined(f"mostly numbers or tables ({table} tokens in table rows, "
                             f"{prose} words of prose)", None)
    if sum(map(str.isupper, letters)) * 2 > len(letters):
        # langdetect's profiles are of lower-case text: wire headlines in capitals read as
        # German ("ASSETS OF MONEY MARKET MUTUAL FUNDS ROSE ..." -> de, 0.99999).
        sample = sample.lower()
    try:
        best = _detect_langs()(sample)[0]
    except Exception:  # langdetect raises LangDetectException on featureless text
        return _undetermined("no language features", prior)
    if best.lang in SECOND_OPINION:
        other = _second_opinion(sample[:SECOND_OPINION_CHARS], best.lang)
        if best.lang == "sw" and (other is None or other.lang in CLD3_BANTU):
            bantu = _by_function_words(sample, *BANTU_READ_AS_SWAHILI)
            if bantu in _NAMES:
                return Verdict(bantu, best.prob, f"{_NAMES[bantu]}'s small words (langdetect: "
                                                 f"sw, CLD3: {other.lang if other else 'sw'})")
        if other is not None:
            return other if other.lang != UNDETERMINED else _undetermined(
                other.why, prior, best.prob)
    if best.lang == "so" and _by_function_words(sample, "om", "so") == "om":
        return Verdict("om", best.prob, "Oromo's small words (langdetect and CLD3: so)")
    code = _CODES.get(best.lang, best.lang)
    script = _SCRIPT_OF.get(code, "latin")
    if not _in_script(letters, script):
        return _undetermined(f"not in {script} script ({best.lang}: langdetect's guess)",
                             prior, best.prob)
    if best.lang == "vi" and not VIETNAMESE_LETTERS.intersection(sample) \
            and len(_LETTER.findall(sample)) >= MIN_VIETNAMESE_CHECK:
        return _undetermined("not Vietnamese (langdetect's guess, but none of ă đ ơ ư)",
                             prior, best.prob)
    if best.prob < MIN_PROB:
        return _undetermined(f"unsure (best {best.lang} {best.prob:.2f})", prior, best.prob)
    return Verdict(code, best.prob, "detected")


def _ethiopic(sample: str, prior: str | None) -> Verdict:
    """Text in the Ethiopic script: Amharic or Tigrinya by their small words, else ``und``
    (langdetect has neither; CLD3 reads both as Amharic)."""
    lang = _by_function_words(sample, "am", "ti")
    if lang is None:
        return _undetermined("Ethiopic script: Amharic or Tigrinya, too few of their small "
                             "words to tell", prior)
    return Verdict(lang, 1.0, f"Ethiopic script, {'Amharic' if lang == 'am' else 'Tigrinya'}"
                              "'s small words")


def _in_script(letters: list[str], script: str) -> bool:
    """Whether most ``letters`` are of ``script``: langdetect reads text in a script none of
    its languages is written in as one of them (Georgian as Estonian). Three letters are
    looked at first, and all of them only where one of those is of another script: counting
    every letter cost a tenth of the detection."""
    pattern = _SCRIPT_LETTERS[script]
    if all(pattern.match(c) for c in (letters[0], letters[len(letters) // 2], letters[-1])):
        return True
    return 2 * sum(1 for c in letters if pattern.match(c)) >= len(letters)


@lru_cache(maxsize=1)
def _cld3():
    """CLD3's detector (``cld3-py``), or None where it cannot be imported."""
    try:
        import gcld3
    except ImportError:  # pragma: no cover - a dependency; without it, langdetect alone
        return None
    return gcld3.NNetLanguageIdentifier(min_num_bytes=0, max_num_bytes=4 * SECOND_OPINION_CHARS)


def _second_opinion(sample: str, guess: str) -> Verdict | None:
    """CLD3's answer for ``sample`` when it is reliable and one langdetect cannot give;
    ``und`` when CLD3 reads another language than langdetect's ``guess``, sure or not (two
    detectors that disagree on a text langdetect reads as Swahili: Kirundi, Luganda,
    Lingala); None when it agrees (see the module)."""
    detector = _cld3()
    if detector is None:
        return None
    found = detector.FindLanguage(text=sample)
    lang = _CLD3_CODES.get(found.language, found.language)
    if lang == guess or lang in NOT_OVERRULED.get(guess, ()):
        return None
    if (found.is_reliable and found.probability >= MIN_SECOND_PROB and "-" not in lang
            and lang not in LANGDETECT_LANGS):  # "-": romanised Japanese (ja-Latn)...
        return Verdict(lang, found.probability,
                       f"CLD3 (langdetect, which does not know it, guessed {guess})")
    return Verdict(UNDETERMINED, found.probability,
                   f"detectors disagree (langdetect {guess}, CLD3 {lang})")


def detect_language(text: str, prior: str | None = None) -> tuple[str, float]:
    """(ISO 639-1 code or ``und``, probability of the top language)."""
    verdict = explain_language(text, prior)
    return verdict.lang, verdict.prob
