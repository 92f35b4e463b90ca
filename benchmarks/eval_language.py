"""How often is an English wire story given another language? Reuters-21578, all English.

    python -m benchmarks.eval_language [--shared PATH] [--top N]

Every Reuters article is English, so any answer other than ``en`` or ``und`` is wrong; ``und``
(no language) is the honest answer for a price table or a results item (``Shr 11 cts vs 21
cts Net 563,000 vs 863,000``), a wrong language is not. The article is read as the pipeline
reads it (cleanup, then title + text); the worst items are printed to improve from evidence.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpora import iter_reuters
from index.enrich.cleanup import clean_text
from index.enrich.language import detect_language

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding corpora/ (default: ../shared)")
    parser.add_argument("--top", type=int, default=10, help="how many wrong items to show")
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    main()
