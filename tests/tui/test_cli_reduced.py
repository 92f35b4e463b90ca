"""``show --json`` and ``inspect`` say how an article's words were reduced: why a search for
one form of a word (``Rosja``) finds an article that writes another (``Rosji``)."""

from __future__ import annotations

import json

import pytest

from index.analysis import stem
from tui.cli import main

ARTICLE = {"title": "Sankcje wobec Rosji", "lang": "pl", "url": "https://example.org/pl",
           "text": "Unia nałożyła nowe sankcje. Tusk rozmawiał o tym z Zełenskim."}


@pytest.fixture
def polish(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    path = folder / "a.json"
    path.write_text(json.dumps(ARTICLE, ensure_ascii=False), "utf-8")
    return path


def run(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_show_json_gives_the_reduced_forms_of_the_title(tmp_path, polish, capsys):
    lib = ["--library", str(tmp_path / "library")]
    assert main([*lib, "index", str(polish.parent), "--quiet"]) == 0
    _, out = run(capsys, *lib, "search", "Rosja", "--lang", "pl", "--jsonl")
    hit = json.loads(out.splitlines()[0])
    code, out = run(capsys, *lib, "show", hit["id"], "--json")
    reduced = json.loads(out)["reduced"]
    assert code == 0 and reduced["reducer"] == "Snowball polish (PyStemmer)"
    assert reduced["title"]["Rosji"] == stem("rosja", "pl")  # the match, explained
    assert set(reduced["title"]) == {"Sankcje", "wobec", "Rosji"}


def test_inspect_prints_the_languages_reduction_of_the_words(polish, capsys):
    code, out = run(capsys, "inspect", str(polish))
    line = next(line for line in out.splitlines() if line.strip().startswith("reduced"))
    assert code == 0
    assert line.split(None, 1)[1].startswith("Snowball polish (PyStemmer): Sankcje → sankcj")
    assert f"Rosji → {stem('rosja', 'pl')}" in line and "Zełenskim → zelensk" in line
    assert "Tusk →" not in line  # indexed as written: nothing to explain
    code, out = run(capsys, "inspect", str(polish), "--jsonl")
    words = json.loads(out)["reduced"]["words"]
    assert words["nałożyła"] == stem("nałożyła", "pl") and "Tusk" not in words


def test_a_language_without_a_reducer_says_so(tmp_path, capsys):
    path = tmp_path / "note.json"
    path.write_text(json.dumps({"title": "Note", "text": "Kaixo mundua.", "lang": "xx"}),
                    "utf-8")
    _, out = run(capsys, "inspect", str(path))
    assert "reduced   none: words are folded only" in out
