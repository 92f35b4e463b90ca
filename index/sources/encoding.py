"""Bytes -> text: UTF-8 first, UTF-16 with a BOM, else a detector; always NFC."""

from __future__ import annotations

import codecs
import unicodedata

from .errors import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 kB (without a UTF-16/32 BOM) mean this is no text file."""
    head = data[:8192]
    return b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS)


DETECT_BYTES = 1 << 20
"""A file that is not UTF-8 has its encoding guessed from this many of its first bytes: a
guess over 100 MB cost more memory than the text it decoded."""


def decode(data: bytes, limit: int | None = None) -> tuple[str, str]:
    """Decode file contents; returns (NFC text, encoding used). Raises SourceError.

    With ``limit``, only the first ``limit`` bytes are decoded, as a stream decoder reads
    them: a character cut at the limit is left out, and the rest is never decoded (a file
    of one article needs no more than its text limit)."""
    final = limit is None or len(data) <= limit
    head = data if final else data[:limit]
    for bom, name in _BOMS:
        if head.startswith(bom):
            try:
                return _nfc(_decoded(head, name, final)), name
            except UnicodeDecodeError as exc:
                reason = f"invalid {name} after its byte-order mark ({exc.reason})"
                raise SourceError(reason) from None
    if looks_binary(head):
        raise SourceError("binary file, not text")
    try:
        return _nfc(_decoded(head, "utf-8", final)), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(head[:DETECT_BYTES]).best()
    if best is None:
        raise SourceError("unknown text encoding (not UTF-8, and no encoding fits)")
    # A byte past the sample that the guessed encoding has no character for: U+FFFD.
    return _nfc(_decoded(head, best.encoding, final, errors="replace")), best.encoding


def _decoded(data: bytes, encoding: str, final: bool, errors: str = "strict") -> str:
    if final:
        return data.decode(encoding, errors)
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=False)


def _nfc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
