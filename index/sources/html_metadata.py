"""A news page's headline and publication date, read from its markup before trafilatura
cleans it away.

Title: the article's own ``<h1>`` (inside ``<article>``/``<main>``, or marked
``itemprop=headline``) is what a reader sees as the headline; then the publisher's headline
(JSON-LD ``headline``, ``og:title``, ``twitter:title``); then ``<title>``. The last two
often carry the site's name (``Headline | Site``, ``Site - Headline``): a part that is the
site's name (``og:site_name``, the JSON-LD publisher) or that the other candidates do not
share is dropped. A site's logo in an ``<h1>`` or a menu word is never the title.

Date: the published date only, from where publishers state it (``article:published_time``
and its kin, JSON-LD ``datePublished``, ``itemprop=datePublished``, a ``<time>`` in the
article that is not labelled as an update, a date written under the headline). The updated
date is used only when no published one exists. Sidebars, comments, related links and
footers (with their copyright years) are never looked at.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..enrich.dates import find_dates, parse_date_value

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Most specific first: a generic "date" may be the page's, not the article's.
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article:published", "datepublished", "published_time", "article.published",
    "parsely-pub-date", "sailthru.date", "article_date_original", "originalpublicationdate",
    "citation_publication_date", "cxenseparse:recs:publishtime", "bt:pubdate", "pubdate",
    "publishdate", "publish-date", "publish_date", "dc.date.issued", "dcterms.issued",
    "dcterms.created", "dc.date.created", "article.created", "datecreated", "release_date",
    "dcterms.date", "dc.date", "date",
)
_UPDATED_META = (
    "article:modified_time", "og:updated_time", "article:modified", "datemodified",
    "modified_time", "article.updated", "parsely-updated", "sailthru.lastmodified",
    "dcterms.modified", "dc.date.modified", "last-modified", "lastmod",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title", "title")
_SITE_META = ("og:site_name", "application-name", "twitter:site", "publisher", "copyright")
# Containers whose dates and headings belong to other things than the article.
_FOREIGN = re.compile(
    r"(?<![a-z])(?:comment|sidebar|related|popular|most-?read|recommend|newsletter|"
    r"footer|outbrain|taboola|promo|widget|more-?stories|trending|rail|aside|breadcrumb|nav)",
    re.I)
_LAYOUT = re.compile(r"^(?:has|with|layout|l-|page|grid|col)", re.I)
_FOREIGN_TAGS = frozenset({"aside", "nav", "footer", "form"})
_UPDATED_WORDS = re.compile(
    r"updat|modifi|änder|aktualisiert|\bstand\b|mis à jour|actualis|actualiz|aggiornat|"
    r"atualiz|bijgewerkt|gewijzigd|обновл|изменен|оновлен|更新|修改|수정|업데이트|تحديث|"
    r"تعديل|aktualizac|güncellen|uppdaterad|opdateret|oppdatert|päivitetty|frissítve|"
    r"ενημερώθηκε|עודכן|cập nhật|diperbarui",
    re.I)
_PUBLISHED_WORDS = re.compile(r"publi|pub-?date|created|posted|veröffentlicht|erschien", re.I)
_SEPARATORS = re.compile(
    r"\s{1,3}(?:[|•·»–—-]|::|\\|/)\s{1,3}|\s{0,3}:\s{1,3}|\s{0,3}[｜_]\s{0,3}")
# Bars are what sites put before their names; a headline has no use for them.
_BAR = re.compile(r"\s{1,3}[|｜]\s{1,3}|\s{0,3}[｜_]\s{0,3}")
_ARTICLE_TYPES = re.compile(r"article|posting|report|webpage|creativework|liveblog", re.I)
_JSON_LIMIT = 200_000
_HEAD_CHARS = 600
_STORY_CHARS = 400
_WIDE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_PARAGRAPH_CHARS = 120


@dataclass
class PageMetadata:
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    sites: list[str] = field(default_factory=list)
    foreign_days: set[str] = field(default_factory=set)
    """Days (``YYYY-MM-DD``) written in sidebars, comments and footers: a date found
    elsewhere that is one of them is not the article's."""
    story: HtmlElement | None = field(default=None, repr=False)
    """The element holding the story, when the page says which."""

    @property
    def date(self) -> datetime | None:
        return self.published or self.updated


def read_metadata(tree: HtmlElement, lang: str | None = None) -> PageMetadata:
    meta = _meta_values(tree)
    ld = _json_ld(tree)
    found = PageMetadata(sites=_site_names(meta, ld) + _home_links(tree))
    article = _article_region(tree)
    found.published = (_first_date(meta, _PUBLISHED_META) or _date(ld.get("datePublished"))
                       or _date(ld.get("dateCreated"))
                       or _itemprop_date(tree, article, "datePublished"))
    found.updated = (_first_date(meta, _UPDATED_META) or _date(ld.get("dateModified"))
                     or _itemprop_date(tree, article, "dateModified"))
    if found.published is None and article is not None:
        found.published, updated = _article_dates(article, lang)
        found.updated = found.updated or updated
    if found.date is None:  # only asked of a date found elsewhere: see html._trafilatura_date
        found.foreign_days = _foreign_days(tree, lang)
    found.title = _headline(tree, article, meta, ld, found.sites)
    found.story = article
    return found


# -- <meta> and JSON-LD --------------------------------------------------------------------
def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    head = next(tree.iter("head"), None)
    for element in tree.iter("meta"):
        # microdata in the body belongs to its item (perhaps another story): see _itemprop_date
        in_head = head is not None and any(node is head for node in element.iterancestors())
        prop = element.get("itemprop") if in_head else None
        key = (element.get("property") or element.get("name") or prop
               or element.get("http-equiv") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content:
            values.setdefault(key, []).append(content)
    return values


def _json_ld(tree: HtmlElement) -> dict[str, Any]:
    """The first value of each key among the page's JSON-LD article objects."""
    found: dict[str, Any] = {}
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads((script.text or "")[:_JSON_LIMIT])
        except ValueError:
            continue
        for item in _ld_objects(data, 0):
            kind = item.get("@type")
            kinds = " ".join(kind) if isinstance(kind, list) else str(kind or "")
            if not _ARTICLE_TYPES.search(kinds):
                continue
            for key in ("headline", "name", "datePublished", "dateCreated", "dateModified"):
                if key not in found and isinstance(item.get(key), str):
                    found[key] = item[key]
            publisher = item.get("publisher")
            if "publisher" not in found and isinstance(publisher, dict):
                if isinstance(publisher.get("name"), str):
                    found["publisher"] = publisher["name"]
    return found


def _ld_objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _ld_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _ld_objects(data["@graph"], depth + 1)
        if isinstance(data.get("mainEntity"), (dict, list)):
            yield from _ld_objects(data["mainEntity"], depth + 1)


def _date(value: Any) -> datetime | None:
    """A stated date as the page's own clock reads it: ``2025-10-03T00:30+02:00`` is
    published on 3 October, where its readers live, not on 2 October in UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        stated = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return parse_date_value(value)
    return parse_date_value(stated.replace(tzinfo=None))


def _first_date(meta: dict[str, list[str]], keys: tuple[str, ...]) -> datetime | None:
    for key in keys:
        for value in meta.get(key, ()):
            found = _date(value)
            if found:
                return found
    return None


def _itemprop_date(tree: HtmlElement, article: HtmlElement | None,
                   prop: str) -> datetime | None:
    """The story's microdata date; one elsewhere on the page only when it is the page's
    only one (a list of other stories marks theirs too)."""
    inside = article.xpath(".//*[@itemprop=$p]", p=prop) if article is not None else []
    marked = inside or tree.xpath("//*[@itemprop=$p]", p=prop)
    if not inside and len(marked) > 1:
        return None
    for element in marked:
        if not _is_foreign(element, article if inside else None):
            found = _date(element.get("content") or element.get("datetime")
                          or element.text_content())
            if found:
                return found
    return None


# -- the article and what is not it -------------------------------------------------------
def _is_foreign(element: HtmlElement, within: HtmlElement | None = None) -> bool:
    """Inside a sidebar, comment, related-links box, navigation or footer (looking no
    higher than ``within``). A layout class (``has-sidebar``) says nothing."""
    for node in element.iterancestors():
        if node is within:
            return False
        if not isinstance(node.tag, str):
            continue
        if node.tag in _FOREIGN_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''} {node.get('itemtype') or ''}"
        if _FOREIGN.search(names) and any(  # the first test alone for most elements
                _FOREIGN.search(name) and not _LAYOUT.match(name) for name in names.split()[:20]):
            return True
    return False


def _article_region(tree: HtmlElement) -> HtmlElement | None:
    """The story's element: the ``<article>`` holding the page's ``<h1>``; else the
    ``<article>`` or ``<main>`` around that ``<h1>``, or the block of text it heads; else
    the page's only ``<article>``, or its ``<main>``. None when that is unclear (several
    articles, none with a headline: teasers of other stories)."""
    articles = [a for a in tree.iter("article") if not _is_foreign(a)]
    for article in articles:
        if next(article.iter("h1"), None) is not None:
            return article
    heading = next((h for h in tree.iter("h1") if not _is_foreign(h)), None)
    if heading is not None:
        for node in heading.iterancestors("article", "main"):
            return node
        node = heading
        for _ in range(5):
            parent = node.getparent()
            if parent is None or parent.tag == "body":
                break
            node = parent
            if _weight(_text(node)) >= _STORY_CHARS:
                return node
    if len(articles) == 1:
        return articles[0]
    return next(tree.iter("main"), None) if not articles else None


def _article_dates(article: HtmlElement, lang: str | None
                   ) -> tuple[datetime | None, datetime | None]:
    """(published, updated) from the ``<time>`` elements of the article's head (before its
    first paragraph of prose), else from the dates written there; a date labelled as an
    update is the updated one."""
    published = updated = None
    first = _first_paragraph(article)
    for element in article.iter():
        if element is first:
            break
        if element.tag != "time" or _is_foreign(element, article):
            continue
        value = _date(element.get("datetime") or element.text_content())
        if value is None:
            continue
        if _labelled_updated(element):
            updated = updated or value
        elif published is None:
            published = value
    if published is None:
        head = _article_head(article, first)
        for span in find_dates(head, lang):
            label = head[max(0, span.start - 40):span.start]
            if _UPDATED_WORDS.search(label.rsplit("·", 1)[-1].rsplit("|", 1)[-1]):
                updated = updated or span.value
            else:
                published = span.value
                break
    return published, updated


def _weight(text: str) -> int:
    """Length in Latin letters: a Chinese, Japanese or Korean character says about what
    three letters do."""
    return len(text) + 2 * len(_WIDE.findall(text))


def _first_paragraph(article: HtmlElement) -> HtmlElement | None:
    return next((p for p in article.iter("p") if _weight(_text(p)) >= _PARAGRAPH_CHARS), None)


def _article_head(article: HtmlElement, first: HtmlElement | None) -> str:
    """The article's text before its first paragraph of prose: headline, kicker, byline,
    dateline. A date in the story itself is not its publication date."""
    text = _text(article)
    if first is None:
        head = text[:_HEAD_CHARS]
    else:
        cut = text.find(_text(first)[:60])
        head = text[:cut][:_HEAD_CHARS] if cut >= 0 else ""
    for heading in article.iter("h1", "h2", "h3"):  # "The attack of 11 September 2001"
        words = _text(heading)
        if words:
            head = head.replace(words, " · ")
    return head


def _labelled_updated(element: HtmlElement) -> bool:
    names = " ".join(filter(None, (element.get("class"), element.get("id"),
                                   element.get("itemprop"))))
    if element.get("pubdate") is not None or _PUBLISHED_WORDS.search(names):
        return False
    if _UPDATED_WORDS.search(names):
        return True
    before = element.getprevious()
    label = (before.tail if before is not None else element.getparent().text) or ""
    return bool(_UPDATED_WORDS.search(label[-40:]))


def _foreign_days(tree: HtmlElement, lang: str | None) -> set[str]:
    days: set[str] = set()
    for element in tree.iter("time"):
        if _is_foreign(element):
            value = _date(element.get("datetime") or element.text_content())
            if value:
                days.add(value.date().isoformat())
    for element in tree.iter("footer", "aside", "header"):
        if element.tag == "header" and not _is_foreign(element) and any(
                node.tag in ("article", "main") for node in element.iterancestors()):
            continue  # the story's own header
        for span in find_dates(" ".join(element.text_content().split())[:2000], lang):
            days.add(span.value.date().isoformat())
    return days


# -- the headline ---------------------------------------------------------------------------
def _text(element: HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _headline(tree: HtmlElement, article: HtmlElement | None, meta: dict[str, list[str]],
              ld: dict[str, Any], sites: list[str]) -> str | None:
    """The publisher's headline (JSON-LD, Open Graph) without the site's name; else the
    article's ``<h1>``; else ``<title>`` without the site's name. A one- or two-word
    candidate yields to a longer one (a section's name, not a headline)."""
    marked = [_heading(e) for e in tree.xpath("//*[@itemprop='headline']")
              if e.tag != "meta" and not _is_foreign(e)]
    in_article = [_heading(h) for h in article.iter("h1")] if article is not None else []
    elsewhere = [_heading(h) for h in tree.iter("h1") if not _is_foreign(h)]
    headings = list(dict.fromkeys(marked + in_article + elsewhere))
    stated = [t.strip() for t in [ld.get("headline")] + [meta.get(k, [""])[0]
                                                         for k in _TITLE_META]
              if isinstance(t, str) and t.strip()]
    title_tag = next(tree.iter("title"), None)
    tagged = [_text(title_tag)] if title_tag is not None and _text(title_tag) else []
    menu = _menu_words(tree)
    names = sites + sorted(menu)
    others = stated + headings + tagged
    candidates = ([_without_site(t, names, others) for t in stated] + headings
                  + [_without_site(t, names, others) for t in tagged])
    ends = _ends_of(tagged)
    plausible = [c for c in candidates if _plausible(c, sites, menu)
                 and (c not in ends or candidates.count(c) > 1)]
    for candidate in plausible:
        if not (_short(candidate) and any(len(c) > len(candidate) for c in plausible)):
            return candidate
    return plausible[0] if plausible else None


def _heading(element: HtmlElement) -> str:
    """A heading's text, its parts (a kicker, the headline) kept apart by a space."""
    return " ".join(" ".join(element.itertext()).split())


def _ends_of(tagged: list[str]) -> list[str]:
    """The first or last part of ``<title>`` when shorter than another part: a site's
    name, which some pages also give as their og:title (unless another source confirms
    it). Only ever compared whole."""
    if not tagged:
        return []
    parts = [p.strip() for p in _SEPARATORS.split(tagged[0]) if p.strip()]
    if len(parts) < 2:
        return []
    longest = max(len(p) for p in parts)
    return [p for p in (parts[0], parts[-1]) if len(p) < longest]


def _short(title: str) -> bool:
    """One or two words: a section's name ("Politik") more likely than a headline."""
    return len(title.split()) < 3 and len(title) < 15


def _plausible(title: str, sites: list[str], menu: set[str]) -> bool:
    """Not empty, not too long for a headline, not the site's name, not a menu word."""
    folded = title.casefold()
    if not folded or len(title) > 300 or any(folded == site.casefold() for site in sites):
        return False
    return folded not in menu


def _menu_words(tree: HtmlElement) -> set[str]:
    words = set()
    for nav in tree.iter("nav", "header"):
        for link in nav.iter("a"):
            words.add(_text(link).casefold())
    return words


def _site_names(meta: dict[str, list[str]], ld: dict[str, Any]) -> list[str]:
    names = [ld["publisher"]] if isinstance(ld.get("publisher"), str) else []
    for key in _SITE_META:
        names += meta.get(key, [])
    return [" ".join(n.lstrip("@").split()) for n in names if n.strip()]


def _home_links(tree: HtmlElement) -> list[str]:
    """The texts of links to the site's front page: the logo, the site's name."""
    names = []
    for link in tree.iter("a"):
        if (link.get("href") or "").strip() in ("/", "./", "/index.html", "index.html"):
            text = _text(link)
            if text and len(text) <= 80:
                names.append(text)
    return names


def _without_site(title: str, sites: list[str], others: list[str]) -> str:
    """``Headline | Site`` -> ``Headline``: drop the parts that are the site's name (or a
    section of its menu), or, when the site is not named, the part the page's other titles
    do not share."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title.strip()
    folded = {site.casefold() for site in sites}
    kept = [p for p in parts if p.strip().casefold() not in folded]
    if kept and len(kept) < len(parts):
        return _joined(title, kept)
    inside = [o.strip() for o in others if o != title and o.strip() and o in title]
    if inside:  # the longest of the page's other titles that this one holds
        return max(inside, key=len)
    return _before_bar(title)


def _before_bar(title: str) -> str:
    """``Headline | Site``: a short last part after a bar is the site's name."""
    parts = _BAR.split(title)
    rest, last = title[:title.rfind(parts[-1])], parts[-1].strip()
    if len(parts) < 2 or not rest.strip():
        return title.strip()
    head = rest.rstrip(" |｜_")
    if len(last.split()) <= 5 and len(last) < len(head):
        return head.strip()
    return title.strip()


def _joined(title: str, kept: list[str]) -> str:
    """The kept parts with their separators, as they stood in the title."""
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept).strip()
