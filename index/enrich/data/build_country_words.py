"""Regenerate ``country_words.json``: the query words that name a country, for search.

Why a generated file: ``country_words.country_word`` runs for every word of every search,
and building the gazetteer's table of names (CLDR names and the hand tables' adjectives,
aliases and abbreviations, folded) took ~0.1 s of each one-shot ``broadsheet search``;
this file loads in ~5 ms (both measured once with ``time``; no benchmark row). Run it
again after changing the gazetteer's tables or the collision list (a test compares the
file with what they give):

    python -m index.enrich.data.build_country_words

Output: ``{"names": {folded word: ISO code}, "common": [folded word, ...]}``: single words
of four letters or more, and the names that are also a common word or a given name in
more than one language (the collision list), which a query never takes for a country.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("country_words.json")
SHORTEST = 4
"""Shorter words are never taken for a country: ``in``, ``de``, ``us`` are words first."""


def build() -> dict:
    from index.enrich.country_context import collisions
    from index.enrich.country_gazetteer import names_index

    common = sorted(form for form, langs in collisions().items() if len(langs) > 1)
    names = {key: code for key, code in sorted(names_index().items())
             if len(key) >= SHORTEST and key.isalpha()}
    return {"names": names, "common": common}


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + "\n"


if __name__ == "__main__":
    OUT.write_text(text(), encoding="utf-8")
    print(f"wrote {OUT}")
