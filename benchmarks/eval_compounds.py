"""Do compounds split right, and does a word find the compounds it begins or ends?

    python -m benchmarks.eval_compounds [--langs de,nl] [--misses N] [--gnad] [--shared DIR]

The data file ``benchmarks/compounds.txt`` was written for the project: per language,
compounds with the head and tail a reader would type to find them (``Uranbedarfs = uran +
bedarf``), and words that must not split (``Verband``, ``Ausland``), some with a decoy, a
word they seem to hold (``Verband = ! band``). Four measures:

- **splitter**: per language, the share of compounds whose head and tail (reduced as the
  index reduces them) are among ``compounds.pieces``; of non-compounds left whole; and words
  split per second. ``compound-split`` (CharSplit: German and Dutch) is measured the same
  way where installed (``pip install compound-split``; never a dependency): its best binary
  split, taken when its score is above 0.
- **found by part**: every word becomes one article of its language (one of the language's
  templates around it), indexed in-process; the share of (compound, head or tail) pairs
  where a search for the part restricted to the language (``--lang``) finds the compound's
  article, with compounds off (``compounds.LANGS`` empty: today's behaviour) and on. Also
  **whole first**: for each tail, an article holding the tail as a word of its own ranks
  above the compound's; and **decoys**: the share of decoys that find their non-compound
  (lower is better).
- ``--gnad``: the German known-item MRR@10 on 10kGNAD's test split (read in place from
  ``../shared``): for every article, its three rarest words (by document frequency) among
  the first 40 of its body, searched restricted to German (and, harder, its three rarest
  among those in two articles or more); with compounds off and on, with the indexing time
  and the library's size.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .eval_inflection import sections

DATA = Path(__file__).with_name("compounds.txt")
TOP = 10


@dataclass
class Entry:
    word: str
    head: str = ""
    tail: str = ""
    decoy: str = ""

    @property
    def compound(self) -> bool:
        return bool(self.tail)


@dataclass
class Language:
    code: str
    templates: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def load(path: Path = DATA) -> dict[str, Language]:
    """``[lang]`` sections of ``template: ... {} ...`` lines, ``Word = head + tail`` and
    ``Word = ! [decoy]`` lines."""
    langs: dict[str, Language] = {}
    for lineno, code, line in sections(path):
        current = langs.setdefault(code, Language(code))
        if line.startswith("template:"):
            current.templates.append(line.partition(":")[2].strip())
            continue
        word, _, parts = (p.strip() for p in line.partition("="))
        if parts.startswith("!"):
            current.entries.append(Entry(word, decoy=parts[1:].strip()))
        elif "+" in parts:
            head, _, tail = (p.strip() for p in parts.partition("+"))
            current.entries.append(Entry(word, head, tail))
        else:
            raise ValueError(f"{path}:{lineno}: expected 'Word = head + tail' or 'Word = !'")
    return langs


# -- the splitters -------------------------------------------------------------------------

def ours(word: str, lang: str) -> set[str] | None:
    """The pieces of our splitter, or None when it leaves the word whole."""
    from index.analysis import fold
    from index.compounds import _prefixes, pieces

    _prefixes(lang)  # as indexing does
    return set(pieces(fold(word), lang)) or None


def charsplit(word: str, lang: str) -> set[str] | None:
    """CharSplit's best binary split, when its score is above 0."""
    from compound_split import char_split  # type: ignore[import-not-found]

    from index.analysis import fold

    found = char_split.split_compound(word, lang)
    if not found or found[0][0] <= 0:
        return None
    return {fold(p) for p in found[0][1:]}


def _holds(pieces: set[str], part: str, lang: str) -> bool:
    """Whether a piece is ``part``: the same reduced form, or ``part`` with an inflection of
    at most three letters (Swedish ``priset`` for ``pris``, which the reducer keeps apart: a
    matter for the reducer, not the cut), or ``part`` less its final vowel (Danish
    ``arbejd``)."""
    from index.analysis import fold, stem

    part = fold(part)
    return any(stem(p, lang) == stem(part, lang)
               or (p.startswith(part) and len(p) - len(part) <= 3)
               or (part.startswith(p) and len(part) - len(p) <= 1) for p in pieces)


def splitter_scores(lang: Language, split) -> dict[str, float]:
    right = whole = compounds = others = 0
    misses = []
    for e in lang.entries:
        got = split(e.word, lang.code)
        if e.compound:
            compounds += 1
            if got and _holds(got, e.head, lang.code) and _holds(got, e.tail, lang.code):
                right += 1
            else:
                misses.append(f"{e.word}: {sorted(got) if got else '-'} (want {e.head} + "
                              f"{e.tail})")
        else:
            others += 1
            if not got:
                whole += 1
            else:
                misses.append(f"{e.word}: {sorted(got)} (want whole)")
    words = [e.word for e in lang.entries]
    started = time.perf_counter()
    rounds = 0
    while time.perf_counter() - started < 0.5:
        _clear_caches()
        for w in words:
            split(w, lang.code)
        rounds += 1
    speed = rounds * len(words) / (time.perf_counter() - started)
    return {"compounds": right / max(1, compounds), "whole": whole / max(1, others),
            "accuracy": (right + whole) / max(1, compounds + others), "speed": speed,
            "misses": misses}  # type: ignore[dict-item]


def _clear_caches() -> None:
    from index import analysis, compounds

    compounds._split.cache_clear()
    compounds._cuts.cache_clear()
    analysis.stem.cache_clear()
    analysis.fold.cache_clear()


def _off() -> None:
    """Compounds off: no article gives parts and no query looks for them (today)."""
    from index import compounds

    compounds.LANGS = ()


def _on(langs: tuple[str, ...]) -> None:
    from index import compounds

    compounds.LANGS = langs


# -- found by part -------------------------------------------------------------------------

def _library_with(rows: list[tuple[str, str, str]], tmp: Path):
    """A library in ``tmp`` of (url, lang, text) rows, indexed in-process; the processor time
    it took (not the wall clock: the machine may be shared, and the run is one process)."""
    from index import workers
    from index.library import Library

    workers.cores = lambda: 1
    src = Path(tmp, "articles")
    src.mkdir()
    with open(src / "articles.jsonl", "w", encoding="utf-8") as out:
        for url, lang, text in rows:
            out.write(json.dumps({"title": url.rsplit("/", 1)[1], "text": text, "lang": lang,
                                  "url": url}, ensure_ascii=False) + "\n")
    library = Library(Path(tmp, "library"))
    started = time.process_time()
    library.add([src])
    return library, time.process_time() - started


def found_by_part(langs: dict[str, Language], misses: int = 0) -> dict[str, dict[str, float]]:
    """Per language: found (the compound's article among the hits of its head, of its tail),
    whole first (the tail's own article above the compound's) and decoys (a non-compound
    found by its decoy)."""
    from index.models import Filters, Query

    rows: list[tuple[str, str, str]] = []
    url_of: dict[tuple[str, str], str] = {}
    for lang in langs.values():
        texts = [*(e.word for e in lang.entries), *(e.tail for e in lang.entries if e.tail)]
        for n, word in enumerate(dict.fromkeys(texts)):
            url = f"https://eval.invalid/{lang.code}/{n}"
            url_of[(lang.code, word)] = url
            rows.append((url, lang.code, lang.templates[n % len(lang.templates)].format(word)))
    table: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        library, _ = _library_with(rows, Path(tmp))
        with library:
            for lang in langs.values():
                def ranks(word: str, code: str = lang.code) -> dict[str, int]:
                    hits = library.search(Query(word, filters=Filters(langs=(code,)),
                                                limit=1000, facets=False, suggest=False)).hits
                    return {h.url: i for i, h in enumerate(hits)}

                found = asked = first = pairs = decoyed = decoys = 0
                lost = []
                for e in lang.entries:
                    mine = url_of[(lang.code, e.word)]
                    if not e.compound:
                        if e.decoy:
                            decoys += 1
                            decoyed += mine in ranks(e.decoy)
                        continue
                    for part in (e.head, e.tail):
                        asked += 1
                        got = ranks(part)
                        if mine in got:
                            found += 1
                        else:
                            lost.append(f"{part} -/-> {e.word}")
                        whole = url_of.get((lang.code, part))
                        if part == e.tail and mine in got and whole in got:
                            pairs += 1
                            first += got[whole] < got[mine]
                for line in lost[:misses]:
                    print(f"  {lang.code} missed: {line}")
                table[lang.code] = {"found": found / max(1, asked), "asked": asked,
                                    "whole_first": first / max(1, pairs), "pairs": pairs,
                                    "decoys": decoyed / max(1, decoys), "decoy_n": decoys}
    return table


# -- 10kGNAD known-item MRR ----------------------------------------------------------------

def gnad_docs(shared: Path) -> list[tuple[str, str]]:
    """(url, text) of 10kGNAD's test split (read in place)."""
    with open(shared / "corpora/10kGNAD/test.csv", newline="", encoding="utf-8") as f:
        return [(f"https://gnad.invalid/{n}", row[1])
                for n, row in enumerate(csv.reader(f, delimiter=";", quotechar="'"))]


def gnad_mrr(shared: Path) -> dict[str, float]:
    """Known-item MRR@10 on 10kGNAD (see the module docstring), indexing time and size."""
    from index.analysis import fold, words
    from index.models import Filters, Query

    docs = gnad_docs(shared)
    df: dict[str, int] = {}
    for _, text in docs:
        for word in {fold(w) for w in words(text)}:
            df[word] = df.get(word, 0) + 1
    rr = {1: 0.0, 2: 0.0}
    asked = {1: 0, 2: 0}
    with tempfile.TemporaryDirectory() as tmp:
        library, seconds = _library_with([(url, "de", text) for url, text in docs], Path(tmp))
        size = sum(p.stat().st_size for p in Path(tmp, "library").rglob("*") if p.is_file())
        with library:
            for url, text in docs:
                for least in (1, 2):
                    opening = [w for w in dict.fromkeys(words(text)[:40])
                               if w.isalpha() and len(w) > 2 and df.get(fold(w), 0) >= least]
                    rare = sorted(opening, key=lambda w: df.get(fold(w), 0))[:3]
                    if len(rare) < 3:
                        continue
                    asked[least] += 1
                    hits = library.search(Query(" ".join(rare), filters=Filters(langs=("de",)),
                                                limit=TOP, facets=False, suggest=False)).hits
                    rank = next((i for i, h in enumerate(hits, 1) if h.url == url), None)
                    rr[least] += 1 / rank if rank else 0.0
    return {"mrr": rr[1] / max(1, asked[1]), "asked": asked[1],
            "mrr2": rr[2] / max(1, asked[2]), "asked2": asked[2],
            "index_s": seconds, "bytes": size, "docs": len(docs)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--langs", help="comma-separated language codes (default: all)")
    parser.add_argument("--misses", type=int, default=0, help="print N misses per language")
    parser.add_argument("--gnad", action="store_true",
                        help="also the German known-item MRR@10 on 10kGNAD, off and on")
    parser.add_argument("--shared", help="the shared folder (default: ../shared)")
    args = parser.parse_args(argv)
    from index import compounds

    split_langs = compounds.LANGS
    langs = load()
    if args.langs:
        wanted = re.split(r"[,\s]+", args.langs.strip())
        langs = {code: langs[code] for code in wanted if code in langs}
    print("splitter: compounds cut right / non-compounds left whole / accuracy / words/s")
    for code, lang in langs.items():
        for name, split in (("ours", ours), ("compound-split", charsplit)):
            if name != "ours" and code not in ("de", "nl"):
                continue
            try:
                row = splitter_scores(lang, split)
            except ImportError:
                continue
            print(f"  {code:3} {name:15} {row['compounds']:6.3f} {row['whole']:6.3f} "
                  f"{row['accuracy']:6.3f} {row['speed']:9.0f}")
            for line in row["misses"][:args.misses]:  # type: ignore[index]
                print(f"      {line}")
    tables = {}
    for state in ("off", "on"):
        _off() if state == "off" else _on(split_langs)
        tables[state] = found_by_part(langs, args.misses if state == "on" else 0)
    print("found by part (head and tail queries) / whole word first / decoys found")
    for code in langs:
        off, on = tables["off"][code], tables["on"][code]
        print(f"  {code:3} found {off['found']:.3f} -> {on['found']:.3f} "
              f"({int(on['asked'])} queries)  whole first {on['whole_first']:.3f} "
              f"({int(on['pairs'])})  decoys {off['decoys']:.3f} -> {on['decoys']:.3f} "
              f"({int(on['decoy_n'])})")
    if args.gnad:
        from benchmarks.workload import shared_folder

        shared = shared_folder(Path(__file__).resolve().parents[1], args.shared)
        rows = {}
        for state in ("off", "on"):
            _off() if state == "off" else _on(split_langs)
            rows[state] = gnad_mrr(shared)
        off, on = rows["off"], rows["on"]
        print(f"10kGNAD known-item MRR@10: {off['mrr']:.3f} -> {on['mrr']:.3f} "
              f"({int(on['asked'])} queries); words in 2 articles or more: "
              f"{off['mrr2']:.3f} -> {on['mrr2']:.3f} ({int(on['asked2'])} queries)")
        print(f"10kGNAD indexing (CPU): {off['index_s']:.1f} s -> {on['index_s']:.1f} s "
              f"(x{on['index_s'] / off['index_s']:.2f}); library {off['bytes'] / 1e6:.1f} MB "
              f"-> {on['bytes'] / 1e6:.1f} MB (x{on['bytes'] / off['bytes']:.2f})")


if __name__ == "__main__":
    main()
