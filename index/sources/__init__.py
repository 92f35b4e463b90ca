"""Input formats: find article files under paths and read each into RawArticles.

One module per format; this module only finds files and dispatches on the extension (and,
for ``.xml``, on the content). Readers raise ``SourceError`` for a file they cannot read at
all, and yield ``EntryError`` for one bad entry of a multi-article file. A compressed file
is dispatched on the extension inside (``wire.jsonl.gz`` is JSON Lines), a zip archive's
members each on their own (``packed``); web archives are streamed (``warc``).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..models import RawArticle
from ..sanitize import clean
from .encoding import decode
from .errors import EntryError, SourceError
from .feed import looks_like_feed, read_feed
from .html import read_html
from .jsonfmt import read_json, read_jsonl
from .markdown import read_markdown
from .packed import COMPRESSIONS, Cut, decompress, member_folder, zip_members
from .plaintext import read_text

__all__ = ["EntryError", "SourceError", "EXTENSIONS", "COMPRESSIONS", "discover", "read_file",
           "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "check_size", "kind", "readable", "is_warc"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger files are refused, with a message, rather than read into memory; so is content
decompressed past it (a compressed file, the members of a zip archive together). Web
archives are streamed a record at a time, and have no limit."""
MAX_TEXT_CHARS = 1_000_000
"""An article's text is cut here (about 500 printed pages), and the summary says so."""

Reader = Callable[[str, str, str], Iterable["RawArticle | EntryError"]]
_TEXT_READERS: dict[str, Reader] = {
    "txt": read_text, "text": read_text,
    "md": read_markdown, "markdown": read_markdown,
    "json": read_json, "jsonl": read_jsonl, "ndjson": read_jsonl,
    "html": read_html, "htm": read_html,
}
_FEEDS = {"xml", "rss", "atom"}
WARC = "warc"
ZIP = "zip"
EXTENSIONS = frozenset(_TEXT_READERS) | _FEEDS | {WARC, ZIP}
"""The formats read; each may also come compressed (COMPRESSIONS), but for web archives
only gzip (``.warc.gz``), and a zip archive not at all."""
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
    if fmt == WARC:
        return packed in (None, "gz")
    return fmt in EXTENSIONS and not (fmt == ZIP and packed)


def is_warc(name: str | Path) -> bool:
    return readable(name) and kind(name)[0] == WARC


def type_of(name: str | Path) -> str:
    """``tsv.gz`` for ``a.tsv.gz``, ``tsv`` for ``a.tsv`` (for the summary of files left
    out)."""
    fmt, packed = kind(name)
    return f"{fmt}.{packed}" if packed and fmt else extension(name)


def _not_article(name: str) -> bool:
    return name.lower().split(".")[0] in NOT_ARTICLES


def discover(paths: Iterable[str | Path],
             skipped: Counter[str] | None = None) -> Iterator[tuple[Path, str | None]]:
    """Yield (file, problem) for every article file under ``paths``, recursively, once.

    ``problem`` is None for a file to read, else one line saying why a named path cannot be
    used. Hidden files and folders are skipped, and so are README/LICENSE-style files inside
    folders; symlinked folders are not followed (no loops). Overlapping paths (a folder and
    a file in it) give each file once. Files in folders that are of no type broadsheet reads
    are counted in ``skipped`` by extension (``.tsv``; ``""`` for none), so the user hears
    of them.
    """
    seen: set[Path] = set()
    for found in _discover(paths, skipped if skipped is not None else Counter()):
        if found[0] not in seen:
            seen.add(found[0])
            yield found


def _discover(paths: Iterable[str | Path],
              skipped: Counter[str]) -> Iterator[tuple[Path, str | None]]:
    for given in paths:
        path = Path(os.path.abspath(Path(given).expanduser()))
        if path.is_dir():
            yield from _walk(path, skipped)
        elif path.is_file():
            ok = readable(path)
            yield path, None if ok else f"unsupported file type '.{type_of(path)}'"
        elif path.is_symlink():
            yield path, "broken symbolic link"
        else:
            yield path, "no such file or folder"


def _walk(root: Path, skipped: Counter[str]) -> Iterator[tuple[Path, str | None]]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or _not_article(name):
                continue
            if not readable(name):
                skipped[type_of(name)] += 1
                continue
            path = Path(folder, name)
            if path.is_file():
                yield path, None
            elif path.is_symlink():
                yield path, "broken symbolic link"
        yield from _drain(errors, root)
    yield from _drain(errors, root)  # a folder walked last fails after the loop's last turn


def _drain(errors: list[OSError], root: Path) -> Iterator[tuple[Path, str | None]]:
    while errors:
        exc = errors.pop(0)
        yield Path(exc.filename or root), f"cannot read folder: {exc.strerror}"


def check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise SourceError(f"file is {size // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB")


def read_file(path: Path, data: bytes | None = None) -> Iterator[RawArticle | EntryError]:
    """Read one file (whose bytes the caller may have read already) into articles. Raises
    SourceError (or OSError) for an unreadable file."""
    if is_warc(path) and data is None:
        from .warc import read_warc

        with open(path, "rb") as stream:
            yield from read_warc(str(path), stream, kind(path)[1] == "gz")
        return
    if data is None:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    yield from read_bytes(str(path), path.name, data)


def read_bytes(shown: str, name: str, data: bytes) -> Iterator[RawArticle | EntryError]:
    """Read the content of a file named ``name`` (or of a zip member), shown as ``shown``."""
    fmt, packed = kind(name)
    if not data.strip():
        raise SourceError("empty file")
    if fmt == WARC:
        from .warc import read_warc

        yield from read_warc(shown, io.BytesIO(data), packed == "gz")
        return
    cut = None
    if packed:
        try:
            data = decompress(data, packed, MAX_FILE_BYTES)
        except Cut as exc:
            data, cut = exc.data, exc
        if not data.strip() and cut is None:
            raise SourceError(f"empty {COMPRESSIONS[packed]} content")
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


def _read_zip(shown: str, data: bytes) -> Iterator[RawArticle | EntryError]:
    no_zip = lambda name: readable(name) and kind(name)[0] != ZIP  # noqa: E731
    for member in zip_members(shown, data, no_zip, _not_article, MAX_FILE_BYTES):
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
    if fmt in _FEEDS:
        text, _ = decode(data)
        if not looks_like_feed(text):
            raise SourceError("XML file is not an RSS or Atom feed")
        items = read_feed(shown, data, fmt)
    else:
        text, _ = decode(data)
        if not text.strip():
            raise SourceError("file holds only white space")
        items = _TEXT_READERS[fmt](shown, text, fmt)
    try:
        for item in items:
            yield finish(item) if isinstance(item, RawArticle) else item
    except RecursionError:
        raise SourceError("structure nested too deeply to read") from None


def finish(article: RawArticle) -> RawArticle:
    """An article as every reader hands it on: cleaned, its text cut at MAX_TEXT_CHARS."""
    return _truncated(_cleaned(article))


def _cleaned(article: RawArticle) -> RawArticle:
    """No control characters or lone surrogates in anything shown or indexed."""
    return replace(article, text=clean(article.text) or "", title=clean(article.title),
                   source=clean(article.source), author=clean(article.author),
                   url=clean(article.url), entry=clean(article.entry))


def _truncated(article: RawArticle) -> RawArticle:
    if len(article.text) <= MAX_TEXT_CHARS:
        return article
    note = f"text cut to its first {MAX_TEXT_CHARS:,} of {len(article.text):,} characters"
    return replace(article, text=article.text[:MAX_TEXT_CHARS], notes=article.notes + (note,))
