"""Web archives: ``.warc`` and ``.warc.gz`` (WARC 1.0 and 1.1, gzip per record or the whole
file), as Common Crawl, the Internet Archive, Heritrix or ``wget --warc-file`` write them;
also ``.warc.zst`` (a zstd frame per record, or one for all), ``.warc.bz2`` and ``.warc.xz``.

Every ``response`` record of an HTTP fetch with status 200 and an HTML content type is a
page, read exactly as an ``.html`` file is (``html.read_html``); its ``url`` is the record's
``WARC-Target-URI``, its id is keyed by its ``WARC-Record-ID`` (stable however the file is
cut or grows), and its ``WARC-Date`` is kept as ``crawled``: the time of the fetch, never
the publication date. Every other record (requests, metadata, ``warcinfo``, revisits,
images, redirects, 404s) is counted by kind, for the summary.

**The reader is FastWARC** (2.0), not warcio (1.8.1). On a WARC of 5,000 HTML pages and
their requests, written as the benchmark writes them (16 MB; 8.7 MB gzipped per record),
reading every record's block: FastWARC 0.017 s plain and 0.076 s gzipped, warcio 0.23 s
and 0.41 s (13x and 5x slower); importing it: 1.5 ms against warcio's 32 ms. Both are small
beside trafilatura's few milliseconds a page, so the choice rests on the rest: FastWARC
reads a whole-file gzip, which warcio refuses ("non-chunked gzip file"), and neither
says when a file is cut off mid-record (both hand out the record cut short). So the
decompression layer is ours (``_Inflated``): it knows where each compressed member (gzip
member, zstd frame, bzip2 or xz stream) starts in the file, which makes the end of a record
a place a later read can start from (``Page.end``, the offset the library keeps for a crawl
that is still growing), and it knows a stream that ends before its member does. A record
is whole when its block has its ``Content-Length``.

A file cut off mid-record keeps every whole record before the cut (``Scan.problem`` says
where it was cut; compressed as a whole, every record the decompressor gave out before the
cut: zstd and bzip2 give nothing of a block cut short, 128 kB and 100-900 kB); a record
that cannot be parsed is counted, never fatal. An unreadable WARC header ends the read
there, keeping what came before (FastWARC cannot skip to the next record).
"""

from __future__ import annotations

import zlib
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import IO, Any, Literal, NamedTuple

from ..models import RawArticle
from .errors import EntryError, SourceError
from .packed import COMPRESSIONS

MAX_PAGE_BYTES = 32 * 2**20
"""A page larger than this is skipped (counted as ``too large``), never read into memory."""
READ_SIZE = 1 << 20
RAW_READ = 1 << 16
"""Compressed bytes read at a time: what each member leaves unused is copied once (reading a
megabyte at a time, a 1,000-page archive's scan took 0.11 s of CPU; 64 kB: 0.064 s)."""
ZSTD_STEP = 1 << 12
HTML_TYPES = ("text/html", "application/xhtml+xml")
NO_TEXT = "no article text"
UNREADABLE = "unreadable"


class Page(NamedTuple):
    """One HTML page of a web archive, as fetched: its bytes, not yet read."""

    entry: str
    url: str | None
    crawled: datetime | None
    html: bytes
    charset: str | None
    end: int | None
    """Where in the file this record ends, when a later read may start there (None inside
    a whole-file gzip)."""


class _Member:
    """One compressed member (a gzip member, a bzip2 or xz stream, a zstd frame) being
    decompressed: ``take`` hands back at most about ``want`` bytes of its content and the
    input it did not use (kept by the caller), ``eof`` says the member ended."""

    def __init__(self, packed: str) -> None:
        self.packed = packed
        if packed == "gz":
            self.d: Any = zlib.decompressobj(wbits=31)
        elif packed == "bz2":
            import bz2

            self.d = bz2.BZ2Decompressor()
        elif packed == "xz":
            import lzma

            self.d = lzma.LZMADecompressor()
        else:
            import zstandard

            self.d = zstandard.ZstdDecompressor().decompressobj()

    @property
    def eof(self) -> bool:
        return bool(self.d.eof)

    def hungry(self) -> bool:
        """Whether it needs input for more content (bzip2 and xz keep some of theirs)."""
        return self.packed not in ("bz2", "xz") or self.d.needs_input

    def take(self, data: bytes, want: int) -> tuple[bytes, bytes]:
        d = self.d
        if self.packed == "gz":
            out = d.decompress(data, want)
            return out, d.unconsumed_tail or d.unused_data
        if self.packed in ("bz2", "xz"):
            out = d.decompress(data, max_length=want)
            return out, d.unused_data if d.eof else b""
        # zstd has no bound on what one call gives: a little input at a time (a frame of
        # zeros inflates ~30,000 times)
        out = d.decompress(data[:ZSTD_STEP])
        return out, (d.unused_data if d.eof else b"") + data[ZSTD_STEP:]


class _Inflated:
    """A file read from ``start`` (a record's start), its compressed members (gzip members,
    bzip2 or xz streams, zstd frames) decompressed one after the other; ``file_offset``
    maps a place in the decompressed stream to the file, where a member (or, for a plain
    WARC, any byte) starts there."""

    def __init__(self, raw: IO[bytes], packed: str | None, start: int) -> None:
        self.raw, self.packed, self.start = raw, packed, start
        self.out = 0  # bytes handed out
        self.into = start  # bytes of the file consumed
        self.cut = False  # the file ended inside a member
        self.broken: str | None = None
        self._member: _Member | None = None
        self._pending = b""
        self._extra = b""  # content inflated past what a read asked for (zstd's)
        self._starts: deque[tuple[int, int]] = deque([(0, start)])
        """(inflated offset, file offset) of each member start not yet asked about."""

    def file_offset(self, inflated: int) -> int | None:
        """The file offset of a place in the inflated stream, if a member starts there.
        Asked in increasing order (records come in order): earlier member starts are
        forgotten."""
        if not self.packed:
            return self.start + inflated
        while self._starts and self._starts[0][0] < inflated:
            self._starts.popleft()
        if self._starts and self._starts[0][0] == inflated:
            return self._starts[0][1]
        return None

    def tell(self) -> int:
        return self.out - len(self._extra)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def read(self, size: int = -1) -> bytes:
        if not self.packed:
            data = self.raw.read(size if size and size > 0 else READ_SIZE)
            self.out += len(data)
            return data
        want = size if size and size > 0 else READ_SIZE
        chunks, self._extra = [self._extra[:want]], self._extra[want:]
        want -= len(chunks[0])
        while want > 0 and not self.broken:
            piece = self._inflate(want)
            if piece is None:
                break
            if len(piece) > want:  # FastWARC takes no more than it asks for
                piece, self._extra = piece[:want], piece[want:]
            chunks.append(piece)
            want -= len(piece)
        return b"".join(chunks)

    def _inflate(self, want: int) -> bytes | None:
        """Some inflated bytes (b"" between members), or None at the end of the file."""
        if not self._pending and (self._member is None or self._member.hungry()):
            # a small read: what a member leaves unused is copied, once per member
            self._pending = self.raw.read(RAW_READ)
            if not self._pending:
                self.cut = self._member is not None
                return None
        if self._member is None:
            assert self.packed
            self._member = _Member(self.packed)
        before = len(self._pending)
        try:
            data, self._pending = self._member.take(self._pending, want)
        except Exception as exc:  # zlib.error, OSError, LZMAError, ZstdError, EOFError
            name = COMPRESSIONS[self.packed or "gz"]
            self.broken = f"{name} data broken at byte {self.into:,} ({exc})".splitlines()[0]
            return None
        self.into += before - len(self._pending)
        self.out += len(data)
        if self._member.eof:
            self._member = None
            self._starts.append((self.out, self.into))
        return data


class Scan:
    """The pages of a web archive read from ``start`` (0, or an offset a Page gave as its
    ``end``), in order. After the iteration: ``skipped`` counts the other records by kind,
    ``problem`` says where the file was cut off or broken (None: read to its end), and
    ``end`` is the offset after its last whole record, where a later read may start (None
    when none is known, inside a whole-file gzip)."""

    def __init__(self, stream: IO[bytes], packed: str | bool | None, start: int = 0) -> None:
        packed = "gz" if packed is True else packed or None
        if stream.seekable():
            stream.seek(start)
            if packed:  # a plain WARC named .warc.gz is read as what it is
                packed = None if stream.read(5) == b"WARC/" else packed
                stream.seek(start)
        self.stream = _Inflated(stream, packed, start)
        self.packed = packed
        self.skipped: Counter[str] = Counter()
        self.problem: tuple[str, str] | None = None
        self.end: int | None = start
        self.records = 0

    def read_to(self) -> int:
        """About how far into the file the scan has read (the bytes its reader holds
        ahead included): with the pages found so far, how many the file holds."""
        return self.stream.into if self.packed else self.stream.start + self.stream.out

    def __iter__(self) -> Iterator[Page]:
        from fastwarc.warc import ArchiveIterator

        records = iter(ArchiveIterator(self.stream,  # type: ignore[arg-type]  # file-like
                                       parse_http=False, stream_detect=False))
        held: Page | None = None  # a page is handed out once the next record says its end
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (OSError, ValueError) as exc:  # FastWARC: a header it cannot read
                if not self.records:
                    raise SourceError(f"not a readable WARC file ({exc})") from None
                at = f" near byte {self.stream.into:,}" if self.packed else ""
                self._say(f"unreadable WARC record{at} ({exc})")
                break
            position = record.stream_pos
            self.end = self.stream.file_offset(position)
            if held is not None:
                yield held._replace(end=self.end)
                held = None
            found = self._record(record)
            if found is False:
                self._say("cut off in the middle of a record" + (
                    f" at byte {self.end:,}" if self.end is not None else ""))
                return
            self.records += 1
            held = found
        end = self._finished() if self.problem is None else None
        if held is not None:  # whole: its block has its length, even if a gzip tail is cut
            yield held._replace(end=end)
        if self.problem is None:
            self.end = end
        if self.records == 0:
            raise SourceError(self.problem[1] if self.problem else
                              "not a WARC file (no WARC record in it)")

    def _finished(self) -> int | None:
        """The file offset after the last record, once the file is read to its end."""
        after = f"after record {self.records}"
        if self.stream.cut:
            name = COMPRESSIONS[self.packed or "gz"]
            self._say(f"{name} stream cut off before its end", after)
            return None
        if self.stream.broken:
            self._say(self.stream.broken, after)
            return None
        return self.stream.file_offset(self.stream.out)

    def _say(self, reason: str, entry: str | None = None) -> None:
        kept = f"; the {self.records:,} whole records before it are read" if self.records else ""
        self.problem = (entry or f"record {self.records + 1}", reason + kept)

    def _record(self, record) -> Page | Literal[False] | None:
        """The record's page; None for a record skipped (and counted); False when the
        record is cut short."""
        headers = record.headers
        length = _int(headers.get("Content-Length"))
        if length is None:
            return False
        kind = (headers.get("WARC-Type") or "unknown").strip().lower()
        ctype = (headers.get("Content-Type") or "").lower()
        target = (headers.get("WARC-Target-URI") or "").strip("<> ").lower()
        http = "application/http" in ctype or (not ctype and target.startswith("http"))
        if kind != "response" or not http or length > MAX_PAGE_BYTES:
            if record.reader.consume() < length:
                return False
            self.skipped[kind if kind != "response" else
                         "too large" if http else "not HTTP"] += 1
            return None
        block = record.reader.read()
        if len(block) < length:
            return False
        try:
            status, fields, body = _http(block)
        except ValueError:
            self.skipped[UNREADABLE] += 1
            return None
        ctype = fields.get("content-type", "").split(";")[0].strip().lower()
        if status != 200:
            self.skipped[f"status {status}"] += 1
            return None
        if ctype not in HTML_TYPES:
            self.skipped[_family(ctype)] += 1
            return None
        try:
            body = _decoded(body, fields)
        except ValueError:
            self.skipped[UNREADABLE] += 1
            return None
        from ..enrich.dates import parse_date_value

        return Page(entry=(headers.get("WARC-Record-ID") or f"offset {record.stream_pos}")
                    .strip(), url=(headers.get("WARC-Target-URI") or "").strip("<> ") or None,
                    crawled=parse_date_value(headers.get("WARC-Date")), html=body,
                    charset=_charset(fields.get("content-type", "")), end=None)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _http(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, lower-cased header fields, body) of an HTTP response. Raises ValueError."""
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    if not sep:
        raise ValueError("no end of the HTTP header")
    lines = head.decode("latin-1").splitlines()
    parts = lines[0].split(None, 2) if lines else []
    if len(parts) < 2 or not parts[0].upper().startswith("HTTP/"):
        raise ValueError("no HTTP status line")
    fields: dict[str, str] = {}
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    return int(parts[1]), fields, body


def _family(ctype: str) -> str:
    """How a skipped content type is counted: ``image`` for any image, else the type."""
    major = ctype.split("/")[0]
    if major in ("image", "video", "audio", "font"):
        return major
    return ctype or "no content type"


def _charset(ctype: str) -> str | None:
    for param in ctype.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _decoded(body: bytes, fields: dict[str, str]) -> bytes:
    """The body as the server meant it: chunked transfer and gzip, deflate or brotli
    content encoding undone (crawlers keep what the wire carried). Raises ValueError."""
    if "chunked" in fields.get("transfer-encoding", "").lower():
        body = _unchunked(body)
    for coding in reversed([c.strip().lower() for c in
                            fields.get("content-encoding", "").split(",") if c.strip()]):
        try:
            if coding in ("gzip", "x-gzip"):
                body = _inflate(body, 31)
            elif coding == "deflate":
                body = _inflate(body, 15)
            elif coding == "br":
                import brotli  # type: ignore[import-untyped]  # comes with FastWARC

                body = brotli.decompress(body)
            elif coding != "identity":
                raise ValueError(f"unknown content encoding {coding}")
        except (zlib.error, Exception) as exc:
            if isinstance(exc, ValueError):
                raise
            raise ValueError(str(exc)) from None
    return body


def _inflate(body: bytes, wbits: int) -> bytes:
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(body, MAX_PAGE_BYTES)
    if inflater.unconsumed_tail:
        raise ValueError("page too large")
    return out


def _unchunked(body: bytes) -> bytes:
    out, at = [], 0
    while at < len(body):
        line_end = body.find(b"\r\n", at)
        if line_end < 0:
            break
        size = int(body[at:line_end].split(b";")[0].strip() or b"0", 16)
        if size == 0:
            break
        out.append(body[line_end + 2:line_end + 2 + size])
        at = line_end + 2 + size + 2
    return b"".join(out)


def page_text(page: Page) -> str:
    """The page's HTML as text: as an ``.html`` file is decoded (UTF-8, a byte-order mark,
    else detected), except that a charset the server declared is believed before a guess."""
    from .encoding import _nfc, decode

    try:
        return decode(page.html)[0] if _utf8(page.html) or not page.charset \
            else _nfc(page.html.decode(page.charset))
    except (LookupError, UnicodeDecodeError):
        return decode(page.html)[0]


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def read_page(shown: str, page: Page) -> RawArticle:
    """A page as an article, read as an ``.html`` file is. Raises SourceError."""
    from . import finish
    from .html import read_html

    [raw] = read_html(shown, page_text(page), "warc")
    return finish(replace(raw, entry=page.entry, url=page.url or raw.url,
                          crawled=page.crawled))


def read_pages(shown: str, pages: list[Page]) -> tuple[list[RawArticle], Counter[str]]:
    """The articles of ``pages`` (in a worker process, for a large archive), and the pages
    that gave none, counted by why."""
    articles: list[RawArticle] = []
    skipped: Counter[str] = Counter()
    for page in pages:
        try:
            articles.append(read_page(shown, page))
        except SourceError as exc:
            skipped[NO_TEXT if "no article text" in str(exc) else UNREADABLE] += 1
        except Exception:  # a page no reader expected: it costs that page alone
            skipped[UNREADABLE] += 1
    return articles, skipped


def read_warc(shown: str, stream: IO[bytes],
              packed: str | None) -> Iterator[RawArticle | EntryError]:
    """Every page of a web archive as an article (``inspect``, a small archive in a zip);
    a cut or broken file ends with an EntryError saying where."""
    scan = Scan(stream, packed)
    found = False
    for page in scan:
        articles, _ = read_pages(shown, [page])
        found = found or bool(articles)
        yield from articles
    if scan.problem:
        yield EntryError(*scan.problem)
    elif not found:
        raise SourceError("no HTML page with an article in the web archive "
                          f"({summary(scan.skipped)})")


def summary(skipped: Counter[str]) -> str:
    """``skipped 412 records: request 200, image 12, …``"""
    total = sum(skipped.values())
    kinds = ", ".join(f"{kind} {n:,}" for kind, n in skipped.most_common())
    return f"skipped {total:,} record{'s' if total != 1 else ''}" + (f": {kinds}" if kinds
                                                                       else "")
