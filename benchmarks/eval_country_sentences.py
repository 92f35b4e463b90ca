"""Countries in hand-written sentences, per language: exact sets and micro P/R/F1.

    python -m benchmarks.eval_country_sentences [--errors] [--langs bg,cs,...]

``benchmarks/data/country_sentences.tsv`` holds 20 sentences per language (bg cs pl ru sl uk
hr sr sk hu ro el sv da no fi en de fr es), written for broadsheet: common words that are
country names (Slovene ``mali``, Czech ``komory``, Russian ``того``), given names
(``Dominika``, ``Jordan``), lower-case words (``niger seed``), cities, and true mentions in
inflected and adjectival forms, the home nations and Holland. Each line has the exact set of
countries it names. A sentence counts as right only when the detector's set equals it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.enrich.countries import find_mentions

DATA = Path(__file__).with_name("data") / "country_sentences.tsv"


@dataclass
class Tally:
    exact: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, truth: set[str], found: set[str]) -> None:
        self.total += 1
        self.exact += truth == found
        self.tp += len(truth & found)
        self.fp += len(found - truth)
        self.fn += len(truth - found)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        p, r, f = self.prf()
        return f"| {name} | {self.exact}/{self.total} | {p:.2f} | {r:.2f} | {f:.3f} |"


def sentences(path: Path = DATA) -> Iterator[tuple[str, set[str], str]]:
    """(language, expected codes, text) for each line of the data file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, codes, text = line.split("\t")
            yield lang, set() if codes == "-" else set(codes.split()), text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every wrong sentence")
    parser.add_argument("--langs", help="only these languages (comma-separated)")
    args = parser.parse_args(argv)
    wanted = set(args.langs.split(",")) if args.langs else None
    tallies: dict[str, Tally] = {}
    total = Tally()
    for lang, truth, text in sentences():
        if wanted and lang not in wanted:
            continue
        found = {m.code for m in find_mentions(text, lang)}
        tallies.setdefault(lang, Tally()).add(truth, found)
        total.add(truth, found)
        if args.errors and found != truth:
            print(f"{lang} want {' '.join(sorted(truth)) or '-'} got "
                  f"{' '.join(sorted(found)) or '-'}: {text}")
    print("| language | exact | P | R | F1 |\n| --- | --- | --- | --- | --- |")
    for lang, tally in tallies.items():
        print(tally.row(lang))
    print(total.row("all"))


if __name__ == "__main__":
    main()
