"""The files an indexing run found, kept folder by folder (``indexer._Found``): every path
back in the order found, looked up exactly, however folders nest."""

from __future__ import annotations

import os

from index.indexer import _Found

SEP = os.sep


def paths() -> list[str]:
    root = f"{SEP}news"
    return [f"{SEP}top.txt",
            f"{root}{SEP}b.txt", f"{root}{SEP}a b\nc.txt",  # as found, not sorted
            f"{root}{SEP}2025{SEP}x.txt", f"{root}{SEP}2025{SEP}y.json",
            f"{root}{SEP}2025{SEP}deep{SEP}z.txt",
            f"{root}{SEP}c.txt",  # the same folder again, after its subfolders
            f"{root}0{SEP}x.txt"]


def test_every_path_comes_back_in_order_a_window_at_a_time():
    found = _Found()
    for path in paths():
        found.add(path)
    assert len(found) == len(paths())
    windows = list(found.windows(3))
    assert [len(w) for w in windows] == [3, 3, 2]
    assert [path for window in windows for path in window] == paths()


def test_paths_are_looked_up_exactly_in_any_order():
    found = _Found()
    for path in paths():
        found.add(path)
    for path in sorted(paths()) + paths()[::-1]:
        assert path in found
    root = f"{SEP}news"
    for other in (f"{root}{SEP}d.txt", f"{root}{SEP}2025", f"{root}{SEP}2025{SEP}x",
                  f"{SEP}elsewhere{SEP}b.txt", f"{root}{SEP}a b", "top.txt", f"{SEP}"):
        assert other not in found


def test_many_folders_looked_up_in_turn():
    found = _Found()
    every = [f"{SEP}n{SEP}{f:04d}{SEP}{n}.txt" for f in range(300) for n in range(3)]
    for path in every:
        found.add(path)
    assert all(path in found for path in sorted(every, reverse=True))
    assert f"{SEP}n{SEP}0300{SEP}0.txt" not in found
    assert [p for w in found.windows(500) for p in w] == every
