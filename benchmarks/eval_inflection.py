"""Does a search for the dictionary form find the inflected forms? Per language, on
``benchmarks/inflection.txt``.

    python -m benchmarks.eval_inflection [--bare] [--langs pl,cs] [--misses N]

The data file was written for the project: per language, names (countries, cities, people)
and common news words, each with its dictionary form and two to four of its inflected forms,
each form in a short phrase as it is written in that language (``w Rosji``, ``z Rosją``).
Every phrase becomes one article of that language (the phrase, then one of the language's
filler sentences, so articles hold ordinary text around the form), indexed in-process into
a library in a temporary folder.

Two scores per language:

- **found**: the share of articles, among those whose only forms of the word are inflected
  (the dictionary form itself nowhere in the article), that a search for the dictionary
  form restricted to that language (``--lang``) finds. Bare Whoosh finds none by
  construction.
- **MRR@10**: known-item search, the precision guard: the article's own phrase, as written,
  searched in its language; the reciprocal rank of that article among the first ten. A
  reducer that merges unrelated words, or lets the other forms of the word outrank the exact
  one, lowers it.

``--bare`` measures a plain folded index without any stems (bare Whoosh with our folding):
the baseline for both scores.

``--reuters N`` adds the known-item MRR@10 on the first N Reuters-21578 articles (read in
place from ``../shared``; languages detected as a user's would be): for every tenth
article, its three rarest words (by document frequency) among the first 40 of its body,
searched restricted to English.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("inflection.txt")
TOP = 10


@dataclass
class Item:
    kind: str  # "name" or "word"
    lemma: str
    phrases: list[str]


@dataclass
class Language:
    code: str
    fillers: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def sections(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, language, line) for each line of a ``[lang]`` section of an evaluation
    file, blank lines and ``#`` comments left out."""
    lang = None
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            lang = line[1:-1]
        elif lang is None:
            raise ValueError(f"{path}:{lineno}: a line before any [lang] section")
        else:
            yield lineno, lang, line


def load(path: Path = DATA) -> dict[str, Language]:
    """The data file: ``[lang]`` sections of ``filler: sentence`` lines and
    ``N lemma: phrase | phrase`` (a name) or ``W lemma: phrase | phrase`` (a word) lines."""
    langs: dict[str, Language] = {}
    for lineno, code, line in sections(path):
        current = langs.setdefault(code, Language(code))
        head, _, rest = line.partition(":")
        if head == "filler":
            current.fillers.append(rest.strip())
            continue
        kind, _, lemma = head.partition(" ")
        phrases = [p.strip() for p in rest.split("|") if p.strip()]
        if kind not in ("N", "W") or not lemma or not phrases:
            raise ValueError(f"{path}:{lineno}: expected 'N lemma: phrase | phrase'")
        current.items.append(Item("name" if kind == "N" else "word", lemma.strip(), phrases))
    return langs


def _articles(lang: Language) -> list[tuple[str, Item, str]]:
    """(url, item, text) for every phrase of the language."""
    out = []
    n = 0
    for item in lang.items:
        for phrase in item.phrases:
            filler = lang.fillers[n % len(lang.fillers)] if lang.fillers else ""
            out.append((f"https://eval.invalid/{lang.code}/{n}", item, f"{phrase}. {filler}"))
            n += 1
    return out


def _bare() -> None:
    """No stems anywhere: every word is indexed and searched folded only."""
    from index import analysis, query

    analysis.STEM_LANGS = ()
    query.STEM_LANGS = ()
    analysis.stem.cache_clear()
    analysis._forms.clear()
    if hasattr(analysis, "REDUCED_LANGS"):
        analysis.REDUCED_LANGS = ()


def _words(text: str) -> set[str]:
    from index.analysis import fold, words

    return {fold(w) for w in words(text)}


def evaluate(langs: dict[str, Language], misses: int = 0) -> dict[str, dict[str, float]]:
    from index import workers
    from index.library import Library
    from index.models import Filters, Query

    workers.cores = lambda: 1  # a few hundred articles: written in-process
    table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "articles")
        src.mkdir()
        by_url: dict[str, tuple[str, Item, str]] = {}
        for lang in langs.values():
            rows = _articles(lang)
            with open(src / f"{lang.code}.jsonl", "w", encoding="utf-8") as out:
                for url, item, text in rows:
                    by_url[url] = (lang.code, item, text)
                    out.write(json.dumps({"title": f"{lang.code} {url.rsplit('/', 1)[1]}",
                                          "text": text, "lang": lang.code, "url": url},
                                         ensure_ascii=False) + "\n")
        with Library(Path(tmp, "library")) as library:
            started = time.perf_counter()
            library.add([src])
            indexed = time.perf_counter() - started
            for lang in langs.values():
                table[lang.code] = _score(library, lang, by_url, misses, Query, Filters)
            table["_"] = {"index_s": indexed}
    return table


def _score(library, lang: Language, by_url, misses: int, Query, Filters) -> dict[str, float]:
    filters = Filters(langs=(lang.code,))
    found = eligible = 0
    by_kind = {"name": [0, 0], "word": [0, 0]}
    rr = 0.0
    rows = [(url, item, text) for url, (code, item, text) in by_url.items()
            if code == lang.code]
    lost = []
    for item in lang.items:
        hits = library.search(Query(item.lemma, filters=filters, limit=1000, facets=False,
                                    suggest=False)).hits
        got = {h.url for h in hits}
        for url, other, text in rows:
            if other is not item or _words(item.lemma) <= _words(text):
                continue
            eligible += 1
            by_kind[item.kind][1] += 1
            if url in got:
                found += 1
                by_kind[item.kind][0] += 1
            else:
                lost.append(f"{item.lemma} -/-> {text.split('. ')[0]}")
    for url, _item, text in rows:
        phrase = text.split(". ")[0]
        hits = library.search(Query(phrase, filters=filters, limit=TOP, facets=False,
                                    suggest=False)).hits
        rank = next((i for i, h in enumerate(hits, 1) if h.url == url), None)
        rr += 1 / rank if rank else 0.0
    for line in lost[:misses]:
        print(f"  {lang.code} missed: {line}")
    return {
        "found": found / eligible if eligible else 0.0,
        "names": by_kind["name"][0] / max(1, by_kind["name"][1]),
        "words": by_kind["word"][0] / max(1, by_kind["word"][1]),
        "mrr": rr / len(rows) if rows else 0.0,
        "articles": len(rows),
        "eligible": eligible,
    }


def reduction_speed(langs: dict[str, Language], rounds: int = 20) -> dict[str, float]:
    """Distinct words reduced per second by ``analysis.stem``, per language (cache cleared
    between rounds, so each word is reduced afresh)."""
    from index.analysis import stem, words

    speed = {}
    for lang in langs.values():
        vocab = sorted({w.lower() for item in lang.items for p in item.phrases
                        for w in words(p)} | {w.lower() for f in lang.fillers
                                              for w in words(f)})
        started = time.perf_counter()
        for _ in range(rounds):
            stem.cache_clear()
            for word in vocab:
                stem(word, lang.code)
        elapsed = time.perf_counter() - started
        speed[lang.code] = len(vocab) * rounds / elapsed if elapsed else 0.0
    return speed


def reuters_mrr(shared: Path, limit: int, every: int = 10) -> tuple[float, int]:
    """Known-item MRR@10 on Reuters (see the module docstring) and how many queries."""
    from benchmarks.workload import reuters_docs
    from index import workers
    from index.analysis import fold, words
    from index.library import Library
    from index.models import Filters, Query

    workers.cores = lambda: 1
    docs = []
    for n, doc in enumerate(reuters_docs(shared)):
        if n >= limit:
            break
        docs.append((f"https://reuters.invalid/{doc.id or n}", doc.title, doc.body))
    df: dict[str, int] = {}
    for _, title, body in docs:
        for word in {fold(w) for w in words(f"{title} {body}")}:
            df[word] = df.get(word, 0) + 1
    rr = 0.0
    asked = 0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "reuters")
        src.mkdir()
        with open(src / "reuters.jsonl", "w", encoding="utf-8") as out:
            for url, title, body in docs:
                out.write(json.dumps({"title": title, "text": body, "url": url}) + "\n")
        with Library(Path(tmp, "library")) as library:
            library.add([src])
            for url, _title, body in docs[::every]:
                opening = [w for w in dict.fromkeys(words(body)[:40])
                           if w.isalpha() and len(w) > 2]
                rare = sorted(opening, key=lambda w: df.get(fold(w), 0))[:3]
                if len(rare) < 3:
                    continue
                asked += 1
                hits = library.search(Query(" ".join(rare), filters=Filters(langs=("en",)),
                                            limit=TOP, facets=False, suggest=False)).hits
                rank = next((i for i, h in enumerate(hits, 1) if h.url == url), None)
                rr += 1 / rank if rank else 0.0
    return (rr / asked if asked else 0.0), asked


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bare", action="store_true", help="no stems: bare Whoosh")
    parser.add_argument("--langs", help="comma-separated language codes (default: all)")
    parser.add_argument("--misses", type=int, default=0, help="print N misses per language")
    parser.add_argument("--reuters", type=int, default=0, metavar="N",
                        help="also the known-item MRR@10 on the first N Reuters articles")
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    if args.bare:
        _bare()
    langs = load()
    if args.langs:
        wanted = re.split(r"[,\s]+", args.langs.strip())
        langs = {code: langs[code] for code in wanted if code in langs}
    table = evaluate(langs, args.misses)
    speed = reduction_speed(langs)
    print(f"{'lang':5} {'found':>6} {'names':>6} {'words':>6} {'MRR@10':>7} {'articles':>8}"
          f" {'words/s':>9}")
    total_found = total_eligible = 0.0
    for code, row in table.items():
        if code == "_":
            continue
        total_found += row["found"] * row["eligible"]
        total_eligible += row["eligible"]
        print(f"{code:5} {row['found']:6.3f} {row['names']:6.3f} {row['words']:6.3f} "
              f"{row['mrr']:7.3f} {int(row['articles']):8d} {speed[code]:9.0f}")
    if total_eligible:
        print(f"{'all':5} {total_found / total_eligible:6.3f}")
    print(f"indexed in {table['_']['index_s']:.1f} s")
    if args.reuters:
        from benchmarks.workload import shared_folder

        mrr, asked = reuters_mrr(shared_folder(Path(__file__).resolve().parents[1],
                                               args.shared), args.reuters)
        print(f"Reuters known-item MRR@10: {mrr:.3f} ({asked} queries)")


if __name__ == "__main__":
    main()
