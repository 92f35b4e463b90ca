"""``.html`` pages: the headline and date from the page's markup (``html_metadata``), the
story's text from trafilatura after the blocks news sites put around and inside a story
are taken out.

trafilatura drops what its class names give away (``cookie-banner``, ``related``); sites
built with generated class names (``sc-1f2e``) give nothing away, so the blocks are also
known by what they are: a small box that speaks of cookies outside the story (or with a
button), a form with its box (newsletters), a paragraph that is a link with a label
("Read more: <a>...</a>"), a list of short links (share bars, menus).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .errors import SourceError
from .html_metadata import PageMetadata, read_metadata

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Dates only from the page's metadata: an "extensive search" invents dates from years
# named in the text (see the design notes).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Words of cookie banners and newsletter boxes, as the pages of eleven languages say them.
_COOKIES = re.compile(r"cookie|クッキー|쿠키|куки|ملفات تعريف الارتباط|ملفات الكوكيز|קובצי",
                      re.I)
_NEWSLETTER = re.compile(
    r"newsletter|subscri|abonn|inscri|suscr|iscriviti|iscrizione|assine|подпиш|рассылк|"
    r"メルマガ|メールマガジン|ニュースレター|订阅|訂閱|电子报|電子報|구독|뉴스레터|اشترك|النشرة",
    re.I)
_CONSENT = re.compile(r"cookie|consent|gdpr|privacy|cmp", re.I)
_BOX_CHARS = 800
_BLOCKS = frozenset({"div", "section", "aside", "p", "dialog", "form", "ul", "ol", "li",
                     "span", "footer", "header"})
_LABEL_CHARS = 40
_SHORT_LINK = 40
_OWN_TEXT = 20
_BLOCK_CHILDREN = frozenset({"div", "section", "p", "ul", "ol", "table", "article", "aside",
                             "header", "footer", "nav", "form", "figure", "blockquote",
                             "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dl", "main", "iframe",
                             "script", "style", "noscript", "video", "audio", "picture", "img"})


def read_html(path: str, text: str, fmt: str = "html") -> Iterator[RawArticle]:
    from trafilatura.utils import load_html

    try:
        tree = load_html(text)
        if tree is None:
            raise SourceError("cannot parse HTML (no document found)")
        lang = ((tree.get("lang") or "").split("-")[0].lower() or None)
        meta = read_metadata(tree, lang)
        if meta.story is not None:
            paragraphs_from_blocks(meta.story)
        prune_boilerplate(tree, meta.story)
        doc = _extract(tree)
        if doc is None or not doc.text:  # the pruning took what trafilatura needed
            doc = _extract(load_html(text)) or doc
    except SourceError:
        raise
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        message = f"cannot parse HTML ({type(exc).__name__}: {exc})".splitlines()[0]
        raise SourceError(message) from None
    if doc is None or not (doc.text or doc.title or meta.title):
        raise SourceError("no article text found in the HTML")
    lang = (doc.language or "").split("-")[0].lower() or lang
    yield RawArticle(
        path=path,
        format=fmt,
        text=doc.text or "",
        title=meta.title or doc.title,
        date=meta.date or _trafilatura_date(doc.date, meta),
        lang=lang,
        source=doc.sitename or (meta.sites[0] if meta.sites else None) or doc.hostname,
        url=doc.url,
        author=doc.author,
    )


def _extract(tree: object) -> Any:
    import trafilatura

    return trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params=_DATE_PARAMS, favor_precision=True,
    )


def _trafilatura_date(value: object, meta: PageMetadata) -> datetime | None:
    """trafilatura's date when the markup states none, unless it is a date of the page's
    sidebars, comments or footer (htmldate reads every ``<time>`` on the page)."""
    found = parse_date_value(value)
    if found is None or found.date().isoformat() in meta.foreign_days:
        return None
    return found


def paragraphs_from_blocks(story: HtmlElement) -> None:
    """A ``<div>`` or ``<section>`` of the story that holds text itself and no block
    becomes a paragraph: trafilatura's precision mode drops text set straight in a
    ``<div>`` (a bold lead, older sites' ``<br>``-separated text), and both its modes drop
    it in a ``<section>``."""
    for element in list(story.iter("div", "section")):
        if element is story or any(child.tag in _BLOCK_CHILDREN for child in element):
            continue
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        if len(own.strip()) >= _OWN_TEXT or (element.text or "").strip() == "" and \
                _chars(element) >= _OWN_TEXT * 2 and len(element) <= 3:
            element.tag = "p"


def prune_boilerplate(tree: HtmlElement, story: HtmlElement | None = None) -> None:
    """Take the blocks that are not the story out of the page, in place."""
    story = story if story is not None else _story(tree)
    # The elements themselves, held: lxml keeps one proxy per live element, so membership
    # is identity (an id() of a proxy let go may be reused by another).
    keep = {story, *story.iterancestors()} if story is not None else set()
    found = [box for box in _boxes_saying(tree, _COOKIES, keep, story)
             if _is_cookie_box(box, story)]
    found += [box for box in _boxes_saying(tree, _NEWSLETTER, keep, story)
              if _has_action(box)]
    found += list(_form_boxes(tree))
    found += [e for e in tree.iter("p", "li") if _is_link_label(e)]
    found += [e for e in tree.iter("ul", "ol") if _is_link_list(e)]
    for element in found:
        if element not in keep and element.getparent() is not None:
            element.drop_tree()


def _boxes_saying(tree: HtmlElement, words: re.Pattern[str], keep: set[HtmlElement],
                  story: HtmlElement | None) -> Iterator[HtmlElement]:
    """The box around each text that says ``words``: the smallest block around it with a
    link or button to act on; else, outside the story, the largest small block. Never the
    story or what holds it. Only these texts are looked at: a page's large blocks are
    never read."""
    if not words.search(tree.text_content()):  # one pass over the page, mostly the last
        return
    for text in [t for t in tree.xpath("//text()") if words.search(t)][:20]:
        largest = None
        for node in (text.getparent(), *text.getparent().iterancestors()):
            if node in keep or node.tag not in _BLOCKS or _chars(node) > _BOX_CHARS:
                break
            if _has_action(node):
                yield node
                largest = None
                break
            largest = node
        if largest is not None and (story is None or all(
                node is not story for node in largest.iterancestors())):
            yield largest


def _has_action(box: HtmlElement) -> bool:
    """A link, button or field to act on: what makes a box about a newsletter a sign-up
    box, not a sentence of a story about one."""
    return next(box.iter("a", "button", "input", "form"), None) is not None


def _form_boxes(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Each small form (a newsletter sign-up, a search box) and the small box holding
    it; not the form some sites wrap whole pages in."""
    for form in tree.iter("form"):
        if _chars(form) > _BOX_CHARS // 2:
            continue
        parent = form.getparent()
        small = parent is not None and parent.tag in _BLOCKS and \
            _chars(parent) <= _BOX_CHARS // 2
        yield parent if small else form


def _story(tree: HtmlElement) -> HtmlElement | None:
    for tag in ("article", "main"):
        found = next(tree.iter(tag), None)
        if found is not None:
            return found
    return None


def _chars(element: HtmlElement) -> int:
    return len("".join(element.text_content().split()))


def _link_chars(element: HtmlElement) -> int:
    return sum(_chars(a) for a in element.iter("a"))


def _is_cookie_box(element: HtmlElement, story: HtmlElement | None) -> bool:
    """A small box about cookies, outside the story or with a button to press."""
    if next(element.iter("button"), None) is not None:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    outside = story is None or all(node is not story for node in element.iterancestors())
    return outside and (bool(_CONSENT.search(names[:300]))
                        or next(element.iter("a", "input"), None) is not None)


def _is_link_label(element: HtmlElement) -> bool:
    """A paragraph that is a link and at most a short label ("Read more: <a>…</a>")."""
    if element.tag not in ("p", "li"):
        return False
    total, links = _chars(element), _link_chars(element)
    return links > 0 and total - links <= _LABEL_CHARS and links >= 0.6 * total


def _is_link_list(element: HtmlElement) -> bool:
    """A list of three or more short links and nothing else: a share bar or a menu."""
    if element.tag not in ("ul", "ol"):
        return False
    links = list(element.iter("a"))
    return (len(links) >= 3 and all(_chars(a) <= _SHORT_LINK for a in links)
            and _chars(element) - _link_chars(element) <= 10)
