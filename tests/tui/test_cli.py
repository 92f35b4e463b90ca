"""The command line: exit codes, the JSON contract, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE_DATA
from tui.cli import main

HIT_FIELDS = {"id", "title", "date", "lang", "countries", "source", "path", "url", "score",
              "snippet", "highlights", "duplicates", "crawled"}
ARTICLE_FIELDS = HIT_FIELDS - {"score", "snippet", "highlights"} | {
    "text", "author", "date_source", "lang_prob", "country_mentions"}


@pytest.fixture
def lib(tmp_path, corpus) -> list[str]:
    folder = tmp_path / "library"
    assert main(["--library", str(folder), "index", str(corpus), "--quiet"]) == 1  # jsonl line
    return ["--library", str(folder)]


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_search_json_contract(lib, capsys):
    code, out, _ = run(capsys, *lib, "search", "grösste", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"query", "total", "hits", "facets", "suggestion", "countries_named"}
    assert data["countries_named"] == {}
    assert data["total"] == 2
    assert set(data["hits"][0]) == HIT_FIELDS
    assert set(data["facets"]) >= {"lang", "countries", "year", "month"}
    assert data["facets"]["lang"] == {"de": 2}


def test_search_jsonl_one_hit_per_line(lib, capsys):
    code, out, _ = run(capsys, *lib, "search", "*", "--jsonl", "--limit", "3")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    assert all(set(json.loads(line)) == HIT_FIELDS for line in lines)


def test_no_hits_exits_1(lib, capsys):
    code, out, _ = run(capsys, *lib, "search", "zzzzqqq")
    assert code == 1 and out.startswith("no articles match")


def test_filters_on_the_command_line(lib, capsys):
    _, out, _ = run(capsys, *lib, "search", "--lang", "fr,es", "--json")
    assert json.loads(out)["total"] == 2
    _, out, _ = run(capsys, *lib, "search", "--since", "2026", "--json")
    assert json.loads(out)["total"] == 2
    _, out, _ = run(capsys, *lib, "search", "--until", "2024", "--json")
    assert json.loads(out)["total"] == 2


def test_show_json_contract(lib, capsys):
    _, out, _ = run(capsys, *lib, "search", "Steuerreform", "--jsonl")
    hit = json.loads(out.splitlines()[0])
    code, out, _ = run(capsys, *lib, "show", hit["id"], "--json")
    article = json.loads(out)
    assert code == 0 and set(article) >= ARTICLE_FIELDS
    assert "Steuerreform" in article["text"]


def test_show_text_and_missing_id(lib, capsys):
    code, _, err = run(capsys, *lib, "show", "ffffffffffff")
    assert code == 1 and "no article with id" in err


def test_facets_and_stats_json(lib, capsys):
    code, out, _ = run(capsys, *lib, "facets", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 11 and set(data) == {"total", "facets"}
    code, out, _ = run(capsys, *lib, "stats", "--json")
    stats = json.loads(out)
    assert set(stats) == {"articles", "languages", "countries", "undated", "date_min",
                          "date_max", "formats", "sources", "index_bytes", "library"}
    assert stats["articles"] == 11 and stats["date_min"].startswith("2024-06")


def test_index_summary_and_failures(tmp_path, corpus, capsys):
    (corpus / "broken.json").write_text("{", "utf-8")
    code, _, err = run(capsys, "--library", str(tmp_path / "l"), "index", str(corpus))
    assert code == 1
    assert "8 added, 0 updated, 0 unchanged, 0 removed, 2 failed" in err
    assert "failed: " in err and "broken.json: invalid JSON" in err
    assert "chips.jsonl (line 2): invalid JSON" in err


def test_index_says_which_files_it_left_out(tmp_path, corpus, capsys):
    """A folder of files broadsheet does not read must not end in a silent "0 added"."""
    for name in ("dev.xlsx", "test.xlsx", "scan.pdf"):
        (corpus / name).write_text("x", "utf-8")
    code, _, err = run(capsys, "--library", str(tmp_path / "l"), "index", str(corpus))
    assert "skipped 3 files of types broadsheet does not read (.xlsx 2, .pdf 1;" in err
    assert "it reads " in err and " txt " in err


def test_index_verbose_says_where_the_time_went(tmp_path, capsys):
    """``-v`` adds one line: the run's steps, most time first; none of it without ``-v``."""
    code, _, quiet = run(capsys, "--library", str(tmp_path / "a"), "index", str(SAMPLE_DATA))
    assert "time:" not in quiet
    code, _, err = run(capsys, "--library", str(tmp_path / "b"), "index", "-v",
                       str(SAMPLE_DATA))
    line = err.splitlines()[-1]
    assert line.startswith("time: ") and "writing" in line
    seconds = [float(part.rsplit(" ", 2)[-2]) for part in line[len("time: "):].split(", ")]
    assert seconds == sorted(seconds, reverse=True)


def test_index_all_good_exits_0(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Title\n\nSome text about Poland.", "utf-8")
    code, _, _ = run(capsys, "--library", str(tmp_path / "l"), "index", str(tmp_path / "a"))
    assert code == 0


@pytest.mark.parametrize("args,message", [
    (["search", "--limit", "x"], "invalid int value"),
    (["search", "--since", "yesterday"], "--since 'yesterday' is not a date"),
    (["search", "--country", "Atlantis"], "unknown country 'Atlantis'"),
    (["search", '"open'], "unbalanced quote"),
    (["search", "--sort", "random"], "invalid choice"),
    (["serch", "kasachstan"], "no such command or path 'serch'"),
])
def test_usage_errors_are_one_line_exit_2(lib, capsys, args, message):
    code, out, err = run(capsys, *lib, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_library_without_its_folder_is_a_usage_error(capsys):
    """``broadsheet --library`` alone once took the app for the folder and crashed."""
    code, _, err = run(capsys, "--library")
    assert code == 2
    assert err.strip() == "broadsheet: argument --library: expected a library folder"


def test_missing_library_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "--library", str(tmp_path / "none"), "search", "x")
    assert code == 2 and "no library at" in err and "broadsheet index" in err


def test_inspect_shows_where_values_came_from(corpus, capsys):
    code, out, _ = run(capsys, "inspect", str(corpus / "notes" / "grain.md"), "--jsonl")
    data = json.loads(out)
    assert code == 0
    assert data["date_source"] == "metadata" and data["lang"] == "en"
    assert {m["code"] for m in data["mentions"]} >= {"AR", "BR", "CN"}


def test_library_from_environment(tmp_path, corpus, capsys, monkeypatch):
    monkeypatch.setenv("BROADSHEET_LIBRARY", str(tmp_path / "envlib"))
    assert main(["index", str(corpus), "--quiet"]) == 1
    capsys.readouterr()
    code, out, _ = run(capsys, "search", "Rotterdam", "--json")
    assert code == 0 and json.loads(out)["total"] == 1
    assert (tmp_path / "envlib" / "library.sqlite").exists()


def test_the_console_script_runs_without_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tui.cli", "--library", str(tmp_path / "n"),
                           "search", "x"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("argv,header", [
    (["search", "\"Kasachstan\""], "1 article, showing 1-1 ("),
    (["search", "nichtsdergleichenxyz"], "no articles match ("),
    (["search", "\"Kasachstan\"", "--offset", "500"], "1 article, none past 1 ("),
    (["search", "\"Kasachstan\"", "--limit", "0"], "1 article ("),
])
def test_search_header_says_what_is_shown(lib, capsys, argv, header):
    _, out, _ = run(capsys, *lib, *argv)
    first = out.splitlines()[0]
    assert header in first and "0-0" not in first
