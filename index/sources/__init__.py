"""Input formats: find article files under paths and read each into RawArticles.

One module per format; this module only finds files and dispatches on the extension (and,
for ``.xml``, on the content). Readers raise ``SourceError`` for a file they cannot read at
all, and yield ``EntryError`` for one bad entry of a multi-article file.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..models import RawArticle
from ..sanitize import clean
from .encoding import decode
from .errors import EntryError, SourceError
from .feed import read_feed
from .html import read_html
from .jsonfmt import read_json, read_jsonl
from .markdown import read_markdown
from .plaintext import read_text

__all__ = ["EntryError", "SourceError", "EXTENSIONS", "discover", "read_file",
           "MAX_FILE_BYTES", "MAX_TEXT_CHARS", "check_size"]

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Larger files are refused, with a message, rather than read into memory."""
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
EXTENSIONS = frozenset(_TEXT_READERS) | _FEEDS
NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing", "copying")
"""Documentation beside the articles in a folder; still read when named on its own."""


def extension(path: str | Path) -> str:
    """``txt`` for ``a/b.TXT`` (what ``Path.suffix`` says, without building a Path: this
    runs for every file of a folder)."""
    return os.path.splitext(path)[1].lower().lstrip(".")


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
            ok = extension(path) in EXTENSIONS
            yield path, None if ok else f"unsupported file type '.{extension(path)}'"
        elif path.is_symlink():
            yield path, "broken symbolic link"
        else:
            yield path, "no such file or folder"


def _walk(root: Path, skipped: Counter[str]) -> Iterator[tuple[Path, str | None]]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.lower().split(".")[0] in NOT_ARTICLES:
                continue
            if extension(name) not in EXTENSIONS:
                skipped[extension(name)] += 1
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
    if data is None:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    if not data.strip():
        raise SourceError("empty file")
    ext = extension(path)
    if ext in _FEEDS:  # the feed reader decodes XML the way XML says, and refuses non-feeds
        items = read_feed(str(path), data, ext)
    else:
        text, _ = decode(data)
        if not text.strip():
            raise SourceError("file holds only white space")
        items = _TEXT_READERS[ext](str(path), text, ext)
    try:
        for item in items:
            yield _truncated(_cleaned(item)) if isinstance(item, RawArticle) else item
    except RecursionError:
        raise SourceError("structure nested too deeply to read") from None


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
