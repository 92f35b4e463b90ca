"""No input makes broadsheet run code, read other files, reach the network, or take over the
terminal: XML entities are not expanded, scripts are not text, YAML tags are not executed."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests.reliability.conftest import run_cli

SECRET = "zqsecretword"
"""Written to a file beside the articles that the hostile inputs try to pull in."""


@pytest.fixture
def no_network(monkeypatch):
    """Every attempt to resolve or connect is recorded, and refused."""
    attempts: list[tuple] = []

    def refuse(*args, **_kwargs):
        attempts.append(args)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.fixture
def hostile(tmp_path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{SECRET} root:x:0:0:root:/root:/bin/bash\n", "utf-8")
    uri = secret.as_uri()
    (root / "xxe.rss").write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
  <!ENTITY secret SYSTEM "{uri}">
  <!ENTITY remote SYSTEM "http://127.0.0.1:9/remote.txt">
  <!ENTITY % dtd SYSTEM "http://127.0.0.1:9/evil.dtd">
  %dtd;
]>
<rss version="2.0" xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>Evil Wire</title>
<item><title>Entities zqentities &secret;</title><link>https://example.org/x</link>
<description>Before &passwd; and &secret; and &remote; after, zqentitiesbody.
<xi:include href="{uri}" parse="text"/></description></item></channel></rss>
""", "utf-8")
    (root / "external.atom").write_text(f"""<?xml version="1.0"?>
<!DOCTYPE feed SYSTEM "http://127.0.0.1:9/feed.dtd">
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:a</id>
<entry><title>External dtd zqexternal</title><id>urn:a:1</id>
<content type="html">&lt;p&gt;Text zqexternalbody.&lt;/p&gt;
&lt;img src="http://127.0.0.1:9/x.png"&gt; &lt;iframe src="{uri}"&gt;&lt;/iframe&gt;
</content></entry></feed>
""", "utf-8")
    (root / "laughs.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
        + ']><rss version="2.0"><channel><title>Laughs</title><item><title>Laughs zqlaughs'
          "</title><description>&l9; zqlaughsbody</description></item></channel></rss>",
        "utf-8")
    (root / "script.html").write_text(f"""<!doctype html><html><head>
<title>Script page zqscript</title>
<script>var zqscriptcode = "alert(1)"; fetch("http://127.0.0.1:9/beacon");</script>
<style>.zqstylecode {{ color: red }}</style>
<link rel="stylesheet" href="http://127.0.0.1:9/style.css">
<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/">
</head><body onload="zqonload()"><article><h1>Script page zqscript</h1>
<p>The article zqscriptbody is about the election in Peru, long enough to be an article body
for the extractor, and it goes on about Lima and the votes counted on Sunday night.</p>
<script>document.write("zqinlinescript")</script>
<img src="http://127.0.0.1:9/pixel.gif" onerror="zqonerror()">
<iframe src="{uri}"></iframe>
<p>More text about Lima <a href="javascript:zqjslink()">here</a>.</p></article></body></html>
""", "utf-8")
    (root / "feedscript.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        "<title>Feed script zqfeedscript</title><description>&lt;p&gt;Text zqfeedscriptbody."
        "&lt;/p&gt;&lt;script&gt;zqfeedscriptcode()&lt;/script&gt;</description></item>"
        "</channel></rss>", "utf-8")
    marker = tmp_path / "pwned"
    (root / "tags.md").write_text(f"""---
title: !!python/object/apply:os.system ["touch {marker}"]
author: !!python/object/new:subprocess.check_output [["touch", "{marker}"]]
source: !!python/name:os.system
---
# Tagged zqtagged

The body zqtaggedbody talks about Chile.
""", "utf-8")
    return root


@pytest.fixture
def indexed(hostile, tmp_path, capsys, no_network):
    library = tmp_path / "library"
    code, out, err = run_cli(capsys, "--library", library, "index", hostile)
    assert "internal error" not in err and "Traceback" not in err, err
    return library, code, err


def texts(capsys, library: Path, query: str) -> list[str]:
    """Title and full text of every article ``query`` finds."""
    code, out, _ = run_cli(capsys, "--library", library, "search", query, "--jsonl",
                           "--limit", "50")
    found = []
    for line in out.splitlines():
        hit = json.loads(line)
        _, shown, _ = run_cli(capsys, "--library", library, "show", hit["id"], "--json")
        article = json.loads(shown)
        found.append(f"{article['title']}\n{article['text']}")
    return found


def test_no_network_and_nothing_read_from_outside(indexed, no_network, capsys):
    library, code, err = indexed
    assert code == 0, err
    assert no_network == []
    for query in (SECRET, "root", "bash"):
        assert run_cli(capsys, "--library", library, "search", query)[0] == 1, query
    everything = "\n".join(texts(capsys, library, "*"))
    assert SECRET not in everything and "root:x" not in everything
    assert "/bin/" not in everything


def test_entities_are_not_expanded_but_the_articles_are_indexed(indexed, capsys):
    library, _, _ = indexed
    for word in ("zqentitiesbody", "zqexternalbody", "zqlaughsbody"):
        [text] = texts(capsys, library, word)
        assert "lollol" not in text and len(text) < 2000, text[:200]


def test_scripts_styles_and_handlers_are_not_text(indexed, capsys):
    library, _, _ = indexed
    [page] = texts(capsys, library, "zqscriptbody")
    [feed] = texts(capsys, library, "zqfeedscriptbody")
    for code in ("zqscriptcode", "zqinlinescript", "zqstylecode", "zqonload", "zqonerror",
                 "zqjslink", "alert(", "fetch(", "zqfeedscriptcode"):
        assert code not in page and code not in feed, code
        assert run_cli(capsys, "--library", library, "search", code)[0] == 1, code


def test_yaml_tags_are_not_executed(indexed, tmp_path, capsys):
    library, _, err = indexed
    assert not (tmp_path / "pwned").exists()
    [text] = texts(capsys, library, "zqtaggedbody")
    assert "os.system" not in text and "subprocess" not in text
    assert "tags.md: front matter is not valid YAML" in err


def test_a_yaml_alias_bomb_in_front_matter_is_cheap(tmp_path, capsys, monkeypatch):
    """A 1 kB front matter whose aliases unfold into 9**9 strings: reading it must not
    flatten them all (that takes minutes and gigabytes)."""
    import index.sources.fields as fields

    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    root = tmp_path / "in"
    root.mkdir()
    (root / "bomb.md").write_text("---\n" + "\n".join(lines) + "\ntitle: *a8\nauthor: *a8\n"
                                  "---\nThe body zqbombbody is about Chile.\n", "utf-8")
    calls = [0]
    as_text = fields.as_text

    def counted(value):
        calls[0] += 1
        if calls[0] > 100_000:
            raise AssertionError("front matter values are flattened exponentially")
        return as_text(value)

    monkeypatch.setattr(fields, "as_text", counted)
    code, _, err = run_cli(capsys, "--library", tmp_path / "library", "index", root)
    assert "internal error" not in err, err  # the counter's AssertionError ends up here
    assert run_cli(capsys, "--library", tmp_path / "library", "search", "zqbombbody")[0] == 0


def test_terminal_escapes_in_articles_never_reach_the_terminal(tmp_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    (root / "e.jsonl").write_text(json.dumps({
        "title": "Escape \x1b]52;c;cHduZWQ=\x07 zqescape \x1b[2J",
        "text": "Body \x1b]0;owned\x07 about Peru, \x1b[31mred\x1b[0m zqescapebody \x9b2J."}),
        "utf-8")
    library = tmp_path / "library"
    assert run_cli(capsys, "--library", library, "index", root)[0] == 0
    _, out, _ = run_cli(capsys, "--library", library, "search", "zqescape", "--jsonl")
    article_id = json.loads(out)["id"]
    for args in (["search", "zqescape"], ["show", article_id]):
        code, out, _ = run_cli(capsys, "--library", library, *args)
        assert code == 0 and "zqescape" in out
        assert not any(ch in out for ch in "\x1b\x07\x9b"), repr(out)
