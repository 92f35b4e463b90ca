"""Textual's parsed CSS kept between runs (``tui.app.css_cache``): a start that finds the
app's stylesheet kept parses none of it and gets the same rules, and a file that is damaged,
that others could write, or that another theme made is never taken."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

from tests.conftest import ROOT

PARSE = """
import json, sys
import textual.css.stylesheet as stylesheet
from textual.app import App
from textual.widgets import Input, OptionList

import tui.app.app as app  # installs the cache
from tui.app import css_cache

parsed = []
real = stylesheet.parse
def counted(*args, **kwargs):
    parsed.append(args[2])
    return real(*args, **kwargs)
stylesheet.parse = counted

theme = sys.argv[1]
host = App()
host.theme = theme
sheet = stylesheet.Stylesheet(variables=host.get_css_variables())
sheet.read(app.__file__.replace("app.py", "app.tcss"))
for widget in (Input, OptionList):
    sheet.add_source(widget.DEFAULT_CSS, read_from=(widget.__module__, widget.__name__),
                     is_default_css=True)
try:
    sheet.parse()
    rules = [rule.css for rule in sheet.rules]
except Exception as exc:
    rules = f"{type(exc).__name__}"
css_cache.save()
print(json.dumps({"parsed": len(parsed), "rules": rules}))
"""

BROKEN = """
import json, sys
import textual.css.stylesheet as stylesheet
from textual.css.stylesheet import StylesheetParseError
import tui.app.app  # installs the cache
from tui.app import css_cache

sheet = stylesheet.Stylesheet()
sheet.add_source("Screen { colour: red; }", read_from=("broken.tcss", ""))
try:
    sheet.parse()
    said = "nothing"
except StylesheetParseError:
    said = "StylesheetParseError"
css_cache.save()
print(json.dumps({"said": said, "kept": len(css_cache._kept or {})}))
"""


def _run(cache_home, code: str = PARSE, theme: str = "textual-dark") -> dict:
    done = subprocess.run([sys.executable, "-c", code, theme], cwd=ROOT, capture_output=True,
                          text=True, timeout=120,
                          env=dict(os.environ, XDG_CACHE_HOME=str(cache_home)))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _cache_file(cache_home):
    return cache_home / "broadsheet" / "textual-css-1.pickle"


def test_a_second_start_parses_nothing_and_gets_the_same_rules(tmp_path):
    first = _run(tmp_path)
    assert first["parsed"] == 3 and len(first["rules"]) > 20
    assert _cache_file(tmp_path).exists()
    second = _run(tmp_path)
    assert second == {"parsed": 0, "rules": first["rules"]}


def test_another_theme_is_parsed_with_its_own_colours(tmp_path):
    dark = _run(tmp_path, theme="textual-dark")
    light = _run(tmp_path, theme="textual-light")
    assert light["parsed"] == 3 and light["rules"] != dark["rules"]
    assert _run(tmp_path, theme="textual-light") == {"parsed": 0, "rules": light["rules"]}
    assert _run(tmp_path, theme="textual-dark")["rules"] == dark["rules"]


def test_a_file_others_can_write_is_never_read(tmp_path):
    first = _run(tmp_path)
    os.chmod(_cache_file(tmp_path), 0o666)
    assert _run(tmp_path) == first  # parsed again
    os.chmod(_cache_file(tmp_path), 0o600)
    os.chmod(tmp_path / "broadsheet", 0o777)
    assert _run(tmp_path)["parsed"] == 3


def test_a_damaged_file_or_entry_is_parsed_over(tmp_path):
    first = _run(tmp_path)
    _cache_file(tmp_path).write_bytes(b"not a pickle")
    assert _run(tmp_path) == first
    textual, entries = pickle.loads(_cache_file(tmp_path).read_bytes())  # written anew
    entries = {crc: entry[: len(entry) // 2] for crc, entry in entries.items()}
    _cache_file(tmp_path).write_bytes(pickle.dumps((textual, entries)))
    assert _run(tmp_path) == first


def test_the_file_of_another_textual_is_not_used(tmp_path):
    first = _run(tmp_path)
    textual, entries = pickle.loads(_cache_file(tmp_path).read_bytes())
    _cache_file(tmp_path).write_bytes(pickle.dumps((("another textual",), entries)))
    assert _run(tmp_path) == first


def test_css_with_errors_is_never_kept(tmp_path):
    for _ in range(2):
        assert _run(tmp_path, BROKEN) == {"said": "StylesheetParseError", "kept": 0}


async def test_the_first_screens_css_is_kept_before_its_frame_is_painted(
        make_app, tmp_path, monkeypatch):
    """A start ended at its first frame (killed then, as a benchmark ends it) keeps the CSS
    it parsed: the search screen's mount writes it, before the frame and before the
    collector resumes (``tui.startup.resume`` saves too, later)."""
    from textual.css.stylesheet import Stylesheet

    from tui import startup
    from tui.app import css_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name, fresh in (("_kept", None), ("_used", set()), ("_new", False)):
        monkeypatch.setattr(css_cache, name, fresh)
    monkeypatch.setattr(startup, "resume", lambda: None)
    mounted = {}
    real = Stylesheet._parse_rules

    def parse_rules(self, *args, **kwargs):  # the sources parsed before the file is there
        if not _cache_file(tmp_path / "cache").exists():
            mounted["before"] = mounted.get("before", 0) + 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "_parse_rules", parse_rules)
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert _cache_file(tmp_path / "cache").exists()
        textual, entries = pickle.loads(_cache_file(tmp_path / "cache").read_bytes())
        assert len(entries) >= 10 and mounted["before"] >= len(entries)
