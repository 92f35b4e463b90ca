"""Web archives written for the tests, byte by byte: WARC 1.0 or 1.1, plain, gzipped per
record or as a whole, so each layout (and each way of cutting one) is what a test says."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

PAGE = """\
<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
{meta}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{text}</p>
<p>Officials said on the day that talks would go on next week, and that the outcome would be
published in full once every side had signed the text.</p></article>
<footer>© Example Tribune. All rights reserved.</footer></body></html>
"""


def page(title: str, text: str, lang: str = "en", meta: str = "") -> bytes:
    return PAGE.format(title=title, text=text, lang=lang, meta=meta).encode("utf-8")


def http(body: bytes, status: str = "200 OK",
         ctype: str = "text/html; charset=utf-8", headers: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
            f"{headers}\r\n").encode("latin-1") + body


def record(kind: str, uri: str | None, block: bytes, n: int, version: str = "1.1",
           ctype: str | None = None, date: str = "2026-11-20T10:00:00Z") -> bytes:
    ctype = ctype or {"response": "application/http; msgtype=response",
                      "request": "application/http; msgtype=request",
                      "warcinfo": "application/warc-fields",
                      "revisit": "application/http; msgtype=response",
                      "metadata": "application/warc-fields"}.get(kind, "text/plain")
    target = f"WARC-Target-URI: {uri}\r\n" if uri else ""
    head = (f"WARC/{version}\r\nWARC-Type: {kind}\r\n"
            f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
            f"WARC-Date: {date}\r\n{target}Content-Type: {ctype}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def response(uri: str, body: bytes, n: int, **kwargs) -> bytes:
    version = kwargs.pop("version", "1.1")
    date = kwargs.pop("date", "2026-11-20T10:00:00Z")
    return record("response", uri, http(body, **kwargs), n, version=version, date=date)


def request(uri: str, n: int) -> bytes:
    path = "/" + uri.split("/", 3)[-1]
    return record("request", uri, f"GET {path} HTTP/1.1\r\nHost: example\r\n\r\n".encode(), n)


def zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


PACK = {"gz": gzip.compress, "bz2": lambda data: bz2.compress(data, 1), "xz": lzma.compress,
        "zst": zstd}
"""bzip2 at level 1: blocks of 100 kB (a cut block yields nothing, and at 9 one is 900 kB)."""


def write(path: Path, records: list[bytes], gz: str | None = None) -> Path:
    """``gz``: None (plain), "record" (a gzip member per record) or "whole"; or
    ``<ext>-record`` / ``<ext>-whole`` for another compression (``zst-record``: a zstd frame
    per record, as the WARC zstd convention has them)."""
    pack, _, layout = (gz or "").rpartition("-") if gz and "-" in gz else ("gz", "", gz)
    if layout == "record":
        data = b"".join(PACK[pack](r) for r in records)
    elif layout == "whole":
        data = PACK[pack](b"".join(records))
    else:
        data = b"".join(records)
    path.write_bytes(data)
    return path


def suffix(gz: str | None) -> str:
    """The file name's ending for a layout of ``write``."""
    if gz is None:
        return ".warc"
    return ".warc." + (gz.rpartition("-")[0] if "-" in gz else "gz")


STORIES = [
    ("Ferry link to Norway reopens", "The ferry between Denmark and Norway sailed again on "
     "Monday after a storm had kept the ships in port for four days, the operator said."),
    ("Harvest falls short in Kazakhstan", "Farmers in Kazakhstan brought in the smallest "
     "wheat harvest in five years, and exporters warned buyers in Egypt of late deliveries."),
    ("Rail freight to China grows", "Freight trains from Poland to China carried a third more "
     "containers this year, as shippers avoided the long sea route around Africa."),
    ("Port workers vote on pay", "Dock workers in Rotterdam in the Netherlands voted on a new "
     "pay deal on Friday, a week after a strike had closed the container terminals."),
]


def crawl(n: int = 0) -> list[bytes]:
    """A small crawl: warcinfo, then for each story a request and its page, then an image,
    a 404, a revisit and a metadata record. Record ids start at ``n``."""
    out = [record("warcinfo", None, b"software: test-crawler/1.0\r\nformat: WARC 1.1\r\n", n)]
    for i, (title, text) in enumerate(STORIES):
        uri = f"https://news.example/{i}.html"
        out += [request(uri, n + 2 * i + 1), response(uri, page(title, text), n + 2 * i + 2)]
    out += [
        response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n....", n + 20,
                 ctype="image/png"),
        response("https://news.example/gone.html", page("Not found", "No such page."), n + 21,
                 status="404 Not Found"),
        record("revisit", "https://news.example/0.html", b"HTTP/1.1 200 OK\r\n\r\n", n + 22),
        record("metadata", "https://news.example/0.html", b"via: https://news.example/\r\n",
               n + 23),
    ]
    return out


def larger(pages: int = 150) -> list[bytes]:
    """``crawl()`` and ``pages`` more pages: more than one block of any compression."""
    import random

    rng = random.Random(5)
    words = ("harbour school budget council bridge road tram water power park library "
             "market tax rent clinic fire police museum port rail").split()
    out = crawl()
    for n in range(pages):
        uri = f"https://news.example/more/{n}.html"
        said = " ".join(rng.choice(words) for _ in range(60))
        out.append(response(uri, page(
            f"Council meeting number {n}", f"The town council met for the {n}th time this "
            f"year on Tuesday and voted on the budget. Agenda: {said}."), 100 + n))
    return out
