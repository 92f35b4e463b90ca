"""Near-duplicates: paragraph splitting, stable shingles, and the sqlite-backed link index."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from index.enrich.duplicates import (
    DuplicateIndex,
    fold,
    paragraph_shingles,
    paragraphs,
    shared_paragraphs,
    shingle_hash,
)

# A story in four languages; each paragraph is long enough (~50 words) to be evidence.
EN = """Storm batters the coast

The storm that reached the northern coast on Tuesday night flooded hundreds of homes, cut power to \
more than forty thousand households and forced the closure of the main coastal road between the \
two largest towns, the regional authorities said on Wednesday morning after an emergency meeting \
of the crisis committee in the capital.

Rescue teams worked through the night to evacuate elderly residents from the lower districts, \
where the water rose by almost two metres within an hour. The mayor said that the old sea wall, \
built in the nineteen fifties and repaired only twice since then, had simply not been designed for \
waves of this size.

Meteorologists expect the wind to ease by Thursday evening, but warned that heavy rain would \
continue over the weekend and that rivers in the hills could still burst their banks."""

FR = """La tempête qui a frappé la côte nord mardi soir a inondé des centaines de maisons, privé \
d'électricité plus de quarante mille foyers et provoqué la fermeture de la route côtière \
principale entre les deux plus grandes villes, ont indiqué mercredi matin les autorités régionales \
après une réunion d'urgence.

Les équipes de secours ont travaillé toute la nuit pour évacuer les habitants âgés des quartiers \
bas, où l'eau est montée de presque deux mètres en une heure. Le maire a déclaré que la vieille \
digue, construite dans les années cinquante, n'avait jamais été conçue pour des vagues d'une telle \
ampleur."""

DE = """Der Sturm, der am Dienstagabend die Nordküste erreichte, hat Hunderte Häuser überflutet, \
mehr als vierzigtausend Haushalte vom Strom abgeschnitten und die Sperrung der wichtigsten \
Küstenstraße zwischen den beiden größten Städten erzwungen, teilten die regionalen Behörden am \
Mittwochmorgen nach einer Krisensitzung mit.

Rettungsteams arbeiteten die ganze Nacht hindurch, um ältere Bewohner aus den tiefer gelegenen \
Vierteln zu evakuieren, wo das Wasser innerhalb einer Stunde um fast zwei Meter stieg. Der \
Bürgermeister sagte, die alte Ufermauer aus den fünfziger Jahren sei für Wellen dieser Größe nie \
ausgelegt gewesen."""

ES = """El temporal que llegó a la costa norte el martes por la noche inundó cientos de viviendas, \
dejó sin electricidad a más de cuarenta mil hogares y obligó a cerrar la carretera costera \
principal entre las dos ciudades más grandes, informaron el miércoles por la mañana las \
autoridades regionales tras una reunión de emergencia.

Los equipos de rescate trabajaron toda la noche para evacuar a los vecinos mayores de los barrios \
bajos, donde el agua subió casi dos metros en una hora. El alcalde dijo que el viejo malecón, \
construido en los años cincuenta, nunca fue diseñado para olas de ese tamaño."""


def article(*paras: str) -> str:
    return "\n\n".join(paras)


def filler(seed: int, paras: int = 3, words: int = 60) -> list[str]:
    """Paragraphs of unique made-up text: no phrase in common with other seeds by design."""
    rnd = random.Random(seed)
    return [" ".join(f"w{rnd.randrange(10**9)}" for _ in range(words)) for _ in range(paras)]


def republished(source: str, seed: int) -> str:
    """An article of its own that quotes ``source``'s second paragraph, reworded a little."""
    quoted = paragraphs(source)[1].replace("almost", "nearly").replace("presque", "près de")
    quoted = quoted.replace("fast zwei", "knapp zwei").replace("casi dos", "unos dos")
    own = filler(seed)
    return article(own[0], quoted, own[1])


@pytest.fixture
def conn():
    connection = sqlite3.connect(":memory:")
    yield connection
    connection.close()


@pytest.fixture
def index(conn) -> DuplicateIndex:
    return DuplicateIndex(conn)


# -- text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Größte", "grösste"),
    ("GRÖSSTE", "größte"),
    ("Ｆｕｌｌ ﬁle", "full file"),          # NFKC: full-width letters, ligature
    ("Ελλάδα", "ελλαδα"),
    ("がっこう", "がっこう"),                # kana voicing marks survive (NFC after stripping)
])
def test_fold_makes_spelling_variants_equal(a, b):
    assert fold(a) == fold(b)


def test_paragraphs_split_on_blank_lines_and_single_newlines_and_drop_short_ones():
    long = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen" * 2
    text = f"Heading\n\n{long}.\n{long}!\n\nImago\n{long}."
    assert paragraphs(text) == [f"{long}.", f"{long}!", f"{long}."]


def test_paragraphs_join_hard_wrapped_lines_and_split_at_indents():
    text = ("Texas Commerce Bancshares Inc's Texas\n"
            "Commerce Bank-Houston said it filed an application with the\n"
            "Comptroller of the Currency.\n"
            "    The bank said the network would link 31 banks having\n"
            "13.5 billion dlrs in assets.\n"
            " Reuter\n")
    assert paragraphs(text) == [
        "Texas Commerce Bancshares Inc's Texas Commerce Bank-Houston said it filed an "
        "application with the Comptroller of the Currency.",
        "The bank said the network would link 31 banks having 13.5 billion dlrs in assets.",
    ]


def test_all_shingles_of_a_paragraph_ignore_case_accents_and_punctuation():
    one = paragraph_shingles("Die größte Straße der Stadt, sagte er, sei gesperrt worden.", 1)
    two = paragraph_shingles("die GRÖSSTE strasse der stadt sagte er sei gesperrt worden", 1)
    assert one == two and len(one[0]) == 10 - 5 + 1


def test_sampled_shingles_are_a_subset_chosen_by_content():
    full, sampled = paragraph_shingles(EN, 1), paragraph_shingles(EN)
    assert all(s <= f for s, f in zip(sampled, full, strict=True))
    assert 0.1 < sum(map(len, sampled)) / sum(map(len, full)) < 0.5


def test_shingle_hashes_are_pinned_and_the_same_in_another_process():
    # Pinned: stored indexes depend on it. Python's hash() would differ per process.
    assert shingle_hash(["the", "quick", "brown", "fox", "jumps"]) == 1474705016
    code = ("import sys; from index.enrich.duplicates import paragraph_shingles; "
            "print(sorted(h for p in paragraph_shingles(sys.stdin.read(), 1) for h in p))")
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", code], input=DE, capture_output=True,
                         text=True, check=True, cwd=root, env={"PYTHONHASHSEED": "random"})
    assert out.stdout.strip() == str(sorted(h for p in paragraph_shingles(DE, 1) for h in p))


P12 = frozenset(range(12))


@pytest.mark.parametrize("a, b, ignore, found", [
    ([P12], [frozenset({0, 1, 2, 99})], (), 1),             # 3 of 12 = 0.25: shared
    ([P12], [frozenset({0, 1, 99})], (), 0),                # 2 of 12: not
    ([frozenset({0, 1, 2, 3})], [frozenset({0, 99})], (), 0),  # 1/4 = 0.25, but 1 shingle
    ([P12, frozenset({20, 21, 22})], [frozenset({0, 1}), frozenset({2, 20, 21, 22})], (), 2),
    ([frozenset({0, 1, 2, 3, 4, 5})], [frozenset({0, 1, 2})], {0, 1, 2}, 0),  # boilerplate
    ([frozenset(range(16))], [frozenset({9, 10, 11})], set(range(8)), 1),  # 3 of 8 left
])
def test_shared_paragraphs(a, b, ignore, found):
    assert shared_paragraphs(a, b, ignore) == found


def test_a_paragraph_split_in_two_by_the_copy_is_still_found():
    first, second = paragraphs(EN)[0].split(", the regional")
    copy = paragraph_shingles(article(first + ".", "The regional" + second))
    assert shared_paragraphs(paragraph_shingles(EN), copy) == 1
    assert shared_paragraphs(copy, paragraph_shingles(EN)) == 2


# -- the index ----------------------------------------------------------------------------

def test_the_seed_articles_are_linked(seeds_dir, index):
    first, second = sorted(seeds_dir.glob("*.txt"))
    index.add_many([(first.name, first.read_text()), (second.name, second.read_text())])
    # Seed 000's "grosser Schritt vorwärts" and Tokajew paragraphs are reused in seed 001,
    # which splits the first of them over two lines: 2 paragraphs one way, 3 the other.
    assert index.links(first.name) == {second.name: 2}
    assert index.links(second.name) == {first.name: 3}


@pytest.mark.parametrize("source", [EN, FR, DE, ES], ids=["en", "fr", "de", "es"])
def test_a_republished_paragraph_links_the_two_articles(index, source):
    index.add("original", source)
    index.add("copy", republished(source, seed=1))
    index.add("other", article(*filler(2)))
    assert index.links("original") == {"copy": 1}
    assert index.links("copy") == {"original": 1}
    assert index.links("other") == {}


def test_articles_on_the_same_story_in_other_words_are_not_linked(index):
    index.add_many([("en", EN), ("fr", FR), ("de", DE), ("es", ES)])
    index.add("en-rewrite", "The northern coast was hit by a storm on Tuesday night. Hundreds of "
              "homes are under water, forty thousand households have no electricity, and the "
              "coastal road between the two biggest towns is closed, officials told reporters "
              "on Wednesday. Older people living near the sea were taken to safety overnight.")
    assert index.links_for(["en", "fr", "de", "es", "en-rewrite"]) == {
        "en": {}, "fr": {}, "de": {}, "es": {}, "en-rewrite": {}}


def test_links_do_not_depend_on_the_order_articles_arrive_in(conn):
    docs = [("a", EN), ("b", republished(EN, 1)), ("c", article(paragraphs(EN)[1], *filler(3)))]
    forward, backward = DuplicateIndex(conn), DuplicateIndex(sqlite3.connect(":memory:"))
    forward.add_many(docs)
    for doc_id, text in reversed(docs):
        backward.add(doc_id, text)
    ids = [doc_id for doc_id, _ in docs]
    assert forward.links_for(ids) == backward.links_for(ids)
    assert forward.links("a") == {"b": 1, "c": 1}
    assert forward.groups() == [["a", "b", "c"]]


def test_remove_drops_the_links_in_both_directions(index):
    index.add_many([("a", EN), ("b", republished(EN, 1)), ("c", republished(EN, 2))])
    index.remove("b")
    assert index.links("a") == {"c": 1}
    assert index.links("b") == {}
    assert index.links("c") == {"a": 1}
    index.add("b2", republished(EN, 1))  # its shingles were dropped too: no ghost of "b"
    assert index.links("b2") == {"a": 1, "c": 1}


def test_re_adding_a_changed_article_replaces_its_links(index):
    index.add_many([("a", EN), ("b", republished(EN, 1)), ("f", FR)])
    index.add("b", article(*filler(4)))
    assert index.links("a") == {} and index.links("b") == {}
    index.add("b", republished(FR, 5))
    assert index.links("b") == {"f": 1}
    assert index.links("f") == {"b": 1}


@pytest.mark.parametrize("one_by_one", [True, False], ids=["add", "add_many"])
def test_a_footer_in_many_articles_links_nothing(index, one_by_one):
    footer = ("This article is published under the terms of our licence and may not be "
              "reproduced, distributed or stored without the written permission of the "
              "publisher; subscribe to our newsletter to receive the best stories every day.")
    docs = [(f"n{i}", article(*filler(100 + i), footer)) for i in range(60)]
    docs.append(("copy", republished(article("Headline", *filler(100)), 7)))
    if one_by_one:
        for doc_id, text in docs:
            index.add(doc_id, text)
    else:
        index.add_many(docs)
    links = index.links_for([doc_id for doc_id, _ in docs])
    assert {k: v for k, v in links.items() if v} == {"n0": {"copy": 1}, "copy": {"n0": 1}}


@pytest.mark.parametrize("new", [1, 2], ids=["one-new", "two-new"])
@pytest.mark.parametrize("deferred", [False, True], ids=["at-once", "deferred"])
def test_a_paragraph_is_boilerplate_once_more_than_max_df_articles_hold_it(new, deferred):
    """A paragraph in ``max_df`` articles still links them; in one more, it is boilerplate
    and links nothing: whether the last holders come alone or two in one batch, and whether
    their postings wait (``deferred``) or not."""
    shared = filler(7, paras=1)[0]
    docs = [(f"d{i}", article(*filler(200 + i, paras=2), shared)) for i in range(5)]
    for holders, linked in ((4, True), (5, False)):
        index = DuplicateIndex(sqlite3.connect(":memory:"), max_df=4)
        index.add_many(docs[:holders - new])
        with index.deferred() if deferred else contextlib.nullcontext():
            index.add_many(docs[holders - new:holders])
        links = index.links_for([d for d, _ in docs[:holders]])
        if linked:
            assert all(set(found) == {d for d, _ in docs[:holders]} - {doc}
                       for doc, found in links.items())
        else:
            assert not any(links.values())


def test_links_for_answers_for_every_id_including_unknown_ones(index):
    index.add_many([("a", EN), ("b", republished(EN, 1)), ("c", article(*filler(9)))])
    assert index.links_for(["a", "c", "nope"]) == {"a": {"b": 1}, "c": {}, "nope": {}}


def test_nothing_is_committed_until_the_engine_commits(tmp_path):
    path = tmp_path / "library.sqlite"
    conn = sqlite3.connect(path)
    index = DuplicateIndex(conn)
    index.add_many([("a", EN), ("b", republished(EN, 1))])
    assert conn.in_transaction
    conn.rollback()
    assert index.links("a") == {}
    index.add_many([("a", EN), ("b", republished(EN, 1))])
    conn.commit()
    conn.close()
    reopened = DuplicateIndex(sqlite3.connect(path))
    assert reopened.links("a") == {"b": 1}
    assert not reopened.rebuilt


def test_packed_paragraphs_are_held_small_and_come_back_the_same():
    """What a worker sends the indexer for linking, and holds until the indexer reads it:
    the same hashes, paragraph by paragraph, in a quarter of the memory or less (as
    frozensets of Python ints, an article's came to ~10 kB)."""
    import sys

    from index.enrich.duplicates import pack_paragraphs, unpack_paragraphs

    paragraphs = paragraph_shingles(EN, 1)
    packed = pack_paragraphs(paragraphs)
    assert unpack_paragraphs(packed) == paragraphs
    as_sets = sum(sys.getsizeof(p) + sum(map(sys.getsizeof, p)) for p in paragraphs)
    assert sys.getsizeof(packed) + sum(map(sys.getsizeof, packed)) < as_sets / 4


# -- how the tables are stored ------------------------------------------------------------

def _library(seed: int) -> list[tuple[str, str]]:
    """Articles of made-up text: copies of a paragraph (in 2 to 40 articles), a footer in 60
    (boilerplate), a footer in 45 (not yet), and articles of their own."""
    rnd = random.Random(seed)
    stories = [filler(1000 + k, paras=1)[0] for k in range(12)]
    footer = " ".join(f"f{n}" for n in range(40))
    near = " ".join(f"g{n}" for n in range(40))
    docs = []
    for i in range(240):
        paras = filler(seed * 10_000 + i, paras=2)
        if i % 3 == 0:
            story = stories[rnd.randrange(len(stories)) if i % 2 else 0]
            words = story.split()
            del words[rnd.randrange(len(words))]  # each copy loses a word somewhere
            paras.insert(1, " ".join(words))
        paras += [footer] if i < 60 else []
        paras += [near] if 100 <= i < 145 else []
        docs.append((f"doc{i}", article(*paras)))
    return docs


def test_a_library_finds_the_same_copies_with_4_and_8_byte_hashes(monkeypatch):
    """The tables held 8-byte hashes before; 4-byte ones link the same articles with the
    same counts (see the module docstring for why a collision would not change that)."""
    import index.enrich.duplicates as duplicates

    docs = _library(seed=3)
    found = {}
    for width in (8, 4):
        monkeypatch.setattr(duplicates, "HASH_BYTES", width)
        built = DuplicateIndex(sqlite3.connect(":memory:"))
        built.add_paragraphs((d, paragraph_shingles(t)) for d, t in docs[:100])
        for doc_id, text in docs[100:]:
            built.add(doc_id, text)
        built.remove("doc3")
        found[width] = (built.links_for([d for d, _ in docs]), built.groups())
    assert found[4] == found[8]
    links, groups = found[4]
    assert links["doc0"] and not links["doc3"] and not links["doc1"]
    assert 1 < len(groups) < 12 and max(map(len, groups)) >= 10
    assert set(links["doc100"]) == {f"doc{i}" for i in range(101, 145)}  # 45: not boilerplate


def test_stored_hashes_come_back_paragraph_by_paragraph_in_4_bytes_each(conn, index):
    text = article(*filler(5, paras=4))
    index.add("a", text)
    expected = paragraph_shingles(text)
    sizes, hashes = conn.execute("SELECT sizes, hashes FROM dup_docs WHERE key = 'a'").fetchone()
    assert len(hashes) == 4 * sum(map(len, expected)) and len(sizes) == 4 * len(expected)
    (doc,) = conn.execute("SELECT id FROM dup_docs WHERE key = 'a'").fetchone()
    assert index._paragraphs({doc}, {})[doc] == expected
    assert all(-2**31 <= h < 2**31 for p in expected for h in p)


def test_a_library_of_8_byte_hashes_is_emptied_to_be_rebuilt(tmp_path):
    path = tmp_path / "library.sqlite"
    old = sqlite3.connect(path)
    DuplicateIndex(old)
    old.execute("UPDATE dup_meta SET value = '1 blake2b-64 5-word shingles, crc32 first word "
                "0 mod 4' WHERE key = 'scheme'")
    old.execute("INSERT INTO dup_docs VALUES (1, 'a', x'01000000', x'0102030405060708')")
    old.commit()
    old.close()
    reopened = DuplicateIndex(sqlite3.connect(path))
    assert reopened.rebuilt
    assert reopened.conn.execute("SELECT COUNT(*) FROM dup_docs").fetchone() == (0,)


# -- deferred postings: how the engine adds a batch -----------------------------------------

def _build(docs, defer: bool, conn=None) -> DuplicateIndex:
    """The same adds, re-adds and removals, inside ``deferred()`` or not."""
    built = DuplicateIndex(conn or sqlite3.connect(":memory:"))
    with built.deferred() if defer else contextlib.nullcontext():
        for start in range(0, 200, 40):  # as the workers report: several calls per batch
            built.add_paragraphs((d, paragraph_shingles(t)) for d, t in docs[start:start + 40])
        built.remove("doc3")
        built.add("doc6", article(*filler(66)))  # re-added changed: its old postings go
        built.add("doc9", docs[9][1])
    return built


def test_deferred_postings_link_the_same_copies_and_reach_the_table():
    """Inside ``deferred()`` the batch's postings wait in a temporary table: copies within
    the batch, boilerplate crossing ``MAX_DF`` and re-added articles come out the same, and
    when it ends every posting is in ``dup_postings``."""
    docs = _library(seed=5)
    ids = [d for d, _ in docs]
    now, later = _build(docs, defer=False), _build(docs, defer=True)
    assert later.links_for(ids) == now.links_for(ids)
    assert later.groups() == now.groups() and len(now.groups()) > 1
    postings = "SELECT hash, doc FROM dup_postings ORDER BY hash, doc"
    assert later.conn.execute(postings).fetchall() == now.conn.execute(postings).fetchall()
    assert later.conn.execute("SELECT COUNT(*) FROM temp.dup_pending").fetchone() == (0,)
    assert later.conn.execute("SELECT COUNT(*) FROM dup_common").fetchone() > (0,)


def test_a_deferred_batch_is_found_by_the_next_run(tmp_path):
    """The engine commits after ``deferred()`` ends: a copy indexed by a later run links to
    an article of the earlier one."""
    path = tmp_path / "library.sqlite"
    docs = _library(seed=5)
    _build(docs, defer=True, conn=sqlite3.connect(path)).conn.commit()
    reopened = DuplicateIndex(sqlite3.connect(path))
    reopened.add("late", republished(EN, 9) + "\n\n" + paragraphs(docs[0][1])[1])
    assert "doc0" in reopened.links("late")


def _recent_rows(index: DuplicateIndex) -> int:
    return index.conn.execute("SELECT COUNT(*) FROM dup_recent").fetchone()[0]


def _all_postings(index: DuplicateIndex) -> list[tuple[int, int]]:
    return index.conn.execute("SELECT hash, doc FROM dup_postings UNION ALL"
                              " SELECT hash, doc FROM dup_recent ORDER BY 1, 2").fetchall()


def test_batches_wait_in_the_recent_table_and_link_all_the_same(tmp_path):
    """Deferred batches go to ``dup_recent`` while it is small beside ``dup_postings``, and
    are folded into it once it is not: copies across batches, boilerplate and removals come
    out as when every posting goes straight to ``dup_postings``; a reopened library keeps
    what waits."""
    docs = _library(seed=5)
    ids = [d for d, _ in docs]
    now = DuplicateIndex(sqlite3.connect(":memory:"))
    for start in range(0, 240, 20):
        now.add_paragraphs((d, paragraph_shingles(t)) for d, t in docs[start:start + 20])
    now.remove("doc190")
    path = tmp_path / "library.sqlite"
    later, waiting = DuplicateIndex(sqlite3.connect(path)), []
    for start in range(0, 240, 20):
        if start == 200:  # the 10th batch waits in dup_recent: reopen, as a new run would
            later.conn.commit()
            later = DuplicateIndex(sqlite3.connect(path))
            later.remove("doc190")  # its postings are in dup_recent
        with later.deferred():
            later.add_paragraphs((d, paragraph_shingles(t)) for d, t in docs[start:start + 20])
        waiting.append(_recent_rows(later) > 0)
    # waiting while the batches since the last fold are under an eighth of the rest
    assert waiting == [False] * 9 + [True, False, True]
    assert later.links_for(ids) == now.links_for(ids)
    assert later.groups() == now.groups() and len(now.groups()) > 1
    assert _all_postings(later) == _all_postings(now)
    assert later.conn.execute("SELECT COUNT(*) FROM dup_common").fetchone() > (0,)


def test_a_copy_links_to_an_article_waiting_in_the_recent_table():
    docs = _library(seed=7)
    index = DuplicateIndex(sqlite3.connect(":memory:"))
    for start in range(0, 240, 20):
        with index.deferred():
            index.add_paragraphs((d, paragraph_shingles(t)) for d, t in docs[start:start + 20])
    assert index.conn.execute("SELECT COUNT(*) FROM dup_recent WHERE doc = "
                              "(SELECT id FROM dup_docs WHERE key = 'doc230')").fetchone() > (0,)
    index.add("late", republished(EN, 9) + "\n\n" + paragraphs(docs[230][1])[1])
    assert "doc230" in index.links("late")
