"""Are real-looking news pages and feeds read right? The issue's table, from files written
for this project (``benchmarks/pages/``, built by ``python -m benchmarks.pages.make_pages``):

    python -m benchmarks.eval_pages [--errors] [--holdout | --holdout2]

Each file is read as ``broadsheet index`` reads it (``sources.read_file``, then ``enrich``:
the date a user sees includes the header fallback). A phrase "finds its page" when it is in
the page's title or text (case and spacing ignored), which is what a phrase search needs.
To measure another version of the code, run this file with that version's ``index`` first
on ``PYTHONPATH`` (``git archive BASE index | tar -x -C DIR``).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from index import sources
from index.enrich.pipeline import enrich
from index.models import RawArticle

PAGES = Path(__file__).resolve().parent / "pages"
SHOWN_MARKUP = re.compile(r"&(?:amp|lt|gt|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});|</?[a-zA-Z]{1,10}>")
MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|â€|√[≥©†°]|Ð[\u0080-\u00bf]|Ñ[\u0080-\u00bf]|\ufffd")


def norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Tally:
    rows: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def count(self, row: str, ok: bool, where: str = "") -> None:
        hits = self.rows.setdefault(row, [0, 0])
        hits[0] += ok
        hits[1] += 1
        if not ok and where:
            self.errors.append(f"{row}: {where}")


def read(path: Path) -> tuple[list[RawArticle], str | None]:
    """The articles of a file and the reason it was refused; (``[]``, None) when it was
    left out without a reason."""
    try:
        items = list(sources.read_file(path))
    except sources.SourceError as exc:
        return [], str(exc)
    except Exception as exc:  # noqa: BLE001 - a crash is what is counted here
        return [], None if not str(exc) else f"crash: {type(exc).__name__}"
    found = [item for item in items if isinstance(item, RawArticle)]
    named = any(not isinstance(item, RawArticle) for item in items)
    return found, None if not found and not named else "entries named"


# The rows, in its order; "(lower is better)" where fewer is the goal.
ENTITIES = "feed entry titles showing entities or tags (lower is better)"
FEED_TITLES = "feed entry titles equal to the written ones"
LEGACY = "undeclared EUC-JP/Shift_JIS/EUC-KR/GB2312/Big5/KOI8-R/windows-1251 feeds decoded right"
NAMESPACED = "RSS 2.0 feeds with namespaced modules read"
PREFIXED = "feeds with a prefixed root element read"
MOJIBAKE_ROW = "pages showing mojibake (lower is better)"
LEGACY_PAGES = "pages in a legacy or wrongly declared encoding with title and text right"
UNNAMED = "pages left out without being named (lower is better)"
DATE_RIGHT = "publication date right"
DATE_WRONG = "publication date wrong (lower is better)"
BOILERPLATE = "boilerplate phrases that find their page (lower is better)"
BOILERPLATE_PAGES = "pages found by any of their boilerplate phrases (lower is better)"
MAIN = "main-text phrases that find their page"
TITLE = "page title equal to the written one"
ORDER = (ENTITIES, FEED_TITLES, LEGACY, NAMESPACED, PREFIXED, MOJIBAKE_ROW, LEGACY_PAGES,
         UNNAMED, DATE_RIGHT, DATE_WRONG, BOILERPLATE, BOILERPLATE_PAGES, MAIN, TITLE)


def evaluate_feeds(expected: dict[str, dict], tally: Tally) -> None:
    for name, want in expected.items():
        found, reason = read(PAGES / "feeds" / name)
        titles = [a.title or "" for a in found]
        tally.count(NAMESPACED, bool(found), f"{name}: {reason}")
        if want["prefixed"]:
            tally.count(PREFIXED, bool(found), f"{name}: {reason}")
        if want["encoding"] != "utf-8":
            tally.count(LEGACY, [norm(t) for t in titles] == [norm(t) for t in want["titles"]],
                        f"{name}: {titles[:1]}")
        for i, title in enumerate(want["titles"]):
            got = titles[i] if i < len(titles) else ""
            shows = bool(SHOWN_MARKUP.search(got))
            tally.count(ENTITIES, shows)
            if shows:
                tally.errors.append(f"{ENTITIES}: {name}: {got!r}")
            tally.count(FEED_TITLES, norm(got) == norm(title), f"{name}: {got!r} != {title!r}")


def evaluate_pages(expected: dict[str, dict], tally: Tally, folder: Path) -> None:
    for name, want in expected.items():
        found, reason = read(folder / name)
        tally.count(UNNAMED, not found and reason is None)
        legacy = want["encoding"] != "utf-8" or "charset=\"windows-1252" in \
            (folder / name).read_bytes()[:300].decode("latin-1")
        if not found:
            for row in (DATE_RIGHT, TITLE):
                tally.count(row, False, f"{name}: not read ({reason})")
            tally.count(MOJIBAKE_ROW, False)
            tally.count(DATE_WRONG, False)
            for _ in want["main"]:
                tally.count(MAIN, False)
            if legacy:
                tally.count(LEGACY_PAGES, False, name)
            continue
        article = enrich(found[0])
        title, text = article.title or "", article.text
        shown = norm(f"{title}\n{text}")
        broken = bool(MOJIBAKE.search(title + text))
        tally.count(MOJIBAKE_ROW, broken)
        if broken:
            tally.errors.append(f"{MOJIBAKE_ROW}: {name}")
        tally.count(TITLE, norm(title) == norm(want["title"]), f"{name}: {title!r}")
        day = article.date.date().isoformat() if article.date else None
        tally.count(DATE_RIGHT, day == want["date"], f"{name}: {day} != {want['date']}")
        tally.count(DATE_WRONG, day is not None and day != want["date"])
        mains = [norm(phrase) in shown for phrase in want["main"]]
        for phrase, ok in zip(want["main"], mains, strict=True):
            tally.count(MAIN, ok, f"{name}: {phrase}")
        if legacy:
            tally.count(LEGACY_PAGES, not broken and all(mains)
                        and norm(title) == norm(want["title"]), name)
        leaked = [phrase for phrase in want["boilerplate"] if norm(phrase) in shown]
        for phrase in want["boilerplate"]:
            tally.count(BOILERPLATE, phrase in leaked)
        tally.count(BOILERPLATE_PAGES, bool(leaked))
        tally.errors += [f"{BOILERPLATE}: {name}: {phrase!r}" for phrase in leaked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--holdout", action="store_true",
                        help="the held-out pages (make_holdout.py), not the main set")
    parser.add_argument("--holdout2", action="store_true",
                        help="the second held-out set (make_holdout2.py)")
    args = parser.parse_args()
    args.holdout = args.holdout or args.holdout2
    root = PAGES / ("holdout2" if args.holdout2 else "holdout" if args.holdout else "")
    expected = json.loads((root / "expected.json").read_text("utf-8"))
    tally = Tally()
    evaluate_feeds(expected["feeds"], tally)
    evaluate_pages(expected["pages"], tally, root if args.holdout else root / "html")
    print(f"{len(expected['pages'])} pages, {len(expected['feeds'])} feeds\n")
    print("| what | count | share |\n| --- | --- | --- |")
    for row in ORDER:
        ok, total = tally.rows.get(row, (0, 0))
        print(f"| {row} | {ok} of {total} | {100 * ok / max(total, 1):.1f}% |")
    if args.errors:
        print("\n" + "\n".join(tally.errors))


if __name__ == "__main__":
    main()
