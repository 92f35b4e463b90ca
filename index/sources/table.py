"""``.csv`` and ``.tsv``: a table of articles, one row each, as news datasets are shipped.

Nothing in a table says how it is written, so the reader looks at its first rows
(``SAMPLE_CHARS``):

- **Delimiter and quote.** A ``.tsv`` file is split at tabs. A ``.csv`` file is split at
  the candidate (``,`` ``;`` tab ``|``) that cuts the most sampled rows into the same
  number of cells, two or more. Its quote is ``"`` unless the sample opens more fields with
  ``'`` (10kGNAD writes ``Wirtschaft;'Die Gewerkschaft …'``). A field may hold line breaks:
  a quoted paragraph break stays one.
- **Header.** The first row names the columns when one of its short cells is a field name
  the JSON reader knows (``title``/``headline``, ``text``/``body``/``content``, ``date``,
  ``url``, ``lang``, ``source``, ``author``, ``countries``; any case, ``_`` or ``-`` or a space
  between words). Each row is then read as a JSON object with those keys is. A first row of
  short, distinct cells whose cell above the text is short too is a header in another
  language (``Rubrik;Inhalt;Datum``): its names are not used, and it is no article.
- **What no header names.** The text is the column of the longest cells (``MIN_TEXT_MEAN``
  characters on average at least: a table of prices is no articles); a column whose cells
  are all web addresses is the ``url``, one whose cells are all dates the ``date``.

An article with no title takes one from its text as a ``.txt`` file does
(``plaintext.split_title``). Its entry, which makes its id, is its ``url`` if no earlier row
of the file had it, else ``row N`` (the N-th row after the header): ids stay stable while
rows are added at the end. A row with no text is named in the summary, and every other row
is read.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import chain

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .encoding import text_lines
from .errors import EntryError, SourceError, describe
from .fields import AUTHOR, COUNTRIES, DATE, LANG, SOURCE, TEXT, TITLE, URL, article_from_mapping
from .plaintext import split_title

DELIMITERS = (",", ";", "\t", "|")
"""What a ``.csv`` file may be split at, preferred in this order on a tie."""
SAMPLE_CHARS = 256 * 1024
"""The first lines of a file the reader looks at to tell how it is written: a few rows of
long articles at least, more of short ones."""
SAMPLE_ROWS = 200
"""...but no more rows than this."""
MIN_TEXT_MEAN = 80
"""The text column of a table whose header does not name one: its cells hold this many
characters on average at least. (MasakhaNEWS' texts: 2,700; a headline: 40 to 80.)"""
HEADER_CELL = 40
"""A header's cells are names: a first row with a longer cell that names a field is a row
of data that happens to start with a word like "title"."""
FIELD_LIMIT = 64 << 20
"""The longest field the ``csv`` module reads (its default, 128 KB, is one long article);
an article's text is cut at ``MAX_TEXT_CHARS`` after."""

csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))

_FIELDS = (TITLE, TEXT, DATE, URL, LANG, SOURCE, AUTHOR, COUNTRIES)


def _name(cell: str) -> str:
    """A column name as compared with field names: ``Published_At`` -> ``publishedat``."""
    return re.sub(r"[\s_-]+", "", cell.strip().lower())


_KNOWN = frozenset(_name(name) for names in _FIELDS for name in names)
_NAMING_TEXT = frozenset(_name(name) for name in (*TEXT, *TITLE))
_URL = re.compile(r"https?://\S+$", re.IGNORECASE)


def read_table(path: str, lines: Iterable[str], fmt: str) -> Iterator[RawArticle | EntryError]:
    """The articles of a table's ``lines`` (each without its line end, as
    ``encoding.decode_lines`` gives them)."""
    lines = iter(lines)
    sample: list[str] = []
    size = 0
    for line in lines:
        sample.append(line + "\n")
        size += len(line) + 1
        if size >= SAMPLE_CHARS:
            break
    whole = size < SAMPLE_CHARS  # the sample is the whole file: its last row is whole too
    text = "".join(sample)
    delimiter, quote, sampled = _dialect(text, fmt, whole)
    rows: Iterator[list[str]] = csv.reader(chain(sample, (line + "\n" for line in lines)),
                                           delimiter=delimiter, quotechar=quote)
    first = _next_row(rows)
    if first is None:
        raise SourceError("table holds no rows")
    header = _header(first)
    columns = _columns(header, sampled[1:] if header else sampled)
    if header is None and _names_columns(first, columns):
        header = [cell.strip() for cell in first]  # names of its own ("Titel;Inhalt")
        columns = _columns(header, sampled[1:])
    if header is None:
        rows = chain([first], rows)
    yield from _articles(path, fmt, rows, header, columns)


def read_table_text(path: str, text: str, fmt: str) -> Iterator[RawArticle | EntryError]:
    """``read_table`` for a table decoded whole (an encoding read as a whole: ``decode``)."""
    return read_table(path, text_lines(text), fmt)


# -- how the table is written --------------------------------------------------------------

def _dialect(sample: str, fmt: str, whole: bool) -> tuple[str, str, list[list[str]]]:
    """(delimiter, quote, the sample's rows so split) of a table whose first lines are
    ``sample``."""
    candidates = ("\t",) if fmt == "tsv" else DELIMITERS
    best: tuple[int, int] | None = None
    chosen: tuple[str, str, list[list[str]]] = (candidates[0], '"', [])
    for rank, delimiter in enumerate(candidates):
        quote = _quote(sample, delimiter)
        split = _sample_rows(sample, delimiter, quote, whole)
        widths = Counter(len(row) for row in split)
        width, rows = widths.most_common(1)[0] if widths else (0, 0)
        score = (rows if width >= 2 else 0, -rank)
        if best is None or score > best:
            best, chosen = score, (delimiter, quote, split)
    return chosen


def _quote(sample: str, delimiter: str) -> str:
    """``'`` when the sample opens more fields with it than with ``"``, else ``"``."""
    def opened(quote: str) -> int:
        return (sample.count(delimiter + quote) + sample.count("\n" + quote)
                + sample.startswith(quote))

    return "'" if opened("'") > opened('"') else '"'


def _sample_rows(sample: str, delimiter: str, quote: str, whole: bool) -> list[list[str]]:
    """The rows of the sample (not its last one unless it is the whole file: the sample may
    end inside it), SAMPLE_ROWS at most, blank ones left out."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, quotechar=quote)
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
            if len(rows) > SAMPLE_ROWS:
                break
    except csv.Error:
        pass  # the rows before the bad one still tell
    return rows if whole and len(rows) <= SAMPLE_ROWS else rows[:-1] or rows


def _header(row: list[str]) -> list[str] | None:
    """The column names, when ``row`` is a header (see the module)."""
    if any(_name(cell) in _KNOWN and len(cell.strip()) <= HEADER_CELL for cell in row):
        return [cell.strip() for cell in row]
    return None


def _names_columns(first: list[str], columns: dict[int, str]) -> bool:
    """Whether a first row that names no known field still names the columns: each of its
    cells short and different, and its cell of the text column short where the others'
    are long (a header in another language, ``Titel;Inhalt;Datum``)."""
    text = next(i for i, field in columns.items() if field == "text")
    cells = [cell.strip() for cell in first]
    return (len(set(cells)) == len(cells) and all(0 < len(c) <= HEADER_CELL for c in cells)
            and len(cells[text]) < MIN_TEXT_MEAN // 2
            and not any(c.isdigit() for c in cells[text]))


def _columns(header: list[str] | None, rows: list[list[str]]) -> dict[int, str]:
    """Column number -> the field it holds, for what a header does not name (see the
    module): the text, a url and a date."""
    if header is not None and any(_name(name) in _NAMING_TEXT for name in header):
        return {}
    named = {i for i, name in enumerate(header or ()) if _name(name) in _KNOWN}
    width = max((len(row) for row in rows), default=0)
    free = [i for i in range(width) if i not in named]

    def cells(i: int) -> list[str]:
        return [row[i].strip() for row in rows if i < len(row) and row[i].strip()]

    def mean(i: int) -> float:
        found = cells(i)
        return sum(map(len, found)) / len(found) if found else 0.0

    text = max(free, key=mean, default=None)
    if text is None or mean(text) < MIN_TEXT_MEAN:
        raise SourceError("no column of article text: no header naming text/body/content or "
                          f"title/headline, and no column of long text ({MIN_TEXT_MEAN}+ "
                          "characters a cell)")
    columns = {text: "text"}
    names = {_name(name) for name in header or ()}
    wanted = [field for field, known in (("url", URL), ("date", DATE))
              if not names & {_name(name) for name in known}]
    for i in free:
        found = cells(i)
        if i == text or not found:
            continue
        if "url" in wanted and all(_URL.match(cell) for cell in found):
            columns[i] = "url"
            wanted.remove("url")
        elif "date" in wanted and all(len(cell) <= HEADER_CELL and parse_date_value(cell)
                                      for cell in found):
            columns[i] = "date"
            wanted.remove("date")
    return columns


# -- the rows --------------------------------------------------------------------------------

def _next_row(rows: Iterator[list[str]]) -> list[str] | None:
    for row in rows:
        if any(cell.strip() for cell in row):
            return row
    return None


def _articles(path: str, fmt: str, rows: Iterator[list[str]], header: list[str] | None,
              columns: dict[int, str]) -> Iterator[RawArticle | EntryError]:
    seen: set[str] = set()
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:  # the reader goes on at the next line
            number += 1
            yield EntryError(f"row {number}", f"unreadable row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        try:
            yield _article(path, fmt, row, header, columns, f"row {number}", seen)
        except SourceError as exc:
            yield EntryError(f"row {number}", str(exc))
        except Exception as exc:  # a value no field reader expected: this row's problem
            yield EntryError(f"row {number}", describe(exc))


def _article(path: str, fmt: str, row: list[str], header: list[str] | None,
             columns: dict[int, str], where: str, seen: set[str]) -> RawArticle:
    data: dict[str, str] = {}
    for name, cell in zip(header or (), row, strict=False):  # a row may be ragged
        if name and cell.strip():
            data.setdefault(name, cell)
    for i, field in columns.items():
        if i < len(row) and row[i].strip():
            data[field] = row[i]
    article = article_from_mapping(data, path=path, fmt=fmt)
    url = article.url
    entry = url if url and url not in seen else where
    if url:
        seen.add(url)
    if article.title:
        return replace(article, entry=entry)
    title, body = split_title(article.text)
    return replace(article, entry=entry, title=title, text=body or title)
