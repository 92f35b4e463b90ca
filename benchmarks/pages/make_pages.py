"""Write the evaluation pages and feeds (``python -m benchmarks.pages.make_pages``).

Five pages per language, each a news story inside a news site's furniture, and each with a
different way of saying its title and date, the ways real sites do:

- ``meta``: Open Graph title and ``article:published_time`` / ``modified_time``.
- ``jsonld``: a JSON-LD NewsArticle, and the site's logo as the page's first ``<h1>``.
- ``time``: ``<time datetime>`` only; the "updated" time first; a left sidebar of other
  stories with their own ``<time>`` before the article; dated comments after it.
- ``text``: no markup for the date, only the words "published on ..." and "updated on ...",
  the site name before the headline in ``<title>``.
- ``updated``: only a modified date (which is then the one to give), an og:title with the
  site name after it.
- ``divs``: no ``<article>``, the site's name alone in ``<title>``, today's date above the
  logo, text set in a ``<div>`` with ``<br>``.
- ``header``: the headline outside ``<article>``, a section and the site in ``<title>``,
  ``itemprop=datePublished``, a bold lead in a ``<div>``.

Each page holds a cookie banner, a menu, related links and a newsletter box and a share bar
inside the article, a sidebar, comments and a copyright line. Pages are written in the
encodings their languages use (declared, undeclared, declared wrong, UTF-8 with a stray
byte, UTF-8 saved after being read as windows-1252). ``expected.json`` says for each file
its title, date, a main-text phrase and the boilerplate phrases.

Feeds: one per language, RSS 2.0 with namespaced modules, titles with ``&amp;``, escaped
markup and CDATA; the CJK and Cyrillic ones in a legacy encoding with no declaration; some
with a prefixed root element.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

from benchmarks.pages.news import NEWS

HERE = Path(__file__).resolve().parent
VARIANTS = ("meta", "jsonld", "time", "text", "updated", "divs", "header")
# Which of a language's two encodings each variant is written in.
ENCODING_OF = {"meta": "utf-8", "jsonld": 0, "time": 1, "text": "utf-8", "updated": "utf-8",
               "divs": 0, "header": "utf-8"}
UNDECLARED = {"koi8-r", "euc-jp"}


def when(lang: str, value: datetime) -> str:
    news = NEWS[lang]
    months = news.get("months")
    month = months[value.month - 1] if months else ""
    return news["written"].format(d=value.day, m=value.month, y=value.year, H=value.hour,
                                  M=value.minute, month=month)


def shares(news: dict) -> list[str]:
    return [s.strip() for s in re.split("[,、،]", news["share"])]


def furniture(news: dict, lang: str, published: datetime, plain: bool) -> dict[str, str]:
    """The blocks around a story. ``plain``: class names a boilerplate filter knows
    (``cookie-banner``, ``related-articles``...); else the opaque names of a site built
    with generated CSS, related links and the newsletter as paragraphs of the article."""
    related_title, related = news["related"]
    sidebar_title, sidebar = news["sidebar"]
    other = published - timedelta(days=9)
    commented = published + timedelta(days=2, hours=3)
    c = (lambda name, _: name) if plain else (lambda _, n: f"sc-{n:x}f{n * 7 % 97:02d}")
    related_block = (
        f'<div class="{c("related-articles", 11)}"><h3>{related_title}</h3><ul>' + "".join(
            f'<li><a href="/story/{i}">{t}</a></li>' for i, t in enumerate(related))
        + "</ul></div>") if plain else "".join(
        f'<p><strong>{related_title}:</strong> <a href="/story/{i}">{t}</a></p>'
        for i, t in enumerate(related))
    newsletter = (
        f'<div class="newsletter-box"><p>{news["newsletter"]}</p>'
        '<form><input type="email"><button>OK</button></form></div>') if plain else (
        f'<p><a href="/newsletter">{news["newsletter"]}</a></p>')
    return {
        "cookie": f'<div id="{c("cookie-consent", 12)}" class="{c("cookie-banner", 13)}">'
                  f'<p>{news["cookie"]}</p><button>OK</button></div>',
        "nav": f'<nav class="{c("main-nav", 14)}"><ul>' + "".join(
            f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(news["menu"]))
            + "</ul></nav>",
        "related": related_block,
        "newsletter": newsletter,
        "share": f'<div class="{c("share-bar", 15)}"><ul>' + "".join(
            f'<li><a href="#s{i}">{s}</a></li>'
            for i, s in enumerate(shares(news))) + "</ul></div>",
        "sidebar": f'<{"aside" if plain else "div"} class="{c("sidebar", 16)}"><h3>'
                   f'{sidebar_title}</h3><ol>' + "".join(
            f'<li><a href="/top/{i}">{t}</a> <time datetime="{day.isoformat()}">'
            f"{when(lang, day)}</time></li>"
            for i, (t, day) in enumerate(zip(sidebar, (other, other - timedelta(days=3)),
                                             strict=True)))
            + f'</ol></{"aside" if plain else "div"}>',
        "comments": f'<section id="comments" class="{c("comments", 17)}"><h3>💬</h3>' + "".join(
            f'<div class="{c("comment", 18)}"><span>user{i}</span> '
            f'<time datetime="{(commented + timedelta(hours=i)).isoformat()}">'
            f"{when(lang, commented + timedelta(hours=i))}</time><p>{c_}</p></div>"
            for i, c_ in enumerate(news["comments"])) + "</section>",
        "footer": f'<footer><p>© 2003–{published.year} {news["site"]}. '
                  f'{news["copyright"]}.</p><p><a href="/imprint">Impressum</a></p></footer>',
    }


def page(lang: str, variant: str, published: datetime, charset: str | None) -> str:
    news = NEWS[lang]
    f = furniture(news, lang, published, plain=variant in ("meta", "jsonld", "time"))
    updated = published + timedelta(days=1, hours=2, minutes=45)
    site, headline = news["site"], news["headline"]
    head = [f'<meta charset="{charset}">'] if charset else []
    head.append('<meta name="viewport" content="width=device-width">')
    first, *rest = news["paragraphs"]
    paragraphs = [f"<p>{linked(escape(p, quote=False), i)}</p>"
                  for i, p in enumerate(news["paragraphs"])]
    dateline = ""
    logo = f'<div class="logo"><a href="/">{site}</a></div>'
    title = f"{headline} | {site}"
    if variant == "meta":
        head += [f'<meta property="og:title" content="{escape(headline)}">',
                 f'<meta property="og:site_name" content="{escape(site)}">',
                 f'<meta property="article:published_time" content="{published.isoformat()}">',
                 f'<meta property="article:modified_time" content="{updated.isoformat()}">']
        dateline = f'<p class="dateline">{news["published"]} {when(lang, published)}</p>'
    elif variant == "jsonld":
        data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                "datePublished": published.isoformat(), "dateModified": updated.isoformat(),
                "publisher": {"@type": "Organization", "name": site}}
        head.append('<script type="application/ld+json">'
                    f"{json.dumps(data, ensure_ascii=False)}</script>")
        logo = f'<h1 class="logo"><a href="/">{site}</a></h1>'
        title = f"{headline} - {site}"
    elif variant == "time":
        dateline = (f'<p class="dateline">{news["updated"]} <time datetime="'
                    f'{updated.isoformat()}">{when(lang, updated)}</time> · '
                    f'{news["published"]} <time datetime="{published.isoformat()}" '
                    f'pubdate>{when(lang, published)}</time></p>')
        title = f"{headline} — {site}"
    elif variant == "text":
        dateline = (f'<p class="dateline">{news["published"]} {when(lang, published)} · '
                    f'{news["updated"]} {when(lang, updated)}</p>')
        title = f"{site} - {headline}"
    elif variant == "updated":
        data = {"@context": "https://schema.org", "@type": "NewsArticle",
                "headline": headline, "dateModified": updated.isoformat()}
        head += [f'<meta property="og:title" content="{escape(headline)} | {escape(site)}">',
                 '<script type="application/ld+json">'
                 f"{json.dumps(data, ensure_ascii=False)}</script>"]
        dateline = f'<p class="dateline">{news["updated"]} {when(lang, updated)}</p>'
    elif variant == "divs":
        return divs_page(lang, news, f, head, published, paragraphs)
    elif variant == "header":
        head.append(f'<meta property="og:site_name" content="{escape(site)}">')
        title = f"{headline} - {news['menu'][1]} - {site}"
    sidebar_first = variant == "time"
    if variant == "header":
        article = (f'<div class="article-header"><h1>{headline}</h1><p>{news["menu"][1]}</p>'
                   f'</div><article><meta itemprop="datePublished" content="'
                   f'{published.isoformat()}"><div class="lead"><strong>'
                   f'{unwrapped(paragraphs[0])}</strong></div>{paragraphs[1]}{f["related"]}'
                   f'{"".join(paragraphs[2:])}{f["share"]}</article>')
        body = (f'<header class="site-header">{logo}{f["nav"]}</header>{f["comments"]}'
                f'<div class="page">{article}{f["sidebar"]}</div>{f["footer"]}{f["cookie"]}')
        return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{"".join(head)}<title>{title}'
                f"</title></head><body>{body}</body></html>\n")
    article = (f'<article><header><h1 class="headline">{headline}</h1>{dateline}</header>'
               f'{f["share"]}{paragraphs[0]}{paragraphs[1]}{f["related"]}'
               f'{"".join(paragraphs[2:])}{f["newsletter"]}</article>')
    body = (f'{f["cookie"]}<header class="site-header">{logo}{f["nav"]}</header>'
            '<div class="page">'
            + (f["sidebar"] + article if sidebar_first else article + f["sidebar"])
            + f'{f["comments"]}</div>{f["footer"]}')
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{"".join(head)}<title>{title}'
            f"</title></head><body>{body}</body></html>\n")


def unwrapped(paragraph: str) -> str:
    """A paragraph's text without its <p>: older sites set text in a <div> with <br>."""
    return paragraph.removeprefix("<p>").removesuffix("</p>")


def divs_page(lang: str, news: dict, f: dict[str, str], head: list[str], published: datetime,
              paragraphs: list[str]) -> str:
    """No <article> or <main>: a site of divs, whose <title> is its name alone, with
    today's date in a bar above the logo, the story's first paragraphs in a <div>."""
    today = published + timedelta(days=20, hours=5)
    story = (f'<div class="story-wrap"><div class="story-head"><h2 class="kicker">'
             f'{news["menu"][1]}</h2><h1>{news["headline"]}</h1><div class="meta"><span '
             f'class="date">{news["published"]} {when(lang, published)}</span></div></div>'
             f'<div class="story-body"><div class="txt">{unwrapped(paragraphs[0])}<br><br>'
             f'{unwrapped(paragraphs[1])}</div>{f["related"]}'
             f'{"".join(paragraphs[2:])}{f["newsletter"]}</div></div>')
    body = (f'<div class="topbar">{when(lang, today)}</div><div class="masthead"><a href="/">'
            f'{news["site"]}</a></div>{f["nav"]}{f["cookie"]}<div class="wrap">{story}'
            f'{f["sidebar"]}{f["comments"]}</div>{f["footer"]}')
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head>{"".join(head)}<title>{news["site"]}'
            f"</title></head><body>{body}</body></html>\n")


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-stray":  # one windows-1252 dash in a UTF-8 page
        return text.replace("©", "\x00").encode("utf-8").replace(b"\x00", b"\xa9")
    if encoding == "utf-8-read-as-cp1252":  # saved after a program read UTF-8 as cp1252
        return text.encode("utf-8").decode("cp1252").encode("utf-8")
    return text.encode(encoding, "xmlcharrefreplace")  # as legacy-encoded sites do


def charset_for(encoding: str, variant: str) -> str | None:
    if encoding in UNDECLARED:
        return None
    if encoding.startswith("utf-8"):
        return "windows-1252" if variant == "text" and encoding == "utf-8" else "utf-8"
    return encoding


def linked(paragraph: str, number: int) -> str:
    """The last paragraph links its middle third to a source, as stories do."""
    if number != 2:
        return paragraph
    a, b = len(paragraph) // 3, 2 * len(paragraph) // 3
    return f'{paragraph[:a]}<a href="/source">{paragraph[a:b]}</a>{paragraph[b:]}'


def main_phrases(news: dict) -> list[str]:
    """A piece of each paragraph: its first third."""
    return [p[: max(12, len(p) // 3)].strip() for p in news["paragraphs"]]


def write_pages(out: Path) -> dict[str, dict]:
    expected: dict[str, dict] = {}
    for number, lang in enumerate(NEWS):
        news = NEWS[lang]
        for k, variant in enumerate(VARIANTS):
            published = datetime(2025, 10, 3 + number, 6 + k, 30)
            choice = ENCODING_OF[variant]
            encoding = news["encodings"][choice] if isinstance(choice, int) else choice
            html = page(lang, variant, published, charset_for(encoding, variant))
            name = f"{lang}-{variant}.html"
            (out / name).write_bytes(encode(html, encoding))
            updated = published + timedelta(days=1, hours=2, minutes=45)
            related, sidebar = news["related"][1], news["sidebar"][1]
            expected[name] = {
                "lang": lang, "encoding": encoding, "title": news["headline"],
                "date": (updated if variant == "updated" else published).date().isoformat(),
                "main": main_phrases(news),
                "boilerplate": [news["cookie"][:40], related[0], news["newsletter"][:40],
                                shares(news)[1], sidebar[0],
                                news["comments"][0][:30]],
            }
    return expected


# (language, encoding, prefixed root): the legacy ones with no declaration.
FEEDS = [
    ("de", "utf-8", False), ("fr", "utf-8", True), ("es", "utf-8", False),
    ("it", "utf-8", False), ("en", "utf-8", False), ("ar", "utf-8", False),
    ("ru", "koi8-r", False), ("ru", "windows-1251", False), ("ja", "euc-jp", False),
    ("ja", "shift_jis", False), ("zh", "gb2312", False), ("zh-tw", "big5", False),
    ("ko", "euc-kr", True),
]


def feed_items(lang: str) -> list[tuple[str, str, str]]:
    """(title as written in the feed, title as a reader sees it, description markup)."""
    news = NEWS[lang]
    menu, related, sidebar = news["menu"], news["related"][1], news["sidebar"][1]
    first, second, third = news["paragraphs"]
    return [
        (escape(news["headline"]), news["headline"],
         f"<![CDATA[<p>{first}</p><p>{second}</p>]]>"),
        (f"{menu[1]} &amp; {menu[2]}: {escape(related[0])}",
         f"{menu[1]} & {menu[2]}: {related[0]}", escape(f"<p>{third}</p>")),
        (f"&lt;b&gt;{menu[3]}:&lt;/b&gt; {escape(sidebar[0])}", f"{menu[3]}: {sidebar[0]}",
         escape(f"<p><b>{sidebar[0]}</b></p>")),
        (f"<![CDATA[<em>{related[1]}</em> &amp; {menu[1]}]]>", f"{related[1]} & {menu[1]}",
         f"<![CDATA[{related[1]}]]>"),
        (f"{escape(sidebar[1])} &amp;amp; {menu[2]} &amp;#38; {menu[3]}",
         f"{sidebar[1]} & {menu[2]} & {menu[3]}", escape(sidebar[1])),
    ]


def feed(lang: str, prefixed: bool) -> str:
    news = NEWS[lang]
    p = "x:" if prefixed else ""
    items = "".join(
        f"<{p}item><{p}title>{title}</{p}title><{p}link>https://news.example/{lang}/{i}"
        f"</{p}link><{p}description>{text}</{p}description><dc:creator>Redaktion</dc:creator>"
        f"<{p}pubDate>Mon, {3 + i:02d} Nov 2025 0{i}:15:00 +0100</{p}pubDate>"
        f'<media:thumbnail url="https://news.example/{i}.jpg"/></{p}item>'
        for i, (title, _, text) in enumerate(feed_items(lang)))
    root = (f'<{p}rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:media="http://search.yahoo.com/mrss/" '
            + ('xmlns:x="http://backend.userland.com/rss2" ' if prefixed else "")
            + 'xmlns:atom="http://www.w3.org/2005/Atom">')
    return (f'<?xml version="1.0"?>\n{root}<{p}channel><{p}title>{escape(news["site"])}'
            f"</{p}title><{p}link>https://news.example/{lang}/</{p}link>"
            f"<{p}language>{lang}</{p}language>{items}</{p}channel></{p}rss>\n")


def write_feeds(out: Path) -> dict[str, dict]:
    expected = {}
    for lang, encoding, prefixed in FEEDS:
        name = f"{lang}-{encoding}-feed.xml"
        (out / name).write_bytes(encode(feed(lang, prefixed), encoding))
        expected[name] = {"lang": lang, "encoding": encoding, "prefixed": prefixed,
                          "titles": [shown for _, shown, _ in feed_items(lang)]}
    return expected


def main() -> None:
    (HERE / "html").mkdir(exist_ok=True)
    (HERE / "feeds").mkdir(exist_ok=True)
    expected = {"pages": write_pages(HERE / "html"), "feeds": write_feeds(HERE / "feeds")}
    (HERE / "expected.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(expected['pages'])} pages, {len(expected['feeds'])} feeds in {HERE}")


if __name__ == "__main__":
    main()
