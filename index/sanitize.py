"""Text from files is untrusted: no control characters, no lone surrogates.

Control characters (ESC, BEL, …) in an article would reach the terminal when it is shown (a
crafted article could set the clipboard or clear the screen); lone surrogates (``\\ud800``
from JSON) cannot be encoded as UTF-8 and would fail the index writer.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str | None) -> str | None:
    """``text`` with control characters removed (tab, newline and CR kept) and lone
    surrogates replaced by U+FFFD."""
    if not text:
        return text
    if text.isascii() and text.isprintable():
        return text
    text = _CONTROL.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n\n"))
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """For one line of terminal output: control characters shown as escapes (``\\n``),
    lone surrogates (undecodable bytes in a file name) as ``\\udcxx``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape",
                   "backslashreplace").decode("ascii") for c in text)
