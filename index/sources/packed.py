"""Compressed files (``.gz``, ``.bz2``, ``.xz``, ``.zst``) and ``.zip`` archives.

A compressed file is read as the file inside it: ``wire.jsonl.gz`` is JSON Lines. Its
content is decompressed a megabyte at a time and refused past ``limit`` (the project's file
size limit), so a small "gzip bomb" costs no more memory than a large plain file would. A
file cut off mid-stream keeps what came out before the cut: for JSON Lines, every whole
line; a single-article file cut short is not an article (``Cut`` says what happened).

A zip archive's members are read as files of their own, one after the other, each named
``bundle.zip!a/first.txt``: that is the path shown, and the key of the member's ids. Members
of types broadsheet does not read, folders, hidden files and READMEs are passed over, as in a
folder. Nested archives (a zip in a zip) are not opened.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from typing import IO, Any

from .errors import EntryError, SourceError

COMPRESSIONS = {"gz": "gzip", "bz2": "bzip2", "xz": "xz", "zst": "zstd"}
"""Extension -> the name the user knows the compression by."""
CHUNK = 1 << 20


class OverLimit(SourceError):
    """Content past the limit of a file's size."""


class Cut(Exception):
    """The compressed stream ends (or breaks) before its end: ``data`` is what came out."""

    def __init__(self, data: bytes, reason: str) -> None:
        super().__init__(reason)
        self.data = data
        self.reason = reason


def _opener(packed: str) -> Callable[[IO[bytes]], Any]:
    """A function that opens a stream of ``packed`` data as a readable one (with read1)."""
    if packed == "gz":
        import gzip

        return lambda raw: gzip.GzipFile(fileobj=raw, mode="rb")
    if packed == "bz2":
        import bz2

        return lambda raw: bz2.BZ2File(raw, mode="rb")
    if packed == "xz":
        import lzma

        return lambda raw: lzma.LZMAFile(raw, mode="rb")
    import zstandard  # only for .zst files: a compiled extension of its own

    return lambda raw: zstandard.ZstdDecompressor().stream_reader(
        raw, read_across_frames=True)


def decompress(data: bytes, packed: str, limit: int) -> bytes:
    """The content of compressed ``data`` (``packed`` is its extension), at most ``limit``
    bytes. Raises SourceError for data that is not of that kind or decompresses past
    ``limit``, and Cut when the stream ends early or breaks after some content."""
    name = COMPRESSIONS[packed]
    out = bytearray()
    try:
        with _opener(packed)(io.BytesIO(data)) as stream:
            # read1: what one step decompressed, so a cut loses no content before it
            while chunk := stream.read1(CHUNK):
                out += chunk
                if len(out) > limit:
                    raise OverLimit(f"{name} content is over {limit // 2**20} MB (the limit "
                                      "of a file's size); decompress it into a folder")
        if packed == "zst" and not _zstd_complete(data):
            raise EOFError
    except EOFError:
        raise Cut(bytes(out), f"{name} stream cut off: the file ends before the end of "
                              "its compressed data") from None
    except SourceError:
        raise
    except Exception as exc:  # OSError, lzma.LZMAError, zstd.ZstdError, zlib.error
        reason = f"not valid {name} data ({exc})".splitlines()[0]
        if not out:
            raise SourceError(reason) from None
        raise Cut(bytes(out), f"{name} data broken after {len(out):,} bytes ({exc})"
                  .splitlines()[0]) from None
    return bytes(out)


def _zstd_complete(data: bytes) -> bool:
    """Whether the last zstd frame of ``data`` ends where the data does (zstandard's
    stream reader returns what it has at the end of a cut frame, without a word)."""
    import zstandard

    decompressor = zstandard.ZstdDecompressor().decompressobj()
    try:
        for start in range(0, len(data), CHUNK):
            decompressor.decompress(data[start:start + CHUNK])
            while decompressor.eof and decompressor.unused_data:
                rest = decompressor.unused_data
                decompressor = zstandard.ZstdDecompressor().decompressobj()
                decompressor.decompress(rest)
    except zstandard.ZstdError:
        return False
    return decompressor.eof


def zip_members(shown: str, data: bytes, readable: Callable[[str], bool], skip: Callable[[str],
                bool], limit: int) -> Iterator[tuple[str, str, bytes] | EntryError]:
    """(member name, its shown path ``bundle.zip!a/first.txt``, its content) for each member
    of the zip archive ``data`` to read, or an EntryError for one that cannot be read. All
    members together are bounded by ``limit`` bytes, as one file is."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise SourceError(f"not a readable zip archive ({exc})") from None
    members = [info for info in archive.infolist() if _wanted(info, readable, skip)]
    if not members:
        raise SourceError("the zip archive holds no files of a type broadsheet reads")
    left = limit
    for info in members:
        try:
            content = _member(archive, info, left)
        except OverLimit as exc:
            yield EntryError(info.filename, str(exc))
            return
        except SourceError as exc:
            yield EntryError(info.filename, str(exc))
            continue
        left -= len(content)
        yield info.filename, f"{shown}!{info.filename}", content


def _wanted(info, readable: Callable[[str], bool], skip: Callable[[str], bool]) -> bool:
    parts = info.filename.split("/")
    if info.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return False
    return readable(parts[-1]) and not skip(parts[-1])


def _member(archive, info, left: int) -> bytes:
    """One member's bytes, read a megabyte at a time and refused past ``left``."""
    out = bytearray()
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                out += chunk
                if len(out) > left:
                    raise OverLimit("the zip archive's files are over the limit of a file's "
                                      "size together; unzip it into a folder")
    except SourceError:
        raise
    except RuntimeError as exc:  # an encrypted member
        raise SourceError(f"cannot read from the zip archive ({exc})") from None
    except Exception as exc:  # BadZipFile (bad CRC), zlib.error, EOFError, NotImplementedError
        raise SourceError(f"cannot read from the zip archive ({type(exc).__name__}: {exc})"
                          .splitlines()[0]) from None
    return bytes(out)


def member_folder(shown: str) -> str:
    """The folder an article of a zip member belongs to when it names no source: the
    member's folder in the archive, else the folder the archive is in."""
    archive, _, member = shown.partition("!")
    inner = os.path.basename(os.path.dirname(member))
    return inner or os.path.basename(os.path.dirname(archive))
