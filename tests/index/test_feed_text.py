"""Feed entries read as a reader sees them: plain text titles and bodies (entities decoded,
tags gone, CDATA read), every document feedparser reads entries from, non-feeds refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import sources
from index.models import RawArticle


def entries(path: Path) -> list[RawArticle]:
    return [a for a in sources.read_file(path) if isinstance(a, RawArticle)]


def rss_item(title: str, description: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            "<title>Morning Wire</title><link>https://wire.example/</link>"
            f"<item><title>{title}</title><link>https://wire.example/1</link>"
            f"<description>{description}</description>"
            "<pubDate>Tue, 04 Nov 2025 08:00:00 GMT</pubDate></item></channel></rss>")


def atom_entry(title: str, summary: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Wire</title><id>urn:wire</id><updated>2025-11-04T08:00:00Z</updated>"
            f"<entry><id>urn:1</id>{title}{summary}"
            "<updated>2025-11-04T08:00:00Z</updated></entry></feed>")


# (feed, title shown, a phrase of the text, what must never show)
ESCAPES = [
    (rss_item("AT&amp;T and Verizon bid for spectrum", "Both carriers &amp; a fund."),
     "AT&T and Verizon bid for spectrum", "Both carriers & a fund.", "&amp;"),
    (rss_item("Ports &amp;amp; docks reopen", "Cranes &amp;amp; crews are back."),
     "Ports & docks reopen", "Cranes & crews are back.", "&amp;"),
    (rss_item("Strikes &amp;#38; talks in Lyon", "Unions &amp;#38; the mayor."),
     "Strikes & talks in Lyon", "Unions & the mayor.", "&#38;"),
    (rss_item("&lt;b&gt;Breaking:&lt;/b&gt; dam bursts in Libya",
              "&lt;p&gt;Floods hit &lt;i&gt;Derna&lt;/i&gt;.&lt;/p&gt;"),
     "Breaking: dam bursts in Libya", "Floods hit Derna.", "<b>"),
    (rss_item("<![CDATA[<b>Élection</b> à Lyon &amp; Grenoble]]>",
              "<![CDATA[<p>Le maire sortant &amp; ses rivaux.</p><p>Second tour dimanche.</p>]]>"),
     "Élection à Lyon & Grenoble", "Le maire sortant & ses rivaux.", "<p>"),
    (rss_item("Caf&#233; prices &#x2014; up again", "Beans cost more&#8230;"),
     "Café prices — up again", "Beans cost more…", "&#"),
    (atom_entry('<title type="html">&lt;em&gt;Kyiv&lt;/em&gt; talks &amp;amp; aid</title>',
                '<summary type="html">&lt;p&gt;Aid &amp;amp; arms.&lt;/p&gt;</summary>'),
     "Kyiv talks & aid", "Aid & arms.", "<em>"),
    (atom_entry('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                "<b>Rome</b> &amp; Milan vote</div></title>",
                '<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                "<p>Turnout <b>rose</b>.</p></div></summary>"),
     "Rome & Milan vote", "Turnout rose.", "<b>"),
    (atom_entry('<title type="text">Budget: 3 &lt; 5 percent deficit</title>',
                '<summary type="text">Rome &amp; Brussels agree.</summary>'),
     "Budget: 3 < 5 percent deficit", "Rome & Brussels agree.", "&lt;"),
]


@pytest.mark.parametrize("feed,title,phrase,never", ESCAPES, ids=[t for _, t, _, _ in ESCAPES])
def test_entry_titles_and_texts_are_plain_text(tmp_path, feed, title, phrase, never):
    (tmp_path / "wire.xml").write_text(feed, "utf-8")
    [entry] = entries(tmp_path / "wire.xml")
    assert entry.title == title
    assert phrase in entry.text
    assert never not in entry.title and never not in entry.text


def test_paragraphs_of_html_content_stay_paragraphs(tmp_path):
    feed = rss_item("Vote", "<![CDATA[<p>One.</p><p>Two<br>lines.</p><script>x()</script>]]>")
    (tmp_path / "wire.rss").write_text(feed, "utf-8")
    [entry] = entries(tmp_path / "wire.rss")
    assert entry.text == "One.\n\nTwo\n\nlines."


ITEM = ("<{p}item{a}><{p}title>Storm hits the coast</{p}title><{p}link>https://wire.example/1"
        "</{p}link><{p}description>Winds of 120 km/h.</{p}description></{p}item>")
# Feeds whose root is not spelled "<rss", "<feed" or "<rdf:RDF" in their first bytes.
FEEDS = [
    ("rss2-prefixed", '<?xml version="1.0"?><x:rss xmlns:x="http://backend.userland.com/rss2" '
     'xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><x:channel><x:title>Wire'
     "</x:title>" + ITEM.format(p="x:", a="") + "</x:channel></x:rss>"),
    ("rss1-other-prefix", '<?xml version="1.0"?><r:RDF xmlns:r="http://www.w3.org/1999/02/'
     '22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/"><rss:channel r:about="https://'
     'wire.example/"><rss:title>Wire</rss:title></rss:channel>'
     + ITEM.format(p="rss:", a=' r:about="https://wire.example/1"') + "</r:RDF>"),
    ("atom-prefixed", '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Wire</a:title>'
     '<a:entry><a:id>urn:1</a:id><a:title>Storm hits the coast</a:title><a:link href="https:'
     '//wire.example/1"/><a:summary>Winds of 120 km/h.</a:summary></a:entry></a:feed>'),
    ("rss2-after-long-comment", '<?xml version="1.0"?>\n<!-- ' + "Licence terms. " * 200
     + '-->\n<?xml-stylesheet type="text/xsl" href="rss.xsl"?>\n<rss version="2.0" '
     'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">'
     "<channel><title>Wire</title>" + ITEM.format(p="", a="") + "</channel></rss>"),
]


@pytest.mark.parametrize("name,feed", FEEDS, ids=[name for name, _ in FEEDS])
def test_every_feed_feedparser_reads_is_read(tmp_path, name, feed):
    (tmp_path / f"{name}.xml").write_text(feed, "utf-8")
    [entry] = entries(tmp_path / f"{name}.xml")
    assert entry.title == "Storm hits the coast"
    assert entry.text == "Winds of 120 km/h."


@pytest.mark.parametrize("data,reason", [
    (b"<?xml version='1.0'?><root><a/></root>", "not an RSS or Atom feed"),
    (b"<html><body><p>A page saved as .xml</p></body></html>", "not an RSS or Atom feed"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>W</title></channel></rss>",
     "feed has no entries"),
    (bytes(range(256)) * 4, "binary"),
], ids=["other XML", "HTML", "no entries", "binary"])
def test_non_feeds_are_refused_with_a_reason(tmp_path, data, reason):
    (tmp_path / "doc.xml").write_bytes(data)
    with pytest.raises(sources.SourceError, match=reason):
        list(sources.read_file(tmp_path / "doc.xml"))


def test_entries_sharing_a_link_are_all_kept(tmp_path):
    item = ("<item><title>{}</title><link>https://wire.example/live</link>"
            "<description>Update.</description></item>")
    feed = ('<rss version="2.0"><channel><title>W</title>'
            + item.format("Live: 08:00") + item.format("Live: 09:00") + "</channel></rss>")
    (tmp_path / "live.rss").write_text(feed, "utf-8")
    found = entries(tmp_path / "live.rss")
    assert [a.title for a in found] == ["Live: 08:00", "Live: 09:00"]
    assert len({a.entry for a in found}) == 2


def test_updated_date_only_when_no_published_one(tmp_path):
    feed = atom_entry("<title>Rates</title><published>2025-11-01T09:00:00Z</published>",
                      "<summary>Held.</summary>")
    (tmp_path / "a.atom").write_text(feed, "utf-8")
    [entry] = entries(tmp_path / "a.atom")
    assert entry.date is not None and entry.date.day == 1
