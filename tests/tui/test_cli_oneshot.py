"""A one-shot ``broadsheet search`` (the first of a session, no resident reader) loads only
what that search needs, and ends as soon as its output is written, all of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

NEVER = {
    "typing": "annotations only",
    "inspect": "dataclasses asks it for nothing: every dataclass has its docstring",
    "hashlib": "Whoosh's term tables get Python's own MD5; OpenSSL is not loaded",
    "_hashlib": "the same",
    "index.enrich.duplicates": "the links are read in index.store",
    "index.records": "an article whole, indexing's report, the statistics",
    "index.enrich.countries": "no --country given",
    "index.sources": "nothing is read from files",
    "index.indexer": "nothing is indexed",
    "index.workers": "the same",
    "multiprocessing": "the same",
    "langdetect": "no language is detected",
    "trafilatura": "no page is read",
    "lxml": "the same",
    "babel": "no country is named in a language",
    "ahocorasick": "no text is searched for country names",
    "textual": "no app",
    "urllib.request": "Whoosh's downloader is never called",
    "html": "Whoosh's HTML highlighter is never used",
    "queue": "nor its multiprocessing writer",
    "tempfile": "Whoosh's temporary storage is never made",
    "random": "nor its random file names",
    "shutil": "no file is copied or removed; argparse is told the terminal's width",
    "calendar": "a month's end is the next month's first day",
    "urllib.parse": "SQLite's URI is written by index.store.file_uri",
    "gettext": "argparse's messages are said as written",
    "locale": "the same",
}
"""Modules a one-shot search must not import, and why it has no use for them."""


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    """``python -c CODE`` in the repository, ``env`` added to the environment."""
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env})


def _loaded(library, *argv: str) -> tuple[int, dict, set[str]]:
    """Exit code, JSON output and every module loaded by ``broadsheet --library LIBRARY
    ARGV`` run as the command line runs it, with no resident reader."""
    code = ("import io, contextlib, sys; from tui.cli import main\n"
            "out = io.StringIO()\n"
            f"with contextlib.redirect_stdout(out): code = main({list(argv)!r})\n"
            "modules = sorted(sys.modules)\n"
            "import json\n"
            "print(json.dumps([code, out.getvalue(), modules]))")
    done = _python(code, BROADSHEET_SERVER="0", BROADSHEET_LIBRARY=str(library))
    assert done.returncode == 0, done.stderr
    status, out, modules = json.loads(done.stdout.strip().splitlines()[-1])
    return status, json.loads(out) if "--json" in argv else {}, set(modules)


@pytest.mark.parametrize("argv", [["search", "Kasachstan"],
                                  ["search", "regierung", "--since", "2025-11"],
                                  ["search", "regierung", "--json"],
                                  ["search", "government", "--lang", "en", "--since", "2020-01",
                                   "--json"]])
def test_a_search_loads_nothing_it_does_not_use(library_folder, argv):
    status, result, modules = _loaded(library_folder, *argv)
    assert status == 0
    if result:
        assert result["total"] >= 1 and set(result["facets"]) >= {"lang", "countries"}
    loaded = {name: why for name, why in NEVER.items()
              if any(m == name or m.startswith(name + ".") for m in modules)}
    assert not loaded, loaded


def test_a_search_reduces_its_words_with_pystemmer_not_whooshs_python_stemmers(library_folder):
    status, result, modules = _loaded(library_folder, "search", "government", "--lang", "en",
                                      "--json")
    assert status == 0 and result["total"] >= 1
    assert "Stemmer" in modules
    assert not {m for m in modules if m.startswith("whoosh.lang.snowball.")}


_STEMS = ("import json, sys\n"
          "from whoosh.lang import stemmer_for_language\n"
          "from whoosh.lang.snowball import classes\n"
          "words = ['running', 'Abkommens', 'größten', 'России', 'nationalités', 'hallituksen',"
          " 'kormányok', 'governi', 'regjeringen', 'governos', 'guvernele', 'gobiernos',"
          " 'regeringarnas', 'regeringens', 'regeringen']\n"
          "print(json.dumps({lang: [stemmer_for_language(lang)(w) for w in words]"
          " for lang in sorted(classes)}))")


def test_whooshs_snowball_stemmers_stem_as_ever_when_loaded_one_by_one():
    """``_lean_whoosh`` puts a stand-in for ``whoosh.lang.snowball`` that imports each
    language's stemmer on first use: every language stems as Whoosh's own package does."""
    def stems(prelude: str) -> dict:
        done = _python(prelude + _STEMS)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    lean = stems("import index.whoosh_internals._lean_whoosh\n")
    assert lean == stems("") and len(lean) == 14


def test_whooshs_term_hash_is_md5_without_openssl():
    import hashlib

    from whoosh.filedb import filetables

    for key in (b"", b"kasachstan", "Казахстан".encode(), bytes(range(256))):
        assert filetables.md5_hash(key) == int(hashlib.md5(key).hexdigest(), 16) & 0xffffffff


def test_whoosh_reaches_the_modules_it_was_imported_without():
    """``_lean_whoosh`` imports some of Whoosh's modules with stand-ins for ``random``,
    ``tempfile``, ``calendar`` and ``shutil``: what Whoosh calls on them still works, and
    reaches the real module."""
    code = ("import sys, os, io, index.searching\n"
            "assert not {'random', 'tempfile', 'calendar', 'shutil'} & set(sys.modules)\n"
            "from whoosh import util\n"
            "from whoosh.util import times\n"
            "from whoosh.filedb import compound, filestore\n"
            "name = util.random_name(12)\n"
            "assert len(name) == 12 and name.isalnum()\n"
            "assert times.adatetime(2024, 2).ceil().day == 29\n"
            "out = io.BytesIO(); compound.copyfileobj(io.BytesIO(b'abc'), out)\n"
            "assert out.getvalue() == b'abc'\n"
            "storage = filestore.FileStorage('.').temp_storage('x')\n"
            "assert os.path.isdir(storage.folder); storage.destroy()\n"
            "import random, tempfile, calendar, shutil\n"
            "assert util.random.choice is random.choice\n"
            "assert filestore.tempfile.gettempdir is tempfile.gettempdir\n"
            "assert times.calendar.monthrange is calendar.monthrange\n"
            "print('ok')")
    done = _python(code)
    assert done.stdout.strip() == "ok", done.stderr


@pytest.mark.parametrize("name", ["library", "a b/c?d#e%f", "Zürich – Ελλάδα", "\udcff\udcfe"])
def test_sqlites_uri_is_what_pathlib_writes(tmp_path, name):
    from index.store import file_uri

    path = tmp_path / name
    assert file_uri(path) == path.as_uri()


def test_a_second_search_compiles_no_dataclass_method(tmp_path, library_folder):
    """The first search keeps the methods ``dataclasses`` compiled (``index._code_cache``),
    as the process ends (``tui.cli._end``, without Python's exit); the next reads them all."""
    code = ("import sys; from tui.cli import entry\n"
            "import json, index._code_cache as cache\n"
            f"sys.argv = ['broadsheet', '--library', {str(library_folder)!r}, 'search', "
            "'Kasachstan']\n"
            "import os\n"
            "real_exit = os._exit\n"
            "def report(code):\n"
            "    sys.stderr.write(json.dumps([len(cache._new), len(cache._kept or {})]))\n"
            "    real_exit(code)\n"
            "os._exit = report\n"
            "entry()")

    def run() -> list[int]:
        done = _python(code, BROADSHEET_SERVER="0", XDG_CACHE_HOME=str(tmp_path))
        assert done.returncode == 0 and "Kasachstan" in done.stdout, done.stderr
        return json.loads(done.stderr)

    written, known = run()  # saved before the exit: nothing new left to write
    assert written == 0 and known > 10
    assert run() == [0, known]
    assert os.listdir(tmp_path / "broadsheet")


def _broadsheet(library, *argv: str) -> subprocess.CompletedProcess:
    """The ``broadsheet`` process itself (``tui.cli.entry``), stdout a pipe."""
    return subprocess.run([sys.executable, "-m", "tui.cli", "--library", str(library), *argv],
                          cwd=ROOT, capture_output=True, timeout=120,
                          env=dict(os.environ, BROADSHEET_SERVER="0"))


def test_a_one_shot_search_ends_with_all_its_output_written(library_folder):
    done = _broadsheet(library_folder, "search", "*", "--json", "--limit", "100")
    assert done.returncode == 0 and done.stderr == b""
    result = json.loads(done.stdout)
    assert result["total"] == len(result["hits"]) == 7
    lines = _broadsheet(library_folder, "search", "*", "--jsonl")
    assert len(lines.stdout.decode().splitlines()) == 7 and lines.returncode == 0


@pytest.mark.parametrize("argv,code", [(["search", "nichtsdergleichenxyz"], 1),
                                       (["show", "ffffffffffff"], 1),
                                       (["stats"], 0),
                                       (["facets", "Kasachstan", "--json"], 0)])
def test_a_read_only_command_keeps_its_exit_code(library_folder, argv, code):
    done = _broadsheet(library_folder, *argv)
    assert done.returncode == code
    assert b"Traceback" not in done.stderr


def test_an_error_still_says_one_line_and_exits_2(tmp_path):
    done = _broadsheet(tmp_path / "none", "search", "x")
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1


def test_dataclasses_imported_without_inspect_still_work_as_ever():
    """``index`` imports dataclasses with a stand-in for inspect (``index._lean_stdlib``):
    a dataclass without a docstring still gets its signature, inspect is the real one."""
    code = ("import sys, index, dataclasses\n"
            "assert 'inspect' not in sys.modules\n"
            "@dataclasses.dataclass\nclass X:\n    a: int\n    b: str = 'x'\n"
            "import inspect\n"
            "print(X.__doc__, inspect.signature(X), inspect.getsource(inspect.getsource)[:3])")
    done = _python(code)
    assert done.stdout.split() == ["X(a:", "int,", "b:", "str", "=", "'x')", "(a:", "int,",
                                   "b:", "str", "=", "'x')", "->", "None", "def"], done.stderr


@pytest.mark.parametrize("argv", [
    ["search", "kasachstan", "--lang", "de,fr", "--since", "2025", "--json", "-n", "5"],
    ["--library", "x", "search"], ["show", "8d0d77b1", "--json"], ["facets", "a", "--undated"],
    ["stats"], ["index", "--rebuild", "-q", "a", "b"], ["inspect", "f.txt", "--jsonl"],
    ["completion", "fish"], ["serve", "--port", "9000"], ["app", "folder"],
    ["search", "--limit", "x"], ["show"], ["search", "--sort", "sideways"], ["stats", "--he"],
])
def test_a_command_line_parses_as_with_every_subcommand(argv):
    """The parser is built with the subcommand named alone: the same arguments, the same
    errors, as the whole parser's."""
    from tui.cli.arguments import build_parser, parse_args
    from tui.status import UsageError

    def outcome(parse):
        try:
            return vars(parse())
        except UsageError as exc:
            return str(exc)

    assert outcome(lambda: parse_args(argv)) == outcome(lambda: build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [[], ["--library", "lib"], ["--library", "~/news"]])
def test_the_bare_app_has_the_arguments_the_parser_gives(argv):
    """``broadsheet`` and ``broadsheet --library DIR`` start the app without argparse: the
    command, library and paths are what parsing the command line gives."""
    from tui.cli import _bare_app
    from tui.cli.arguments import parse_args

    app = _bare_app(argv)
    assert app is not None
    assert vars(app.arguments()) == vars(parse_args(argv))
