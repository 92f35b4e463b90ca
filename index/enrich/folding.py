"""Case- and accent-folding for gazetteer lookups, with a map back to original offsets.

Every key of the country gazetteer and every text it scans is folded the same way: casefold,
NFKD accents stripped, ``ß`` -> ``ss``, a few letters NFKD leaves alone (``ł``, ``ø``) mapped to
their base letter, Arabic letter variants merged. Folding may change a text's length (``ß``,
decomposed accents), so ``fold_with_offsets`` also says where each folded character came from.
"""

from __future__ import annotations

import re
import unicodedata

# Characters NFKD leaves alone that readers still expect to match their base letter.
_EXTRA_FOLD = {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ħ": "h", "ŀ": "l", "’": "'", "ʼ": "'",
               "‘": "'", "`": "'", "\n": " ", "\t": " ", "\r": " ", "\xad": "", "ـ": "",
               "ة": "ه", "ى": "ي", "–": "-", "‑": "-"}
_NO_SPACE_SCRIPTS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x2E80, 0x9FFF),
                     (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F))


def _fold_char(char: str) -> str:
    """One character, folded the way every gazetteer key is folded."""
    if char in _EXTRA_FOLD:
        return _EXTRA_FOLD[char]
    if "\uac00" <= char <= "\ud7af":  # Hangul syllables: NFKD would split them into jamo
        return char
    out = []
    for part in unicodedata.normalize("NFKD", char.casefold()):
        if not unicodedata.combining(part):
            out.append(_EXTRA_FOLD.get(part, part))
    return "".join(out)


class _FoldTable(dict):
    """A ``str.translate`` table that folds each new character once and remembers it."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: set[str] = set()  # characters whose fold is not exactly one character

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        if len(folded) != 1:
            self.irregular.add(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Case- and accent-folded text (``Saudiarabiens`` and ``SAUDIARABIENS`` fold alike)."""
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, when folding changed lengths, each folded char's original index.

    The common case (no ß, no decomposed accents) needs no map: offsets are the same.
    """
    folded = text.translate(_TABLE)
    irregular = [c for c in _TABLE.irregular if c in text]
    if not irregular:
        return folded, None
    origin: list[int] = []
    pos = 0
    for match in re.finditer("|".join(map(re.escape, irregular)), text):
        origin.extend(range(pos, match.start()))
        origin.extend([match.start()] * len(_TABLE[ord(match.group())]))
        pos = match.end()
    origin.extend(range(pos, len(text)))
    return folded, origin


def no_space_script(char: str) -> bool:
    """True for scripts written without spaces between words (CJK, Thai...): no boundaries."""
    point = ord(char)
    return any(lo <= point <= hi for lo, hi in _NO_SPACE_SCRIPTS)


ETHIOPIC = "\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f"
"""The Ethiopic script's blocks (Amharic, Tigrinya), a regex character range: a syllable a
character, no case."""


def is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"
