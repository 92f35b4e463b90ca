"""The Whoosh writer the indexer uses, in its own process and in its workers.

Whoosh 2.7.4's ``SegmentWriter`` (pinned: see pyproject), writing the same segment format
(any Whoosh 2.7 reader reads it) with these changes:

- **Postings grouped by term as they arrive** (``TermPool``). Whoosh's pool keeps one tuple
  per posting, checks each with asserts, sorts them all, then hands them one at a time to
  the postings writer. Here a document's postings go to the pool one field at a time
  (``Writer.add_document``), each term's documents, weights and values are lists, only the
  terms are sorted, and a term's postings and statistics are computed from its lists in one
  function (``_write_postings``), not one method call per posting, block and statistic.
  The text fields' words, counted already (``schema.FoldedText``, ``StemmedText``), go in
  as they are, keyed by the word and encoded to bytes once a segment, as they are sorted
  (``TermPool.add_words``): adding 3,000 synthetic articles' documents
  took 3.90-4.18 s of CPU, against 4.38-4.97 s through an item tuple per word (an ad-hoc
  script, three rounds in turns, the least of three passes each).
  Past the memory limit the pool spills sorted runs to disk, as Whoosh's does.
- **Lengths read once.** Writing a segment's postings asks the length of the posting's
  field in its document once per posting, each time through a column reader (and, for a
  field without lengths, a look for the column's file on disk). ``_Lengths`` reads each
  field's length column once, in one piece.
- **Small blocks not compressed** (``COMPRESS_FROM``).
- **Blocks pickled with protocol 4** (``pickled``), not Whoosh's 2, which has no
  opcode for bytes: it writes each position value as a call that re-encodes a string.
- **Stored fields pickled with protocol 4 and deflated at level 6** (``StoredWriter``),
  not with protocol 2 at level 3.
- **Merges stream.** Whoosh merges a segment into a new one by adding each of its postings
  to the pool, one call through a chain of generators per posting, and the pool spills
  them to disk and reads them back. The segments' terms are sorted already, so here
  (``Writer.add_segments``) each segment's terms file is read in order, a term's postings
  block by block, and the segments' terms are merged on the fly into the new segment's:
  memory holds one term's postings at a time (``segment_terms``).
- **A temporary folder of its own.** Every Whoosh writer spills its posting pool into the
  same ``MAIN.tmp`` folder and deletes that folder when it finishes, which would pull the
  files from under a worker writing a segment beside it. Each writer here spills into a
  folder of its own, and the locked writer first clears what killed writers left behind.

Tests hold the segments equal to Whoosh's own writer's, term by term and posting by posting.
"""

from __future__ import annotations

# isort: off
from . import _lean_whoosh  # noqa: F401  (before Whoosh itself)
# isort: on

import heapq
import marshal
import os
import shutil
import struct
import uuid
import zlib
from array import array
from collections.abc import Iterable, Iterator
from io import BytesIO
from itertools import accumulate
from pickle import dumps, load, loads
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.columns import PickleColumn, TranslatingColumnReader
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import OrderedHashWriter, _lengths, _pointer
from whoosh.system import emptybytes, pack_int, pack_long, pack_uint, pack_ushort, unpack_int
from whoosh.util.numeric import length_to_byte
from whoosh.writing import NO_MERGE, SegmentWriter  # noqa: F401 (NO_MERGE: for the indexer)

from .bulk import byte_lengths, length_bytes
from .inline import block_data
from .positions import encode as encode_positions

TEMP_SUFFIX = ".bs-tmp"
COMPRESS_FROM = 256
"""Posting blocks smaller than this many bytes are stored uncompressed. Whoosh compresses
every block (it means to skip those under 20 bytes, but a bug compresses them anyway), and
most blocks are a rare word's few postings. On 3,000 Reuters articles this made the postings
file 5% larger (7.8 -> 8.2 MB) and writing the segment 12% faster (measured once with an
ad-hoc script; no benchmark compares the two, the rows 'index rate' and 'index size' of
``python -m benchmarks.run`` show the result)."""

TERM_BYTES, POSTING_BYTES = 450, 32
"""What a term and a posting cost the pool in memory, besides their bytes (measured with
tracemalloc on synthetic articles: a term's key, arrays and dictionary slot; a posting's
document number, weight and value slot). The pool keeps document numbers and weights in
arrays, 4 and 8 bytes a posting, not as Python ints and floats in lists (28 + 24 + 16
bytes): a worker's pool held twice the articles per megabyte, and its memory is what the
pool estimates, where the lists took 1.7 times the estimate. Keyed by the term alone within
its field, not by a (field, term) tuple, a term costs ~43 bytes less: the postings of 1,500
synthetic articles (147,545 terms) took 84.3 MB, not 90.4."""
SINGLE_BYTES = 160
"""What the pool counts for a term of one document, held as its one posting, besides its
bytes: a term costs TERM_BYTES and its postings POSTING_BYTES each once a second document
has it (``GROWN_BYTES`` more). Nearly half of a worker's terms are in one document (rare
words, ids): 69,207 of the 146,400 of 1,500 synthetic articles. Those articles' postings
took 51.0 MB held so, against 67.6 MB with every term in arrays (tracemalloc), and the pool
counted 66.3 MB against 87.6: its count is over what it holds by the same share as
before, so a worker holds no more memory at the limit, and more articles."""
GROWN_BYTES = TERM_BYTES + 2 * POSTING_BYTES - SINGLE_BYTES
_COUNTS = [pack_uint(freq) for freq in range(256)]
"""A frequency's value in Whoosh's ``Frequency`` format, for the common ones."""
Term = tuple[str, bytes, array, array, list]
"""A field name, a term, and the term's document numbers, weights and values, in order."""
Entry = tuple[int, float, Any] | list
"""A term as the pool holds it (``TermPool``): one posting, or ``[docs, weights, values]``."""


BLOCK_PROTOCOL = 4
"""The pickle protocol of a posting block's data. Whoosh reads a block with ``pickle.loads``,
which reads any protocol; its own writer uses protocol 2, which has no opcode for bytes, so
every position value (``exact`` and ``title``) is pickled as a call to ``_codecs.encode``
with the value as a string, and unpickled by making that string and encoding it again.
Protocol 4 writes bytes as bytes. A worker's segment of 9,950 synthetic articles holds
38.6 MB of postings, against 70.4 MB with protocol 2, and is finished in 11.0 s of CPU,
against 15.0 s (``python -m benchmarks.segment_cpu FOLDER --variants
as-is,protocol-2-blocks``, medians of 3 rounds). The blocks of another segment pickled each
way (an ad-hoc script): pickled 3.2x and unpickled 2.3x as fast."""
_FRAME = 0x95
"""Protocol 4's FRAME opcode: followed by the frame's length in 8 bytes."""


def pickled(data: Any, protocol: int) -> bytes:
    """``data`` pickled without protocol 4's frame header: 9 bytes a posting block (its
    gaps, weights, values), which Whoosh's one ``loads`` of the whole has no use for (frames
    are optional to an unpickler: PEP 3154), 8% of the blocks' bytes in the segment above."""
    out = dumps(data, protocol)
    return out[:2] + out[11:] if out[2] == _FRAME else out


STORED_PROTOCOL, STORED_LEVEL = 4, 6
"""How each document's stored fields are written: Whoosh pickles them with protocol 2 and
deflates them at level 3 (``whoosh3.STORED_COLUMN``); its reader inflates and unpickles
either. On 3,000 documents of a 200,000-article synthetic library, protocol 4 and level 6
took 6.2% fewer bytes (1,888 against 2,013 a document) and 28 us a document more (127
against 99 us; an ad-hoc script, medians of 5 rounds). Level 9 gave the same bytes."""


class StoredWriter(PickleColumn.Writer):
    """The writer of a segment's stored fields column (``_stored``), in place of Whoosh's
    ``PickleColumn`` writer around the same deflating writer: pickles written with
    STORED_PROTOCOL, deflated at STORED_LEVEL."""

    def __init__(self, child) -> None:
        super().__init__(child)
        child._level = STORED_LEVEL  # Whoosh's CompressedBytesColumn writer's level

    def add(self, docnum: int, v) -> None:
        self._child.add(docnum, emptybytes if v is None else pickled(v, STORED_PROTOCOL))


_NO_DOCS, _NO_WEIGHTS = array("I"), array("d")
RUN_CHUNK = 2048
"""Terms a spilled run holds per marshalled chunk, read back with one ``marshal.loads``.
Read back one ``marshal.load`` per term, the file was read a few bytes per value: finishing
a worker's segment of 5,000 synthetic articles took 9.1 s of CPU, and 7.5-8.1 s in chunks
(``python -m benchmarks.segment_cpu``, variant ``full-collections``, in turns with the
checkout before)."""


def _new_postings() -> tuple[array, array, list]:
    """A new term's empty lists. Copying an empty array takes half the time of making one
    from its type code (106 against 194 ns, ``timeit``)."""
    return _NO_DOCS.__copy__(), _NO_WEIGHTS.__copy__(), []


def _grown(first: tuple, docnum: int, weight: float, value) -> list:
    """A term's entry in the pool once a second document has it: its first posting (the
    ``(docnum, weight, value)`` it was held as) and the new one, in arrays and a list."""
    docs, weights, values = _new_postings()
    docs.append(first[0])
    docs.append(docnum)
    weights.append(first[1])
    weights.append(weight)
    values += (first[2], value)
    return [docs, weights, values]


_ONE_DOC, _ONE_WEIGHT = struct.Struct("I"), struct.Struct("d")
"""One document number and one weight as ``array("I")`` and ``array("d")`` hold them
(native order and size), for a spilled run."""


class TermPool:
    """Postings as Whoosh's ``SegmentWriter`` adds them (one ``add`` per posting, or
    ``add_field`` per field of a document), held per term in memory, spilled to disk as
    sorted runs past ``limitmb``. A term of one document so far is held as that posting, a
    ``(docnum, weight, value)`` tuple (``SINGLE_BYTES``); a second document makes it a
    list of a document array, a weight array and a value list (``_grown``)."""

    def __init__(self, tempstore, limitmb: int) -> None:
        self._store = tempstore
        self._limit = limitmb * 1024 * 1024
        self._fields: dict[str, dict[bytes, Entry]] = {}
        """Each field's terms: keyed by the term alone, no (field, term) tuple made per
        posting."""
        self._size = 0
        self._runs: list[str] = []
        self.fieldnames: set[str] = set()
        self._words: dict[str, dict[str, Entry]] = {}
        """The terms of the fields pooled by the word (``add_words``), not
        by its UTF-8 bytes."""
        self._worded: set[str] = set()
        """The names of those fields."""

    def add(self, item) -> None:
        """Whoosh's pool interface, one posting at a time (Whoosh's own ``add_document`` and
        merge, for what this writer hands them): ``add_field`` with one item."""
        fieldname, tbytes, docnum, weight, vbytes = item
        self.add_field(fieldname, docnum, ((tbytes, 0, weight, vbytes),))

    def add_field(self, fieldname: str, docnum: int, items) -> int:
        """One document's postings in one field (``field.index``'s items), at once: the
        sum of their frequencies (the field's length in the document)."""
        terms = self._terms_of(fieldname)
        size = length = 0
        for tbytes, freq, weight, vbytes in items:
            length += freq
            size += len(vbytes) if vbytes else 0
            entry = terms.get(tbytes)
            if entry is None:
                terms[tbytes] = (docnum, weight, vbytes)
                size += SINGLE_BYTES + len(tbytes)
            elif isinstance(entry, tuple):
                terms[tbytes] = _grown(entry, docnum, weight, vbytes)
                size += GROWN_BYTES
            else:
                docs, weights, values = entry
                docs.append(docnum)
                weights.append(weight)
                values.append(vbytes)
                size += POSTING_BYTES
        self._size += size
        if self._size > self._limit:
            self._spill()
        return length

    def add_words(self, fieldname: str, docnum: int, found: dict, boost: float,
                  places: bool) -> int:
        """``add_field`` for a field of words counted already: word -> positions, stored
        as ``positions.encode`` stores them (``places``: ``schema.FoldedText``), or word ->
        frequency, as Whoosh's ``Frequency`` format stores it (``schema.StemmedText``). No
        item tuple per word, and a word is encoded to bytes once a segment, as the pool's
        terms are sorted (``_sorted``), not once a posting: the field's terms are keyed by
        the word."""
        terms = self._word_terms(fieldname)
        size = length = 0
        for word, counted in found.items():
            if places:
                freq, value = len(counted), encode_positions(counted)
            else:
                freq = counted
                value = _COUNTS[freq] if freq < 256 else pack_uint(freq)
            length += freq
            size += len(value)
            entry = terms.get(word)
            if entry is None:
                terms[word] = (docnum, freq * boost, value)
                size += SINGLE_BYTES + len(word)
            elif isinstance(entry, tuple):
                terms[word] = _grown(entry, docnum, freq * boost, value)
                size += GROWN_BYTES
            else:
                docs, weights, values = entry
                docs.append(docnum)
                weights.append(freq * boost)
                values.append(value)
                size += POSTING_BYTES
        self._size += size
        if self._size > self._limit:
            self._spill()
        return length

    def _word_terms(self, fieldname: str) -> dict[str, Entry]:
        try:
            return self._words[fieldname]
        except KeyError:
            if fieldname in self.fieldnames and fieldname not in self._worded:
                raise ValueError(
                    f"field {fieldname!r}: terms both as words and as bytes") from None
            self.fieldnames.add(fieldname)
            self._worded.add(fieldname)
            terms = self._words[fieldname] = {}
            return terms

    def _terms_of(self, fieldname: str) -> dict[bytes, Entry]:
        try:
            return self._fields[fieldname]
        except KeyError:
            if fieldname in self._worded:
                raise ValueError(
                    f"field {fieldname!r}: terms both as words and as bytes") from None
            self.fieldnames.add(fieldname)
            terms = self._fields[fieldname] = {}
            return terms

    def _entries(self) -> Iterator[tuple[str, bytes, Entry]]:
        """Every term in (field, term) order with its entry as the pool holds it: a
        ``(docnum, weight, value)`` tuple for a term in one document, else ``[docs,
        weights, values]``."""
        for fieldname in sorted(self._fields.keys() | self._words.keys()):
            if fieldname in self._words:  # UTF-8 sorts as the code points it encodes
                words = self._words[fieldname]
                for word in sorted(words):
                    yield fieldname, word.encode("utf-8"), words[word]
                continue
            terms = self._fields[fieldname]
            for tbytes in sorted(terms):
                yield fieldname, tbytes, terms[tbytes]

    def _sorted(self) -> Iterator[Term]:
        for fieldname, btext, entry in self._entries():
            if isinstance(entry, tuple):  # one document's
                docnum, weight, value = entry
                yield fieldname, btext, array("I", (docnum,)), array("d", (weight,)), [value]
            else:
                yield (fieldname, btext, *entry)

    def _spill(self) -> None:
        name = f"{uuid.uuid4().hex}.run"
        one_doc, one_weight = _ONE_DOC.pack, _ONE_WEIGHT.pack
        with self._store.create_file(name).raw_file() as f:
            chunk: list = []
            for fieldname, btext, entry in self._entries():
                if isinstance(entry, tuple):  # as ``array.tobytes`` writes one item
                    docnum, weight, value = entry
                    chunk.append((fieldname, btext, one_doc(docnum), one_weight(weight),
                                  [value]))
                else:
                    docs, weights, values = entry
                    chunk.append((fieldname, btext, docs.tobytes(), weights.tobytes(),
                                  values))
                if len(chunk) == RUN_CHUNK:
                    _write_chunk(f, chunk)
                    chunk = []
            if chunk:
                _write_chunk(f, chunk)
        self._runs.append(name)
        self._fields, self._words = {}, {}
        self._size = 0

    def _read_run(self, name: str) -> Iterator[Term]:
        # A run this process wrote moments ago, in a new folder of a library no one else can
        # write (``index.trust``); marshal builds plain values only and runs nothing.
        with self._store.open_file(name).raw_file() as f:
            while head := f.read(4):
                for fieldname, btext, docs, weights, values in marshal.loads(
                        f.read(unpack_int(head)[0])):
                    yield fieldname, btext, array("I", docs), array("d", weights), values

    def iter_terms(self) -> Iterator[Term]:
        """Every term in (field, term) order, its postings in document order."""
        if not self._runs:
            yield from self._sorted()
            return
        if self._fields or self._words:
            self._spill()
        # runs are in document order, and the merge keeps the runs' order
        yield from merged_terms(self._read_run(name) for name in self._runs)

    def iter_postings(self):
        """Whoosh's pool interface: one (field, term, docnum, weight, value) at a time."""
        for fieldname, btext, docs, weights, values in self.iter_terms():
            for posting in zip(docs, weights, values, strict=True):
                yield (fieldname, btext, *posting)

    def cleanup(self) -> None:
        for name in self._runs:
            try:
                self._store.delete_file(name)
            except OSError:
                pass
        self._runs = []
        self._fields, self._words = {}, {}


_TERMINFO = struct.Struct("!BfIBBfII")
"""W3TermInfo's fixed part: flags, weight, document frequency, min and max length bytes,
max weight, first and last document."""
_EXTENT = struct.Struct("!qi")
"""...followed by where the term's postings start in the postings file, and their length."""


def _write_chunk(f, chunk: list) -> None:
    data = marshal.dumps(chunk)
    f.write(pack_int(len(data)) + data)


def write_terms(fieldwriter, codec, schema, lengths, terms) -> None:
    """Whoosh's ``FieldWriter.add_postings`` for a ``W3FieldWriter``, a term at a time."""
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    limit, level = codec._blocklimit, codec._compression
    field = None
    for fieldname, btext, docs, weights, values in terms:
        if fieldname != field:
            if field is not None:
                fieldwriter.finish_field()
            field = fieldname
            fieldwriter.start_field(fieldname, schema[fieldname])
            prefix = pack_ushort(fieldwriter._fieldid)
            fixed = schema[fieldname].format.fixed_value_size()
            field_lengths = lengths.field(fieldname) if lengths is not None else None
            at = postfile.tell()  # then counted: a file's tell() is a system call
        info, size = _write_postings(postfile, at, docs, weights, values, field_lengths,
                                     limit, level, fixed)
        tindex.add(prefix + btext, info)
        at += size
    if field is not None:
        fieldwriter.finish_field()


def _write_postings(postfile, start: int, docs: list, weights: list, values: list,
                    lengths: list | None, limit: int, level: int,
                    fixed: int | None) -> tuple[bytes, int]:
    """One term's postings written as Whoosh's ``W3PostingsWriter`` writes them, a block
    of ``limit`` at a time (the same data, but pickled with ``BLOCK_PROTOCOL`` and, when
    smaller than COMPRESS_FROM, not compressed), at ``start`` (where ``postfile`` is); the
    term's ``W3TermInfo`` as bytes, and how many bytes were written. Whoosh computes them
    one method call per posting, block and statistic; here from the whole term's lists."""
    count = len(docs)
    if count <= INLINE:
        return _inlined(docs, weights, values, lengths, fixed), 0
    chunks = [WHOOSH3_HEADER_MAGIC]
    total, minlength, maxlength, maxweight = 0, None, 0, 0
    for begin in range(0, count, limit):
        ids = docs[begin:begin + limit]
        block_weights = weights[begin:begin + limit]
        stored = array("f", block_weights)  # weights are kept as 32-bit floats
        total += sum(stored)
        block_max = max(0, max(block_weights))
        block_min, block_maxlen = _length_range(ids, lengths)
        if block_min is not None:
            minlength = block_min if minlength is None else min(minlength, block_min)
        maxlength = max(maxlength, block_maxlen)
        maxweight = max(maxweight, block_max)
        data = pickled(block_data(ids, stored, values[begin:begin + limit], fixed),
                       BLOCK_PROTOCOL)
        comp = level if len(data) >= COMPRESS_FROM else 0
        if comp:
            data = zlib.compress(data, comp)
        info = dumps((len(ids), ids[-1], block_max, comp, length_to_byte(block_min),
                      length_to_byte(block_maxlen)), 2)
        size = len(info) + len(data)
        chunks += (pack_int(size if begin + limit < count else -size), info, data)
    written = b"".join(chunks)
    postfile.write(written)
    return (_TERMINFO.pack(False, total, count, length_to_byte(minlength),
                           length_to_byte(maxlength), maxweight, docs[0], docs[-1])
            + pack_long(start) + pack_int(len(written))), len(written)


INLINE = 8
"""A term in at most this many documents has its postings inlined in its entry of the terms
file (``inline``), not written to the postings file: an article's id, and most rare words.
Written apart, a term's postings took a header and a block's info (~45 bytes) besides the
postings themselves, and its entry 12 bytes to point at them. At 200,000 synthetic articles
279,475 of 882,937 terms were in one document, and 67,404 more in two or three. A library
of 20,000 synthetic articles took 167.9 MB with none inlined, 164.3 MB with terms in one
document inlined, 161.0 MB up to 3, 157.1 MB up to 8 and 156.6 MB up to 32 (bare Whoosh's:
111.5 MB); Reuters-21578's took 62.4 MB, and 57.1 MB up to 8 (``python -m benchmarks.probe
index``, each built once). Its ranked hits and facets were the same, as fast (``probe
search``, medians of 3 rounds in turns)."""


def _inlined(docs: list, weights: list, values: list, lengths: list | None,
             fixed: int | None) -> bytes:
    """A term's ``W3TermInfo`` as bytes, its postings inlined: ``(ids, weights, values)``
    pickled after its fixed part, as Whoosh's ``W3TermInfo.to_bytes`` writes them and
    ``ListMatcher`` reads them, with the weights None when all are 1.0 (``ListMatcher``
    gives 1.0 then) and a format without values given a None each (as a
    ``W3LeafMatcher`` gives them). Weights are stored as 32-bit floats, as in a block."""
    stored = array("f", weights)
    minlength, maxlength = _length_range(docs, lengths)
    postings = (tuple(docs), None if all(w == 1.0 for w in stored) else tuple(stored),
                (None,) * len(docs) if fixed == 0 else tuple(values))
    return (_TERMINFO.pack(True, sum(stored), len(docs), length_to_byte(minlength),
                           length_to_byte(maxlength), max(0, max(weights)), docs[0],
                           docs[-1])
            + pickled(postings, BLOCK_PROTOCOL))


def _length_range(docs: list, lengths: list | None) -> tuple[int | None, int]:
    """The shortest and longest field length among ``docs`` (of those that have the field):
    (None, 0) when none has it."""
    present = [n for n in map(lengths.__getitem__, docs) if n] if lengths is not None else []
    return (min(present), max(present)) if present else (None, 0)


def merged_terms(streams) -> Iterator[Term]:
    """Sorted term streams (``TermPool.iter_terms``, ``segment_terms``) merged into one: a
    term found in several has their postings one after the other, in the streams' order
    (which is document order: each stream's documents follow the previous one's)."""
    last = None
    for term in heapq.merge(*streams, key=lambda term: (term[0], term[1])):
        if last is not None and term[:2] == last[:2]:
            for kept, more in zip(last[2:], term[2:], strict=True):
                kept.extend(more)
            continue
        if last is not None:
            yield last
        last = term
    if last is not None:
        yield last


def in_field_order(reader) -> bool:
    """Whether a segment's terms file, in its own order (field number, then term), is in
    (field name, term) order: field numbers given in the order of the names, as every
    Whoosh writer and this one give them."""
    names = reader._terms._fieldunmap
    return names == sorted(names)


def segment_terms(reader, schema, docmap: dict[int, int] | None, base: int) -> Iterator[Term]:
    """Every term of one segment (a ``SegmentReader``) in (field, term) order, its postings
    renumbered for the new segment: by ``docmap`` when the segment has deleted documents
    (theirs are dropped), else from ``base``. Read straight from the terms and postings
    files (Whoosh 2.7's W3 format, the version pin holds it), a block at a time."""
    terms = reader._terms
    unmap, postfile = terms._fieldunmap, terms._postfile
    fixed_sizes: dict[str, int | None] = {}
    for keybytes, infobytes in table_items(terms._tindex):
        fieldname = unmap[int.from_bytes(keybytes[:2], "big")]
        if fieldname not in schema:
            continue
        try:
            fixed = fixed_sizes[fieldname]
        except KeyError:
            fixed = fixed_sizes[fieldname] = schema[fieldname].format.fixed_value_size()
        if infobytes[0]:  # W3TermInfo's flag: the postings inlined after its fixed part
            ids, weights, values = loads(infobytes[_TERMINFO.size:])
            postings: Iterable = [(list(ids), [1.0] * len(ids) if not weights else list(weights),
                                   [None] * len(ids) if not values else list(values))]
        else:
            offset, length = _EXTENT.unpack_from(infobytes, _TERMINFO.size)
            postings = _blocks(postfile.get(offset, length), fixed)
        docs, weights_out, values_out = _new_postings()
        for ids, weights, values in postings:
            if docmap is None:
                docs.extend([base + n for n in ids])
                weights_out.extend(weights)
                values_out.extend(values)
                continue
            for n, weight, value in zip(ids, weights, values, strict=True):
                if n in docmap:
                    docs.append(docmap[n])
                    weights_out.append(weight)
                    values_out.append(value)
        if docs:
            yield fieldname, keybytes[2:], docs, weights_out, values_out


READ_CHUNK = 1 << 20
"""Bytes of a terms file ``table_items`` reads at a time."""


def table_items(table) -> Iterator[tuple[bytes, bytes]]:
    """``table.items()`` of a terms file (an ``OrderedHashReader``: each key and its value,
    in the file's order), read ``READ_CHUNK`` bytes at a time. Whoosh's reads each record
    with three seeks and reads (its lengths, its key, its value) through ``StructFile``:
    11% of a merge's time, merging 14 segments of 40,000 synthetic articles (cProfile)."""
    dbfile, pos, end = table.dbfile, table.startofdata, table.endofdata
    head, lengths = _lengths.size, _lengths.unpack_from
    buf, at = b"", 0
    while True:
        left = len(buf) - at
        if left < head or left < head + sum(lengths(buf, at)):
            if pos >= end:
                if left:
                    raise ValueError("a terms file ends in the middle of a record")
                return
            take = min(end - pos, READ_CHUNK)
            buf, at = buf[at:] + dbfile.get(pos, take), 0
            pos += take
            continue
        keylen, datalen = lengths(buf, at)
        key = at + head
        value = key + keylen
        at = value + datalen
        yield buf[key:value], buf[value:at]


def _blocks(data: bytes, fixed: int | None) -> Iterator[tuple[list, list, list]]:
    """The blocks of one term's postings as ``_write_postings`` and Whoosh's
    ``W3PostingsWriter`` write them: (document numbers, weights, values) of each."""
    if data[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError("not a Whoosh 3 postings list")
    at, end = 4, len(data)
    while at < end:
        size = abs(unpack_int(data[at:at + 4])[0])
        block = BytesIO(data[at + 4:at + 4 + size])
        count, _, _, compression, _, _ = load(block)
        body = block.read()
        gaps, weights, values = loads(zlib.decompress(body) if compression else body)
        if weights is None:
            weights = [1.0] * count
        elif isinstance(weights, float):
            weights = [weights] * count
        else:
            weights = list(weights)
        if fixed is None or fixed < 0:
            values = list(values)
        elif fixed == 0:
            values = [None] * count
        else:
            values = [values[i:i + fixed] for i in range(0, len(values), fixed)]
        yield list(accumulate(gaps)), weights, values
        at += 4 + size


class _Lengths:
    """``doc_field_length`` of a per-document reader, each field's length column read once,
    in one piece (``bulk.length_bytes``). A field with no length column (not scorable)
    has none here: Whoosh's reader answers 0 for each of its documents, after looking for
    the column's file on disk each time."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._fields: dict[str, list[int] | None] = {}

    def field(self, fieldname: str) -> list[int] | None:
        """Every document's length in ``fieldname``, by document number, or None."""
        try:
            return self._fields[fieldname]
        except KeyError:
            pass
        column = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        values = None if column is None else [_LENGTH[b] for b in length_bytes(column)]
        self._fields[fieldname] = values
        return values


_LENGTH = byte_lengths()


class TermIndexWriter(OrderedHashWriter):
    """Whoosh's ``OrderedHashWriter`` (a segment's terms file), the same bytes, with each
    term's hash and position kept in two arrays per hash bucket (12 bytes) rather than a
    tuple of two ints in a list (~130 bytes). Whoosh keeps them until the segment is
    written, and a segment's terms grow with the library's vocabulary: 637,000 terms in
    each segment a 200,000-article synthetic library's final merge wrote, 80 MB in each
    worker, and more in a larger library."""

    buckets: list[tuple[array, array]]  # Whoosh's attributes, set by taking_over
    lastkey: bytes
    at: int
    """Where the next term goes in the file: counted, not asked of the file. A buffered
    file's ``tell()`` is a system call; with the postings file's, once per term, they held
    7.5% of a worker's py-spy samples. Finishing a segment of 5,000 synthetic articles took
    6.99 s of CPU, against 7.16 s (medians of 3 in turns, ``benchmarks.segment_cpu``)."""

    @classmethod
    def taking_over(cls, writer: OrderedHashWriter) -> TermIndexWriter:
        """This writer in place of ``writer``, which has written its header only."""
        if any(writer.buckets) or len(writer.index):
            raise ValueError("a term index can be taken over before its first term only")
        new = cls.__new__(cls)
        new.__dict__.update(writer.__dict__)
        new.buckets = [(array("I"), array("q")) for _ in range(256)]
        new.at = writer.dbfile.tell()
        return new

    def add(self, key: bytes, value: bytes) -> None:
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        pos = self.at
        self.index.append(pos)
        record = _lengths.pack(len(key), len(value)) + key + value
        self.dbfile.write(record)
        self.at = pos + len(record)
        h = self.hashfn(key)
        hashes, positions = self.buckets[h & 255]
        hashes.append(h)
        positions.append(pos)
        self.lastkey = key

    def _write_hashes(self) -> None:
        """Whoosh's ``HashWriter._write_hashes``: the same tables, each written at once."""
        dbfile = self.dbfile
        for hashes, positions in self.buckets:
            pos = dbfile.tell()
            numslots = 2 * len(hashes)
            self.directory.append((pos, numslots))
            table_hashes = [0] * numslots
            table_positions = [0] * numslots
            for hashval, position in zip(hashes, positions, strict=True):
                slot = (hashval >> 8) % numslots
                while table_hashes[slot] or table_positions[slot]:
                    slot = (slot + 1) % numslots
                table_hashes[slot], table_positions[slot] = hashval, position
            dbfile.write(b"".join(map(_pointer.pack, table_hashes, table_positions)))
        self.buckets = []


class Writer(SegmentWriter):
    _tempstorage: Any  # Whoosh's, set by SegmentWriter

    def __init__(self, ix, locked: bool = True, limitmb: int = 256) -> None:
        if locked:  # before this writer makes files of its own
            _remove_leftovers(ix)
        super().__init__(ix, _lk=locked, limitmb=limitmb, compound=False)
        # The pool's runs in a folder of this writer's own (column files stay in Whoosh's
        # shared folder, under names of their own).
        self._shared_temp = self._tempstorage if locked else None
        self._tempstorage = ix.storage.temp_storage(f"{uuid.uuid4().hex}{TEMP_SUFFIX}")
        self.pool = TermPool(self._tempstorage, limitmb)
        columns = self.perdocwriter._colwriters
        if type(columns.get("_stored")) is PickleColumn.Writer:
            columns["_stored"] = StoredWriter(columns["_stored"]._child)
        fieldwriter = self.fieldwriter
        if type(getattr(fieldwriter, "_tindex", None)) is OrderedHashWriter:
            fieldwriter._tindex = TermIndexWriter.taking_over(fieldwriter._tindex)
        self._merging: list[tuple[Any, dict[int, int] | None, int]] = []
        """Segments whose postings ``add_segments`` left to be merged into the new one's:
        (reader, document map, first document number)."""
        self._pooled = {name: (kind == "places", field.indexed_words)
                        for name, field in self.schema.items()
                        if (kind := getattr(field, "pooled_as", None))}
        """Fields whose words reach the pool counted already (``schema.FoldedText``,
        ``StemmedText``): ``pooled_as`` names their postings' kind, ``indexed_words``
        counts a value's words."""
        self._special = any(field.separate_spelling() or field.vector
                            for _, field in self.schema.items())
        """Does a field need Whoosh's own ``add_document`` (separate spelling words, term
        vectors)? Not in broadsheet's schema."""

    def add_document(self, **fields) -> None:
        """Whoosh's ``add_document``, for documents without boosts or per-field overrides
        (names starting with ``_``), which go to Whoosh's own: each field's postings go to
        the pool in one call, not one call per posting."""
        if self._merging:
            raise RuntimeError("documents must be added before segments are merged in")
        if any(name.startswith("_") for name in fields) or self._special:
            return super().add_document(**fields)
        self._check_state()
        schema, perdoc, docnum = self.schema, self.perdocwriter, self.docnum
        names = sorted(fields)
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        for fieldname in names:
            value = fields[fieldname]
            if value is None:
                continue
            field = schema[fieldname]
            length = 0
            if field.indexed:
                pooled = self._pooled.get(fieldname)
                if pooled is not None:
                    places, words = pooled
                    length = self.pool.add_words(fieldname, docnum, words(value),
                                                 field.format.field_boost, places)
                else:
                    length = self.pool.add_field(fieldname, docnum, field.index(value))
                if not field.scorable:
                    length = 0
            perdoc.add_field(fieldname, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(fieldname, field.column_type,
                                        field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        terms = self.pool.iter_terms()
        if self._merging:
            terms = merged_terms([terms, *(segment_terms(r, self.schema, docmap, base)
                                           for r, docmap, base in self._merging)])
        write_terms(self.fieldwriter, self.codec, self.schema,
                    _Lengths(reader) if reader else None, terms)
        self.fieldwriter.close()
        if reader:
            reader.close()
        self._close_merged()

    def _close_merged(self) -> None:
        for merged, _, _ in self._merging:
            merged.close()
        self._merging = []

    def cancel(self) -> None:
        self._close_merged()
        super().cancel()

    def _finish(self) -> None:
        super()._finish()
        if self._shared_temp is not None:  # the locked writer ends last, as Whoosh's does
            try:
                self._shared_temp.destroy()
            except OSError:
                # A worker still writes its columns there: the indexer was stopped (SIGTERM)
                # and its workers not yet. Removing the folder raised "Directory not
                # empty" in place of the stop; the next locked writer clears it.
                pass

    def add_segments(self, segments) -> None:
        """Copy the live documents of ``segments`` (of this writer's index) into the new
        segment: a merge. Their stored fields and columns are copied now; their postings
        as the segment is written, merged with the pool's (``segment_terms``). Documents
        added after this are refused: the pool's postings are written before theirs."""
        from whoosh.reading import SegmentReader

        fieldnames = set(self.schema.names())
        for segment in segments:
            reader = SegmentReader(self.storage, self.schema, segment)
            if not in_field_order(reader):  # not a segment any Whoosh 2.7 writer wrote
                self.add_reader(reader)
                reader.close()
                continue
            fieldnames |= {name for name in reader.indexed_field_names()
                           if name in self.schema}
            base = self.docnum
            docmap = self.write_per_doc(fieldnames, reader)
            self._merging.append((reader, docmap, base))
            self._added = True

    def write_per_doc(self, fieldnames, reader):
        """Whoosh's ``write_per_doc`` (a merged segment's stored fields, lengths and columns,
        document by document), with each field's lengths read once (``_Lengths``). Whoosh
        asks the reader for a document's length in each field, and for a field with no
        length column (the ids, the facets) the reader looks for the column's file on disk
        each time: ~11 ``stat`` calls a document, 30% of this method's time, merging 4
        segments of 15,000 synthetic articles (cProfile, an ad-hoc script)."""
        schema = self.schema
        docmap: dict[int, int] | None = {} if reader.has_deletions() else None
        pdw = self.perdocwriter
        cols = {}
        for fieldname in fieldnames:
            coltype = schema[fieldname].column_type
            if coltype and reader.has_column(fieldname):
                creader = reader.column_reader(fieldname, coltype)
                if isinstance(creader, TranslatingColumnReader):
                    creader = creader.raw_column()
                cols[fieldname] = creader
        perdoc = getattr(reader, "_perdoc", None)
        known = _Lengths(perdoc) if perdoc is not None else None
        lengths = {name: known.field(name) if known is not None else None
                   for name in fieldnames}
        fields = [(name, schema[name], lengths[name], cols.get(name))
                  for name in fieldnames]
        for docnum, stored in reader.iter_docs():
            if docmap is not None:
                docmap[docnum] = self.docnum
            pdw.start_doc(self.docnum)
            for fieldname, fieldobj, field_lengths, column in fields:
                length = (field_lengths[docnum] if field_lengths is not None
                          else 0 if known is not None
                          else reader.doc_field_length(docnum, fieldname))
                pdw.add_field(fieldname, fieldobj, stored.get(fieldname), length)
                if fieldobj.vector and reader.has_vector(docnum, fieldname):
                    v = reader.vector(docnum, fieldname, fieldobj.vector)
                    pdw.add_vector_matcher(fieldname, fieldobj, v)
                if column is not None:
                    pdw.add_column_value(fieldname, fieldobj.column_type, column[docnum])
            pdw.finish_doc()
            self.docnum += 1
        return docmap

    def finish_segment(self):
        """Write the new segment without committing it (a worker's part of a batch): the
        segment, for the locked writer to commit, or None when nothing was added."""
        try:
            if not self._added:
                self._close_segment()
                return None
            return self._finalize_segment()
        finally:
            self._finish()


def _remove_leftovers(ix) -> None:
    """Temporary files of writers that were killed. Only the holder of the library's write
    lock calls this, before it writes, when no other writer can be at work."""
    storage = ix.storage
    if not isinstance(storage, FileStorage):
        return
    for name in storage.list():
        if name.endswith(TEMP_SUFFIX) or name == f"{ix.indexname}.tmp":
            shutil.rmtree(os.path.join(storage.folder, name), ignore_errors=True)
