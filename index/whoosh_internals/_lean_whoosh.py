"""Import Whoosh without what a search never uses.

- ``whoosh.compat`` imports ``urllib.request.urlretrieve`` (pulling in http.client, email
  and ssl: ~25 ms, a tenth of a one-shot search) for a helper broadsheet never calls. A
  stand-in module takes its place for that one import, then is taken out again, so a later
  ``import urllib.request`` gets the real module.
- ``whoosh.query.terms`` imports ``whoosh.lang.morph_en``, which compiles hundreds of
  English inflection regexes at import (~19 ms) for the ``Variations`` query, which
  broadsheet never builds. A stand-in loads the real module on first use.

Both figures are import times (``python -X importtime``), measured once. ``python -m
benchmarks.run --profile`` writes that list for a ``broadsheet search`` process
(``profiles/search-CORPUS-importtime.txt``), and the one-shot row '… no resident reader (ms)'
of ``python -m benchmarks.run`` pays them.
"""

from __future__ import annotations

import sys
import types


def _urlretrieve(*args, **kwargs):  # pragma: no cover - never called by broadsheet
    raise RuntimeError("broadsheet does not download anything")


def _lazy_morph_en() -> None:
    def variations(word):  # pragma: no cover - broadsheet builds no Variations query
        del sys.modules["whoosh.lang.morph_en"]
        from whoosh.lang.morph_en import variations as real

        return real(word)

    stand_in = types.ModuleType("whoosh.lang.morph_en")
    stand_in.variations = variations  # type: ignore[attr-defined]
    sys.modules["whoosh.lang.morph_en"] = stand_in


if "whoosh.lang.morph_en" not in sys.modules:
    import whoosh.lang  # noqa: F401

    _lazy_morph_en()

if "whoosh.compat" not in sys.modules and "urllib.request" not in sys.modules:
    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        import whoosh.compat  # noqa: F401
    finally:
        del sys.modules["urllib.request"]
