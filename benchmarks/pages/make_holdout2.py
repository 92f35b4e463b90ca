# ruff: noqa: E501
"""A second held-out set (``python -m benchmarks.pages.make_holdout2``): a Drupal-style
news site, written after the reader's code and after the first held-out set was used to
fix it; measured once, as it came out (``eval_pages --holdout2``).

The date is in ``dcterms.modified`` (first) and ``dcterms.date`` metas and written beside
the author; the related links are a field inside the body; a breadcrumb, a "most read"
view with dates, dated comments inside the node, a cookie-compliance banner, and
``Headline | Section | Site`` in ``<title>``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from html import escape

from benchmarks.pages.make_pages import HERE, encode, main_phrases, shares, when
from benchmarks.pages.news import NEWS


def drupal(lang: str, news: dict, published: datetime) -> str:
    updated = published + timedelta(days=2)
    first, second, third = (f"<p>{escape(p, quote=False)}</p>" for p in news["paragraphs"])
    related_title, related = news["related"]
    top_title, top = news["sidebar"]
    section = news["menu"][1]
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{'rtl' if lang == 'ar' else 'ltr'}"><head><meta charset="utf-8">
<title>{escape(news["headline"])} | {section} | {news["site"]}</title>
<meta name="dcterms.modified" content="{updated.isoformat()}+01:00">
<meta name="dcterms.date" content="{published.isoformat()}+01:00">
<meta property="og:site_name" content="{escape(news["site"])}">
</head><body class="path-node page-node-type-article">
<div class="dialog-off-canvas-main-canvas">
<div id="sliding-popup" class="sliding-popup-bottom eu-cookie-compliance-popup"><div class="eu-cookie-compliance-content"><div class="eu-cookie-compliance-message"><p>{news["cookie"]}</p></div><div class="eu-cookie-compliance-buttons"><button type="button" class="agree-button">OK</button></div></div></div>
<header role="banner"><div class="region region-header"><a href="/" rel="home" class="site-logo"><img src="/logo.svg" alt="{escape(news["site"])}"></a>
<div class="site-name"><a href="/" rel="home">{news["site"]}</a></div></div>
<div class="region region-primary-menu"><ul class="menu">{"".join(f'<li class="menu-item"><a href="/t/{i}">{w}</a></li>' for i, w in enumerate(news["menu"]))}</ul></div></header>
<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation"><ol><li><a href="/">{news["menu"][0]}</a></li><li><a href="/t/1">{section}</a></li></ol></nav></div>
<main role="main"><div class="layout-content"><div class="region region-content">
<div id="block-mainpagecontent" class="block block-system block-system-main-block">
<div class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{news["headline"]}</span></h1>
<div class="node__meta"><span class="field field--name-uid">Redaktion</span> <span class="field field--name-created">{when(lang, published)}</span></div>
<div class="clearfix text-formatted field field--name-body field__item">{first}{second}
<div class="field field--name-field-related"><div class="field__label">{related_title}</div><div class="field__items">{"".join(f'<div class="field__item"><a href="/n/{i}" hreflang="{lang}">{t}</a></div>' for i, t in enumerate(related))}</div></div>
{third}</div>
<div class="node__links"><ul class="links inline"><li><a href="#">{shares(news)[0]}</a></li><li><a href="#">{shares(news)[1]}</a></li><li><a href="#">{shares(news)[2]}</a></li></ul></div>
<section class="comment-wrapper"><h2>💬</h2>{"".join(f'<article class="comment"><footer class="comment__meta"><p class="comment__author">user{i}</p><p class="comment__time">{when(lang, published + timedelta(days=1, hours=i))}</p></footer><div class="comment__content"><p>{c}</p></div></article>' for i, c in enumerate(news["comments"]))}</section>
</div></div></div></div>
<aside class="layout-sidebar-first" role="complementary"><div class="views-element-container block"><h2>{top_title}</h2><div class="view-content">{"".join(f'<div class="views-row"><span class="views-field-title"><a href="/n/t{i}">{t}</a></span> <span class="views-field-created">{when(lang, published - timedelta(days=6 + i))}</span></div>' for i, t in enumerate(top))}</div></div></aside>
</main>
<footer role="contentinfo" class="site-footer"><div class="region region-footer">© {published.year} {news["site"]}. {news["copyright"]}.</div></footer>
</div></body></html>
"""


def main() -> None:
    out = HERE / "holdout2"
    out.mkdir(exist_ok=True)
    expected = {}
    for number, lang in enumerate(NEWS):
        news = NEWS[lang]
        published = datetime(2025, 12, 1 + number, 9, 20)
        file = f"{lang}-drupal.html"
        (out / file).write_bytes(encode(drupal(lang, news, published), "utf-8"))
        expected[file] = {
            "lang": lang, "encoding": "utf-8", "title": news["headline"],
            "date": published.date().isoformat(), "main": main_phrases(news),
            "boilerplate": [news["cookie"][:40], news["related"][1][0], shares(news)[1],
                            news["sidebar"][1][0], news["comments"][0][:30]],
        }
    (out / "expected.json").write_text(json.dumps({"pages": expected, "feeds": {}},
                                                  ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(expected)} held-out pages in {out}")


if __name__ == "__main__":
    main()
