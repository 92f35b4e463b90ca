"""The Whoosh writer the indexer uses, in its own process and in its workers.

Whoosh 2.7.4's ``SegmentWriter`` (pinned: see pyproject), writing the same segment format
(any Whoosh 2.7 reader reads it) with three changes:

- **Postings grouped by term as they arrive** (``TermPool``). Whoosh's pool keeps one tuple
  per posting, checks each with asserts, sorts them all, then hands them one at a time to
  the postings writer. Here each term's documents, weights and values are lists, only the
  terms are sorted, and a term's postings go to disk a block at a time (``_TermWriter``):
  a third of the time of writing a segment. Past the memory limit the pool spills sorted
  runs to disk, as Whoosh's does.
- **Lengths read once.** Writing a segment's postings asks the length of the posting's
  field in its document once per posting, each time through a column reader: a sixth of
  the time of writing a segment. ``_Lengths`` reads each field's lengths once.
- **A temporary folder of its own.** Every Whoosh writer spills its posting pool into the
  same ``MAIN.tmp`` folder and deletes that folder when it finishes, which would pull the
  files from under a worker writing a segment beside it. Each writer here spills into a
  folder of its own, and the locked writer first clears what killed writers left behind.
"""

from __future__ import annotations

import heapq
import marshal
import os
import shutil
import uuid
import zlib
from array import array
from collections.abc import Iterator
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3PostingsWriter, W3TermInfo
from whoosh.filedb.filestore import FileStorage
from whoosh.system import emptybytes
from whoosh.util.numlists import delta_encode
from whoosh.util.numeric import length_to_byte
from whoosh.writing import NO_MERGE, SegmentWriter  # noqa: F401 (NO_MERGE: for the indexer)

TEMP_SUFFIX = ".bs-tmp"
COMPRESS_FROM = 256
"""Posting blocks smaller than this many bytes are stored uncompressed. Whoosh compresses
every block (it means to skip those under 20 bytes, but a bug compresses them anyway), and
most blocks are a rare word's few postings. On 3,000 Reuters articles this made the postings
file 5% larger (7.8 -> 8.2 MB) and writing the segment 12% faster."""

Term = tuple[str, bytes, list, list, list]
"""A field name, a term, and the term's document numbers, weights and values, in order."""


class TermPool:
    """Postings as Whoosh's ``SegmentWriter`` adds them (one ``add`` per posting), held
    per term in memory, spilled to disk as sorted runs past ``limitmb``."""

    def __init__(self, tempstore, limitmb: int) -> None:
        self._store = tempstore
        self._limit = limitmb * 1024 * 1024
        self._terms: dict[tuple[str, bytes], tuple[list, list, list]] = {}
        self._size = 0
        self._runs: list[str] = []
        self.fieldnames: set[str] = set()

    def add(self, item) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        try:
            docs, weights, values = self._terms[fieldname, tbytes]
        except KeyError:
            docs, weights, values = self._terms[fieldname, tbytes] = ([], [], [])
            self.fieldnames.add(fieldname)
            self._size += 200 + len(tbytes)
        docs.append(docnum)
        weights.append(weight)
        values.append(vbytes)
        self._size += 90 + (len(vbytes) if vbytes else 0)
        if self._size > self._limit:
            self._spill()

    def _sorted(self) -> Iterator[Term]:
        terms = self._terms
        for key in sorted(terms):
            yield (*key, *terms[key])

    def _spill(self) -> None:
        name = f"{uuid.uuid4().hex}.run"
        with self._store.create_file(name).raw_file() as f:
            for term in self._sorted():
                marshal.dump(term, f)
        self._runs.append(name)
        self._terms = {}
        self._size = 0

    def _read_run(self, name: str) -> Iterator[Term]:
        with self._store.open_file(name).raw_file() as f:
            while True:
                try:
                    yield marshal.load(f)
                except EOFError:
                    return

    def iter_terms(self) -> Iterator[Term]:
        """Every term in (field, term) order, its postings in document order."""
        if not self._runs:
            yield from self._sorted()
            return
        if self._terms:
            self._spill()
        merged = heapq.merge(*(self._read_run(name) for name in self._runs),
                             key=lambda term: (term[0], term[1]))
        last = None
        for term in merged:  # runs are in document order, and merge is stable
            if last is not None and term[:2] == last[:2]:
                for kept, more in zip(last[2:], term[2:]):
                    kept.extend(more)
                continue
            if last is not None:
                yield last
            last = term
        if last is not None:
            yield last

    def iter_postings(self):
        """Whoosh's pool interface: one (field, term, docnum, weight, value) at a time."""
        for fieldname, btext, docs, weights, values in self.iter_terms():
            for posting in zip(docs, weights, values):
                yield (fieldname, btext, *posting)

    def cleanup(self) -> None:
        for name in self._runs:
            try:
                self._store.delete_file(name)
            except OSError:
                pass
        self._runs = []
        self._terms = {}


class _TermWriter(W3PostingsWriter):
    """Whoosh's postings writer, given a whole term's postings at once: the blocks Whoosh
    writes posting by posting, sliced from lists."""

    def add_term(self, docs: list, weights: list, values: list, lengths) -> None:
        limit = self._blocklimit
        for start in range(0, len(docs), limit):
            if start:
                self._write_block()
            end = start + limit
            block_weights = weights[start:end]
            self._ids = array("I", docs[start:end])
            self._weights = array("f", block_weights)
            self._values = [v for v in values[start:end] if v]
            self._maxweight = max(0, max(block_weights))
            if lengths is not None:
                present = [n for n in (lengths[d] for d in docs[start:end]) if n]
                if present:
                    self._minlength = min(present)
                    self._maxlength = max(present)

    def _write_block(self, last=False):
        # Whoosh's own, compressing only blocks zlib can shrink.
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = dumps((tuple(delta_encode(self._ids)), self._mini_weights(),
                      self._mini_values()), 2)
        comp = self._compression if len(data) >= COMPRESS_FROM else 0
        if comp:
            data = zlib.compress(data, comp)
        ids = self._ids
        info = dumps((len(ids), ids[-1], self._maxweight, comp,
                      length_to_byte(self._minlength), length_to_byte(self._maxlength)), 2)
        size = len(info) + len(data)
        self._postfile.write_int(-size if last else size)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


def write_terms(fieldwriter, codec, schema, lengths, terms) -> None:
    """Whoosh's ``FieldWriter.add_postings`` for a ``W3FieldWriter``, a term at a time."""
    field = None
    postings = None
    field_lengths = None
    for fieldname, btext, docs, weights, values in terms:
        if fieldname != field:
            if field is not None:
                fieldwriter.finish_field()
            field = fieldname
            fieldwriter.start_field(fieldname, schema[fieldname])
            postings = fieldwriter._postwriter = _TermWriter(
                fieldwriter._postfile, blocklimit=codec._blocklimit,
                compression=codec._compression, inlinelimit=codec._inlinelimit)
            field_lengths = lengths.field(fieldname) if lengths is not None else None
        fieldwriter._btext = btext
        postings.start_postings(fieldwriter._format, W3TermInfo())
        postings.add_term(docs, weights, [emptybytes if v is None else v for v in values]
                          if None in values else values, field_lengths)
        fieldwriter.finish_term()
    if field is not None:
        fieldwriter.finish_field()


class _Lengths:
    """``doc_field_length`` of a per-document reader, each field's column read once."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._fields: dict[str, list] = {}

    def field(self, fieldname: str) -> list[int]:
        """Every document's length in ``fieldname``, by document number."""
        try:
            return self._fields[fieldname]
        except KeyError:
            read = self._reader.doc_field_length
            count = self._reader.doc_count_all()
            values = self._fields[fieldname] = [read(d, fieldname, 0) for d in range(count)]
            return values


class Writer(SegmentWriter):
    def __init__(self, ix, locked: bool = True, limitmb: int = 256) -> None:
        if locked:  # before this writer makes files of its own
            _remove_leftovers(ix)
        super().__init__(ix, _lk=locked, limitmb=limitmb, compound=False)
        # The pool's runs in a folder of this writer's own (column files stay in Whoosh's
        # shared folder, under names of their own).
        self._shared_temp = self._tempstorage if locked else None
        self._tempstorage = ix.storage.temp_storage(f"{uuid.uuid4().hex}{TEMP_SUFFIX}")
        self.pool = TermPool(self._tempstorage, limitmb)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        write_terms(self.fieldwriter, self.codec, self.schema,
                    _Lengths(reader) if reader else None, self.pool.iter_terms())
        self.fieldwriter.close()
        if reader:
            reader.close()

    def _finish(self) -> None:
        super()._finish()
        if self._shared_temp is not None:  # the locked writer ends last, as Whoosh's does
            self._shared_temp.destroy()

    def add_segments(self, segments) -> None:
        """Copy the live documents of ``segments`` (of this writer's index) into the new
        segment: a merge."""
        from whoosh.reading import SegmentReader

        for segment in segments:
            reader = SegmentReader(self.storage, self.schema, segment)
            self.add_reader(reader)
            reader.close()

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
