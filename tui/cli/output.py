"""How the CLI prints: plain text for people (colour only on a terminal), JSON for scripts.

Every value from an article or a file name is passed through ``index.sanitize`` on its way
out (``shown``, ``shown_text``, ``printable``; ``json_safe`` for JSON): whatever a library
holds, no escape sequence reaches the terminal and no value breaks its line. The library's
own values are cleaned when indexed; this is the second depth (a library an older
broadsheet wrote, file names)."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable

from index import Results
from index.models import iso
from index.sanitize import json_safe, printable, shown, shown_text

# Not typing's: importing typing costs ~2 ms of a one-shot search's start
# (``python -X importtime``); ``Any`` is only ever an annotation here.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from index import Article, IndexReport, Stats


def _colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and \
        os.environ.get("TERM") != "dumb"


class Style:
    """ANSI styles, or nothing when stdout is not a colour terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        on = _colour() if enabled is None else enabled
        self.bold = "\x1b[1m" if on else ""
        self.dim = "\x1b[2m" if on else ""
        self.match = "\x1b[1;33m" if on else ""
        self.id = "\x1b[36m" if on else ""
        self.reset = "\x1b[0m" if on else ""


def print_json(data: Any) -> None:
    import json  # here: the app's own process (beside its engine) never needs it

    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def print_jsonl(items: Iterable[dict]) -> None:
    import json

    for item in items:
        sys.stdout.write(json_safe(json.dumps(item, ensure_ascii=False)) + "\n")


def marked(text: str, spans, style: Style) -> str:
    """``text`` with each (start, end) span wrapped in the match style."""
    if not style.match or not spans:
        return text
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], style.match, text[start:end], style.reset]
        at = end
    out.append(text[at:])
    return "".join(out)


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if value else "undated"


def _header(results: Results, offset: int) -> str:
    """``1,234 articles, showing 1-20``; ``no articles match``; ``1,234 articles, none
    past 1,234`` (an offset past the end)."""
    total, shown = results.total, len(results.hits)
    if not total:
        return "no articles match"
    found = f"{total:,} article{'' if total == 1 else 's'}"
    if shown:
        return f"{found}, showing {offset + 1:,}-{offset + shown:,}"
    return f"{found}, none past {total:,}" if offset >= total else found


def search_results(results: Results, offset: int = 0) -> None:
    st = Style()
    print(f"{st.dim}{_header(results, offset)} ({results.elapsed_ms:.0f} ms){st.reset}")
    for hit in results.hits:
        countries = ",".join(hit.countries[:6]) + ("…" if len(hit.countries) > 6 else "")
        meta = "  ".join(x for x in (_date(hit.date), hit.lang, hit.source or "", countries) if x)
        print(f"\n{st.id}{shown(hit.id)}{st.reset}  {st.dim}{shown(meta)}{st.reset}")
        print(f"  {st.bold}{shown(hit.title)}{st.reset}")
        if hit.snippet:  # shown() keeps the length: the highlights' offsets still hold
            print(f"  {marked(shown(hit.snippet), hit.highlights, st)}")
        if hit.duplicates:
            print(f"  {st.dim}shares paragraphs with {shown(', '.join(hit.duplicates))}"
                  f"{st.reset}")
    if results.suggestion:
        print(f"\ndid you mean: {st.bold}{shown(results.suggestion)}{st.reset}")


def article(a: Article) -> None:
    st = Style()
    print(f"{st.bold}{shown(a.title)}{st.reset}")
    rows = [("id", a.id), ("date", iso(a.date) or "undated"), ("source", a.source),
            ("author", a.author), ("language", f"{a.lang} ({a.lang_prob:.2f})"),
            ("countries", ", ".join(f"{c} ({a.country_mentions.get(c, 0)})"
                                    for c in a.countries)),
            ("url", a.url), ("crawled", iso(a.crawled)), ("file", printable(a.path))]
    if a.shared_paragraphs:
        rows.append(("duplicates", "shares " + ", ".join(
            f"{n} paragraph{'s' if n != 1 else ''} with {other}"
            for other, n in a.shared_paragraphs.items())))
    for name, value in rows:
        if value:
            print(f"{st.dim}{name:>10}{st.reset}  {shown(value)}")
    print()
    print(shown_text(a.text.replace("\r\n", "\n")))


def facet_table(results: Results) -> None:
    st = Style()
    print(f"{results.total} articles")
    for name, counts in results.facets.items():
        if not counts:
            continue
        print(f"\n{st.bold}{name}{st.reset}")
        for value, n in list(counts.items())[:30]:
            print(f"  {n:>7}  {shown(value)}")
        if len(counts) > 30:
            print(f"  {st.dim}… {len(counts) - 30} more (--json lists all){st.reset}")


def stats(s: Stats) -> None:
    def top(counts: dict[str, int], n: int = 12) -> str:
        items = [f"{k} {v}" for k, v in list(counts.items())[:n]]
        more = f", … {len(counts) - n} more" if len(counts) > n else ""
        return ", ".join(items) + more

    rows = [("library", printable(s.library)), ("articles", f"{s.articles:,}"),
            ("index size", f"{s.index_bytes / 2**20:.1f} MB"),
            ("dates", f"{_date(s.date_min)} to {_date(s.date_max)}, {s.undated} undated"),
            ("languages", top(s.languages)), ("countries", top(s.countries)),
            ("formats", top(s.formats)), ("sources", top(s.sources))]
    for name, value in rows:
        print(f"{name:>10}  {shown(value)}")


def index_report(r: IndexReport, quiet: bool = False, verbose: bool = False) -> None:
    for failure in r.failed:
        print(f"failed: {printable(failure.path)}: {printable(failure.reason)}",
              file=sys.stderr)
    if quiet:
        return
    for note in r.notes:
        print(f"note: {printable(note.path)}: {printable(note.reason)}", file=sys.stderr)
    if r.skipped:
        from index.sources import EXTENSIONS  # imported already: the files were just read

        files = sum(n for _, n in r.skipped)
        kinds = ", ".join(f"{'.' + ext if ext else 'no extension'} {n}" for ext, n in r.skipped)
        print(f"skipped {files} file{'s' if files != 1 else ''} of types broadsheet does not "
              f"read ({printable(kinds)}; it reads {' '.join(sorted(EXTENSIONS))})",
              file=sys.stderr)
    if r.records:
        from index.sources.warc import summary

        skipped = printable(summary(Counter(dict(r.records))))
        print(f"{skipped} of web archives (only HTML pages fetched with status 200 are "
              "articles)", file=sys.stderr)
    print(f"{r.added} added, {r.updated} updated, {r.unchanged} unchanged, {r.removed} removed, "
          f"{len(r.failed)} failed; {r.articles} articles indexed in {r.seconds:.1f} s",
          file=sys.stderr)
    shown = [(step, seconds) for step, seconds in r.steps if seconds >= 0.05]
    if verbose and shown:  # where the time went, most first
        print("time: " + ", ".join(f"{step} {seconds:.1f} s" for step, seconds
                                   in sorted(shown, key=lambda item: -item[1])),
              file=sys.stderr)


def watch_batch(r: IndexReport) -> None:
    """One line per batch a watched folder gave: ``12:03:04 +3 ~1 -0, 4 articles in 0.2 s``
    (added, updated, removed files), after a line per failure."""
    for failure in r.failed:
        print(f"failed: {printable(failure.path)}: {printable(failure.reason)}",
              file=sys.stderr)
    print(f"{time.strftime('%H:%M:%S')} +{r.added} ~{r.updated} -{r.removed}, "
          f"{r.articles} article{'s' if r.articles != 1 else ''} in {r.seconds:.1f} s",
          file=sys.stderr, flush=True)


class Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self) -> None:
        self._last = 0.0

    def update(self, done: int, total: int, path: str) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        width = 30
        filled = width * done // max(total, 1)
        name = printable(os.path.basename(path))[-30:]
        sys.stderr.write(f"\r\x1b[2K[{'#' * filled}{' ' * (width - filled)}] "
                         f"{done}/{total} {name}")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


REDUCED_SHOWN = 12
"""Words whose reduced form ``inspect`` prints (its JSON lists up to ``REDUCED_LISTED``)."""
REDUCED_LISTED = 200


def reduced(a: Article, limit: int | None = None, title_only: bool = False) -> dict[str, Any]:
    """The reducer of the article's language and the reduced forms of its words (title
    first) as the index holds them: why another form of a word finds the article."""
    from index.analysis import reduced_forms, reducer

    text = a.title if title_only else f"{a.title}\n{a.text}"
    return {"reducer": reducer(a.lang), "title" if title_only else "words":
            reduced_forms(text, a.lang, limit)}


def article_json(a: Article) -> dict[str, Any]:
    """``show --json``: the article, and the reduced forms of its title's words."""
    return {**a.to_json(), "reduced": reduced(a, title_only=True)}


def inspection_json(a: Article) -> dict[str, Any]:
    data = a.to_json()
    data.update({
        "reduced": reduced(a, REDUCED_LISTED),
        "date_evidence": a.date_evidence,
        "lang_evidence": a.lang_evidence,
        "mentions": [{"code": m.code, "text": m.text, "start": m.start, "end": m.end,
                      "rule": m.rule} for m in a.mentions],
        "dropped": [{"line": d.lineno, "text": d.line, "reason": d.reason} for d in a.dropped],
        "notes": list(a.notes),
    })
    return data


def inspection(a: Article) -> None:
    st = Style()
    print(f"{st.bold}{printable(a.path)}{' #' + printable(a.entry) if a.entry else ''}"
          f"{st.reset}")
    print(f"  title     {shown(a.title)}")
    why = f": {shown(a.lang_evidence)}" if a.lang_evidence else ""
    print(f"  language  {shown(a.lang)} (probability {a.lang_prob:.2f}){why}")
    date = f"{iso(a.date)} from {a.date_source}" if a.date else "undated"
    if a.date_evidence:
        date += f": '{a.date_evidence}'"
    print(f"  date      {shown(date)}")
    print(f"  source    {shown(a.source) or '-'}")
    if a.crawled:
        print(f"  crawled   {iso(a.crawled)} (when the page was fetched; not its date)")
    print(f"  countries {', '.join(f'{c} ({n})' for c, n in a.country_mentions.items()) or '-'}")
    by_code: dict[str, list[str]] = {}
    for m in a.mentions:
        by_code.setdefault(m.code, []).append(f"{m.text} [{m.rule}]")
    for code, forms in by_code.items():
        print(f"    {code}: {shown('; '.join(dict.fromkeys(forms)))}")
    reduction = reduced(a, REDUCED_SHOWN + 1)
    listed = ", ".join(f"{word} → {form}" for word, form in
                       list(reduction["words"].items())[:REDUCED_SHOWN])
    more = ", …" if len(reduction["words"]) > REDUCED_SHOWN else ""
    print(f"  reduced   {shown(reduction['reducer'])}" + (f": {shown(listed)}{more}" if listed
                                                         else ""))
    for d in a.dropped:
        line = d.line if len(d.line) <= 70 else d.line[:69] + "…"
        print(f"  dropped   line {d.lineno} ({d.reason}): {shown(line)}")
    for note in a.notes:
        print(f"  note      {shown(note)}")
    print()
