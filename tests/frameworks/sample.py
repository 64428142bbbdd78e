"""A small valid library file for tests, and ways to break it."""

SAMPLE = """\
id: sample-framework
title: "Sample framework"
version: "1.0"
published: 2026-01-01
description: A small framework for tests.
sources:
  - key: S1
    title: "Source one"
rating_scale:
  levels:
    - {value: 1, label: Outstanding, description: Best, gap: false}
    - {value: 2, label: Good, description: Fine, gap: false}
    - {value: 3, label: Requires improvement, description: Weak, gap: true}
    - {value: 4, label: Inadequate, description: Poor, gap: true}
  confidence:
    - {value: green, label: Robust, gap: false}
    - {value: amber, label: Evidence incomplete, gap: true}
    - {value: red, label: Gaps found, gap: true}
  not_applicable: true
criteria:
  - code: C1
    title: Leadership
    summary: Leaders own it.
    benchmarks:
      - code: C1.1
        text: A named senior leader owns Prevent.
        guidance: Look for a named person with time.
        evidence_prompts: [Organisation chart, Board minutes]
        backed_by: [S1]
      - code: C1.2
        text: Policies are reviewed yearly.
        evidence_prompts: [Policy with review date]
  - code: C2
    title: Speakers
    benchmarks:
      - code: C2.1
        text: External speakers are risk assessed.
        evidence_prompts: [Speaker log]
"""


def sample(version: str = "1.0", **replacements: str) -> str:
    text = SAMPLE.replace('version: "1.0"', f'version: "{version}"')
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return text
