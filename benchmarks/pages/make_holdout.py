# ruff: noqa: E501
"""Held-out pages (``python -m benchmarks.pages.make_holdout``): two more site templates,
written after the reader's code and never used to tune it, so their numbers say how the
reader does on markup it was not shaped by.

- ``wp``: a WordPress theme: ``entry-title``, ``<time class="entry-date published">`` and
  ``<time class="updated">``, a Jetpack share box and related posts inside the content,
  a "Recent posts" widget with dates, ``&#8211;`` before the site's name in ``<title>``,
  a cookie-law bar after the footer.
- ``app``: a JavaScript-built page with generated class names only: a kicker and the
  headline, the date as plain text beside the author, a "read also" teaser and a
  newsletter link inside the text, no JSON-LD and no date markup at all.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from html import escape

from benchmarks.pages.make_pages import HERE, encode, main_phrases, shares, when
from benchmarks.pages.news import NEWS


def wp(lang: str, news: dict, published: datetime) -> str:
    updated = published + timedelta(hours=5)
    recent = published - timedelta(days=4)
    related_title, related = news["related"]
    paragraphs = "".join(f"<p>{escape(p, quote=False)}</p>" for p in news["paragraphs"])
    share = "".join(f'<li><a class="share-{i}" href="#">{s}</a></li>'
                    for i, s in enumerate(shares(news)))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="UTF-8">
<title>{escape(news["headline"])} &#8211; {news["site"]}</title>
<link rel="canonical" href="https://example.org/{published:%Y/%m/%d}/story/">
</head><body class="post-template-default single single-post">
<div id="page" class="site"><header id="masthead" class="site-header">
<p class="site-title"><a href="https://example.org/" rel="home">{news["site"]}</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu">
{"".join(f'<li class="menu-item"><a href="/c/{i}">{w}</a></li>' for i, w in enumerate(news["menu"]))}
</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main"><article id="post-4711" class="post-4711 post type-post">
<header class="entry-header"><h1 class="entry-title">{news["headline"]}</h1>
<div class="entry-meta"><span class="posted-on"><a href="#" rel="bookmark">
<time class="entry-date published" datetime="{published.isoformat()}+00:00">{when(lang, published)}</time>
<time class="updated" datetime="{updated.isoformat()}+00:00">{when(lang, updated)}</time></a></span>
<span class="byline"> <span class="author vcard"><a class="url fn n" href="/author/r">Redaktion</a></span></span>
</div></header>
<div class="entry-content">{paragraphs}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social">
<h3 class="sd-title">{shares(news)[0]}</h3><div class="sd-content"><ul>{share}</ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>{related_title}</em></h3>
{"".join(f'<div class="jp-relatedposts-post"><a href="/r/{i}">{t}</a></div>' for i, t in enumerate(related))}
</div></div>
<footer class="entry-footer"><span class="cat-links"><a href="/c/1" rel="category tag">{news["menu"][1]}</a></span></footer>
</article>
<div id="comments" class="comments-area"><ol class="comment-list">
{"".join(f'<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">user{i}</b> <time datetime="{(published + timedelta(days=1, hours=i)).isoformat()}">{when(lang, published + timedelta(days=1, hours=i))}</time></footer><div class="comment-content"><p>{c}</p></div></article></li>' for i, c in enumerate(news["comments"]))}
</ol></div></main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_recent_entries">
<h2 class="widget-title">{news["sidebar"][0]}</h2><ul>
{"".join(f'<li><a href="/p/{i}">{t}</a> <span class="post-date">{when(lang, recent - timedelta(days=i))}</span></li>' for i, t in enumerate(news["sidebar"][1]))}
</ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; {published.year} {news["site"]} · {news["copyright"]}</div></footer></div>
<div id="cookie-law-info-bar"><span>{news["cookie"]}<a role="button" class="cli_action_button">OK</a></span></div>
</body></html>
"""


def app(lang: str, news: dict, published: datetime) -> str:
    related_title, related = news["related"]
    first, second, third = (escape(p, quote=False) for p in news["paragraphs"])
    data = {"props": {"pageProps": {"id": 4711, "section": news["menu"][1]}}}
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta property="og:title" content="{escape(news["headline"])}"><meta property="og:type" content="article">
<title>{escape(news["headline"])} | {news["site"]}</title></head>
<body><div id="__next"><div class="css-1q2w3e">
<div class="css-9k8j7h"><a href="/" class="css-logo">{news["site"]}</a>
<div class="css-menu">{"".join(f'<a class="css-m{i}" href="/s/{i}">{w}</a>' for i, w in enumerate(news["menu"]))}</div></div>
<div class="css-0a1b2c"><div class="css-kick">{news["menu"][1]}</div>
<h1 class="css-h1x">{news["headline"]}</h1>
<div class="css-by"><span class="css-au">Redaktion</span> <span class="css-dt">{when(lang, published)}</span></div>
<div class="css-body"><p class="css-p">{first}</p><p class="css-p">{second}</p>
<div class="css-tz"><a href="/r/0"><span class="css-tzl">{related_title}</span> <span class="css-tzt">{related[0]}</span></a></div>
<p class="css-p">{third}</p>
<div class="css-nl"><span>{news["newsletter"]}</span> <a href="/newsletter" class="css-btn">OK</a></div>
</div></div>
<div class="css-ft"><div>{news["copyright"]} © {published.year}</div></div>
<div class="css-cmp"><p>{news["cookie"]}</p><button class="css-ok">OK</button></div>
</div></div><script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>
</body></html>
"""


def main() -> None:
    out = HERE / "holdout"
    out.mkdir(exist_ok=True)
    expected = {}
    for number, lang in enumerate(NEWS):
        news = NEWS[lang]
        published = datetime(2025, 11, 2 + number, 7, 45)
        for name, build in (("wp", wp), ("app", app)):
            file = f"{lang}-{name}.html"
            (out / file).write_bytes(encode(build(lang, news, published), "utf-8"))
            expected[file] = {
                "lang": lang, "encoding": "utf-8", "title": news["headline"],
                "date": published.date().isoformat(), "main": main_phrases(news),
                "boilerplate": [news["cookie"][:40], news["related"][1][0],
                                news["newsletter"][:40], shares(news)[1],
                                news["sidebar"][1][0], news["comments"][0][:30]],
            }
    (out / "expected.json").write_text(json.dumps({"pages": expected, "feeds": {}},
                                                  ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(expected)} held-out pages in {out}")


if __name__ == "__main__":
    main()
