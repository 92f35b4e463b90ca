"""Text from files is untrusted: no control characters, no lone surrogates.

Control characters (ESC, BEL, …) in an article would reach the terminal when it is shown: a
crafted title could set the window title (OSC 2), fill the clipboard (OSC 52), hide what
follows (SGR 8) or, with a line break, forge a result line of its own. Lone surrogates
(``\\ud800`` from JSON) cannot be encoded as UTF-8 and would fail the index writer.

Two depths. When an article is read, ``clean`` and ``one_line`` drop every control
character (a whole escape sequence, payload and all, not just its ESC) and ``language_code``
keeps only a language code, so the library holds clean values. When anything is shown —
the command line, the app — ``shown`` and ``shown_text`` turn what is left into spaces: a
library an older broadsheet wrote, a file name, or a value this module did not clean still
cannot reach the terminal. Both run in a few milliseconds per megabyte (one regex pass).
"""

from __future__ import annotations

import re
from functools import cache

# Compiled when first used: Python compiles a character class that holds a character past
# U+00FF through a table of every BMP code point, and what a command does not use it should
# not pay for (a one-shot search uses the fast paths below and ``json_safe`` alone).
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]"
_SURROGATE = r"[\ud800-\udfff]"
_INTRODUCER = r"[\x1b\x90\x98\x9b\x9d-\x9f]"
_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]{0,64}[ -/]{0,16}[@-~]"  # CSI: colours, SGR 8 conceal, cursor, erase
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    # ^ OSC, DCS, PM, APC, SOS up to their terminator: window title, clipboard, ...
    r"|\x1b[ -/]{0,4}[0-~]")  # the other escapes: ESC c (reset), ESC ( 0 (line drawing), ...
"""Escape sequences whole. Every repetition is bounded and none can run past the next ESC,
so a text of nothing but escapes is still read once (see issue 23 item 2 on patterns)."""
_ASCII_UNCLEAN = r"[\x00-\x08\x0b-\x1f\x7f]"
"""What ``clean`` changes in ASCII text: the control characters but tab and newline, and a
carriage return (an escape sequence starts with one, ESC)."""
_BREAKS = r"[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+"
_LANGUAGE = r"[a-z]{2,3}"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def clean(text: str | None) -> str | None:
    """``text`` with escape sequences and control characters removed (tab and newline kept;
    a carriage return becomes a newline) and lone surrogates replaced by U+FFFD."""
    if not text:
        return text
    if text.isascii() and (text.isprintable() or not _compiled(_ASCII_UNCLEAN).search(text)):
        return text  # most articles: one pass finds nothing to do (three did)
    if _compiled(_INTRODUCER).search(text):
        text = _compiled(_SEQUENCE).sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _compiled(_CONTROL).sub("", text.replace("\u2028", "\n").replace("\u2029", "\n\n"))
    return _compiled(_SURROGATE).sub("\ufffd", text)


def one_line(text: str | None) -> str | None:
    """``clean`` for a value shown on one line (a title, source, author or URL): line
    breaks and tabs become one space, so a title cannot forge a line of its own."""
    text = clean(text)
    if not text or text.isprintable():
        return text
    return _compiled(_BREAKS).sub(" ", text).strip() or None


def language_code(value: str | None) -> str | None:
    """A language as metadata gives it (``de``, ``en-US``, ``pt_BR``, ``FRA``, ``und``) as
    the index keeps it (``de``, ``en``, ``pt``, ``fra``, ``und``), or None when it is not a
    language code at all (``English``, a number, an escape sequence): then it is detected."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if _compiled(_LANGUAGE).fullmatch(code) else None


# -- when shown ---------------------------------------------------------------------------

_UNSHOWN = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_UNSHOWN_IN_TEXT = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
_UNSHOWN_IN_JSON = r"[\x7f-\x9f\u2028\u2029]"


def shown(text: str | None) -> str:
    """A value for one line of the terminal: each control character (line breaks, tabs and
    ESC included) as a space. The same length, so offsets into it (highlights) still hold."""
    if not text:
        return ""
    return text if text.isprintable() else _compiled(_UNSHOWN).sub(" ", text)


def shown_text(text: str | None) -> str:
    """An article's text for the terminal: newlines and tabs kept, a carriage return as a
    newline, every other control character as a space (the same length)."""
    if not text:
        return ""
    return _compiled(_UNSHOWN_IN_TEXT).sub(" ", text.replace("\r", "\n"))


def json_safe(encoded: str) -> str:
    """JSON as ``json.dumps(..., ensure_ascii=False)`` wrote it, with the controls JSON
    need not escape (DEL, the C1 controls such as CSI ``\\x9b``, U+2028/9) escaped as
    ``\\u009b``: the same data, and nothing a terminal acts on when the JSON is printed."""
    if all(line.isprintable() for line in encoded.split("\n")):
        return encoded  # those controls are all unprintable: none is here (the usual case)
    return _compiled(_UNSHOWN_IN_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def printable(text: str) -> str:
    """For one line of terminal output: control characters shown as escapes (``\\n``),
    lone surrogates (undecodable bytes in a file name) as ``\\udcxx``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape",
                   "backslashreplace").decode("ascii") for c in text)
