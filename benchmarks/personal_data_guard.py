"""The personal-data guard: precision and recall on its labelled corpus, and how long scanning a
whole self-evaluation takes.

Pure Python, no database: the corpus is tests/core/personal_data_corpus.yaml; the timing scans
52 benchmarks x 3 narratives of realistic length (about 600 characters each, some with findings)
against an organisation of 400 members' names, as the submit page does once per request.
  .venv/bin/python benchmarks/personal_data_guard.py
"""

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.personal_data import NameIndex, scan  # noqa: E402
from tests.core.corpus import evaluate, load, table  # noqa: E402

FIRST = [
    "Priya",
    "Daniel",
    "Megan",
    "Tom",
    "Aisha",
    "Helen",
    "Gareth",
    "Fatima",
    "Sophie",
    "Alan",
    "Liam",
    "Zara",
    "Omar",
    "Chloe",
    "Ravi",
]
LAST = [
    "Shah",
    "Okafor",
    "Lewis",
    "Hughes",
    "Begum",
    "Marsh",
    "Evans",
    "Turner",
    "Brooks",
    "Patel",
    "Khan",
    "Jones",
    "Nowak",
]


def _narratives() -> list[str]:
    sentences = [row["text"] for row in load()["sentences"]]
    texts = []
    for i in range(52 * 3):
        start = (i * 7) % len(sentences)
        texts.append(" ".join(sentences[start : start + 6]))
    return texts


def timing(rounds: int = 15) -> dict:
    names = [f"{f} {last}" for f in FIRST for last in LAST][:400]
    texts = _narratives()
    started = time.perf_counter()
    index = NameIndex(names)
    build_ms = (time.perf_counter() - started) * 1000
    runs, findings = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        findings = sum(len(scan(text, index)) for text in texts)
        runs.append((time.perf_counter() - started) * 1000)
    return {
        "narratives": len(texts),
        "characters": sum(len(t) for t in texts),
        "members": len(names),
        "name_index_ms": round(build_ms, 2),
        "scan_median_ms": round(statistics.median(runs), 2),
        "scan_max_ms": round(max(runs), 2),
        "findings": findings,
    }


def main() -> None:
    report = evaluate()
    print(f"Corpus: {report.sentences} labelled sentences\n")
    print(table(report))
    if report.mistakes:
        print("\nWhere the guard and the labels disagree:")
        for text, expected, found in report.mistakes:
            print(f"- expected {expected or 'nothing'}, found {found or 'nothing'}: {text}")
    figures = timing()
    print("\nScanning a whole self-evaluation:", json.dumps(figures))
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    out = {
        "corpus": {
            "sentences": report.sentences,
            "by_category": {
                c: {"precision": round(s.precision, 3), "recall": round(s.recall, 3), "tp": s.tp,
                    "fp": s.fp, "fn": s.fn}
                for c, s in report.by_category.items()
            },
            "overall": {"precision": round(report.overall.precision, 3),
                        "recall": round(report.overall.recall, 3)},
        },
        "timing": figures,
    }  # fmt: skip
    (results / "personal_data_guard.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
