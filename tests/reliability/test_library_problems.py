"""No surprises (DESIGN §8): a missing path, an unreadable folder, a read-only library, a full
disk, a library from a newer version or a damaged one — each a clear one-line message and a
non-zero exit, and whatever was indexed before stays readable."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest

from tests.reliability.conftest import run_cli


def _permissions_bind() -> bool:
    """Whether chmod stops this process: not for root (or CAP_DAC_OVERRIDE)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder, "probe")
        probe.write_text("x")
        probe.chmod(0)
        try:
            probe.read_text()
        except PermissionError:
            return True
        return False


as_root = pytest.mark.skipif(not _permissions_bind(), reason="runs as root (or with "
                             "CAP_DAC_OVERRIDE): file permissions do not stop it, so chmod "
                             "cannot make an unreadable folder or a read-only library")

OLD = "Old article zqold\n\nThe council of Lima in Peru met on Monday.\n"
NEW = "New article zqnew\n\nThe council of Santiago in Chile met on Tuesday.\n"


@pytest.fixture
def articles(tmp_path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "old.txt").write_text(OLD, "utf-8")
    return root


@pytest.fixture
def library(tmp_path, articles, capsys) -> Path:
    """A library holding old.txt."""
    folder = tmp_path / "library"
    code, _, err = run_cli(capsys, "--library", folder, "index", articles)
    assert code == 0, err
    return folder


def one_line_error(err: str, *fragments: str) -> str:
    """The one line a failing command prints: no traceback, no "internal error"."""
    lines = err.strip().split("\n")
    assert len(lines) == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    assert lines[0].startswith("broadsheet: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def found(capsys, library: Path, word: str) -> int:
    code, out, err = run_cli(capsys, "--library", library, "search", word, "--json")
    assert code in (0, 1), err
    return json.loads(out)["total"]


# -- paths that are not there --------------------------------------------------------------

def test_a_missing_path_is_named_and_the_rest_indexed(tmp_path, articles, capsys):
    missing = tmp_path / "nowhere" / "x.txt"
    code, _, err = run_cli(capsys, "--library", tmp_path / "lib", "index", missing, articles)
    assert code == 1
    assert f"failed: {missing}: no such file or folder" in err.splitlines()
    assert "1 added" in err and "1 failed" in err
    assert found(capsys, tmp_path / "lib", "zqold") == 1


@pytest.mark.parametrize("command", [["stats"], ["facets"], ["show", "abcd1234"],
                                     ["search", "--json", "x"]])
def test_every_reading_command_on_a_missing_library(tmp_path, capsys, command):
    code, _, err = run_cli(capsys, "--library", tmp_path / "none", *command)
    assert code == 2
    one_line_error(err, "no library at", "broadsheet index")
    assert not (tmp_path / "none").exists()  # reading never creates a library


@pytest.mark.parametrize("command", [["index", "."], ["search", "x"], ["stats"]])
def test_a_library_path_that_is_a_file(tmp_path, capsys, command):
    (tmp_path / "file").write_text("not a library")
    code, _, err = run_cli(capsys, "--library", tmp_path / "file", *command)
    assert code == 2
    one_line_error(err, "is a file")


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_a_relative_library_path(tmp_path, articles, capsys, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    where = ["--library", "rel"] if how == "flag" else []
    if how == "environment":
        monkeypatch.setenv("BROADSHEET_LIBRARY", "rel")
    code, _, err = run_cli(capsys, *where, "index", "articles")
    assert code == 0, err
    code, _, err = run_cli(capsys, *where, "search", "zqold")
    assert code == 0, err


def test_a_library_where_every_file_failed_still_answers(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    library = tmp_path / "library"
    code, _, err = run_cli(capsys, "--library", library, "index", tmp_path / "in")
    assert code == 1 and "empty file" in err
    assert run_cli(capsys, "--library", library, "search", "x")[0] == 1
    assert run_cli(capsys, "--library", library, "search", "--sort", "newest")[0] == 1
    assert run_cli(capsys, "--library", library, "facets")[0] == 1
    code, out, err = run_cli(capsys, "--library", library, "stats", "--json")
    assert code == 0 and json.loads(out)["articles"] == 0, err


# -- permissions (not testable as root) ----------------------------------------------------



@as_root
@pytest.mark.parametrize("where", ["named", "inside",
                                   "last"])
def test_an_unreadable_folder_is_named_and_the_rest_indexed(tmp_path, articles, capsys,
                                                            where):
    locked = articles / ("a-locked" if where == "inside" else "z-locked")
    locked.mkdir()
    (locked / "secret.txt").write_text(NEW, "utf-8")
    if where == "inside":  # a readable folder after the locked one
        (articles / "b-open").mkdir()
        (articles / "b-open" / "open.txt").write_text(OLD.replace("zqold", "zqopen"), "utf-8")
    locked.chmod(0)
    try:
        paths = [locked, articles] if where == "named" else [articles]
        code, _, err = run_cli(capsys, "--library", tmp_path / "lib", "index", *paths)
    finally:
        locked.chmod(0o755)
    assert code == 1
    [line] = [line for line in err.splitlines() if "locked" in line]
    assert "cannot read folder" in line and "ermission denied" in line, line
    assert found(capsys, tmp_path / "lib", "zqold") == 1


@as_root
def test_an_unreadable_file_is_named_and_the_rest_indexed(tmp_path, articles, capsys):
    secret = articles / "secret.txt"
    secret.write_text(NEW, "utf-8")
    secret.chmod(0)
    try:
        code, _, err = run_cli(capsys, "--library", tmp_path / "lib", "index", articles)
    finally:
        secret.chmod(0o644)
    assert code == 1
    [line] = [line for line in err.splitlines() if "secret.txt" in line]
    assert "cannot read" in line and "ermission denied" in line, line
    assert found(capsys, tmp_path / "lib", "zqold") == 1


@pytest.fixture
def read_only(library):
    """The library folder and everything in it made read-only, then restored."""
    modes = {p: p.stat().st_mode for p in [library, *library.rglob("*")]}
    for path in modes:
        path.chmod(0o555 if path.is_dir() else 0o444)
    yield library
    for path, mode in sorted(modes.items(), key=lambda kv: len(kv[0].parts)):
        path.chmod(mode)


@as_root
def test_a_read_only_library_refuses_to_index(read_only, articles, capsys):
    (articles / "new.txt").write_text(NEW, "utf-8")
    code, _, err = run_cli(capsys, "--library", read_only, "index", articles)
    assert code == 2
    one_line_error(err, "read-only")


@as_root
def test_a_read_only_library_still_searches(read_only, capsys):
    code, out, err = run_cli(capsys, "--library", read_only, "search", "zqold")
    assert code == 0, err


# -- a full disk ---------------------------------------------------------------------------

def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_while_whoosh_writes(library, articles, capsys, monkeypatch):
    from whoosh.filedb.filestore import FileStorage

    (articles / "new.txt").write_text(NEW, "utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(FileStorage, "create_file", _disk_full)
        code, _, err = run_cli(capsys, "--library", library, "index", articles)
    assert code == 2
    one_line_error(err, os.strerror(errno.ENOSPC))
    assert found(capsys, library, "zqold") == 1  # the previous index is whole
    assert found(capsys, library, "zqnew") == 0
    code, _, err = run_cli(capsys, "--library", library, "index", articles)  # space freed
    assert code == 0 and "1 added" in err, err
    assert found(capsys, library, "zqnew") == 1


def test_a_full_disk_while_the_manifest_is_written(library, articles, capsys, monkeypatch):
    import index.indexer

    def manifest_full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    (articles / "new.txt").write_text(NEW, "utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(index.indexer, "save_files", manifest_full)
        code, _, err = run_cli(capsys, "--library", library, "index", articles)
    assert found(capsys, library, "zqold") == 1
    assert code == 2
    one_line_error(err, "full")


# -- libraries from elsewhere --------------------------------------------------------------

@pytest.mark.parametrize("command", [["index"], ["search", "zqold"], ["stats"], ["facets"],
                                     ["show", "abcd1234"]])
def test_a_library_from_a_newer_version_is_refused_untouched(library, articles, capsys,
                                                             command):
    db = library / "library.sqlite"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value='999' WHERE key='schema'")
    conn.commit()
    conn.close()
    whoosh_before = sorted(p.name for p in (library / "whoosh").iterdir())
    args = [*command, articles] if command == ["index"] else command
    code, _, err = run_cli(capsys, "--library", library, *args)
    assert code == 2
    one_line_error(err, "newer broadsheet", "upgrade")
    assert sorted(p.name for p in (library / "whoosh").iterdir()) == whoosh_before
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone() == ("999",)
    assert conn.execute("SELECT count(*) FROM files").fetchone() == (1,)
    conn.close()


def test_a_damaged_index_says_rebuild_and_a_rebuild_mends_it(library, articles, capsys):
    for toc in (library / "whoosh").glob("_MAIN_*.toc"):
        toc.write_bytes(toc.read_bytes()[:20])
    code, _, err = run_cli(capsys, "--library", library, "search", "zqold")
    assert code == 2
    one_line_error(err, "rebuild")
    code, _, err = run_cli(capsys, "--library", library, "index", "--rebuild", articles)
    assert code == 0, err
    assert found(capsys, library, "zqold") == 1


def test_indexing_into_a_damaged_index_says_rebuild(library, articles, capsys):
    for toc in (library / "whoosh").glob("_MAIN_*.toc"):
        toc.write_bytes(toc.read_bytes()[:20])
    code, _, err = run_cli(capsys, "--library", library, "index", articles)
    assert code == 2
    one_line_error(err, "rebuild")


def test_a_damaged_manifest_says_rebuild_and_a_rebuild_mends_it(library, articles, capsys):
    for name in ("library.sqlite", "library.sqlite-wal", "library.sqlite-shm"):
        if (library / name).exists():
            (library / name).write_bytes(b"this is not a database" * 100)
    code, _, err = run_cli(capsys, "--library", library, "search", "zqold")
    assert code == 2
    one_line_error(err, "rebuild")
    code, _, err = run_cli(capsys, "--library", library, "index", articles)
    assert code == 2
    one_line_error(err, "rebuild")
    code, _, err = run_cli(capsys, "--library", library, "index", "--rebuild", articles)
    assert code == 0, err
    assert found(capsys, library, "zqold") == 1
