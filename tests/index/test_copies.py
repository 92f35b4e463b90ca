"""Copies of one article (the same text in several files) are copies, not site furniture:
their lines are never taken for a source's boilerplate, so every word of them is found."""

from __future__ import annotations

import shutil

from index import Library, Query

STORY = """\
Council approves the harbour plan

The council of Gdansk voted on Tuesday to approve a reconstruction plan for the old harbour.

The plan foresees new quays, a ferry terminal and a museum of shipbuilding.

Critics said the budget was too small for the work the proposal describes.
"""


def copies(folder, names):
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(STORY, encoding="utf-8")
    return folder


def test_ten_copies_of_an_article_are_found_by_their_words(tmp_path):
    folder = copies(tmp_path / "news", range(10))
    with Library(tmp_path / "lib") as library:
        assert library.add([folder]).articles == 10
        for word in ("shipbuilding", "quays", "critics", "Gdansk"):
            found = library.search(Query(word))
            assert found.total == 10, word
        hit = found.hits[0]
        assert "Gdansk" in [hit.snippet[s:e] for s, e in hit.highlights]
        assert len(hit.duplicates) == 9  # each copy says it has 9 others
        assert "museum of shipbuilding" in library.get(hit.id).text


def test_copies_indexed_run_by_run_stay_whole(tmp_path):
    folder = copies(tmp_path / "news", range(3))
    with Library(tmp_path / "lib") as library:
        library.add([folder])
        for run in range(3, 8):
            copies(folder, [run])
            library.add([folder])
        found = library.search(Query("shipbuilding"))
        assert found.total == 8
        # a copy added by a later run is linked to those of the earlier ones
        assert [len(hit.duplicates) for hit in found.hits] == [7] * 8


def test_a_line_many_different_articles_end_with_is_still_furniture(tmp_path):
    folder = tmp_path / "gazette"
    folder.mkdir()
    for topic in ("harbour", "budget", "rail", "schools", "water", "tax"):
        (folder / f"{topic}.txt").write_text(
            f"The {topic} plan\n\nThe council debated the {topic} plan on Monday.\n\n"
            "Subscribe to the Harbour Gazette digest for more local stories.\n", "utf-8")
    # and copies of one of them do not make its lines furniture, nor count twice
    for n in range(6):
        shutil.copy(folder / "tax.txt", folder / f"tax-{n}.txt")
    with Library(tmp_path / "lib") as library:
        library.add([folder])
        assert library.search(Query("gazette")).total == 0
        assert library.search(Query("debated")).total == 12
