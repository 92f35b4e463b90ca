"""Import Whoosh without what a search never uses.

- ``whoosh.compat`` imports ``urllib.request.urlretrieve`` (pulling in http.client, email
  and ssl: ~25 ms, a tenth of a one-shot search) for a helper broadsheet never calls, and
  ``html.escape`` (``html`` loads its table of entities: ~1 ms) and ``queue`` for
  Whoosh's HTML highlighter and multiprocessing writer, which broadsheet does not use.
  Stand-in modules take their places for that one import (each reaching for the real
  module if ever used), then are taken out again, so a later import gets the real one.
- ``whoosh.query.terms`` imports ``whoosh.lang.morph_en``, which compiles hundreds of
  English inflection regexes at import (~19 ms) for the ``Variations`` query, which
  broadsheet never builds. A stand-in loads the real module on first use.
- ``whoosh.analysis`` imports the Porter stemmer (13 regexes compiled at import) and the
  double metaphone for analyzers broadsheet's schema does not use; stand-ins load them on
  first use, the same way (~3 ms of a one-shot search's start, ``python -X importtime``,
  measured once).
- ``whoosh.lang.snowball`` imports the stemmers of all its 14 languages at once, and
  ``whoosh.lang.stemmer_for_language`` imports the package for one of them: a search in a
  library of English articles loaded thirteen it never used (~2 ms of a one-shot search's
  start, ``python -X importtime``, the least of 15 runs). A stand-in package, left in place,
  has the same ``classes`` table and class names, each imported on first use.
- ``whoosh.filedb.filetables`` imports ``hashlib`` for ``md5`` (its term tables' hash),
  and ``hashlib`` loads OpenSSL (~2 ms). It gets Python's own MD5 (``_md5``: the same
  digests), through a stand-in ``hashlib`` taken out again at once, as ``urllib.request``.

- ``whoosh.util``, ``whoosh.util.cache`` and ``whoosh.classify`` import ``random``,
  ``whoosh.filedb.filestore`` ``tempfile`` (which imports ``shutil``, ``bz2``, ``lzma`` and
  ``random`` again), ``whoosh.filedb.compound`` ``shutil`` and ``whoosh.util.times``
  ``calendar``, each for functions a search never calls (random file names, temporary
  storage, copying, date arithmetic): ~5 ms of a one-shot search's start together
  (``tempfile`` 3.6-4.4 ms, ``calendar`` 1.3-1.9 ms: each import timed in fresh processes,
  an ad-hoc script). Each gets a stand-in reaching for the real module when used.

These stand-ins are in place while the Whoosh modules that import them (``STOOD_IN``) are
imported here, then taken out again: any later import gets the real module.

Both figures are import times (``python -X importtime``), measured once. ``python -m
benchmarks.run --profile`` writes that list for a ``broadsheet search`` process
(``profiles/search-CORPUS-importtime.txt``), and the one-shot row '… no resident reader (ms)'
of ``python -m benchmarks.run`` pays them.
"""

from __future__ import annotations

import sys
import types

from .._lean_stdlib import deferred, real_attribute, stood_in


def _urlretrieve(*args, **kwargs):  # pragma: no cover - never called by broadsheet
    raise RuntimeError("broadsheet does not download anything")


LAZY = {"whoosh.lang.morph_en": "variations", "whoosh.lang.porter": "stem",
        "whoosh.lang.dmetaphone": "double_metaphone"}
"""Whoosh modules whose one function Whoosh's own modules import, loaded on its first call."""


def _lazy(module: str, name: str) -> None:
    def function(*args, **kwargs):  # pragma: no cover - broadsheet calls none of them
        if sys.modules.get(module) is stand_in:
            del sys.modules[module]
        import importlib

        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    stand_in = types.ModuleType(module)
    setattr(stand_in, name, function)
    sys.modules[module] = stand_in


if "whoosh.lang.morph_en" not in sys.modules:
    import whoosh.lang  # noqa: F401

    for _module, _name in LAZY.items():
        if _module not in sys.modules:
            _lazy(_module, _name)

SNOWBALL = {"da": ("danish", "DanishStemmer"), "nl": ("dutch", "DutchStemmer"),
            "en": ("english", "EnglishStemmer"), "fi": ("finnish", "FinnishStemmer"),
            "fr": ("french", "FrenchStemmer"), "de": ("german", "GermanStemmer"),
            "hu": ("hungarian", "HungarianStemmer"), "it": ("italian", "ItalianStemmer"),
            "no": ("norwegian", "NorwegianStemmer"), "pt": ("portugese", "PortugueseStemmer"),
            "ro": ("romanian", "RomanianStemmer"), "ru": ("russian", "RussianStemmer"),
            "es": ("spanish", "SpanishStemmer"), "sv": ("swedish", "SwedishStemmer")}
"""``whoosh.lang.snowball.classes`` (Whoosh 2.7.4): language code -> (module, class)."""


def _snowball_class(code: str) -> type:
    import importlib

    module, name = SNOWBALL[code]
    return getattr(importlib.import_module(f"whoosh.lang.snowball.{module}"), name)


class _SnowballClasses(dict):
    """``classes`` of the stand-in package: its keys at once, a class when looked up."""

    def __getitem__(self, code: str) -> type:
        return _snowball_class(code)

    def get(self, code, default=None):
        return _snowball_class(code) if code in self else default

    def values(self):  # type: ignore[override]
        return [_snowball_class(code) for code in self]

    def items(self):  # type: ignore[override]
        return [(code, _snowball_class(code)) for code in self]


def _snowball_package() -> None:
    import importlib.util

    spec = importlib.util.find_spec("whoosh.lang.snowball")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return
    package = types.ModuleType("whoosh.lang.snowball", "Whoosh's snowball stemmers, each "
                               "imported on first use (broadsheet's stand-in).")
    package.__path__ = list(spec.submodule_search_locations)
    package.__package__ = "whoosh.lang.snowball"
    package.__spec__ = spec
    package.classes = _SnowballClasses.fromkeys(SNOWBALL)  # type: ignore[attr-defined]
    by_name = {name: code for code, (_, name) in SNOWBALL.items()}

    def attribute(name: str) -> type:
        if name in by_name:
            return _snowball_class(by_name[name])
        raise AttributeError(name)

    package.__getattr__ = attribute  # type: ignore[method-assign]
    sys.modules["whoosh.lang.snowball"] = package
    whoosh.lang.snowball = package  # type: ignore[attr-defined]


if "whoosh.lang.snowball" not in sys.modules:
    import whoosh.lang

    _snowball_package()


def _md5_only():
    """A stand-in ``hashlib``: Python's own MD5, anything else from the real module."""
    try:
        from _md5 import md5  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - a Python built without it: hashlib's then
        return None
    return {"md5": md5, "__getattr__": real_attribute("hashlib")}


STOOD_IN = ("whoosh.compat", "whoosh.filedb.filetables", "whoosh.util", "whoosh.util.cache",
            "whoosh.filedb.filestore", "whoosh.filedb.compound", "whoosh.classify")
"""The Whoosh modules imported here, with the stand-ins in place, for their imports of the
modules that ``_stand_ins`` names."""


def _stand_ins() -> dict[str, dict]:
    md5 = _md5_only()
    return {"urllib.request": {"urlretrieve": _urlretrieve},
            "html": {"escape": deferred("html", "escape")},
            "queue": {"__getattr__": real_attribute("queue")},
            "random": {"__getattr__": real_attribute("random")},
            "tempfile": {"__getattr__": real_attribute("tempfile")},
            "calendar": {"__getattr__": real_attribute("calendar")},
            # ``from shutil import copyfileobj``: a function that imports it when called
            "shutil": {"copyfileobj": deferred("shutil", "copyfileobj")},
            **({"hashlib": md5} if md5 is not None else {})}


if not any(m in sys.modules for m in STOOD_IN):
    stood_in(_stand_ins(), STOOD_IN)
