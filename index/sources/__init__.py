"""Input formats: find article files under paths and read each into RawArticles.

One module per format; this module only finds files and dispatches on the extension (and,
for ``.xml``, on the content). Readers raise ``SourceError`` for a file they cannot read at
all, and yield ``EntryError`` for one bad entry of a multi-article file. Whatever else goes
wrong while one file is read becomes that file's ``SourceError`` here (``read_file``): one
hostile value costs its file, never the run. A compressed file is dispatched on the
extension inside (``wire.jsonl.gz`` is JSON Lines), a zip archive's members each on their
own (``packed``); web archives are streamed (``warc``).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..models import RawArticle
from ..sanitize import clean, language_code, one_line, printable
from .encoding import decode, decode_lines
from .errors import EntryError, SourceError, describe
from .feed import read_feed
from .html import read_html
from .jsonfmt import read_json, read_jsonl, read_jsonl_lines
from .markdown import read_markdown
from .packed import COMPRESSIONS, Cut, decompress, member_folder, zip_members
from .plaintext import read_text
from .table import read_table, read_table_text

__all__ = ["EntryError", "SourceError", "EXTENSIONS", "COMPRESSIONS", "discover", "read_file",
           "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "HEAD_BYTES", "WHOLE_BYTES", "check_size", "kind",
           "readable", "is_warc"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger files are refused, with a message, rather than read into memory; so is content
decompressed past it (a compressed file, the members of a zip archive together). Web
archives are streamed a record at a time, and have no limit."""
MAX_TEXT_CHARS = 1_000_000
"""An article's text is cut here (about 500 printed pages), and the summary says so."""
HEAD_BYTES = {"txt": 8 << 20, "text": 8 << 20, "md": 8 << 20, "markdown": 8 << 20,
              "html": 8 << 20, "htm": 8 << 20}
"""A file of one article is decoded and parsed up to this many bytes, and the summary says
so: its text is cut at MAX_TEXT_CHARS anyway (4 MB at most in UTF-8). Decoding all of a
100 MB text took 550 MB; parsing a 60 MB page, 1.45 GB and 90 s (8 MB: 240 MB, 3 s)."""
WHOLE_BYTES = {"json": 64 << 20, "jsonl": 64 << 20, "ndjson": 64 << 20,
               "csv": 64 << 20, "tsv": 64 << 20,
               "xml": 64 << 20, "rss": 64 << 20, "atom": 64 << 20}
"""A file of many articles is read whole, every article kept until its batch is written:
larger ones are refused (split them). A 64 MB JSONL file (61,209 articles) peaked at 470 MB
in the indexer, and each worker at ~390 MB, as for any batch of that many articles."""

Reader = Callable[[str, str, str], Iterable["RawArticle | EntryError"]]
_TEXT_READERS: dict[str, Reader] = {
    "txt": read_text, "text": read_text,
    "md": read_markdown, "markdown": read_markdown,
    "json": read_json, "jsonl": read_jsonl, "ndjson": read_jsonl,
    "html": read_html, "htm": read_html,
    "csv": read_table_text, "tsv": read_table_text,
}
_LINE_READERS: dict[str, Callable[[str, Iterable[str], str],
                                  Iterable[RawArticle | EntryError]]] = {
    "jsonl": read_jsonl_lines, "ndjson": read_jsonl_lines,
    "csv": read_table, "tsv": read_table,
}
"""Formats read from their lines as they are decoded (``encoding.decode_lines``): one
record a line, or a table's rows."""
_FEEDS = {"xml", "rss", "atom"}
WARC = "warc"
ZIP = "zip"
EXTENSIONS = frozenset(_TEXT_READERS) | _FEEDS | {WARC, ZIP}
"""The formats read; each may also come compressed (COMPRESSIONS), but a zip archive not
at all. (A compressed web archive is streamed too: ``warc`` decompresses it as it reads.)"""
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "copying")
"""Documentation beside the articles in a folder; still read when named on its own."""


def extension(path: str | Path) -> str:
    """``txt`` for ``a/b.TXT`` (what ``Path.suffix`` says, without building a Path: this
    runs for every file of a folder)."""
    return os.path.splitext(path)[1].lower().lstrip(".")


def kind(name: str | Path) -> tuple[str, str | None]:
    """(format, compression): ``("jsonl", "gz")`` for ``wire.jsonl.gz``, ``("txt", None)``
    for ``a.txt``."""
    ext = extension(name)
    if ext in COMPRESSIONS:
        return extension(str(name)[:-len(ext) - 1]), ext
    return ext, None


def readable(name: str | Path) -> bool:
    """Whether broadsheet reads a file of this name (by its extensions)."""
    fmt, packed = kind(name)
    return fmt in EXTENSIONS and not (fmt == ZIP and packed)


def is_warc(name: str | Path) -> bool:
    return kind(name)[0] == WARC  # compressed or not, a web archive is read


def type_of(name: str | Path) -> str:
    """``tsv.gz`` for ``a.tsv.gz``, ``tsv`` for ``a.tsv`` (for the summary of files left
    out)."""
    fmt, packed = kind(name)
    return f"{fmt}.{packed}" if packed and fmt else extension(name)


def _not_article(name: str) -> bool:
    return name.lower().split(".")[0] in NOT_ARTICLES


def discover(paths: Iterable[str | Path],
             skipped: Counter[str] | None = None) -> Iterator[tuple[str, str | None]]:
    """Yield (file, problem) for every article file under ``paths``, recursively, once:
    its absolute path as a string (no ``Path`` a file: a run over 150,000 unchanged files
    spent a third of its time making them).

    ``problem`` is None for a file to read, else one line saying why a named path cannot be
    used. Hidden files and folders are skipped, and so are README/LICENSE-style files inside
    folders; symlinked folders are not followed (no loops). Overlapping paths (a folder and
    a file in it) give each file once. Files in folders that are of no type broadsheet reads
    are counted in ``skipped`` by extension (``.tsv``; ``""`` for none), so the user hears
    of them.
    """
    seen: set[str] = set()
    for found in _discover(paths, skipped if skipped is not None else Counter()):
        if found[0] not in seen:
            seen.add(found[0])
            yield found


def _discover(paths: Iterable[str | Path],
              skipped: Counter[str]) -> Iterator[tuple[str, str | None]]:
    for given in paths:
        path = os.path.abspath(os.path.expanduser(given))
        if os.path.isdir(path):
            yield from _walk(path, skipped)
        elif os.path.isfile(path):
            ok = readable(path)
            yield path, None if ok else f"unsupported file type '.{type_of(path)}'"
        elif os.path.islink(path):
            yield path, "broken symbolic link"
        else:
            yield path, "no such file or folder"


def _walk(root: str, skipped: Counter[str]) -> Iterator[tuple[str, str | None]]:
    """A folder's files, then each of its folders' in turn (by name): what ``os.walk``
    gives, from ``os.scandir``'s entries, whose type the folder listing itself says (no
    ``stat`` a file, but for a symbolic link). Linked folders are not followed."""
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            yield exc.filename or folder, f"cannot read folder: {exc.strerror}"
            continue
        inside: list[str] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir():
                    if not entry.is_symlink():
                        inside.append(entry.path)
                    continue
                if _not_article(name):
                    continue
                if not readable(name):
                    skipped[type_of(name)] += 1
                elif entry.is_file():
                    yield entry.path, None
                elif entry.is_symlink():
                    yield entry.path, "broken symbolic link"
            except OSError as exc:  # gone since the listing, or unreadable: as os.walk
                yield entry.path, f"cannot read: {exc.strerror}"
        folders += reversed(inside)


def check_size(size: int, ext: str = "") -> None:
    """Refuse a file too large to read (for its format: ``ext``) before reading it."""
    if size > MAX_FILE_BYTES:
        raise SourceError(f"file is {_mb(size)} MB; the limit is {_mb(MAX_FILE_BYTES)} MB")
    whole = WHOLE_BYTES.get(ext)
    if whole is not None and size > whole:
        raise SourceError(f"file is {_mb(size)} MB; a .{ext} file is read whole and the limit "
                          f"for one is {_mb(whole)} MB (split it into smaller files)")


def _mb(size: int) -> int:
    return size // 2**20


def read_file(path: Path, data: bytes | None = None) -> Iterator[RawArticle | EntryError]:
    """Read one file (whose bytes the caller may have read already) into articles. Raises
    SourceError (or OSError) for an unreadable file, whatever the parsers raised."""
    try:
        yield from _read(path, data)
    except (SourceError, OSError):
        raise
    except Exception as exc:  # a parser's error on hostile input: this file's problem
        raise SourceError(describe(exc)) from None


def _read(path: Path, data: bytes | None) -> Iterator[RawArticle | EntryError]:
    if is_warc(path) and data is None:
        from .warc import read_warc

        with open(path, "rb") as stream:
            yield from read_warc(str(path), stream, kind(path)[1])
        return
    fmt, packed = kind(path.name)
    if data is None:
        check_size(path.stat().st_size, "" if packed else fmt)
        data = path.read_bytes()
    else:
        check_size(len(data), "" if packed else fmt)
    yield from read_bytes(str(path), path.name, data)


def read_bytes(shown: str, name: str, data: bytes) -> Iterator[RawArticle | EntryError]:
    """Read the content of a file named ``name`` (or of a zip member), shown as ``shown``."""
    fmt, packed = kind(name)
    if not data.strip():
        raise SourceError("empty file")
    if fmt == WARC:
        from .warc import read_warc

        yield from read_warc(shown, io.BytesIO(data), packed)
        return
    cut = None
    if packed:
        try:
            data = decompress(data, packed, MAX_FILE_BYTES)
        except Cut as exc:
            data, cut = exc.data, exc
        if not data.strip() and cut is None:
            raise SourceError(f"empty {COMPRESSIONS[packed]} content")
        check_size(len(data), fmt)  # what is read whole has its limit unpacked too
    if fmt == ZIP:
        yield from _read_zip(shown, data)
        return
    if cut is not None and fmt not in ("jsonl", "ndjson"):
        raise SourceError(cut.reason)  # one article cut short is no article
    kept = data[:data.rfind(b"\n") + 1] if cut is not None else data
    if kept.strip():
        yield from _read_document(shown, fmt, kept)
    if cut is not None:
        lines = kept.count(b"\n")
        yield EntryError(f"after line {lines}", f"{cut.reason}; the {lines} whole lines "
                         "before the cut are read")


def _readable_in_zip(name: str) -> bool:
    """A member read as a file of its own: any readable file but another zip archive."""
    return readable(name) and kind(name)[0] != ZIP


def _read_zip(shown: str, data: bytes) -> Iterator[RawArticle | EntryError]:
    for member in zip_members(shown, data, _readable_in_zip, _not_article, MAX_FILE_BYTES):
        if isinstance(member, EntryError):
            yield member
            continue
        name, inner, content = member
        try:
            for item in read_bytes(inner, name, content):
                if isinstance(item, EntryError):
                    yield EntryError(f"{name} {item.entry}", item.reason)
                elif item.source is None:
                    yield replace(item, source=member_folder(inner))
                else:
                    yield item
        except SourceError as exc:
            yield EntryError(name, str(exc))


def _read_document(shown: str, fmt: str, data: bytes) -> Iterator[RawArticle | EntryError]:
    items: Iterable[RawArticle | EntryError]
    if fmt in _FEEDS:  # the feed reader decodes XML the way XML says, and refuses non-feeds
        items = read_feed(shown, data, fmt)
    elif fmt in _LINE_READERS and (lines := decode_lines(data)) is not None:
        items = _LINE_READERS[fmt](shown, lines, fmt)  # never the whole text at once
    else:
        text, _ = decode(data, HEAD_BYTES.get(fmt))
        if not text.strip():
            raise SourceError("file holds only white space")
        items = _TEXT_READERS[fmt](shown, text, fmt)
    read = min(len(data), HEAD_BYTES.get(fmt, len(data)))
    try:
        for item in items:
            yield finish(item, read, len(data)) if isinstance(item, RawArticle) else item
    except RecursionError:
        raise SourceError("structure nested too deeply to read") from None


def finish(article: RawArticle, read: int = 0, size: int = 0) -> RawArticle:
    """An article as every reader hands it on: cleaned, its text cut at MAX_TEXT_CHARS (and
    a note when only ``read`` of its file's ``size`` bytes were read)."""
    return _truncated(_cleaned(article), read, size)


def _cleaned(article: RawArticle) -> RawArticle:
    """No control characters or lone surrogates in anything shown or indexed, no line break
    in a one-line field, and a language only if it is a language code (else detected)."""
    lang, notes = language_code(article.lang), article.notes
    if article.lang and not lang:
        notes += (f"lang '{printable(article.lang[:40])}' is not a language code; detected "
                  "the language instead",)
    return replace(article, text=clean(article.text) or "", title=one_line(article.title),
                   source=one_line(article.source), author=one_line(article.author),
                   url=one_line(article.url), entry=clean(article.entry), lang=lang,
                   notes=notes)


def _truncated(article: RawArticle, read: int, size: int) -> RawArticle:
    """The article's text cut at MAX_TEXT_CHARS, with one note saying what was left out:
    of its text, and of its file when only ``read`` of its ``size`` bytes were read."""
    said = []
    if len(article.text) > MAX_TEXT_CHARS:
        whole = f" of {len(article.text):,}" if read == size else ""
        said.append(f"text cut to its first {MAX_TEXT_CHARS:,}{whole} characters")
    if read < size:
        said.append(f"only the first {_mb(read)} MB of its {_mb(size)} MB were read")
    if not said:
        return article
    return replace(article, text=article.text[:MAX_TEXT_CHARS],
                   notes=article.notes + ("; ".join(said),))
