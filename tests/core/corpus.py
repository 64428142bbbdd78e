"""Scoring the personal-data guard against its labelled corpus (used by the test and the
benchmark script `benchmarks/personal_data_guard.py`)."""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from core.personal_data import CATEGORIES, NameIndex, scan

CORPUS = Path(__file__).with_name("personal_data_corpus.yaml")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    sentences: int
    by_category: dict[str, Score] = field(default_factory=dict)
    overall: Score = field(default_factory=Score)
    mistakes: list[tuple[str, list[str], list[str]]] = field(default_factory=list)


def load() -> dict:
    with CORPUS.open() as handle:
        return yaml.safe_load(handle)


def evaluate(corpus: dict | None = None) -> Report:
    """Count each occurrence: a finding of a category the sentence expects is a true positive
    (up to as many as expected), any more are false positives, missing ones false negatives."""
    corpus = corpus or load()
    names = NameIndex(corpus["members"])
    report = Report(sentences=len(corpus["sentences"]))
    report.by_category = {c: Score() for c in CATEGORIES}
    for row in corpus["sentences"]:
        expected = Counter(row["expect"])
        found = Counter(f.category for f in scan(row["text"], names))
        for category in CATEGORIES:
            score = report.by_category[category]
            hit = min(expected[category], found[category])
            score.tp += hit
            score.fp += found[category] - hit
            score.fn += expected[category] - hit
        if expected != found:
            report.mistakes.append((row["text"], sorted(expected), sorted(found)))
    for score in report.by_category.values():
        report.overall.tp += score.tp
        report.overall.fp += score.fp
        report.overall.fn += score.fn
    return report


def table(report: Report) -> str:
    """A Markdown table of precision and recall per category and overall."""
    lines = [
        "| category | expected | found | correct | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    rows = [*report.by_category.items(), ("overall", report.overall)]
    for name, s in rows:
        counts = f"{s.tp + s.fn} | {s.tp + s.fp} | {s.tp}"
        lines.append(f"| {name} | {counts} | {s.precision:.2f} | {s.recall:.2f} |")
    return "\n".join(lines)
