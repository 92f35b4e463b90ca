"""The Library service end to end on a small corpus in every format."""

from __future__ import annotations

import json
import os
import pickle
import time
from dataclasses import replace
from datetime import datetime

import pytest

from index import Filters, Library, LibraryBusy, LibraryError, Query, QueryError, Sort, indexer
from index.schema import build_schema
from tests.conftest import CORPUS, SAMPLE_DATA, write_corpus


def titles(results) -> set[str]:
    return {hit.title for hit in results.hits}


def test_every_format_is_indexed(library):
    stats = library.stats()
    # 2 txt, 1 md, 2 json, 2 jsonl (1 broken line), 1 html, 2 rss, 1 atom
    assert stats.articles == 11
    assert stats.formats == {"rss": 2, "json": 2, "jsonl": 2, "txt": 2, "atom": 1,
                             "html": 1, "md": 1}


def test_folded_spellings_find_each_other(library):
    for query in ("größte", "grösste", "GRÖSSTE", "groesste"):
        found = titles(library.search(Query(query)))
        assert found == {"Kasachstan tritt dem Abkommen bei",
                         "Die grösste Reform seit Jahren"}, query


def test_german_inflection(library):
    assert "Kasachstan tritt dem Abkommen bei" in titles(library.search(Query("Abkommens")))
    assert "Kasachstan tritt dem Abkommen bei" in titles(library.search(Query("Vertrag")))


def test_phrase_finds_only_the_exact_phrase(library):
    assert titles(library.search(Query('"grösste Steuerreform"'))) == {
        "Die grösste Reform seit Jahren"}
    assert library.search(Query('"Steuerreform grösste"')).total == 0


def test_not_and_minus(library):
    both = library.search(Query("grösste"))
    without = library.search(Query("grösste -Steuerreform"))
    assert both.total == 2 and titles(without) == {"Kasachstan tritt dem Abkommen bei"}
    assert library.search(Query("grösste NOT Steuerreform")).total == 1


def test_prefix_and_fuzzy(library):
    assert library.search(Query("Steuerref*")).total == 1
    assert library.search(Query("Steuerrefrom~2")).total == 1


def test_filters_narrow(library):
    assert library.search(Query("*", Filters(langs=("fr",)))).total == 1
    assert library.search(Query("*", Filters(langs=("fr", "es")))).total == 2
    assert titles(library.search(Query("*", Filters(countries=("KZ",))))) >= {
        "Kasachstan tritt dem Abkommen bei"}
    since = library.search(Query("*", Filters(since=datetime(2025, 8, 1))))
    assert all(hit.date and hit.date >= datetime(2025, 8, 1) for hit in since.hits)
    undated = library.search(Query("*", Filters(undated=True)))
    assert undated.total >= 2 and all(hit.date is None for hit in undated.hits)
    assert library.search(Query("*", Filters(sources=("wire",)))).total == 2


def test_field_syntax_in_the_query(library):
    assert library.search(Query("lang:fr")).total == 1
    assert library.search(Query("date:2026-01")).total == 1
    assert library.search(Query("source:Wire")).total == 2


def test_facets_count_the_whole_result_set(library):
    results = library.search(Query("*", limit=1))
    assert len(results.hits) == 1 and results.total == 11
    assert sum(results.facets["lang"].values()) == 11
    assert results.facets["year"]["2025"] >= 4
    assert "undated" in results.facets["year"]
    assert results.facets["month"]["2026-01"] == 1


def test_facets_are_disjunctive_within_a_facet(library):
    results = library.search(Query("*", Filters(langs=("fr",))))
    assert results.total == 1
    assert results.facets["lang"]["es"] == 1  # other languages stay choosable
    assert sum(results.facets["year"].values()) == 1  # other facets follow the filter


def test_sort_by_date_puts_undated_last(library):
    newest = library.search(Query("*", sort=Sort.NEWEST, limit=20)).hits
    dates = [h.date for h in newest if h.date]
    assert dates == sorted(dates, reverse=True)
    assert newest[-1].date is None
    oldest = library.search(Query("*", sort=Sort.OLDEST, limit=20)).hits
    assert [h.date for h in oldest if h.date] == sorted(dates)


def test_snippet_highlights_are_spans_of_the_snippet(library):
    hit = library.search(Query("Steuerreform")).hits[0]
    assert hit.highlights
    for start, end in hit.highlights:
        assert hit.snippet[start:end].lower().startswith("steuerreform")


def test_did_you_mean(library):
    results = library.search(Query("Steuerrform"))
    assert results.total == 0 and results.suggestion == "Steuerreform"


def test_get_and_prefix(library):
    hit = library.search(Query("Steuerreform")).hits[0]
    article = library.get(hit.id)
    assert article.title == hit.title and "Steuerreform" in article.text
    assert library.get(hit.id[:6]).id == hit.id
    assert library.get("nope") is None


def test_bad_query_is_a_query_error(library):
    with pytest.raises(QueryError):
        library.search(Query('"open'))


def test_a_sort_is_named_by_its_value_and_an_unknown_one_is_a_query_error(library):
    by_name = library.search(Query("*", sort="oldest", limit=20))  # type: ignore[arg-type]
    assert by_name.hits == library.search(Query("*", sort=Sort.OLDEST, limit=20)).hits
    with pytest.raises(QueryError, match="^unknown sort 'random'; use one of: relevance, "
                                         "newest, oldest$"):
        Query("kasachstan", sort="random")  # type: ignore[arg-type]


def test_a_query_is_one_value_to_compare_hash_and_send_pickled(library):
    """The app keys its searches by the Query and sends it to its engine process."""
    query = Query("kasachstan", Filters(langs=("de",)), Sort.NEWEST, limit=5, prefix_last=True)
    sent = pickle.loads(pickle.dumps(query))
    assert sent == query and hash(sent) == hash(query) and sent.sort is Sort.NEWEST
    assert {query: "shown"}[replace(query)] == "shown"
    assert replace(query, offset=5) != query
    assert library.search(sent).hits == library.search(query).hits
    assert library.search(sent).total > 0


@pytest.mark.parametrize("window", [None, 1, 3])
def test_incremental_changed_removed_unchanged(tmp_path, corpus, monkeypatch, window):
    """However many files' records the indexer looks up at once (``LOOKUP_WINDOW``): the
    changed file and the removed one fall in different windows at 1 and 3."""
    if window:
        monkeypatch.setattr(indexer, "LOOKUP_WINDOW", window)
    lib = Library(tmp_path / "lib")
    first = lib.add([corpus])
    assert (first.added, first.unchanged, len(first.failed)) == (8, 0, 1)
    again = lib.add([corpus])
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 8, 0)

    changed = corpus / "zeitung" / "reform.txt"
    changed.write_text("Die kleinste Reform\n\nNur eine Anpassung im Bahnverkehr.", "utf-8")
    os.utime(changed, ns=(time.time_ns(), time.time_ns() + 10**9))
    (corpus / "web" / "port.html").unlink()
    third = lib.add([corpus])
    assert (third.added, third.updated, third.removed) == (0, 1, 1)
    assert lib.search(Query("Steuerreform")).total == 0
    assert lib.search(Query("kleinste")).total == 1
    assert lib.search(Query("Rotterdam")).total == 0
    lib.close()


def test_touched_but_identical_file_is_unchanged(tmp_path, corpus):
    lib = Library(tmp_path / "lib")
    lib.add([corpus])
    path = corpus / "notes" / "grain.md"
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    report = lib.add([corpus])
    assert report.unchanged == 8 and report.updated == 0


def test_index_without_paths_refreshes_known_folders(tmp_path, corpus):
    lib = Library(tmp_path / "lib")
    lib.add([corpus])
    (corpus / "zeitung" / "new.txt").write_text("Neuer Artikel\n\nText über Polen.", "utf-8")
    assert lib.add().added == 1


def test_rebuild_starts_over(tmp_path, corpus):
    lib = Library(tmp_path / "lib")
    lib.add([corpus])
    report = lib.add([corpus], rebuild=True)
    assert report.added == 8 and lib.stats().articles == 11


def test_missing_library_is_a_clear_error(tmp_path):
    with pytest.raises(LibraryError, match="no library at"):
        Library(tmp_path / "nothing").search(Query("x"))


def test_library_that_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(LibraryError, match="is a file"):
        Library(tmp_path / "file").add([tmp_path])


def test_newer_schema_is_refused(tmp_path, corpus):
    from index.store import connect

    lib = Library(tmp_path / "lib")
    lib.add([corpus])
    conn = connect(tmp_path / "lib")
    conn.execute("UPDATE meta SET value='999' WHERE key='schema'")
    conn.commit()
    with pytest.raises(LibraryError, match="newer broadsheet"):
        Library(tmp_path / "lib").search(Query("x"))
    with pytest.raises(LibraryError, match="newer broadsheet"):
        Library(tmp_path / "lib").add([corpus])


def test_second_writer_is_told_the_library_is_busy(tmp_path, corpus):
    from index.store import write_lock

    folder = tmp_path / "lib"
    folder.mkdir()
    with write_lock(folder):
        with pytest.raises(LibraryBusy, match="library busy"):
            Library(folder).add([corpus])


def test_corpus_has_every_format():
    assert {name.rsplit(".", 1)[1] for name in CORPUS} >= {"txt", "md", "json", "jsonl", "html",
                                                            "rss", "atom"}


def test_search_as_you_type_matches_an_incomplete_last_word(library):
    assert library.search(Query("Steuerref")).total == 0
    assert library.search(Query("Steuerref", prefix_last=True)).total == 1
    assert library.search(Query("grösste Steuerref", prefix_last=True)).total == 1


def test_match_spans_follow_folding_stemming_and_fuzzy(library):
    text = "Die grösste Steuerreform, größte Abkommens und Steuerreformen."

    def marked(q):
        return [text[s:e] for s, e in library.match_spans(q, text, "de")]

    assert marked("GRÖSSTE") == ["grösste", "größte"]
    assert marked("Abkommen") == ["Abkommens"]
    assert marked("Steuerref*") == ["Steuerreform", "Steuerreformen"]
    assert marked("Steuerrefrom~2") == ["Steuerreform"]
    assert marked("grösste -Abkommen") == ["grösste", "größte"]


def test_under_a_language_filter_only_that_languages_forms_are_marked(library):
    """"banken" searched with --lang en is the English word alone (German's rules would
    make it "bank"): an English article marks what that search found, not "banks"."""
    text = "The banks and the Bank of England; banken."

    def marked(langs):
        return [text[s:e] for s, e in library.match_spans("banken", text, "en", langs=langs)]

    assert marked(("en",)) == ["banken"]
    assert marked(()) == ["banks", "Bank", "banken"]


def test_a_phrase_is_marked_where_its_words_stand_in_order(library):
    """Not every 'die' in the article: the phrase, once per place it stands."""
    text = "Die Regierung tagt. Die Opposition und die Regierung streiten; Regierung die."

    def marked(q):
        return [text[s:e] for s, e in library.match_spans(q, text, "de")]

    assert marked('"die Regierung"') == ["Die Regierung", "die Regierung"]
    assert marked('"die Regierung" Opposition') == ["Die Regierung", "Opposition",
                                                    "die Regierung"]
    assert marked('"die Regierung"~3') == ["Die", "Regierung", "Die", "die", "Regierung",
                                           "Regierung", "die"]  # near: each word
    found = library.search(Query('"grösste Steuerreform"'))
    hit = found.hits[0]
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["grösste Steuerreform"]


def test_facet_cache_follows_every_commit(tmp_path, corpus):
    lib = Library(tmp_path / "lib")
    lib.add([corpus])
    before = lib.search(Query("*")).facets["lang"]
    assert list((tmp_path / "lib").glob("facets-*.bin"))  # written for the next process
    (corpus / "zeitung" / "neu.txt").write_text(
        "Neuer Bericht\n\nDie Regierung in Berlin hat am Montag ein neues Gesetz beschlossen, "
        "das die Energiepreise senken soll.", "utf-8")
    lib.add([corpus])
    after = Library(tmp_path / "lib").search(Query("*")).facets["lang"]
    assert after["de"] == before["de"] + 1
    assert len(list((tmp_path / "lib").glob("facets-*.bin"))) == 1


def test_a_rebuild_without_paths_rebuilds_what_was_indexed(library):
    """What every "rebuild it: broadsheet index --rebuild" message tells the user to run."""
    report = library.add(rebuild=True)
    assert report.added == 8 and library.stats().articles == 11


@pytest.mark.parametrize("query", ["Regierung", "grösste", "Kasachstan OR France", "chip*",
                                   '"grösste Steuerreform"', "Abkommens -Steuerreform", "*"])
def test_relevance_pages_are_whooshs_own(library, query):
    """The page and the total are what Whoosh's own (unlimited) search gives."""
    searching = library._searcher_context()
    with searching._lock:
        s = searching._current()
        q = searching._compiler().compile(query)
        whoosh = [(s.stored_fields(h.docnum)["id"], h.score) for h in s.search(q, limit=None)]
    ours = library.search(Query(query, limit=3, offset=1))
    assert ours.total == len(whoosh) or query == "*"
    if query != "*":
        assert [(h.id, h.score) for h in ours.hits] == whoosh[1:4]


def test_ranking_leaves_out_replaced_articles(library, corpus):
    reform = corpus / "zeitung" / "reform.txt"
    reform.write_text(reform.read_text(encoding="utf-8") + "\nNoch einmal: die grösste.\n",
                      encoding="utf-8")
    library.add([corpus])  # the old document is deleted, the new one added
    found = library.search(Query("grösste"))
    assert found.total == len(found.hits) == 2
    assert len({h.id for h in found.hits}) == 2


@pytest.mark.parametrize("query", ["Regierung", "grösste", "Kasachstan OR France",
                                   "Regierung Berlin", "Abkommens", "nichtsdergleichen",
                                   "Regier*", "title:regier*", "Reg?erung Berlin", "Regirung~",
                                   "kasach* OR fran*", "zzz*", "body:grösst*"])
def test_listing_by_blocks_finds_what_whoosh_finds(library, corpus, monkeypatch, query):
    """Matches listed a block of postings at a time, across segments and past a replaced
    article, are Whoosh's own."""
    from index import searching

    reform = corpus / "zeitung" / "reform.txt"
    reform.write_text(reform.read_text(encoding="utf-8") + "\nRegierung, noch einmal.\n",
                      encoding="utf-8")
    library.add([corpus])  # a second segment, and a deleted document in the first
    library.add([SAMPLE_DATA])  # a third
    blocks = library.search(Query(query, limit=5, sort=Sort.NEWEST))  # listed, then dated
    reading = library._searcher_context()
    with reading._lock:  # listed by blocks indeed, not handed back to Whoosh
        assert searching.matching(reading._current(), reading._compiler().compile(query)) \
            is not None
    monkeypatch.setattr(searching, "matching", lambda s, q: None)
    whoosh = library.search(Query(query, limit=5, sort=Sort.NEWEST))
    assert (blocks.total, blocks.facets) == (whoosh.total, whoosh.facets)
    assert [h.id for h in blocks.hits] == [h.id for h in whoosh.hits]
    if query == "Regierung":
        assert blocks.total >= 2


@pytest.mark.parametrize("query", ['"grösste Steuerreform"', "Regierung -Berlin", "NOT Regierung",
                                   "lang:de -Regierung", '"grösste Steuerreform" OR Kasachstan',
                                   '"grösste Steuerreform" st*'])
def test_listing_any_other_query_finds_what_whoosh_finds(library, corpus, query):
    """Queries listing by blocks does not take (phrases, exclusions) are listed from what
    ranking scores: Whoosh's own listing, document for document, across segments and past
    a replaced article."""
    from index import searching

    reform = corpus / "zeitung" / "reform.txt"
    reform.write_text(reform.read_text(encoding="utf-8") + "\nRegierung, noch einmal.\n",
                      encoding="utf-8")
    library.add([corpus])
    library.add([SAMPLE_DATA])
    reading = library._searcher_context()
    with reading._lock:
        s = reading._current()
        q = reading._compiler().compile(query)
        assert searching.matching(s, q) is None  # not listed by blocks: the other way
        assert reading._docs(s, q) == set(s.docs_for_query(q))


def test_listing_by_blocks_reads_every_block(tmp_path):
    """A word in 300 articles has its postings in three blocks of Whoosh's 128."""
    for n in range(300):
        path = tmp_path / "wire" / f"{n:03}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(f"Market report {n}\n\nTraders said grain prices moved on day {n}; "
                        f"{'wheat' if n % 3 else 'barley'} led the session.\n", "utf-8")
    with Library(tmp_path / "lib") as library:
        library.add([tmp_path / "wire"])
        for sort in ("newest", "relevance"):
            assert library.search(Query("traders", sort=sort)).total == 300
            assert library.search(Query("wheat grain", sort=sort)).total == 200
            assert library.search(Query("barley OR wheat", sort=sort)).total == 300


def test_everything_leaves_out_replaced_articles(library, corpus):
    """``*`` after a file changed: its old version is deleted, not listed or counted."""
    before = library.search(Query("*", limit=100))
    reform = corpus / "zeitung" / "reform.txt"
    reform.write_text(reform.read_text(encoding="utf-8") + "\nNoch ein Satz.\n",
                      encoding="utf-8")
    library.add([corpus])
    after = library.search(Query("*", limit=100))
    assert after.total == before.total == len(after.hits) == library.stats().articles
    assert sum(after.facets["lang"].values()) == after.total
    dates = [h.date for h in library.search(Query("*", sort=Sort.OLDEST, limit=100)).hits]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated) and dates == dated + [None] * (len(dates) - len(dated))
    newest = [h.date for h in library.search(Query("*", sort=Sort.NEWEST, limit=100)).hits]
    assert [d for d in newest if d] == sorted(dated, reverse=True) and newest[-1] is None


def test_the_date_column_is_read_whole_as_whoosh_reads_it(tmp_path):
    """Read in one piece, with the undated articles after the last dated one (which
    Whoosh's column does not store) given the column's default."""
    from whoosh.columns import NumericColumn

    from index.searching import NO_DATE
    from index.whoosh_internals.bulk import column_array, column_values

    wire = tmp_path / "wire"
    wire.mkdir()
    for n in range(6):
        dated = f"Berlin, {n + 1:02}.11.2025 – " if n < 4 else ""
        (wire / f"{n}.txt").write_text(f"Bericht {n}\n\n{dated}Die Regierung tagte.\n", "utf-8")
    with Library(tmp_path / "lib") as library:
        library.add([wire])
        searching = library._searcher_context()
        with searching._lock:
            s = searching._current()
            (reader, _), = s.reader().leaf_readers()
            column = reader.column_reader("date", translate=False)
            assert type(column) is NumericColumn.Reader and column._count < column._doccount
            values = column_values(column)
            assert values == list(reader.column_reader("date", translate=False))
            assert values.count(NO_DATE) == 2
            assert column_array(column, "Q").tolist() == values  # the searcher's, per segment
            assert searching._dates(s).tolist() == values
        dates = [h.date for h in library.search(Query("*", sort=Sort.NEWEST)).hits]
        assert dates[:4] == sorted(dates[:4], reverse=True) and dates[4:] == [None, None]


def test_a_dictionary_form_finds_and_marks_only_inflected_forms(tmp_path):
    """Rosja finds an article that writes only Rosji; the article's language decides."""
    folder = tmp_path / "news"
    folder.mkdir()
    articles = [
        {"title": "Sankcje", "text": "Unia nałożyła nowe sankcje na Rosji gospodarkę.",
         "lang": "pl", "url": "https://example.org/pl"},
        {"title": "Санкції", "text": "Євросоюз запровадив нові санкції проти Росії.",
         "lang": "uk", "url": "https://example.org/uk"},
        {"title": "Избори", "text": "Влада Србије расписала је изборе.",
         "lang": "sr", "url": "https://example.org/sr"},
    ]
    (folder / "news.jsonl").write_text("\n".join(json.dumps(a) for a in articles),
                                       encoding="utf-8")
    with Library(tmp_path / "library") as library:
        library.add([folder])
        found = library.search(Query("Rosja", filters=Filters(langs=("pl",))))
        assert [hit.title for hit in found.hits] == ["Sankcje"]
        assert "Rosji" in [found.hits[0].snippet[s:e] for s, e in found.hits[0].highlights]
        # by the Ukrainian reducer alone; as a country word, Russia in every language
        assert titles(library.search(Query("Росія", all_languages=False))) == {"Санкції"}
        assert titles(library.search(Query("Росія"))) == {"Санкції", "Sankcje"}
        assert library.search(Query('"Rosja gospodarkę"')).total == 0  # a phrase is exact
        # Serbian is reduced to Latin: the Latin dictionary form finds and marks Cyrillic.
        found = library.search(Query("Srbija", filters=Filters(langs=("sr",))))
        assert [(hit.title, [hit.snippet[s:e] for s, e in hit.highlights])
                for hit in found.hits] == [("Избори", ["Србије"])]


def test_a_library_from_an_older_broadsheet_is_rebuilt_with_todays_tables_and_shrinks(
        tmp_path, corpus):
    """A schema change rebuilds the library from its files: it comes back with the tables
    as they are now (the manifest without a second copy of every path), and the file gives
    back the pages of what it dropped."""
    import sqlite3

    folder = tmp_path / "library"
    with Library(folder) as library:
        library.add([corpus])
        before = {hit.id for hit in library.search(Query("*", limit=50)).hits}
    conn = sqlite3.connect(folder / "library.sqlite")
    with conn:  # as an older broadsheet left it
        conn.execute("DROP TABLE files")
        conn.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, "
                     "mtime_ns INTEGER, digest TEXT, ids TEXT)")
        conn.execute("CREATE TABLE dup_shingles (hash INTEGER, doc INTEGER)")
        conn.executemany("INSERT INTO dup_shingles VALUES (?, ?)",
                         ((n, n) for n in range(100_000)))
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema'")
    conn.close()  # the last connection: its write-ahead log goes into the file
    bloated = (folder / "library.sqlite").stat().st_size
    with Library(folder) as library:
        library.add()
        assert {hit.id for hit in library.search(Query("*", limit=50)).hits} == before
    conn = sqlite3.connect(folder / "library.sqlite")
    (files,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'files'").fetchone()
    names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert "WITHOUT ROWID" in files and "sqlite_autoindex_files_1" not in names
    assert (folder / "library.sqlite").stat().st_size < bloated / 4


def test_an_interrupted_search_stops_and_leaves_the_next_one_whole(library, monkeypatch):
    """Stopped between a prefix's terms (the app's user typed on), a search raises
    Interrupted; the same search afterwards finds what it always did (the caches it was
    filling hold whole entries only)."""
    from index import interrupt

    expected = library.search(Query("die", prefix_last=True, limit=50))
    checks = []
    with Library(library.folder) as fresh:
        monkeypatch.setattr(interrupt, "_asked", lambda: checks.append(1) or len(checks) > 3)
        with pytest.raises(interrupt.Interrupted):
            fresh.search(Query("die", prefix_last=True, limit=50))
        monkeypatch.setattr(interrupt, "_asked", None)
        again = fresh.search(Query("die", prefix_last=True, limit=50))
    assert len(checks) == 4
    assert (again.total, again.hits, again.facets) == (expected.total, expected.hits,
                                                       expected.facets)


def test_the_rest_of_a_page_and_its_facets_follow_the_ranking_and_a_commit(tmp_path, corpus):
    """The latest ranking is kept for the rest of its page and its facets (what the app
    asks for once the typing rests), and not past a commit that changed the library."""
    lib = Library(tmp_path / "lib")
    lib.add([corpus])
    query = Query("die", prefix_last=True, limit=1)
    first = lib.search(query)
    rest = lib.search(replace(query, offset=1, limit=10))
    counted = lib.search(replace(query, limit=0, facets=True))
    with Library(lib.folder) as fresh:
        whole = fresh.search(replace(query, limit=11, facets=True))
    assert [h.id for h in first.hits + rest.hits] == [h.id for h in whole.hits]
    assert counted.facets == whole.facets and counted.total == whole.total

    (corpus / "more.txt").write_text("Die neue Meldung\n\nDie Regierung tagt.", "utf-8")
    lib.add([corpus])
    after = lib.search(replace(query, limit=0, facets=True))
    assert after.total == whole.total + 1
    assert sum(after.facets["lang"].values()) == sum(whole.facets["lang"].values()) + 1
    lib.close()


def test_a_date_in_the_query_finds_the_day_and_keeps_the_time(tmp_path):
    """The date's terms hold the day alone (``schema.DayDate``); a hit, the sort and the
    filters keep the hour."""
    folder = write_corpus(tmp_path / "articles", {
        "late.md": "---\ntitle: Late night vote\ndate: 2025-11-08T23:30:00\n---\nThe vote.\n",
        "early.md": "---\ntitle: Early count\ndate: 2025-11-08T06:15:00\n---\nThe count.\n",
        "next.md": "---\ntitle: Next morning\ndate: 2025-11-09T00:00:00\n---\nThe day after.\n",
    })
    with Library(tmp_path / "library") as library:
        library.add([folder])
        assert titles(library.search(Query("date:2025-11-08"))) == {
            "Late night vote", "Early count"}
        assert titles(library.search(Query("date:2025-11-09"))) == {"Next morning"}
        assert library.search(Query("date:2025-11")).total == 3
        newest = library.search(Query("*", sort=Sort.NEWEST)).hits
        assert [h.title for h in newest] == ["Next morning", "Late night vote", "Early count"]
        assert newest[1].date == datetime(2025, 11, 8, 23, 30)
        since = library.search(Query("*", Filters(since=datetime(2025, 11, 8, 12))))
        assert titles(since) == {"Late night vote", "Next morning"}
    date = build_schema()["date"]  # the two articles of the 8th share their terms
    assert list(date.index(datetime(2025, 11, 8, 23, 30))) == list(
        date.index(datetime(2025, 11, 8, 6, 15))) != list(date.index(datetime(2025, 11, 9)))


def test_a_hit_reads_its_date_from_the_column_the_sort_reads(tmp_path):
    """The date is kept once, in the sort column: not among the stored fields. A ranked
    hit (no column read whole), a listed one (read whole) and ``get`` all give it, across
    segments, and an undated article has none."""
    from whoosh.index import open_dir

    folder = write_corpus(tmp_path / "articles", {
        "vote.md": "---\ntitle: Vote counted\ndate: 1987-03-02T23:30:05\n---\nThe vote.\n"})
    with Library(tmp_path / "library") as library:
        library.add([folder])
        (folder / "later.md").write_text("Undated vote\n\nAnother vote.", "utf-8")
        library.add([folder])
        ranked = {h.title: h for h in library.search(Query("vote")).hits}
        listed = {h.title: h.date for h in library.search(Query("*", sort=Sort.NEWEST)).hits}
        assert ranked["Vote counted"].date == listed["Vote counted"] == datetime(
            1987, 3, 2, 23, 30, 5)
        assert ranked["Undated vote"].date is None and listed["Undated vote"] is None
        article = library.get(ranked["Vote counted"].id)
        assert article is not None and article.date == datetime(1987, 3, 2, 23, 30, 5)
        undated = library.get(ranked["Undated vote"].id)
        assert undated is not None and undated.date is None
    with open_dir(str(tmp_path / "library" / "whoosh")).searcher() as s:
        assert len(list(s.reader().leaf_readers())) == 2
        assert all("date" not in fields for fields in s.reader().all_stored_fields())
