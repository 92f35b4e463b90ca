"""``.html`` pages: trafilatura finds the article, its metadata, and drops boilerplate."""

from __future__ import annotations

from collections.abc import Iterator

from ..enrich.dates import parse_date_value
from ..models import RawArticle
from .errors import SourceError

# Dates only from the page's metadata: an "extensive search" invents dates from years
# named in the text (see the design notes).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: str, text: str, fmt: str = "html") -> Iterator[RawArticle]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params=_DATE_PARAMS, favor_precision=True,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        reason = f"cannot parse HTML ({type(exc).__name__}: {exc})".splitlines()[0]
        raise SourceError(reason) from None
    assert not isinstance(doc, dict)  # as_dict is off: a Document or None
    if doc is None or not (doc.text or doc.title):
        raise SourceError("no article text found in the HTML")
    lang = (doc.language or "").split("-")[0].lower() or None
    yield RawArticle(
        path=path,
        format=fmt,
        text=doc.text or "",
        title=doc.title,
        date=parse_date_value(doc.date),
        lang=lang,
        source=doc.sitename or doc.hostname,
        url=doc.url,
        author=doc.author,
    )
