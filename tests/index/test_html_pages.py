"""News pages as a reader sees them: the headline (not the site's name or a menu word),
the published date (never a sidebar's, a comment's or a copyright line's), the story's text
without the cookie banner, related links, newsletter box and share bar around it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from index import sources
from index.models import RawArticle

STORY = ("<p>Der Stadtrat hat am Montagabend mit großer Mehrheit ein neues Radwegenetz für "
         "die Innenstadt beschlossen. Bis 2028 sollen 42 Kilometer Radwege entstehen.</p>"
         "<p>Die Kosten von rund 60 Millionen Euro trägt zur Hälfte das Land, der Einzelhandel "
         "befürchtet den Wegfall von Parkplätzen in der Altstadt.</p>")
NAV = ('<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> '
       '<a href="/sport">Sport</a></nav>')
HEADLINE = "Stadtrat beschließt neues Radwegenetz"


def page(head: str = "", body: str = "", lang: str = "de") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{body}</body></html>")


def read_page(tmp_path: Path, html: str) -> RawArticle:
    (tmp_path / "page.html").write_text(html, "utf-8")
    [article] = [a for a in sources.read_file(tmp_path / "page.html")
                 if isinstance(a, RawArticle)]
    return article


def opaque(n: int) -> str:
    """A generated class name, which says nothing of what its element is."""
    return f"sc-{n:x}f{n * 7 % 97:02d}"


TITLES = [
    ("og:title with the site after it",
     page(f'<title>{HEADLINE} | Rundschau</title><meta property="og:title" content="'
          f'{HEADLINE} | Rundschau">', f"{NAV}<article>{STORY}</article>"), HEADLINE),
    ("<title> is the site's name alone",
     page("<title>Rheinische Rundschau</title>",
          f'<div class="top"><a href="/">Rheinische Rundschau</a></div>{NAV}'
          f'<div class="story"><h2>Politik</h2><h1>{HEADLINE}</h1>{STORY}</div>'), HEADLINE),
    ("the site's logo is the first <h1>",
     page(f"<title>{HEADLINE} - Rundschau</title>",
          f'<header><h1 class="logo"><a href="/">Rundschau</a></h1>{NAV}</header>'
          f"<article><h1>{HEADLINE}</h1>{STORY}</article>"), HEADLINE),
    ("<title> with a section and the site",
     page(f'<title>{HEADLINE} - Politik - Rundschau</title><meta property="og:site_name" '
          'content="Rundschau">', f"{NAV}<article>{STORY}</article>"), HEADLINE),
    ("the site's name first in <title>",
     page(f'<title>Rundschau: {HEADLINE}</title><meta property="og:site_name" '
          'content="Rundschau">', f"<article>{STORY}</article>"), HEADLINE),
    ("a section word as the article's <h1>",
     page(f'<title>Rundschau</title><meta property="og:title" content="{HEADLINE}">',
          f"<article><h1>Politik</h1>{STORY}</article>"), HEADLINE),
    ("a Japanese site name after a full-width bar",
     page("<title>札幌で記録的な大雪　交通機関に乱れ｜北海道日報</title>"
          '<meta property="og:site_name" content="北海道日報">',
          "<article><p>札幌市では九日未明から雪が降り続き、二十四時間の降雪量が観測史上最多の"
          "六十センチに達した。鉄道各線で運転見合わせが相次いだ。</p></article>", "ja"),
     "札幌で記録的な大雪 交通機関に乱れ"),
    ("a Chinese site name after an underscore",
     page("<title>杭州地铁三号线北延段今日开通运营_江南日报</title>"
          '<meta property="og:site_name" content="江南日报">',
          "<article><p>杭州地铁三号线北延段今天上午正式开通运营，新增车站五座，线路全长十二公里。"
          "首日客流量超过八万人次。</p></article>", "zh"),
     "杭州地铁三号线北延段今日开通运营"),
]


@pytest.mark.parametrize("name,html,title", TITLES, ids=[t[0] for t in TITLES])
def test_the_title_is_the_headline(tmp_path, name, html, title):
    assert " ".join(read_page(tmp_path, html).title.split()) == title


SIDEBAR = ('<aside class="sidebar"><h3>Meistgelesen</h3><ol><li><a href="/a">Hochwasser am '
           'Rhein</a> <time datetime="2025-09-24T08:30:00">24.09.2025</time></li></ol></aside>')
COMMENTS = ('<section id="comments"><div class="comment"><time datetime="2025-10-06T11:30:00">'
            "06.10.2025</time><p>Endlich passiert etwas, ich fahre jeden Tag Rad.</p></div>"
            "</section>")
FOOTER = "<footer><p>© 2003–2025 Rheinische Rundschau. Stand: 01.01.2025</p></footer>"
DATES = [
    ("published and modified meta",
     page('<meta property="article:modified_time" content="2025-10-04T11:15:00+02:00">'
          '<meta property="article:published_time" content="2025-10-03T08:30:00+02:00">',
          f"<article><h1>{HEADLINE}</h1>{STORY}</article>{SIDEBAR}"),
     datetime(2025, 10, 3, 8, 30)),
    ("JSON-LD published and modified",
     page('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
          '[{"@type": "WebSite", "name": "Rundschau"}, {"@type": "NewsArticle", "dateModified"'
          ': "2025-10-04T11:15:00", "datePublished": "2025-10-03T08:30:00"}]}</script>',
          f"{SIDEBAR}<article><h1>{HEADLINE}</h1>{STORY}</article>"),
     datetime(2025, 10, 3, 8, 30)),
    ("only a modified date",
     page('<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": '
          '"2025-10-04T11:15:00"}</script>', f"<article><h1>{HEADLINE}</h1>{STORY}</article>"
          f"{SIDEBAR}"), datetime(2025, 10, 4, 11, 15)),
    ("<time> of the update shown before the published one",
     page("", f'{SIDEBAR}<article><h1>{HEADLINE}</h1><p class="dateline">Aktualisiert am '
          '<time datetime="2025-10-04T11:15:00">04.10.2025</time> · Veröffentlicht am <time '
          f'datetime="2025-10-03T08:30:00">03.10.2025</time></p>{STORY}</article>{COMMENTS}'),
     datetime(2025, 10, 3, 8, 30)),
    ("a date written under the headline, a sidebar's <time> before it",
     page("", f'{SIDEBAR}<article><h1>{HEADLINE}</h1><p class="dateline">Mis à jour le '
          f"04/10/2025 · Publié le 03/10/2025 à 08h30</p>{STORY}</article>{COMMENTS}{FOOTER}",
          "fr"), datetime(2025, 10, 3)),
    ("a page in Japan, a minute past midnight there",
     page('<meta property="article:published_time" content="2025-10-03T00:01:00+09:00">',
          f"<article><h1>{HEADLINE}</h1>{STORY}</article>"), datetime(2025, 10, 3, 0, 1)),
]


@pytest.mark.parametrize("name,html,day", DATES, ids=[d[0] for d in DATES])
def test_the_date_is_the_published_one(tmp_path, name, html, day):
    found = read_page(tmp_path, html).date
    assert found is not None and found.replace(second=0) >= day
    assert found.date() == day.date() and (day.hour == 0 or found.hour == day.hour)


TEASERS = "".join(f'<li itemscope itemtype="https://schema.org/NewsArticle"><a href="/{d}">'
                  f'Andere Meldung {d}</a><meta itemprop="datePublished" content="2025-09-{d}">'
                  "</li>" for d in (11, 12))
AROUND = [
    ("other stories' microdata", f'<div class="story"><h1>{HEADLINE}</h1>{STORY}</div>'
     f'<ul class="{opaque(5)}">{TEASERS}</ul>'),
    ("a sidebar's dates", f"<article><h1>{HEADLINE}</h1>{STORY}</article>{SIDEBAR}"),
    ("comments' dates", f"<article><h1>{HEADLINE}</h1>{STORY}</article>{COMMENTS}"),
    ("a copyright line", f"<article><h1>{HEADLINE}</h1>{STORY}</article>{FOOTER}"),
    ("today's date above the logo", '<div class="topbar">Montag, 24.11.2025</div>'
     f'<div class="logo"><a href="/">Rundschau</a></div><div class="story"><h1>{HEADLINE}'
     f"</h1>{STORY}</div>"),
]


@pytest.mark.parametrize("name,body", AROUND, ids=[a[0] for a in AROUND])
def test_no_date_from_around_the_story(tmp_path, name, body):
    assert read_page(tmp_path, page("", body)).date is None


BOILERPLATE = [
    ("cookie banner", f'<div class="{opaque(1)}"><p>Wir verwenden Cookies, um Inhalte zu '
     "personalisieren und Zugriffe zu analysieren.</p><button>Alle akzeptieren</button></div>",
     "Wir verwenden Cookies"),
    ("related links", '<p><strong>Mehr zum Thema:</strong> <a href="/x">Verkehrswende: Was '
     "die Pendler jetzt erwartet</a></p>", "Was die Pendler jetzt erwartet"),
    ("newsletter box", f'<div class="{opaque(2)}"><p>Der Morgenüberblick: die wichtigsten '
     'Nachrichten in Ihrem Postfach.</p><form><input type="email"><button>Abonnieren</button>'
     "</form></div>", "Der Morgenüberblick"),
    ("newsletter link", '<p><a href="/newsletter">Jetzt den Morgenüberblick kostenlos '
     "abonnieren</a></p>", "Morgenüberblick kostenlos"),
    ("newsletter box of spans", f'<div class="{opaque(4)}"><span>Der Morgenüberblick: '
     'jeden Tag die wichtigsten Nachrichten, jetzt abonnieren</span> <a href="/nl">OK</a>'
     "</div>", "jetzt abonnieren"),
    ("share bar", f'<ul class="{opaque(3)}"><li><a href="#f">Facebook</a></li><li><a href="#w">'
     'WhatsApp</a></li><li><a href="#m">E-Mail</a></li><li><a href="#c">Link kopieren</a>'
     "</li></ul>", "Link kopieren"),
]


@pytest.mark.parametrize("name,block,phrase", BOILERPLATE, ids=[b[0] for b in BOILERPLATE])
@pytest.mark.parametrize("where", ["inside", "around"])
def test_boilerplate_stays_out_and_the_story_in(tmp_path, name, block, phrase, where):
    story = f"<h1>{HEADLINE}</h1>{STORY[:len(STORY) // 2]}{block}{STORY[len(STORY) // 2:]}" \
        if where == "inside" else f"<h1>{HEADLINE}</h1>{STORY}"
    body = (f'<div class="{opaque(9)}">{block if where == "around" else ""}</div>'
            f'<div class="{opaque(7)}">{NAV}</div><article>{story}</article>')
    article = read_page(tmp_path, page(f"<title>{HEADLINE}</title>", body))
    assert phrase not in article.text
    assert "neues Radwegenetz für die Innenstadt" in article.text
    assert "Wegfall von Parkplätzen in der Altstadt" in article.text


def test_an_article_about_cookies_keeps_its_paragraphs(tmp_path):
    story = ("<p>Die Bäckerei am Markt verkauft seit Montag Cookies nach amerikanischem Rezept, "
             "und die Schlange reicht bis zur Kirche.</p>" + STORY)
    article = read_page(tmp_path, page("", f"<article><h1>Cookies am Markt</h1>{story}"
                                           "</article>"))
    assert "Cookies nach amerikanischem Rezept" in article.text


LEAD = ("Die Brücke über die Isar ist nach zwei Jahren Bauzeit wieder für den Verkehr "
        "freigegeben worden.")
SET_AS = [
    ("a bold lead in a <div>", f'<div class="lead"><strong>{LEAD}</strong></div>'),
    ("text straight in a <div>", f"<div>{LEAD}</div>"),
    ("text in a <div> with line breaks", f'<div class="txt">{LEAD}<br><br>Die Stadt feiert '
     "am Sonntag mit einem Fest für alle Bürgerinnen und Bürger.</div>"),
    ("text straight in a <section>", f"<section>{LEAD}</section>"),
]


@pytest.mark.parametrize("name,lead", SET_AS, ids=[s[0] for s in SET_AS])
def test_story_text_outside_paragraphs_stays_in(tmp_path, name, lead):
    body = f"{NAV}<article><h1>{HEADLINE}</h1>{lead}{STORY}</article>"
    article = read_page(tmp_path, page(f"<title>{HEADLINE}</title>", body))
    assert "nach zwei Jahren Bauzeit" in article.text
    assert "Wegfall von Parkplätzen in der Altstadt" in article.text


def test_a_short_story_keeps_its_text_beside_a_sign_up_box(tmp_path):
    """A short story's body is a small block too: only the box is taken, not the body."""
    body = ('<div class="c1"><h1>杭州地铁三号线北延段今日开通运营</h1><div class="c2">'
            "<p>杭州地铁三号线北延段今天上午正式开通运营，新增车站五座，线路全长十二公里。</p>"
            '<div class="c3"><span>订阅我们的新闻简报，每天早上把重要新闻发送到您的邮箱</span>'
            '<a href="/nl">订阅</a></div><p>首日客流量超过八万人次。</p></div></div>')
    article = read_page(tmp_path, page("<title>杭州地铁</title>", body, "zh"))
    assert "新增车站五座" in article.text and "首日客流量" in article.text
    assert "新闻简报" not in article.text
