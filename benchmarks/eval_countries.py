"""How well does the country detector name countries? Reuters-21578 PLACES and HIPE-2022.

    python -m benchmarks.eval_countries [--shared PATH] [--top N]

Both scores are document-level and micro-averaged: per document, the set of countries the
detector found against the set the annotators gave. The top false positives and negatives
(with the surface forms that caused them) are printed so the tables can be improved from
evidence. Reuters labels come from datelines and topic, not only from names in the text, so
recall is capped near 0.61 for a detector that reads only the names in title and body.

Reuters keeps each story's dateline (``NEW YORK, March 3 -``) in its own ``<DATELINE>``
element, which ``benchmarks.corpora`` does not return; it is read here and put back in front
of the body, as the wire printed it, so the dateline rule is measured (``--no-datelines``
scores the text without it, as before).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.corpora import iter_hipe, iter_reuters
from index.enrich.countries import find_mentions, resolve_country
from index.enrich.country_gazetteer import gazetteer

ROOT = Path(__file__).resolve().parents[1]

# Reuters PLACES codes the name lookup cannot resolve, or resolves by a decision.
REUTERS_CODES = {
    "usa": "US", "uk": "GB", "ussr": "RU", "west-germany": "DE", "east-germany": "DE",
    "hong-kong": "HK", "uae": "AE", "ivory-coast": "CI", "burma": "MM", "zaire": "CD",
    "kampuchea": "KH", "czechoslovakia": "CZ", "yugoslavia": "RS", "macao": "MO",
    "congo": "CG", "trinidad-tobago": "TT", "yemen-arab-republic": "YE",
    "yemen-demo-republic": "YE", "western-samoa": "WS", "swaziland": "SZ",
    "us-virgin-islands": "VI", "british-virgin-islands": "VG", "vatican": "VA",
    "cape-verde": "CV", "south-korea": "KR", "north-korea": "KP", "gambia": "GM",
}
# Not a country today and no single successor: left out of the truth, said in the report.
REUTERS_SKIPPED = {"netherlands-antilles"}

# Wikidata QIDs of countries (and historical states, mapped like HISTORICAL in the tables)
# frequent in HIPE-2022. Hand-made: there is no network to ask Wikidata.
QID_COUNTRIES = {
    "Q142": "FR", "Q183": "DE", "Q39": "CH", "Q30": "US", "Q145": "GB", "Q21": "GB",
    "Q22": "GB", "Q25": "GB", "Q26": "GB", "Q23666": "GB", "Q174193": "GB", "Q161885": "GB",
    "Q38": "IT", "Q172579": "IT", "Q29": "ES", "Q28": "HU", "Q34": "SE", "Q36": "PL",
    "Q40": "AT", "Q131964": "AT", "Q28513": "AT", "Q159": "RU", "Q34266": "RU",
    "Q15180": "RU", "Q31": "BE", "Q55": "NL", "Q45": "PT", "Q41": "GR", "Q43": "TR",
    "Q12560": "TR", "Q79": "EG", "Q148": "CN", "Q17": "JP", "Q668": "IN", "Q96": "MX",
    "Q16": "CA", "Q408": "AU", "Q155": "BR", "Q414": "AR", "Q298": "CL", "Q27": "IE",
    "Q35": "DK", "Q20": "NO", "Q33": "FI", "Q32": "LU", "Q347": "LI", "Q218": "RO",
    "Q219": "BG", "Q403": "RS", "Q36704": "RS", "Q213": "CZ", "Q33946": "CZ", "Q214": "SK",
    "Q43287": "DE", "Q7318": "DE", "Q41304": "DE", "Q27306": "DE", "Q38872": "DE",
    "Q241": "CU", "Q77": "UY", "Q717": "VE", "Q739": "CO", "Q419": "PE", "Q794": "IR",
    "Q796": "IQ", "Q801": "IL", "Q858": "SY", "Q851": "SA", "Q262": "DZ", "Q1028": "MA",
    "Q948": "TN", "Q1016": "LY", "Q115": "ET", "Q258": "ZA", "Q1033": "NG", "Q889": "AF",
    "Q843": "PK", "Q881": "VN", "Q664": "NZ", "Q233": "MT", "Q229": "CY", "Q189": "IS",
    "Q212": "UA", "Q224": "HR", "Q215": "SI", "Q222": "AL", "Q228": "AD", "Q235": "MC",
    "Q238": "SM", "Q237": "VA", "Q70972": "FR", "Q22890": "IE", "Q179876": "GB",
    "Q129286": "IN",
}


@dataclass
class Score:
    """Micro-averaged document-level counts, and the evidence behind the errors."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_pos: Counter = field(default_factory=Counter)
    false_neg: Counter = field(default_factory=Counter)

    def add(self, truth: set[str], found: dict[str, list[str]],
            truth_forms: dict[str, list[str]]) -> None:
        """One document: ``found`` and ``truth_forms`` map codes to the surfaces seen."""
        self.tp += len(truth & found.keys())
        for code in found.keys() - truth:
            self.fp += 1
            self.false_pos.update(f"{code} {s!r}" for s in set(found[code]))
        for code in truth - found.keys():
            self.fn += 1
            self.false_neg.update(f"{code} {s!r}" for s in set(truth_forms.get(code, [""])))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def report(self, name: str, top: int) -> None:
        p, r, f = self.prf()
        print(f"{name}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})")
        if top:
            for kind, counts in (("positives", self.false_pos), ("negatives", self.false_neg)):
                print(f"  top false {kind}:",
                      ", ".join(f"{k} x{n}" for k, n in counts.most_common(top)))


def found_codes(
    text: str, lang: str | None, allowed: Iterable[str], adjectives: bool = True
) -> dict[str, list[str]]:
    """Detected codes (limited to those the labels can express) -> surface forms."""
    allowed = set(allowed)
    found: dict[str, list[str]] = {}
    for m in find_mentions(text, lang):
        if m.code in allowed and (adjectives or not m.rule.startswith("adjective")):
            found.setdefault(m.code, []).append(m.text)
    return found


def reuters_mapping(corpus: Path) -> dict[str, str]:
    """Reuters PLACES code -> ISO alpha-2, for every legal code that is a country."""
    codes = (corpus / "all-places-strings.lc.txt").read_text(encoding="latin-1").split()
    mapping = {}
    for code in codes:
        iso = REUTERS_CODES.get(code) or resolve_country(code.replace("-", " "))
        if iso and code not in REUTERS_SKIPPED:
            mapping[code] = iso
    unmapped = sorted(set(codes) - mapping.keys())
    print(f"Reuters: {len(mapping)} PLACES codes mapped; skipped (not a country today): {unmapped}")
    return mapping


_NEWID_DATELINE = re.compile(r'NEWID="(\d+)".*?(?:<DATELINE>(.*?)</DATELINE>|</REUTERS>)', re.S)


def reuters_datelines(corpus: Path) -> dict[str, str]:
    """NEWID -> the story's dateline (``NEW YORK, March 3 -``), for stories that have one."""
    datelines = {}
    for file in sorted(corpus.glob("reut2-*.sgm")):
        for match in _NEWID_DATELINE.finditer(file.read_text(encoding="latin-1")):
            if match.group(2) and match.group(2).strip():
                datelines[match.group(1)] = match.group(2).strip()
    return datelines


def eval_reuters(corpus: Path, top: int, adjectives: bool = True, datelines: bool = True) -> None:
    mapping = reuters_mapping(corpus)
    allowed = set(mapping.values())
    lines = reuters_datelines(corpus) if datelines else {}
    score, seconds, docs, chars = Score(), 0.0, 0, 0
    for doc in iter_reuters(corpus):
        if not doc.places:
            continue
        truth = {mapping[p] for p in doc.places if p in mapping}
        dateline = lines.get(doc.id)
        text = f"{doc.title}\n{dateline} {doc.body}" if dateline else f"{doc.title}\n{doc.body}"
        start = time.perf_counter()
        found = found_codes(text, "en", allowed, adjectives)
        seconds += time.perf_counter() - start
        docs, chars = docs + 1, chars + len(text)
        score.add(truth, found, {c: [p for p in doc.places if mapping.get(p) == c] for c in truth})
    label = "" if adjectives else ", names only"
    label += "" if datelines else ", no datelines"
    score.report(f"Reuters-21578 PLACES ({docs} labelled docs){label}", top)
    if not top:
        return
    print(f"  throughput: {docs / seconds:,.0f} articles/s, "
          f"{seconds / docs * 1000:.3f} ms/article, mean {chars / docs / 1000:.2f} kB; "
          f"{seconds / chars * 1e6:.3f} ms per 1 kB")


def eval_hipe(corpus: Path, langs: list[str], top: int, adjectives: bool) -> None:
    """HIPE truth is LOC mentions: adjectives (französisch, British) are not locations, so
    the main score counts names only; ``adjectives=True`` shows what they would add."""
    allowed = set(QID_COUNTRIES.values())
    scores = {lang: Score() for lang in langs}
    for doc in iter_hipe(corpus, langs):
        if not doc.locations:
            continue
        forms: dict[str, list[str]] = {}
        for surface, qid in doc.locations:
            if qid in QID_COUNTRIES:
                forms.setdefault(QID_COUNTRIES[qid], []).append(surface)
        found = found_codes(doc.text, doc.lang, allowed, adjectives)
        scores[doc.lang].add(set(forms), found, forms)
    total = Score()
    for lang, score in scores.items():
        score.report(f"HIPE-2022 {lang}{' (+adjectives)' if adjectives else ''}", top)
        total.tp, total.fp, total.fn = total.tp + score.tp, total.fp + score.fp, total.fn + score.fn
    total.report(f"HIPE-2022 all{' (+adjectives)' if adjectives else ''}", 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding corpora/ (default: ../shared)")
    parser.add_argument("--top", type=int, default=20, help="how many errors to list")
    parser.add_argument("--langs", default="de,fr,en", help="HIPE languages")
    parser.add_argument("--no-datelines", dest="datelines", action="store_false",
                        help="score Reuters without its <DATELINE> text (the old setting)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    gazetteer()
    print(f"gazetteer first build: {time.perf_counter() - start:.3f} s")
    reuters = args.shared / "corpora" / "reuters21578"
    eval_reuters(reuters, args.top, datelines=args.datelines)
    eval_reuters(reuters, 0, adjectives=False, datelines=args.datelines)
    hipe = args.shared / "corpora" / "hipe2022"
    eval_hipe(hipe, args.langs.split(","), args.top, adjectives=False)
    eval_hipe(hipe, args.langs.split(","), 0, adjectives=True)


if __name__ == "__main__":
    main()
