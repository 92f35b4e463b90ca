"""How often is an English wire story given another language? Reuters-21578, all English.
And, with ``--masakhanews``, how are articles in 16 African languages read, ten of them
languages langdetect has no profile for?

    python -m benchmarks.eval_language [--shared PATH] [--top N] [--masakhanews]

Every Reuters article is English, so any answer other than ``en`` or ``und`` is wrong; ``und``
(no language) is the honest answer for a price table or a results item (``Shr 11 cts vs 21
cts Net 563,000 vs 863,000``), a wrong language is not. The article is read as the pipeline
reads it (cleanup, then title + text); the worst items are printed to improve from evidence.

MasakhaNEWS (dev + test, 9,354 articles) names each article's language by its folder (ISO
639-3); each is read as the indexer reads it (control characters out, then cleanup). An
answer is right when it is that language (Nigerian Pidgin as English too), ``und``
when none, and wrong otherwise: for a language no detector here knows (Oromo, Lingala,
Luganda, Kirundi, Tigrinya), ``und`` is the best answer there is.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpora import iter_reuters
from index.enrich.cleanup import clean_text
from index.enrich.language import detect_language, explain_language
from index.sanitize import clean, one_line

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding corpora/ (default: ../shared)")
    parser.add_argument("--top", type=int, default=10, help="how many wrong items to show")
    parser.add_argument("--masakhanews", action="store_true",
                        help="also MasakhaNEWS' 16 languages, per language")
    args = parser.parse_args(argv)
    if args.masakhanews:
        masakhanews(args.shared / "corpora" / "masakhanews")
    answers: Counter[str] = Counter()
    wrong: list[tuple[str, str, float, str]] = []
    started = time.process_time()
    for doc in iter_reuters(args.shared / "corpora" / "reuters21578"):
        text = clean_text(doc.body).text
        lang, prob = detect_language(f"{doc.title}\n{text}")
        answers[lang] += 1
        if lang not in ("en", "und"):
            wrong.append((doc.id, lang, prob, " ".join(f"{doc.title} {text}".split())[:110]))
    seconds = time.process_time() - started
    total = sum(answers.values())
    print(f"Reuters-21578: {total:,} articles, {total / seconds:,.0f}/s (CPU)")
    print(f"  en {answers['en']:,}  und {answers['und']:,}  "
          f"other {len(wrong):,} ({100 * len(wrong) / total:.2f}%)")
    others = Counter(lang for _, lang, _, _ in wrong)
    print("  other languages:", ", ".join(f"{k} x{n}" for k, n in others.most_common()))
    for doc_id, lang, prob, text in wrong[: args.top]:
        print(f"  {doc_id:>6} {lang} {prob:.2f}  {text}")


MASAKHANEWS = {"amh": "am", "eng": "en", "fra": "fr", "hau": "ha", "ibo": "ig", "lin": "ln",
               "lug": "lg", "orm": "om", "pcm": "pcm", "run": "rn", "sna": "sn", "som": "so",
               "swa": "sw", "tir": "ti", "xho": "xh", "yor": "yo"}
"""MasakhaNEWS' folders (ISO 639-3) -> the ISO 639-1 code a right answer gives."""


def masakhanews(folder: Path) -> None:
    csv.field_size_limit(1 << 30)
    totals: Counter[str] = Counter()
    for name, truth in MASAKHANEWS.items():
        answers: Counter[str] = Counter()
        for split in sorted((folder / name).glob("*.tsv")):
            with open(split, encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    text = clean_text(clean(row["text"]) or "").text
                    verdict = explain_language(f"{one_line(row['headline'])}\n{text}")
                    answers[verdict.lang] += 1
        right = answers[truth] + (answers["en"] if truth == "pcm" else 0)
        wrong = {k: n for k, n in answers.items() if k not in (truth, "und") and
                 not (truth == "pcm" and k == "en")}
        totals.update(right=right, und=answers["und"], wrong=sum(wrong.values()))
        print(f"MasakhaNEWS {name} ({truth}): {sum(answers.values()):5,}  right {right:5,}  "
              f"und {answers['und']:5,}  wrong {sum(wrong.values()):5,}  "
              + ", ".join(f"{k} x{n}" for k, n in Counter(wrong).most_common(3)))
    print(f"MasakhaNEWS: right {totals['right']:,}  und {totals['und']:,}  "
          f"wrong {totals['wrong']:,}")


if __name__ == "__main__":
    main()
