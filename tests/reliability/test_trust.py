"""A library someone else could write is refused (its pickles would run their code as whoever
searches it), unless the user trusts it; broadsheet's own cache cannot run code at all; and
the libraries broadsheet makes are writable by their user alone, whatever the umask."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index import Library, Query, trust, workers
from tests.conftest import ROOT
from tests.reliability.conftest import run_cli, write_synthetic


class Payload:
    """Unpickled, it writes ``marker``: what a planted pickle could do, as whoever reads it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


@pytest.fixture
def lib(tmp_path, corpus, monkeypatch) -> Path:
    monkeypatch.delenv(trust.ENV_TRUSTED, raising=False)
    folder = tmp_path / "library"
    with Library(folder) as library:
        library.add([corpus])
    return folder


def search(capsys, folder: Path) -> tuple[int, str, str]:
    return run_cli(capsys, "--library", folder, "search", "*", "--limit", "1")


def plant_toc(folder: Path, marker: Path) -> None:
    """A newer table of contents whose segment list runs ``Payload`` when read."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    storage = FileStorage(str(folder / "whoosh"))
    toc = TOC.read(storage, "MAIN")
    TOC(toc.schema, [*toc.segments, Payload(marker)], toc.generation + 1).write(storage, "MAIN")


@pytest.mark.parametrize("where,mode", [
    (".", 0o775), (".", 0o757), ("whoosh", 0o777), ("library.sqlite", 0o664),
    ("whoosh/_MAIN_1.toc", 0o646)])
def test_a_library_others_can_write_is_refused(lib, capsys, where, mode):
    (lib / where).chmod(mode)
    code, out, err = search(capsys, lib)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    who = "others" if mode & 0o002 else "your group"
    assert f"is writable by {who} (mode {mode:04o})" in err
    assert (f"library {lib} is" if where == "." else f"library {lib}: {where} is") in err
    assert f"chmod -R go-w {lib}" in err
    assert f"BROADSHEET_TRUSTED_LIBRARIES={lib}" in err


def test_a_planted_table_of_contents_is_not_read(lib, tmp_path, capsys):
    marker = tmp_path / "ran"
    (lib / "whoosh").chmod(0o777)  # someone else could have written it
    plant_toc(lib, marker)
    code, _, err = search(capsys, lib)
    assert code == 2 and ": whoosh is writable by others" in err
    assert not marker.exists()
    code, _, err = run_cli(capsys, "--library", lib, "index")  # nor by the indexer
    assert code == 2 and ": whoosh is writable by others" in err
    assert not marker.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
@pytest.mark.parametrize("where", [".", "whoosh", "whoosh/_MAIN_1.toc"])
def test_a_library_of_another_user_is_refused(lib, capsys, where):
    os.chown(lib / where, 12345, -1)
    code, _, err = search(capsys, lib)
    assert code == 2
    assert "belongs to another user (uid 12345)" in err
    assert f"BROADSHEET_TRUSTED_LIBRARIES={lib}" in err


def test_a_trusted_library_is_opened(lib, capsys, monkeypatch, tmp_path):
    lib.chmod(0o777)
    for listed in (str(lib), f"/elsewhere{os.pathsep}{lib}/", "*"):
        monkeypatch.setenv(trust.ENV_TRUSTED, listed)
        assert search(capsys, lib)[0] == 0
    monkeypatch.setenv(trust.ENV_TRUSTED, str(tmp_path / "another"))
    assert search(capsys, lib)[0] == 2
    link = tmp_path / "link"
    link.symlink_to(lib)
    monkeypatch.setenv(trust.ENV_TRUSTED, str(link))  # the same folder, by another path
    assert search(capsys, lib)[0] == 0


def test_a_library_kept_open_is_checked_at_every_search(lib, corpus, tmp_path):
    """The app and the resident reader keep a library open: a file opened to others since
    (Whoosh reads stored fields, pickled, hit by hit) is refused, and so is a new commit's
    table of contents in a folder opened to others."""
    with Library(lib) as library:
        assert library.search(Query("*")).total
        stored = next((lib / "whoosh").glob("*_stored.col"))
        stored.chmod(0o666)
        with pytest.raises(trust.UntrustedLibrary):
            library.search(Query("*"))
        stored.chmod(0o644)
        assert library.search(Query("*")).total
        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "new.txt").write_text("New article\n\nA text about Lima in Peru.\n")
        Library(lib).add([extra])
        lib.chmod(0o777)
        with pytest.raises(trust.UntrustedLibrary):
            library.search(Query("*"))


def test_a_planted_pickle_cache_is_never_read(lib, tmp_path, capsys):
    """broadsheet's facet cache is plain binary now; a pickle where an older broadsheet kept
    its cache (the name it would read) is left alone, and so is one under the new name."""
    marker = tmp_path / "ran"
    facets = ("--library", lib, "facets", "--json")  # reads every facet set, from the cache
    expected = run_cli(capsys, *facets)
    with Library(lib) as library:
        library.search(Query("*", limit=0))
        reader = library._searching._current().reader()
        parts = [f"{r.segment().segment_id()}:{r.segment().deleted_count()}"
                 for r, _ in reader.leaf_readers()]
    for layout in ("2", "3"):
        key = hashlib.blake2b("|".join([layout, *parts]).encode(), digest_size=8).hexdigest()
        for suffix in ("pickle", "bin"):
            (lib / f"facets-{key}.{suffix}").write_bytes(pickle.dumps(Payload(marker)))
    assert run_cli(capsys, *facets) == expected
    assert not marker.exists()


def test_a_new_library_is_writable_by_its_user_alone_whatever_the_umask(tmp_path):
    """Indexed with umask 002 (common where each user has a group of their own), by worker
    processes (500 articles) and the indexer: no file or folder is group-writable, and the
    library opens."""
    articles = write_synthetic(tmp_path / "articles", files=5)
    folder = tmp_path / "new" / "library"
    env = dict(os.environ, BROADSHEET_SERVER="0")
    env.pop(trust.ENV_TRUSTED, None)
    done = subprocess.run([sys.executable, "-m", "tui.cli", "--library", str(folder), "index",
                           str(articles), "--quiet"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, preexec_fn=lambda: os.umask(0o002))
    assert done.returncode == 0, done.stderr
    searched = subprocess.run([sys.executable, "-m", "tui.cli", "--library", str(folder),
                               "facets", "qxbqx"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120, preexec_fn=lambda: os.umask(0o002))
    assert searched.returncode == 0, searched.stderr
    paths = [folder, *folder.rglob("*")]
    writable = [f"{p} {stat.filemode(p.stat().st_mode)}" for p in paths
                if p.stat().st_mode & 0o022]
    assert writable == []
    # 500 articles are a batch the workers write (PARALLEL_FROM), taking chunks of it off
    # one queue: each that took one wrote a segment, and a loaded machine may leave it all
    # to one of them
    assert workers.PARALLEL_FROM <= 500
    assert [p for p in paths if p.suffix == ".trm"]
    assert any(p.name.startswith("facets-") for p in paths)  # the cache the search wrote


def test_the_check_costs_well_under_a_millisecond(lib):
    trust.check(lib)
    times = []
    for _ in range(200):
        start = time.perf_counter()
        trust.check(lib)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.0005
