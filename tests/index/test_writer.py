"""The indexer's segment writer must write exactly the segment Whoosh's own writer writes:
the same terms, postings, weights, values and term statistics, in memory or spilled to disk,
written fresh or merged from other segments."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.index import create_in
from whoosh.matching import ListMatcher
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from index.models import RawArticle
from index.schema import build_schema
from index.sources import discover, read_file
from index.whoosh_internals import inline
from index.whoosh_internals import writer as writer_module
from index.whoosh_internals.positions import encode
from index.whoosh_internals.writer import RUN_CHUNK, Writer
from index.workers import add_all
from tests.conftest import SAMPLE_DATA


def sample_jobs() -> list[tuple[RawArticle, frozenset, None]]:
    jobs = []
    for path, _ in discover([SAMPLE_DATA]):
        jobs += [(raw, frozenset(), None) for raw in read_file(Path(path))
                 if isinstance(raw, RawArticle)]
    assert len(jobs) > 50
    return jobs


def contents(ix) -> dict:
    """Every term of every segment, with its statistics and its postings, block by block."""
    out = {}
    with ix.reader() as reader:
        for segreader in reader.leaf_readers():
            segreader = segreader[0] if isinstance(segreader, tuple) else segreader
            terms = out[len(out)] = {}
            for fieldname, text in segreader.all_terms():
                info = segreader.term_info(fieldname, text)
                matcher = segreader.postings(fieldname, text)
                postings = []
                while matcher.is_active():
                    postings.append((matcher.id(), matcher.weight(), matcher.value(),
                                     matcher.block_min_length(), matcher.block_max_length(),
                                     matcher.block_max_weight()))
                    matcher.next()
                terms[fieldname, text] = (
                    info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                    info.max_weight(), info.min_id(), info.max_id(), postings)
            terms["lengths"] = [segreader.doc_field_length(d, f)
                                for f in ("title", "exact", "stem")
                                for d in range(segreader.doc_count_all())]
            terms["stored"] = list(segreader.all_stored_fields())
    return out


def write(folder, writer_class, jobs, **kwargs):
    ix = create_in(str(folder), build_schema())
    writer = writer_class(ix, **kwargs)
    add_all(writer, jobs)
    writer.commit()
    return ix


@pytest.fixture(scope="module")
def jobs():
    return sample_jobs()


@pytest.fixture(scope="module")
def whooshs(tmp_path_factory, jobs):
    return contents(write(tmp_path_factory.mktemp("whoosh"), SegmentWriter, jobs))


def test_the_segment_is_whooshs_own(tmp_path, jobs, whooshs):
    assert contents(write(tmp_path, Writer, jobs)) == whooshs


@pytest.mark.parametrize("chunk", [RUN_CHUNK, 3])
def test_a_pool_spilled_to_disk_writes_the_same_segment(tmp_path, jobs, whooshs, chunk,
                                                        monkeypatch):
    # runs of a few terms per chunk, and of several chunks (3 terms each)
    monkeypatch.setattr(writer_module, "RUN_CHUNK", chunk)
    ix = write(tmp_path, Writer, jobs, limitmb=0.02)  # spills every few articles
    assert contents(ix) == whooshs
    assert not [name for name in ix.storage.list() if name.endswith(".run")]


def _three_segments(folder, jobs, writer_class=SegmentWriter):
    """An index in ``folder`` of ``jobs`` in three segments, written by ``writer_class``."""
    folder.mkdir()
    ix = create_in(str(folder), build_schema())
    third = len(jobs) // 3
    for part in (jobs[:third], jobs[third:2 * third], jobs[2 * third:]):
        writer = writer_class(ix)
        add_all(writer, part)
        writer.commit(merge=False)
    assert len(ix.reader().leaf_readers()) == 3
    return ix


def test_merged_segments_are_whooshs_own(tmp_path, jobs):
    """Three segments merged into one, by Whoosh's writer and by this one."""
    merged = {}
    for name, writer_class in (("whoosh", SegmentWriter), ("ours", Writer)):
        ix = _three_segments(tmp_path / name, jobs)
        writer_class(ix).commit(optimize=True)
        merged[name] = contents(ix)
        assert len(merged[name]) == 1
    assert merged["ours"] == merged["whoosh"]


def _add_segments(writer, segments):
    """A merge policy: every segment into the new one, through ``Writer.add_segments``."""
    writer.add_segments(segments)
    return []


@pytest.mark.parametrize("deleted", [(), (0, 7, 40, 41, -1)], ids=["whole", "with-deletions"])
@pytest.mark.parametrize("written_by", [SegmentWriter, Writer], ids=["whooshs", "ours"])
def test_segments_merged_as_streams_are_whooshs_own(tmp_path, jobs, deleted, written_by):
    """Three segments (some of their documents deleted), written by Whoosh or by this
    writer (its rare terms' postings inlined), merged by ``add_segments``, which reads
    their terms and postings files itself, and by Whoosh's own writer: the same segment,
    term by term, posting by posting, stored fields and lengths included."""
    merged = {}
    for name in ("whoosh", "ours"):
        ix = _three_segments(tmp_path / name, jobs, written_by)
        if deleted:
            writer = SegmentWriter(ix)
            for docnum in deleted:
                writer.delete_document(docnum % len(jobs))
            writer.commit(merge=False)
        if name == "whoosh":
            SegmentWriter(ix).commit(optimize=True)
        else:
            Writer(ix).commit(mergetype=_add_segments)
        merged[name] = contents(ix)
        assert len(merged[name]) == 1
        assert ix.doc_count() == len(jobs) - len(deleted)
    assert merged["ours"] == merged["whoosh"]


def _terms_file(folder, writer_class, items) -> bytes:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashWriter

    storage = FileStorage(str(folder))
    table = OrderedHashWriter(storage.create_file("terms"))
    if writer_class is not OrderedHashWriter:
        table = writer_class.taking_over(table)
    for key, value in items:
        table.add(key, value)
    table.close()
    return (folder / "terms").read_bytes()


def test_the_terms_file_is_whooshs_own_byte_for_byte(tmp_path):
    """A segment's terms table written by ``TermIndexWriter`` is the file Whoosh writes, and
    Whoosh's reader finds every term in it."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter

    from index.whoosh_internals.writer import TermIndexWriter

    items = [(b"\x00\x01" + f"w{n:06d}".encode(), str(n).encode() * (n % 7 + 1))
             for n in range(20_000)]
    files = {}
    for name, writer_class in (("whoosh", OrderedHashWriter), ("ours", TermIndexWriter)):
        (tmp_path / name).mkdir()
        files[name] = _terms_file(tmp_path / name, writer_class, items)
    assert files["ours"] == files["whoosh"]
    storage = FileStorage(str(tmp_path / "ours"))
    reader = OrderedHashReader(storage.open_file("terms"), storage.file_length("terms"))
    assert all(reader[key] == value for key, value in items[::97])
    assert reader.closest_key(b"\x00\x01w000500x") == b"\x00\x01w000501"


@pytest.mark.parametrize("chunk", [1 << 20, 7, 100])
def test_a_terms_file_read_in_chunks_gives_every_term_as_whoosh_does(tmp_path, monkeypatch,
                                                                      chunk):
    """A merge reads a segment's terms file a chunk at a time (``table_items``): every key
    and value, in order, as Whoosh's reader gives them, whether a chunk holds many records
    or a record spans several chunks."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter

    monkeypatch.setattr(writer_module, "READ_CHUNK", chunk)
    items = [(b"\x00\x01" + f"w{n:06d}".encode(), str(n).encode() * (n % 40 + 1))
             for n in range(3_000)]
    _terms_file(tmp_path, OrderedHashWriter, items)
    storage = FileStorage(str(tmp_path))
    reader = OrderedHashReader(storage.open_file("terms"), storage.file_length("terms"))
    assert list(writer_module.table_items(reader)) == list(reader.items()) == items


def test_a_terms_table_costs_little_memory_a_term(tmp_path):
    """What the table keeps of each term until the segment is written grows with the
    library's vocabulary (637,000 terms a segment at 200,000 synthetic articles): a few
    bytes a term, where Whoosh's writer kept ~130."""
    import tracemalloc

    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashWriter

    from index.whoosh_internals.writer import TermIndexWriter

    storage = FileStorage(str(tmp_path))
    table = TermIndexWriter.taking_over(OrderedHashWriter(storage.create_file("terms")))
    keys = [f"word{n:07d}".encode() for n in range(100_000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for key in keys:
            table.add(key, b"info")
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        table.close()
    assert held / len(keys) < 40


@pytest.mark.parametrize("limit", [256, 0])
def test_words_pooled_by_the_word_come_out_in_the_order_of_their_bytes(tmp_path, limit):
    """The text fields' words are pooled as strings and encoded once, as they are sorted:
    their terms must come out in the order of their UTF-8 bytes, as Whoosh sorts them,
    from memory and from runs spilled to disk alike (a limit of 0 spills every document).
    """
    from whoosh.filedb.filestore import FileStorage

    from index.whoosh_internals.writer import TermPool

    pool = TermPool(FileStorage(str(tmp_path)), limitmb=limit)
    words = ["zebra", "Zürich", "état", "\U0001d49c", "\uffee", "a", "ω", "東京", "ab"]
    for docnum, word in enumerate(words):
        pool.add_words("exact", docnum, {word: [docnum], "a": [9]}, 1.0, places=True)
        pool.add_words("stem", docnum, {word: 2}, 1.0, places=False)
    pool.add_field("lang", 0, [(b"de", 1, 1.0, b"")])
    terms = [(field, term, list(docs)) for field, term, docs, _, _ in pool.iter_terms()]
    pool.cleanup()
    expected = sorted({word.encode("utf-8") for word in words})
    assert [term for field, term, _ in terms if field == "stem"] == expected
    assert [term for field, term, _ in terms if field == "exact"] == expected
    assert ("exact", b"a", list(range(len(words)))) in terms
    assert [field for field, _, _ in terms] == sorted(field for field, _, _ in terms)


@pytest.mark.parametrize("limit", [256, 0])
def test_a_term_of_one_document_comes_out_as_a_term_of_many(tmp_path, limit):
    """The pool holds a term of one document as that one posting, and makes it a term's
    arrays when a second document has it: every term must come out with its documents,
    weights and values whatever form it was held in, from memory and from spilled runs
    (a limit of 0 spills every document)."""
    from whoosh.filedb.filestore import FileStorage

    from index.whoosh_internals.writer import TermPool

    pool = TermPool(FileStorage(str(tmp_path)), limitmb=limit)
    pool.add_words("exact", 0, {"solo": [1, 4], "pair": [0]}, 1.0, places=True)
    pool.add_words("exact", 1, {"pair": [2, 3]}, 1.0, places=True)
    pool.add_words("stem", 0, {"trio": 1}, 2.0, places=False)
    pool.add_words("stem", 3, {"trio": 300, "late": 2}, 2.0, places=False)
    pool.add_words("stem", 70_000, {"trio": 1}, 2.0, places=False)
    pool.add_field("id", 0, [(b"a", 1, 1.0, b"")])
    pool.add(("id", b"b", 1, 1.0, b""))
    pool.add(("lang", b"de", 0, 1.0, b""))
    pool.add(("lang", b"de", 1, 1.0, b""))
    terms = [(field, term, list(docs), list(weights), list(values))
             for field, term, docs, weights, values in pool.iter_terms()]
    pool.cleanup()
    one, three = pack_uint(1), pack_uint(300)
    assert terms == [
        ("exact", b"pair", [0, 1], [1.0, 2.0], [encode([0]), encode([2, 3])]),
        ("exact", b"solo", [0], [2.0], [encode([1, 4])]),
        ("id", b"a", [0], [1.0], [b""]),
        ("id", b"b", [1], [1.0], [b""]),
        ("lang", b"de", [0, 1], [1.0, 1.0], [b"", b""]),
        ("stem", b"late", [3], [4.0], [pack_uint(2)]),
        ("stem", b"trio", [0, 3, 70_000], [2.0, 600.0, 2.0], [one, three, one]),
    ]


def test_a_term_of_one_document_costs_the_pool_less(tmp_path):
    """Most of a segment's terms are in one of its documents (rare words, ids): the pool
    holds each as its one posting, not a term's arrays, so a worker's pool holds more
    articles before it spills. Measured: ~140 bytes, and ~250 more once a second document
    has the term (the words themselves are the analysis's, held anyway)."""
    import tracemalloc

    from whoosh.filedb.filestore import FileStorage

    from index.whoosh_internals.writer import TermPool

    pool = TermPool(FileStorage(str(tmp_path)), limitmb=256)
    words = [f"wort{i:06d}" for i in range(20_000)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for docnum, word in enumerate(words, 1_000):
            pool.add_words("stem", docnum, {word: 1}, 1.0, places=False)
        single = (tracemalloc.get_traced_memory()[0] - before) / len(words)
        before = tracemalloc.get_traced_memory()[0]
        for docnum, word in enumerate(words, 30_000):
            pool.add_words("stem", docnum, {word: 1}, 1.0, places=False)
        grown = (tracemalloc.get_traced_memory()[0] - before) / len(words)
    finally:
        tracemalloc.stop()
        pool.cleanup()
    assert single < 200
    assert single + grown > 300  # the arrays a term of several documents needs


def test_a_field_is_pooled_by_words_or_by_bytes_never_both(tmp_path):
    from whoosh.filedb.filestore import FileStorage

    from index.whoosh_internals.writer import TermPool

    pool = TermPool(FileStorage(str(tmp_path)), limitmb=256)
    pool.add_field("exact", 0, [(b"word", 1, 1.0, b"")])
    with pytest.raises(ValueError, match="exact"):
        pool.add_words("exact", 1, {"word": [0]}, 1.0, places=True)
    pool.add_words("stem", 0, {"word": 1}, 1.0, places=False)
    with pytest.raises(ValueError, match="stem"):
        pool.add_field("stem", 1, [(b"word", 1, 1.0, b"")])


def test_a_writer_stopped_beside_a_working_one_leaves_the_folder_to_the_next(tmp_path):
    """Stopped by a signal while a worker still writes into Whoosh's shared temporary
    folder, the locked writer cannot remove it: the stop is not turned into an error, and
    the next locked writer clears the folder."""
    ix = create_in(str(tmp_path), build_schema())
    writer = Writer(ix)
    shared = Path(writer._shared_temp.folder)
    (shared / "a-workers-columns").mkdir()  # what a working writer holds there
    writer.cancel()
    assert shared.is_dir()
    Writer(ix).cancel()
    assert not shared.exists()


def test_posting_blocks_are_pickled_with_bytes_as_bytes(tmp_path, jobs, monkeypatch):
    """Whoosh's own writer pickles a block with protocol 2, which writes each position value
    as a call that rebuilds it from a string; the writer's protocol 4 blocks hold the same
    postings (the tests above read them with Whoosh) in about half the bytes."""
    def postings_bytes(name: str) -> int:
        ix = write(tmp_path / name, Writer, jobs)
        return sum(ix.storage.file_length(f) for f in ix.storage.list() if f.endswith(".pst"))

    monkeypatch.setattr(writer_module, "INLINE", 0)  # every term's postings in blocks
    block = ((3, 1), None, (b"\x05\x00", b"\x07\x00"))
    assert writer_module.pickled(block, 4)[:3] == b"\x80\x04K"  # no frame header
    assert pickle.loads(writer_module.pickled(block, 4)) == block
    tmp_path.joinpath("4").mkdir()
    tmp_path.joinpath("2").mkdir()
    ours = postings_bytes("4")
    monkeypatch.setattr(writer_module, "BLOCK_PROTOCOL", 2)
    assert 0 < ours < 0.7 * postings_bytes("2")  # 0.56 on the sample articles


def test_stored_fields_are_pickled_with_protocol_4_and_deflated_harder(tmp_path, jobs,
                                                                       monkeypatch):
    """The same stored fields (``test_the_segment_is_whooshs_own`` reads them back with
    Whoosh) in fewer bytes than Whoosh's protocol 2 at level 3."""
    def stored_bytes(name: str) -> int:
        tmp_path.joinpath(name).mkdir()
        ix = write(tmp_path / name, Writer, jobs)
        return sum(ix.storage.file_length(f) for f in ix.storage.list()
                   if f.endswith("_stored.col"))

    ours = stored_bytes("ours")
    monkeypatch.setattr(writer_module, "STORED_PROTOCOL", 2)
    monkeypatch.setattr(writer_module, "STORED_LEVEL", 3)
    assert 0 < ours < 0.97 * stored_bytes("whooshs")  # 0.93 on the sample articles


@pytest.mark.parametrize("matcher", [ListMatcher, inline.InlineLeaf])
def test_a_term_in_one_article_is_inlined_and_read_as_whooshs_own(tmp_path, jobs, whooshs,
                                                                  matcher, monkeypatch):
    """A term found in one article (its id, a rare word) has its postings in its entry of
    the terms file. Whoosh's own reader (a ListMatcher) and the engine's (an InlineLeaf,
    read by the fast paths a block at a time) give what Whoosh's own writer wrote."""
    own = matcher is ListMatcher
    monkeypatch.setattr(W3Codec, "postings_reader",
                        inline.WHOOSH_OWN if own else inline._postings_reader)
    ix = write(tmp_path, Writer, jobs)
    with ix.reader() as reader:
        ids = list(reader.lexicon("id"))
        assert len(ids) == len(jobs)
        assert all(reader.term_info("id", text).is_inlined() for text in ids)
        assert type(reader.postings("id", ids[0])) is matcher
        common = max(reader.lexicon("exact"), key=lambda t: reader.doc_frequency("exact", t))
        assert not reader.term_info("exact", common).is_inlined()
    assert contents(ix) == whooshs


def test_inlined_postings_take_fewer_bytes(tmp_path, jobs, monkeypatch):
    """The terms and postings files together, with and without inlining."""
    def terms_and_postings(name: str) -> int:
        tmp_path.joinpath(name).mkdir()
        ix = write(tmp_path / name, Writer, jobs)
        return sum(ix.storage.file_length(f) for f in ix.storage.list()
                   if f.endswith((".pst", ".trm")))

    ours = terms_and_postings("inlined")
    monkeypatch.setattr(writer_module, "INLINE", 0)
    apart = terms_and_postings("apart")
    assert 0 < ours < 0.85 * apart  # 0.75 on the sample articles
