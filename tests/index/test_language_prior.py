"""A short item of a source the library knows is read in the source's language; numbers
and tables stay undetermined, whatever the source writes in."""

from __future__ import annotations

import json

from index import Library, Query
from index.indexer import PRIOR_ARTICLES

GERMAN = ("Die Regierung in Berlin hat am Montag ein neues Gesetz beschlossen, das die "
          "Energiepreise für Haushalte und Betriebe in den kommenden Jahren senken soll.")


def _write(folder, name, title, text):
    (folder / name).write_text(json.dumps({"title": title, "text": text}), "utf-8")


def test_a_short_item_takes_its_sources_language_once_the_library_knows_it(tmp_path):
    wire = tmp_path / "wire"
    wire.mkdir()
    for n in range(PRIOR_ARTICLES):
        _write(wire, f"{n}.json", f"Bericht {n}", f"{GERMAN} Das ist Bericht Nummer {n}.")
    with Library(tmp_path / "library") as library:
        library.add([wire])
        _write(wire, "short.json", "Kurz", "Saudi-Arabien stoppt Exporte")
        _write(wire, "table.json", "Kurse", "DAX 15.234 +0,4 MDAX 27.110 -0,2 TecDAX 3.301")
        library.add([wire])
        langs = {hit.title: hit.lang for hit in library.search(Query(limit=50)).hits}
    assert langs["Kurz"] == "de"
    assert langs["Kurse"] == "und"


def test_without_enough_articles_of_its_source_a_short_item_has_no_language(tmp_path):
    wire = tmp_path / "wire"
    wire.mkdir()
    for n in range(PRIOR_ARTICLES - 1):
        _write(wire, f"{n}.json", f"Bericht {n}", f"{GERMAN} Das ist Bericht Nummer {n}.")
    with Library(tmp_path / "library") as library:
        library.add([wire])
        _write(wire, "short.json", "Kurz", "Saudi-Arabien stoppt Exporte")
        library.add([wire])
        langs = {hit.title: hit.lang for hit in library.search(Query(limit=50)).hits}
    assert langs["Kurz"] == "und"
