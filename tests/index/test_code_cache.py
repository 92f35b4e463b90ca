"""Dataclass methods compiled once and kept between runs (``index._code_cache``): a
dataclass made from the cache is the dataclass Python makes, and a cache that is damaged or
that someone else could write is never run."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

MAKE = """
import dataclasses, json, sys
from dataclasses import dataclass, field
import index._code_cache as cache

@dataclass(frozen=True)
class Point:
    '''A point.'''
    x: int
    y: int = 2
    tags: tuple = field(default_factory=tuple)

p = Point(1)
try:
    p.x = 5
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
import inspect
print(json.dumps({"signature": str(inspect.signature(Point)), "repr": repr(p),
                  "eq": p == Point(1, 2, ()), "hash": hash(p) == hash(Point(1)),
                  "frozen": frozen, "replaced": repr(dataclasses.replace(p, y=7)),
                  "compiled": len(cache._new),
                  "read": len(cache._kept or {}) - len(cache._new)}))
"""


def _run(cache_home, code: str = MAKE) -> dict:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60,
                          env=dict(os.environ, XDG_CACHE_HOME=str(cache_home)))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cache_file(cache_home) -> str:
    files = os.listdir(cache_home / "broadsheet")
    assert len(files) == 1 and files[0].startswith("dataclasses-2-cpython-"), files
    return str(cache_home / "broadsheet" / files[0])


def test_a_dataclass_made_from_the_cache_is_the_one_python_makes(tmp_path):
    first = _run(tmp_path)
    assert first["compiled"] > 0
    assert first == {**first, "signature": "(x: int, y: int = 2, tags: tuple = <factory>) -> None",
                     "repr": "Point(x=1, y=2, tags=())", "eq": True, "hash": True,
                     "frozen": True, "replaced": "Point(x=1, y=7, tags=())"}
    again = _run(tmp_path)
    assert again["compiled"] == 0 and again["read"] >= first["compiled"]
    assert {k: v for k, v in again.items() if k not in ("compiled", "read")} == \
        {k: v for k, v in first.items() if k not in ("compiled", "read")}


def _poisoned(path: str) -> None:
    """Every text in the cache compiled to code that raises when the class is made."""
    with open(path, "rb") as f:
        kept = marshal.load(f)
    bad = compile("raise RuntimeError('the cache ran')", "<string>", "exec")
    with open(path, "wb") as f:
        marshal.dump({key: marshal.dumps((marshal.loads(entry)[0], bad))
                      for key, entry in kept.items()}, f)


def test_what_the_cache_holds_is_what_runs(tmp_path):
    """The cache is really read: code put in it is the code a dataclass gets (so the tests
    below, where it is not, can fail)."""
    _run(tmp_path)
    _poisoned(_cache_file(tmp_path))
    done = subprocess.run([sys.executable, "-c", MAKE], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path)))
    assert "the cache ran" in done.stderr


@pytest.mark.parametrize("loosen", ["file", "folder"])
def test_a_cache_others_could_write_is_never_read(tmp_path, loosen):
    _run(tmp_path)
    path = _cache_file(tmp_path)
    _poisoned(path)
    os.chmod(path if loosen == "file" else os.path.dirname(path), 0o777)
    result = _run(tmp_path)
    assert result["read"] == 0 and result["compiled"] > 0
    assert result["repr"] == "Point(x=1, y=2, tags=())"


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", marshal.dumps([1, 2]),
                                    marshal.dumps({"text": 42}), marshal.dumps({1: b"x"})])
def test_a_damaged_cache_is_compiled_over(tmp_path, damage):
    _run(tmp_path)
    path = _cache_file(tmp_path)
    with open(path, "wb") as f:
        f.write(damage)
    result = _run(tmp_path)
    assert result["compiled"] > 0 and result["repr"] == "Point(x=1, y=2, tags=())"
    assert _run(tmp_path)["compiled"] == 0  # written again, whole


def test_an_unwritable_cache_folder_costs_nothing_but_the_compiling(tmp_path):
    (tmp_path / "broadsheet").write_text("a file where the folder would be")
    result = _run(tmp_path)
    assert result["compiled"] > 0 and result["repr"] == "Point(x=1, y=2, tags=())"


def test_a_damaged_entry_is_compiled_over(tmp_path):
    _run(tmp_path)
    path = _cache_file(tmp_path)
    with open(path, "rb") as f:
        kept = marshal.load(f)
    with open(path, "wb") as f:
        marshal.dump(dict.fromkeys(kept, b"\x00 not an entry"), f)
    result = _run(tmp_path)
    assert result["compiled"] > 0 and result["repr"] == "Point(x=1, y=2, tags=())"
