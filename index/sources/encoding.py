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


def decode(data: bytes) -> tuple[str, str]:
    """Decode file contents; returns (NFC text, encoding used). Raises SourceError."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _nfc(data.decode(name)), name
            except UnicodeDecodeError as exc:
                reason = f"invalid {name} after its byte-order mark ({exc.reason})"
                raise SourceError(reason) from None
    if looks_binary(data):
        raise SourceError("binary file, not text")
    try:
        return _nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    best = from_bytes(data).best()
    if best is None:
        raise SourceError("unknown text encoding (not UTF-8, and no encoding fits)")
    return _nfc(str(best)), best.encoding


def _nfc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
