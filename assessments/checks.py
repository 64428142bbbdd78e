"""Judgement checks shown before a self-evaluation is submitted.

Inspectors look for judgements backed by evidence and narratives that evaluate impact rather
than describe activity; these checks point at the places that would not convince them.
"""

import re
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.utils import timezone

from assessments.models import Assessment, Response
from frameworks.register_signals import Signal, signals_for

# Words that show a narrative judges how well something works, not just that it happens.
EVALUATIVE = re.compile(
    r"\b(effective(ly|ness)?|impact|improv(e|ed|es|ing|ement)|evaluat(e|ed|ion|es)|"
    r"consistent(ly)?|as a result|because|demonstrat(e|es|ed)|shows?|showed|evidenced?|"
    r"strong(ly|er)?|weak(ness|er)?|well|robust|confident(ly)?|measur(e|ed|able)|"
    r"reduc(e|ed|tion)|increas(e|ed)|outcome|so that|which means|led to|proved?|"
    r"success(ful|fully)?|inconsistent|gap)\b",
    re.IGNORECASE,
)
MIN_WORDS_TO_JUDGE = 6


@dataclass(frozen=True)
class Finding:
    kind: str
    benchmark_code: str
    response_code: UUID
    message: str
    blocking: bool = False


def _responses(assessment: Assessment) -> list[Response]:
    return list(
        assessment.responses.select_related("benchmark")
        .prefetch_related("evidence")
        .order_by("benchmark__criterion__position", "benchmark__position")
    )


def judgement_checks(
    assessment: Assessment, responses: list[Response] | None = None
) -> list[Finding]:
    version = assessment.framework_version
    gap_levels = version.gap_levels
    gap_confidence = version.gap_confidence
    today: date = timezone.localdate()
    findings: list[Finding] = []
    responses = responses if responses is not None else _responses(assessment)
    live = signals_for(
        assessment.organisation, [k for r in responses for k in r.benchmark.signals], today
    )
    for r in responses:
        code = r.benchmark.code

        def add(kind: str, message: str, blocking: bool = False, r=r, code=code) -> None:
            findings.append(Finding(kind, code, r.code, message, blocking))

        if not r.is_answered:
            add("unanswered", f"{code} has no level and evidence confidence yet.", blocking=True)
            continue
        if r.not_applicable:
            continue
        evidence = list(r.evidence.all())
        level = version.level(r.level)
        confidence = version.confidence(r.confidence)
        if not evidence and not r.registers_cited:
            add("no_evidence", f"{code} is rated {level.label.lower()} but has no evidence linked.")
        if r.level not in gap_levels:
            for signal in _contradicting(r, live):
                add(
                    "register_contradicts",
                    f"{code} is rated {level.label.lower()}, but the "
                    f"{signal.register.title.lower()} says: {' '.join(signal.warnings)}",
                )
        if r.level not in gap_levels and r.confidence in gap_confidence:
            add(
                "strong_level_weak_evidence",
                f"{code} is rated {level.label.lower()} while evidence confidence is "
                f"{confidence.label.lower()} ({r.confidence}). A strong level needs robust "
                "evidence.",
            )
        words = len(r.strengths.split())
        if words >= MIN_WORDS_TO_JUDGE and not EVALUATIVE.search(r.strengths):
            add(
                "descriptive_narrative",
                f"“What we do well” for {code} describes activity but does not evaluate it. Say "
                "how well it works and how you know.",
            )
        elif 0 < words < MIN_WORDS_TO_JUDGE or (not r.strengths.strip() and r.level is not None):
            add("thin_narrative", f"“What we do well” for {code} is too short to show a judgement.")
        for item in evidence:
            if item.valid_until and item.valid_until < today:
                # Checks are read by everyone: a restricted item is never named.
                name = "Restricted evidence" if item.is_restricted else f"Evidence “{item.title}”"
                add(
                    "expired_evidence",
                    f"{name} linked to {code} expired on {item.valid_until:%-d %B %Y}.",
                )
    return findings


def _contradicting(response: Response, live: dict[str, Signal]) -> list[Signal]:
    """The live signals informing this benchmark that a strong level would contradict."""
    signals = [live[k] for k in response.benchmark.signals if k in live]
    return [s for s in signals if not s.ok]


def blocking_problems(assessment: Assessment) -> list[str]:
    unanswered = [f for f in judgement_checks(assessment) if f.blocking]
    if not unanswered:
        return []
    codes = ", ".join(f.benchmark_code for f in unanswered[:8])
    more = f" and {len(unanswered) - 8} more" if len(unanswered) > 8 else ""
    return [
        f"{len(unanswered)} benchmark{'s' if len(unanswered) != 1 else ''} still "
        f"need{'s' if len(unanswered) == 1 else ''} a judgement: {codes}{more}."
    ]


# How each kind of check is counted on the review panel ("36 of 42 benchmarks ...").
GROUP_LABELS = {
    "no_evidence": "have no evidence linked",
    "register_contradicts": "are rated strongly while a live register warns otherwise",
    "strong_level_weak_evidence": "rest a strong level on red or amber evidence",
    "descriptive_narrative": "describe activity without evaluating it",
    "thin_narrative": "have a narrative too short to show a judgement",
    "expired_evidence": "cite evidence that has expired",
}


@dataclass(frozen=True)
class CheckGroup:
    kind: str
    label: str
    benchmarks: int  # how many benchmarks this kind of check was found on
    findings: list[tuple[Finding, str]]  # each finding with the link to its benchmark


def check_groups(findings: list[Finding], response_urls: dict[UUID, str]) -> list[CheckGroup]:
    """The non-blocking findings grouped by kind, in the order of GROUP_LABELS, each linked to
    its benchmark on the respond page (`response_urls`: response code -> URL)."""
    groups = []
    for kind, label in GROUP_LABELS.items():
        found = [f for f in findings if f.kind == kind and not f.blocking]
        if found:
            groups.append(
                CheckGroup(
                    kind=kind,
                    label=label,
                    benchmarks=len({f.benchmark_code for f in found}),
                    findings=[(f, response_urls.get(f.response_code, "")) for f in found],
                )
            )
    return groups
