"""Regenerate ``date_names.json``: CLDR month and weekday names of the date detector's locales.

Why a generated file: reading them from babel loads each locale's CLDR data, ~0.5 s for the
70 locales of ``date_tables.LOCALES``, paid by every indexing process (the indexer itself and
each worker) before its first header date; loading the JSON takes a millisecond (both
measured once; no benchmark tracks them). It holds babel's names as babel gives them;
``date_tables`` folds and filters them. Run it again after upgrading babel or changing
``LOCALES`` (a test compares the file with babel):

    python -m index.enrich.data.build_date_names

Output: ``{"babel": version, "locales": {locale: {kind: {width-context: {number: name}}}}}``
for kind ``month`` and ``day``, width ``wide``/``abbreviated``, context
``format``/``stand-alone``, in babel's order (where two numbers fold to one name, the first
one wins).
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).with_name("date_names.json")


def build() -> dict:
    import babel

    from index.enrich.date_tables import LOCALES, babel_names

    return {"babel": babel.__version__, "locales": {loc: babel_names(loc) for loc in LOCALES}}


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n",
                   encoding="utf-8")
    print(f"wrote {OUT}")
