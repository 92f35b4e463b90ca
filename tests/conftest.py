"""Shared fixtures. Tests that read ../shared skip, saying why, when it is not there."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ["BROADSHEET_SERVER"] = "0"
"""No test leaves a resident reader behind (or asks a user's): the tests of the reader
turn it on for themselves, in a runtime folder of their own."""
_CACHE = tempfile.TemporaryDirectory(prefix="broadsheet-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE.name
"""The compiled dataclass methods the suite's processes keep (``index._code_cache``) are
the suite's, not the user's; removed with the suite."""
SHARED = Path(os.environ.get("BROADSHEET_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPORA = SHARED / "corpora"
SAMPLE_DATA = ROOT / "sample_data"


def keys_of_a_terminal() -> None:
    """``Popen(preexec_fn=...)`` for a command a test stops with ctrl-c: SIGINT and SIGQUIT
    as a terminal delivers them. A suite started as a background job of a shell script
    (``pytest &``) ignores both, and a child inherits that across ``exec``: ctrl-c could
    never reach it, and the test would wait for a stop that cannot come."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def need(path: Path) -> Path:
    """Skip the calling test when ``path`` (part of ../shared) is missing."""
    if not path.exists():
        pytest.skip(f"{path.name} not found: this test reads ../shared beside the checkout")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return need(SEEDS)


# -- a small corpus in every format, written for the tests ----------------------------------

GERMAN_TXT = """\
Kasachstan tritt dem Abkommen bei

Die Verträge waren der grösste aussenpolitische Erfolg der Regierung. Kasachstan will mit den
Vereinigten Staaten enger zusammenarbeiten, erklärte der Präsident in Astana.

Auch Russland und China beobachten den Schritt des zentralasiatischen Landes genau.
"""

SWISS_TXT = """\
Die grösste Reform seit Jahren

Die Regierung plant die grösste Steuerreform seit Jahrzehnten. Die Schweiz und Österreich
verhandeln zudem über ein neues Abkommen zur Zusammenarbeit im Bahnverkehr.
"""

MD = """\
---
title: Grain prices climb as drought hits Argentina
date: 2025-03-14
lang: en
source: Field Notes
url: https://example.org/grain
author: Maria Lopez
---
# Grain prices climb as drought hits Argentina

Farmers in **Argentina** expect the smallest harvest in a decade, and traders in Brazil
are already raising their prices for soybeans and maize bound for China.
"""

JSON_LIST = json.dumps([
    {"headline": "Élections en France : la gauche progresse",
     "body": "Les électeurs français ont voté dimanche. La gauche progresse dans plusieurs "
             "régions de France, selon les premiers résultats publiés par le ministère.",
     "published": "2024-06-30T20:00:00+02:00", "url": "https://example.org/fr/elections",
     "lang": "fr", "source": "Le Quotidien"},
    {"title": "Elecciones en México",
     "text": "Los votantes de México eligieron el domingo a un nuevo gobierno. La "
             "participación fue alta en todo el país, según el instituto electoral.",
     "date": "2024-06-02", "source": "El Diario", "lang": "es"},
], ensure_ascii=False)

JSONL = """\
{"title": "Chip plant delayed in Taiwan", "text": "The chip plant in Taiwan will open a year late, \
the company said on Monday, blaming a shortage of engineers and water.", "date": "2026-01-12", \
"source": "Wire"}
{"title": "broken line", "text": "this line is not valid json
{"title": "Chip exports rise", "text": "Chip exports from South Korea rose for the fifth month in \
a row, helped by strong demand for memory used in data centres.", "date": "2026-02-03", "source": \
"Wire"}
"""

HTML = """\
<!doctype html><html lang="en"><head><title>Port strike ends in Rotterdam | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2025-09-01T08:30:00Z">
<meta name="author" content="Jan de Vries"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port strike ends in Rotterdam</h1>
<p>Dock workers in the Netherlands ended a week-long strike on Sunday after the port authority
agreed to a new wage deal, union leaders said in Rotterdam.</p>
<p>Shipping lines had diverted vessels to Antwerp in Belgium and to Hamburg in Germany while
the strike lasted, costing the port millions of euros a day.</p></article>
<footer>© Harbour Times. All rights reserved. Subscribe to our newsletter.</footer></body></html>
"""

RSS = """\
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Morning Wire</title><link>https://example.org</link>
<language>en</language>
<item><title>Floods close roads in Pakistan</title><link>https://example.org/a1</link>
<pubDate>Tue, 05 Aug 2025 06:00:00 GMT</pubDate>
<description>&lt;p&gt;Heavy monsoon rain closed roads across Pakistan on Monday, and officials in \
India warned of more flooding along the border.&lt;/p&gt;</description></item>
<item><title>Wheat deal signed</title><link>https://example.org/a2</link>
<pubDate>Wed, 06 Aug 2025 09:15:00 GMT</pubDate>
<description>Egypt signed a deal to buy wheat from Kazakhstan, the trade ministry said in Cairo on \
Wednesday.</description></item>
</channel></rss>
"""

ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Notizie</title><id>urn:x</id>
<updated>2025-10-01T10:00:00Z</updated>
<entry><title>Accordo sul gas tra Italia e Algeria</title><id>urn:x:1</id>
<link href="https://example.org/it/gas"/><updated>2025-10-01T10:00:00Z</updated>
<content type="html">&lt;p&gt;L'Italia e l'Algeria hanno firmato un nuovo accordo sul gas che \
raddoppia le forniture attraverso il Mediterraneo entro il prossimo \
inverno.&lt;/p&gt;</content></entry>
</feed>
"""

CORPUS = {
    "zeitung/kasachstan.txt": GERMAN_TXT,
    "zeitung/reform.txt": SWISS_TXT,
    "notes/grain.md": MD,
    "wire/elections.json": JSON_LIST,
    "wire/chips.jsonl": JSONL,
    "web/port.html": HTML,
    "feeds/morning.rss": RSS,
    "feeds/notizie.atom": ATOM,
}


def write_corpus(root: Path, files: dict[str, str] = CORPUS) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "articles")


@pytest.fixture
def library(tmp_path: Path, corpus: Path):
    from index import Library

    lib = Library(tmp_path / "library")
    lib.add([corpus])
    yield lib
    lib.close()
