"""Regenerate ``compound_words.json``: the words a compound may be made of, per language.

``index.compounds`` splits German, Dutch, Swedish, Danish, Norwegian and Finnish compounds
into words it knows (``Uranbedarfs`` -> ``uran`` + ``bedarfs``): a part must be a word
written at least ``MIN_ZIPF`` in that language (once in a million words), read from word
frequencies (``wordfreq``), not guessed. ``wordfreq`` is a build-time dependency only (the
``dev`` extra): its import and data are too heavy for an indexing worker's start, so the
lists ship as JSON. Rerun after upgrading wordfreq:

    pip install -e ".[dev]" && python -m index.data.build_compound_words

Output: ``{"wordfreq": version, "min_zipf": ..., "langs": {lang: {zipf*10: "word word ..."}},
"foreign": {lang: "word word ..."}}``, words folded (``analysis.fold``) and alphabetic, each
under its frequency in tenths of a Zipf unit (a folded form of several words takes the most
frequent's); ``foreign``: the words written at least as often in English, never split.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("compound_words.json")
LANGS = ("de", "nl", "sv", "da", "no", "fi")
WORDFREQ_CODE = {"no": "nb"}
"""langdetect's ``no`` is written Bokmål in wordfreq's lists."""
WORDLIST = {"da": "small"}
"""wordfreq's large Danish list is its Norwegian one; its small list is Danish."""
MIN_ZIPF = 3.0
"""Rarer words are not taken as parts: below this wordfreq's lists hold the pieces its
tokenizer cut from hyphenated and misspelt words (``ver``, ``ung``, ``lung`` sit near 3)."""
SHORTEST = 3
LONGEST_UNSPLIT = 6
"""Words this long or longer can be split (``compounds.SHORTEST_WORD``)."""
ENGLISH_MARGIN = 1.0
"""A word written this much (Zipf units, 1.0 = ten times) more often in English than in the
language is English quoted there, not a part: German ``and``, ``sun`` (``Verkehr-sun-fall``)."""


def frequencies(lang: str) -> dict[str, int]:
    """Folded word -> Zipf frequency in tenths, for the words of ``lang`` worth a part."""
    from wordfreq import get_frequency_dict, zipf_frequency

    from index.analysis import fold

    code = WORDFREQ_CODE.get(lang, lang)
    out: dict[str, int] = {}
    for word in get_frequency_dict(code, WORDLIST.get(lang, "large")):
        if len(word) < SHORTEST or not word.isalpha():
            continue
        zipf = zipf_frequency(word, code, wordlist=WORDLIST.get(lang, "large"))
        if zipf < MIN_ZIPF:
            break  # the list is in order of frequency
        if lang != "en" and zipf_frequency(word, "en") - zipf > ENGLISH_MARGIN:
            continue
        folded = fold(word)
        out[folded] = max(out.get(folded, 0), round(zipf * 10))
    return out


def foreign(lang: str) -> list[str]:
    """The folded words of ``lang``, long enough to split, written at least as often in
    English: names and borrowed words (``manchester``, ``microsoft``), never split."""
    from wordfreq import get_frequency_dict, zipf_frequency

    from index.analysis import fold

    code = WORDFREQ_CODE.get(lang, lang)
    out = set()
    for word in get_frequency_dict(code, WORDLIST.get(lang, "large")):
        zipf = zipf_frequency(word, code, wordlist=WORDLIST.get(lang, "large"))
        if zipf < MIN_ZIPF:
            break
        if len(word) >= LONGEST_UNSPLIT and word.isalpha() and zipf_frequency(word, "en") >= zipf:
            out.add(fold(word))
    return sorted(out)


def build() -> dict:
    from importlib.metadata import version

    langs = {}
    for lang in LANGS:
        by_zipf: dict[int, list[str]] = {}
        for word, zipf in sorted(frequencies(lang).items()):
            by_zipf.setdefault(zipf, []).append(word)
        langs[lang] = {str(z): " ".join(ws) for z, ws in sorted(by_zipf.items(), reverse=True)}
    return {"wordfreq": version("wordfreq"), "min_zipf": MIN_ZIPF, "langs": langs,
            "foreign": {lang: " ".join(foreign(lang)) for lang in LANGS}}


def main() -> None:
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
