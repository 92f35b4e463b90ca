"""Bytes -> text, the way each format defines it; always NFC.

The order: a byte-order mark; bytes that are valid UTF-8 (a page *declared* ISO-8859-1 or
windows-1252 whose bytes are UTF-8 would otherwise show ``Ã¼`` and ``â€“``); then the
document's own declaration, ``<?xml ... encoding="..."?>`` for XML or ``<meta charset>``
in an HTML page's first 4 kB, when it fits the bytes; then a detector on the bytes
(charset-normalizer), which also overrules a declaration the bytes contradict. A file that
is UTF-8 but for a few stray bytes is read as UTF-8 with those bytes as windows-1252 (one
bad byte must not turn a whole page into Mac Roman). Text that is itself mojibake (UTF-8
read as windows-1252 before it was saved) is repaired by ftfy.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from .errors import SourceError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# XML without a byte-order mark: the first characters, '<?', tell UTF-16 and UTF-32 apart.
_XML_STARTS = (
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
)
_XML_ENCODING = re.compile(rb"\s{0,100}<\?xml\s[^>]{0,200}?encoding\s{0,10}=\s{0,10}"
                           rb"[\"']([A-Za-z][A-Za-z0-9._:-]{0,39})[\"']")
_META_CHARSET = re.compile(rb"<meta\s[^>]{0,300}?charset\s{0,10}=\s{0,10}[\"']?\s{0,10}"
                           rb"([A-Za-z][A-Za-z0-9._:-]{0,39})", re.I)
# Labels whose bytes are, in practice, those of a superset (the WHATWG encoding standard
# reads these labels so; a page saying "iso-8859-1" has windows-1252 quotes).
_SUPERSETS = {
    "iso8859_1": "cp1252", "ascii": "cp1252", "iso8859_9": "cp1254", "iso8859_11": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932",
    "big5": "big5hkscs",
}
_PRESCAN = 4096
_STRAY = "broadsheet-stray-bytes"
_MOJIBAKE_HINTS = re.compile("[ÃÂâÐÑ√][\u0080-\u02ff\u2000-\u20ff\u2200-\u22ff]")


def _stray_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8, read as windows-1252 (else Latin-1)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start:exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), exc.start + 1


codecs.register_error(_STRAY, _stray_bytes)


def looks_binary(data: bytes) -> bool:
    """NUL bytes in the first 8 kB (without a UTF-16/32 BOM) mean this is no text file."""
    head = data[:8192]
    return (b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS)
            and not any(head.startswith(start) for start, _ in _XML_STARTS))


DETECT_BYTES = 1 << 20
"""A file that is not UTF-8 has its encoding guessed from this many of its first bytes: a
guess over 100 MB cost more memory than the text it decoded."""


def decode(data: bytes, limit: int | None = None) -> tuple[str, str]:
    """Decode file contents; returns (NFC text, encoding used). Raises SourceError.

    With ``limit``, only the first ``limit`` bytes are decoded, as a stream decoder reads
    them: a character cut at the limit is left out, and the rest is never decoded (a file
    of one article needs no more than its text limit)."""
    final = limit is None or len(data) <= limit
    text, name = _decode(data if final else data[:limit], final)
    return _nfc(_repaired(text)), name


LINE_CHUNK = 1 << 20
"""``decode_lines`` checks a file this many bytes at a time (cut after a line's end)."""


def decode_lines(data: bytes) -> Iterator[str] | None:
    """``decode(data)``'s text a line at a time (its lines as ``\\n`` ends them, once
    ``decode`` made every ``\\r\\n`` and ``\\r`` one), each decoded as it is read: for a file
    of one record a line (JSONL), which then is never held whole as text besides its bytes.
    Reading a 37 MB shard of 10,000 articles took 139 MB at its peak for 41 MB kept, once
    every other batch of a million-article run. Only for what ``decode`` reads as UTF-8
    and leaves unrepaired, nearly every such file: the bytes are checked first, a chunk at
    a time; anything else is None, and ``decode`` reads it whole, as before."""
    if data.startswith(codecs.BOM_UTF8):
        skip = len(codecs.BOM_UTF8)
    elif any(data.startswith(bom) for bom, _ in _BOMS + _XML_STARTS) or looks_binary(data):
        return None
    else:
        skip = 0
    blank = True
    for start, end in _chunks(data, skip):
        try:
            text = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            return None  # decode tells stray bytes from another encoding
        if _MOJIBAKE_HINTS.search(text):
            return None  # ftfy repairs the whole text
        blank = blank and not text.strip()
    return None if blank else _lines_of(data, skip)


def text_lines(text: str) -> Iterator[str]:
    """The lines of decoded ``text`` one at a time, without their ends, as ``decode_lines``
    gives them (``splitlines`` would hold a second copy of the whole file as a list of
    lines). Only ``\\n`` ends a line: decoding made every line end one."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end]
        start = end + 1


def _chunks(data: bytes, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of pieces of ``data[start:]`` of about LINE_CHUNK bytes, each ending
    after a ``\\n`` (or at the end), which no UTF-8 character holds: each decodes alone."""
    while start < len(data):
        end = data.find(b"\n", min(start + LINE_CHUNK, len(data)) - 1)
        end = len(data) if end < 0 else end + 1
        yield start, end
        start = end


def _lines_of(data: bytes, start: int) -> Iterator[str]:
    """The lines of checked UTF-8 ``data[start:]``, as ``decode``'s text has them."""
    while start < len(data):
        end = data.find(b"\n", start)
        last = end < 0
        line = data[start:len(data) if last else end].decode("utf-8")
        if not last and line.endswith("\r"):
            line = line[:-1]  # "\\r\\n" is one line end
        pieces = _nfc(line).split("\n")  # and so is a "\\r" alone
        if last and len(pieces) > 1 and not pieces[-1]:
            pieces.pop()  # the text ends with a line end: no line after it
        yield from pieces
        if last:
            return
        start = end + 1


def _decode(data: bytes, final: bool) -> tuple[str, str]:
    for bom, name in _BOMS + _XML_STARTS:
        if data.startswith(bom):
            try:
                return _decode_as(data, name, final), name
            except UnicodeDecodeError as exc:
                raise SourceError(f"invalid {name} (it starts like one: {exc.reason})") from None
    if looks_binary(data):
        raise SourceError("binary file, not text")
    try:
        return _decode_as(data, "utf-8", final), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:DETECT_BYTES]
    if _mostly_utf8(sample):
        return _decode_as(data, "utf-8", final, _STRAY), "utf-8"
    text, name = _detected(sample, declared_encoding(sample))
    if len(sample) == len(data) and final:
        return text, name
    # A byte past the sample that the chosen encoding has no character for: U+FFFD.
    return _decode_as(data, name, final, "replace"), name


def _decode_as(data: bytes, encoding: str, final: bool, errors: str = "strict") -> str:
    if final:
        return data.decode(encoding, errors)
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=False)


def declared_encoding(data: bytes) -> str | None:
    """The encoding the document names for itself (XML declaration, else an HTML meta
    charset in the first 4 kB: the HTML standard's 1024 bytes miss pages whose head
    starts with scripts), as a Python codec name, or None."""
    found = _XML_ENCODING.match(data, 0, 300) or _META_CHARSET.search(data, 0, _PRESCAN)
    name = canonical(found.group(1).decode("ascii")) if found else None
    if name is None or name.startswith(("utf_16", "utf_32")):  # UTF-16 here is a wrong label
        return None
    return name


def canonical(label: str) -> str | None:
    """One name per encoding (``ISO-8859-1``, ``latin_1`` -> ``cp1252``), or None."""
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 sequences outnumber bytes that are not UTF-8 four to one."""
    text = data.decode("utf-8", "surrogateescape")  # a stray byte becomes U+DC80..U+DCFF
    bad = sum(1 for char in text if "\udc80" <= char <= "\udcff")
    good = sum(1 for char in text if char >= "\u0080") - bad
    return good >= 4 * bad


def _detected(data: bytes, declared: str | None) -> tuple[str, str]:
    """The declared encoding if it reads the bytes and the detector, asked without being
    shown the declaration, finds it as fitting as its own choice; else the detector's
    choice (a page that names one encoding and is in another)."""
    from charset_normalizer import from_bytes  # only for the rare non-UTF-8 file

    matches = list(from_bytes(data, preemptive_behaviour=False))
    best = matches[0] if matches else None
    declared_text = _decoded(data, declared) if declared else None
    if declared and declared_text is not None:
        if best is None or declared_text == str(best) or _as_good(declared, matches, best):
            return declared_text, declared
    if best is None:
        raise SourceError("unknown text encoding (not UTF-8, and no encoding fits)")
    return str(best), best.encoding


def _decoded(data: bytes, name: str) -> str | None:
    try:
        return data.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def _as_good(declared: str, matches: list[Any], best: Any) -> bool:
    """The detector scored the declared encoding no worse than its best: as little noise
    (chaos), as much like a language (coherence)."""
    for match in matches:
        if declared in {canonical(name) for name in (match.encoding,
                                                     *match.could_be_from_charset)}:
            return (match.chaos <= best.chaos + 0.01
                    and match.coherence >= best.coherence - 0.01)
    return False


def _repaired(text: str) -> str:
    """Undo mojibake already in the text (``MÃ¼nchen``, ``â€“``, ``Informaci√≥n``): only
    where its telltale pairs occur, and by ftfy, which leaves real text alone."""
    if not _MOJIBAKE_HINTS.search(text):
        return text
    import ftfy

    return ftfy.fix_encoding(text)


def _nfc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)
