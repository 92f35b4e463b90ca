"""Are real-looking news pages and feeds read right? The issue's table, from files written
for this project (``benchmarks/pages/``, built by ``python -m benchmarks.pages.make_pages``):

    python -m benchmarks.eval_pages [--errors]

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


def evaluate_feeds(expected: dict[str, dict], tally: Tally) -> None:
    for name, want in expected.items():
        found, reason = read(PAGES / "feeds" / name)
        titles = [a.title or "" for a in found]
        tally.count("feeds read (RSS 2.0 with namespaced modules)", bool(found),
                    f"{name}: {reason}")
        if want["prefixed"]:
            tally.count("feeds with a prefixed root read", bool(found), f"{name}: {reason}")
        if want["encoding"] != "utf-8":
            tally.count("undeclared legacy-encoded feeds decoded right",
                        [norm(t) for t in titles] == [norm(t) for t in want["titles"]],
                        f"{name}: {titles[:1]}")
        for i, title in enumerate(want["titles"]):
            got = titles[i] if i < len(titles) else ""
            tally.count("feed entry titles with no entity or tag shown",
                        bool(got) and not SHOWN_MARKUP.search(got), f"{name}: {got!r}")
            tally.count("feed entry titles equal", norm(got) == norm(title),
                        f"{name}: {got!r} != {title!r}")


def evaluate_pages(expected: dict[str, dict], tally: Tally) -> None:
    for name, want in expected.items():
        found, reason = read(PAGES / "html" / name)
        tally.count("pages read or named with a reason", bool(found) or reason is not None,
                    name)
        if not found:
            for row in ("pages without mojibake", "title equal", "date right"):
                tally.count(row, False, f"{name}: not read ({reason})")
            for _ in want["main"]:
                tally.count("main-text phrase found", False)
            continue
        article = enrich(found[0])
        title, text = article.title or "", article.text
        shown = norm(f"{title}\n{text}")
        tally.count("pages without mojibake", not MOJIBAKE.search(title + text), name)
        tally.count("title equal", norm(title) == norm(want["title"]),
                    f"{name}: {title!r}")
        day = article.date.date().isoformat() if article.date else None
        tally.count("date right", day == want["date"], f"{name}: {day} != {want['date']}")
        tally.count("date wrong (lower is better)", day is not None and day != want["date"])
        for phrase in want["main"]:
            tally.count("main-text phrase found", norm(phrase) in shown, f"{name}: {phrase}")
        for phrase in want["boilerplate"]:
            tally.count("boilerplate phrase found (lower is better)", norm(phrase) in shown)
            if norm(phrase) in shown:
                tally.errors.append(f"boilerplate: {name}: {phrase!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args()
    expected = json.loads((PAGES / "expected.json").read_text("utf-8"))
    tally = Tally()
    evaluate_feeds(expected["feeds"], tally)
    evaluate_pages(expected["pages"], tally)
    print(f"{len(expected['pages'])} pages, {len(expected['feeds'])} feeds\n")
    print("| what | count | share |\n| --- | --- | --- |")
    for row, (ok, total) in tally.rows.items():
        print(f"| {row} | {ok} of {total} | {100 * ok / total:.1f}% |")
    if args.errors:
        print("\n" + "\n".join(tally.errors))


if __name__ == "__main__":
    main()
