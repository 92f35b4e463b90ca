"""The Whoosh writer the indexer uses, in its own process and in its workers.

Whoosh 2.7.4's ``SegmentWriter`` (pinned: see pyproject), with two changes:

- **Lengths read once.** Writing a segment's postings asks the length of the posting's
  field in its document once per posting, each time through a column reader: a sixth of
  the time of writing a segment. ``_Lengths`` reads each field's lengths once.
- **A temporary folder of its own.** Every Whoosh writer spills its posting pool into the
  same ``MAIN.tmp`` folder and deletes that folder when it finishes, which would pull the
  files from under a worker writing a segment beside it. Each writer here spills into a
  folder of its own, and the locked writer first clears what killed writers left behind.
"""

from __future__ import annotations

import os
import shutil
import uuid

from whoosh.filedb.filestore import FileStorage
from whoosh.writing import NO_MERGE, PostingPool, SegmentWriter  # noqa: F401 (NO_MERGE: for the indexer)

TEMP_SUFFIX = ".bs-tmp"


class _Lengths:
    """``doc_field_length`` of a per-document reader, each field's column read once."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._fields: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        try:
            return self._fields[fieldname][docnum]
        except KeyError:
            read = self._reader.doc_field_length
            count = self._reader.doc_count_all()
            values = self._fields[fieldname] = [read(d, fieldname, default)
                                                for d in range(count)]
            return values[docnum]


class Writer(SegmentWriter):
    def __init__(self, ix, locked: bool = True, limitmb: int = 256) -> None:
        if locked:  # before this writer makes files of its own
            _remove_leftovers(ix)
        super().__init__(ix, _lk=locked, limitmb=limitmb, compound=False)
        # The pool's runs in a folder of this writer's own (column files stay in Whoosh's
        # shared folder, under names of their own).
        self._shared_temp = self._tempstorage if locked else None
        self._tempstorage = ix.storage.temp_storage(f"{uuid.uuid4().hex}{TEMP_SUFFIX}")
        self.pool = PostingPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, _Lengths(reader) if reader else None,
                                      self.pool.iter_postings())
        self.fieldwriter.close()
        if reader:
            reader.close()

    def _finish(self) -> None:
        super()._finish()
        if self._shared_temp is not None:  # the locked writer ends last, as Whoosh's does
            self._shared_temp.destroy()

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
