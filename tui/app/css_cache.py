"""Textual's parsed CSS, kept between runs.

At every start Textual parses the app's stylesheet and the ``DEFAULT_CSS`` of each widget
class it mounts: 14 sources at broadsheet's first screen, 9-15 ms of its start (timed by
wrapping ``Stylesheet._parse_rules`` in the app started in tmux). Read back from this
cache they take 2.0-3.8 ms, the file's read and the keys included.

``install`` wraps ``Stylesheet._parse_rules``: a source parsed before, with the same
theme variables, under the same Textual, is read back from the user's cache folder (the
one ``index._code_cache`` keeps compiled code in); anything else is parsed as before and
kept. Rules with errors are never kept, so a broken stylesheet still says what is wrong.
The file is written when the search screen mounts, before its first frame (a start ended
at that frame, as a benchmark's is, keeps it too), and with the compiled code once the
start is over and at exit (``tui.startup.save_compiled``), for what later screens parse.

The key is everything the parse depends on: the CSS text, where it was read from, its
defaults flag, tie breaker and scope, and the theme's variables (their CRC-32, Adler-32 and
length); each entry holds its whole key and is used only when the key is the same. The
file is also marked with the Textual that parsed it (the size and modification time of its
CSS modules): an upgrade, or an edit, starts afresh.

Unpickling runs code, so the file is read only when its folder and the file belong to
this user and no one else can write them (``index._code_cache.owned_privately``).
Anything wrong with the file leaves every source parsed, never an error.
"""

from __future__ import annotations

import atexit
import os
import pickle
import zlib
from typing import Any

from index._code_cache import entries, folder, read_privately, write_privately

FORMAT = 1
"""In the file's name: a change to what the file holds starts a new file."""
LIMIT = 200
"""Entries kept at most: past it, the file keeps those this process used."""

_kept: dict[int, bytes] | None = None  # read at the first parse
_used: set[int] = set()
_new = False
_textual: tuple | None = None
_digested: tuple[dict, tuple[int, int, int]] | None = None


def path() -> str:
    return os.path.join(folder(), f"textual-css-{FORMAT}.pickle")


def install() -> None:
    """Wrap ``Stylesheet._parse_rules`` (once)."""
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    if getattr(parse_rules, "kept_between_runs", False):
        return

    def _parse_rules(self, css: str, read_from: Any, is_default_rules: bool = False,
                     tie_breaker: int = 0, scope: str = "") -> list:
        source = (css, read_from, is_default_rules, tie_breaker, scope)
        cached = self._parse_cache.get(source)
        if cached is not None:  # parsed by this stylesheet already: as Textual would
            return cached
        key = repr((*source, _variables_digest(self._variables)))
        crc = zlib.crc32(key.encode("utf-8", "surrogatepass"))
        rules = _load(key, crc)
        if rules is None:
            rules = parse_rules(self, *source)
            if not any(rule.errors for rule in rules):
                _keep(key, crc, rules)
        else:
            self._parse_cache[source] = rules
        return rules

    _parse_rules.kept_between_runs = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    atexit.register(save)


def _fingerprint() -> tuple:
    """Textual as installed: the size and modification time of the modules that parse
    CSS and make its values."""
    global _textual
    if _textual is None:
        import textual.css

        where = os.path.dirname(textual.css.__file__)
        found = []
        for name in sorted(os.listdir(where)):
            if name.endswith(".py"):
                st = os.stat(os.path.join(where, name))
                found.append((name, st.st_size, st.st_mtime_ns))
        st = os.stat(os.path.join(os.path.dirname(where), "color.py"))
        _textual = (*found, ("color.py", st.st_size, st.st_mtime_ns))
    return _textual


def _variables_digest(variables: dict[str, str]) -> tuple[int, int, int]:
    """The theme's variables as a key part: the CRC-32, Adler-32 and length of their text
    (~6 KB in every entry otherwise). Worked out once for each dict of them: a stylesheet
    is given a new one when they change (``set_variables``), never changes one in place
    (its own tokens of them are cached the same way)."""
    global _digested
    if _digested is None or _digested[0] is not variables:
        data = repr(sorted(variables.items())).encode("utf-8", "surrogatepass")
        _digested = variables, (zlib.crc32(data), zlib.adler32(data), len(data))
    return _digested[1]


def _load(key: str, crc: int) -> list | None:
    """The rules kept under ``key`` (whose CRC-32 is ``crc``), or None."""
    global _kept
    if _kept is None:
        _kept = _read()
    entry = _kept.get(crc)
    if entry is None:
        return None
    try:
        kept_key, rules = pickle.loads(entry)
    except Exception:  # damaged, or made by classes that changed: parse
        return None
    if kept_key != key or type(rules) is not list:
        return None
    _used.add(crc)
    return rules


def _keep(key: str, crc: int, rules: list) -> None:
    """Keep ``rules`` under ``key`` (after ``_load`` read the file)."""
    global _new
    try:
        entry = pickle.dumps((key, rules), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be pickled: parsed at every start, as before
        return
    assert _kept is not None
    _kept[crc] = entry
    _used.add(crc)
    _new = True


def _read() -> dict[int, bytes]:
    found = read_privately(path(), pickle.load)
    if type(found) is not tuple or len(found) != 2 or found[0] != _fingerprint():
        return {}  # missing, damaged, or another Textual's: parse everything
    return entries(found[1])


def save() -> None:
    """Write the file if this process parsed sources it did not hold. Quietly does nothing
    where it cannot."""
    global _new
    if not _new or _kept is None:
        return
    kept = _kept if len(_kept) <= LIMIT else {k: _kept[k] for k in _used}
    _new = False
    write_privately(path(), lambda f: pickle.dump((_fingerprint(), kept), f,
                                                  protocol=pickle.HIGHEST_PROTOCOL))
