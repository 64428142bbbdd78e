"""Reading framework library files (YAML) with errors that name the line to fix.

`parse_library_text` turns a file into plain data or raises `LibraryError` listing every problem
with its line number; `framework_load` (in services.py) stores it.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from frameworks.library_extras import (
    check_benchmark_extras,
    check_criterion_topic,
    check_due_days,
    check_report_card_areas,
    check_unique_keys,
    settle_topics,
)
from frameworks.register_signals import known_signal_keys
from frameworks.welsh import check_welsh

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
MAX_BYTES = 1_000_000


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.MarkedYAMLError(
                problem=f"the key '{key}' appears twice", problem_mark=key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}" if self.line else self.message


class LibraryError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def line_of(self, mapping: Any, key: str) -> int:
        if isinstance(mapping, LineDict):
            return mapping.key_lines.get(key, mapping.line)
        return 0

    def text(self, mapping: Any, key: str, where: str, required: bool = True) -> str:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(self.line_of(mapping, key), f"{where} needs a '{key}'.")
            return ""
        if not isinstance(value, str | int | float):
            self.fail(self.line_of(mapping, key), f"{where}: '{key}' must be text.")
            return ""
        return str(value).strip()

    def items(self, mapping: Any, key: str, where: str, minimum: int = 1) -> list:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if not isinstance(value, list) or len(value) < minimum:
            self.fail(
                self.line_of(mapping, key),
                f"{where} needs a list '{key}' with at least {minimum} item(s).",
            )
            return []
        return value

    def mapping(self, value: Any, line: int, where: str) -> bool:
        if not isinstance(value, dict):
            self.fail(line, f"{where} must be a mapping of keys to values.")
            return False
        return True


def _check_scale(c: _Checker, root: LineDict) -> dict:
    scale = root.get("rating_scale")
    if not c.mapping(scale, c.line_of(root, "rating_scale"), "rating_scale"):
        return {}
    result: dict[str, Any] = {
        "not_applicable": bool(scale.get("not_applicable", True)),
        "confidence_title": c.text(scale, "confidence_title", "", required=False),
        "cy": check_welsh(c, scale, "rating_scale", "rating_scale"),
    }
    for key, kind in (("levels", int), ("confidence", str)):
        options = []
        seen = set()
        for option in c.items(scale, key, "rating_scale", minimum=2):
            if not c.mapping(option, c.line_of(scale, key), f"Each of rating_scale.{key}"):
                continue
            value = option.get("value")
            if not isinstance(value, kind) or isinstance(value, bool):
                expected = "a whole number" if kind is int else "text"
                c.fail(
                    c.line_of(option, "value"), f"rating_scale.{key}: 'value' must be {expected}."
                )
                continue
            if value in seen:
                c.fail(c.line_of(option, "value"), f"rating_scale.{key}: {value!r} appears twice.")
            seen.add(value)
            gap = option.get("gap", False)
            if not isinstance(gap, bool):
                c.fail(c.line_of(option, "gap"), "'gap' must be true or false.")
            options.append(
                {
                    "value": value,
                    "label": c.text(option, "label", f"rating_scale.{key} {value!r}"),
                    "description": c.text(option, "description", "", required=False),
                    "gap": bool(gap),
                    "due_days": check_due_days(c, option, f"rating_scale.{key} {value!r}"),
                    "cy": check_welsh(c, option, "scale option", f"rating_scale.{key} {value!r}"),
                }
            )
        result[key] = options
    return result


def _check_signals(c: _Checker, benchmark: Any, where: str) -> list[str]:
    """Optional: the live register signals that inform a benchmark (see FORMAT.md)."""
    signals = benchmark.get("signals", [])
    line = c.line_of(benchmark, "signals")
    if not isinstance(signals, list) or not all(isinstance(s, str) for s in signals):
        c.fail(line, f"{where}: 'signals' must be a list of signal names.")
        return []
    known = known_signal_keys()
    for key in signals:
        if key not in known:
            names = ", ".join(sorted(known)) or "none are registered"
            c.fail(line, f"{where}: there is no register signal '{key}' (known: {names}).")
    if len(set(signals)) != len(signals):
        c.fail(line, f"{where}: a signal is named twice.")
    return list(dict.fromkeys(signals))


def _check_code(c: _Checker, mapping: Any, where: str, codes: set[str]) -> str:
    """A criterion's or benchmark's code: present and unique in the file."""
    code = c.text(mapping, "code", where)
    if code in codes:
        c.fail(c.line_of(mapping, "code"), f"The code {code} is used twice.")
    codes.add(code)
    return code


def _text_items(c: _Checker, mapping: Any, key: str, where: str) -> list[str]:
    value = mapping.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        c.fail(c.line_of(mapping, key), f"{where}: '{key}' must be a list of text.")
        return []
    return [v.strip() for v in value]


def _check_backed_by(c: _Checker, benchmark: Any, where: str, source_keys: set[str]) -> list[str]:
    backed_by = benchmark.get("backed_by", [])
    if not isinstance(backed_by, list):
        c.fail(c.line_of(benchmark, "backed_by"), f"{where}: 'backed_by' must be a list.")
        return []
    for key in backed_by:
        if key not in source_keys:
            c.fail(
                c.line_of(benchmark, "backed_by"),
                f"{where} is backed by '{key}', which is not in sources.",
            )
    return [str(k) for k in backed_by]


@dataclass
class _CriterionContext:
    """What a benchmark is checked against: its criterion and the file's keys and codes."""

    criterion: Any
    code: str
    codes: set[str]
    source_keys: set[str]
    area_keys: set[str]


def _check_benchmark(c: _Checker, benchmark: Any, within: _CriterionContext) -> dict:
    code = _check_code(c, benchmark, f"A benchmark of Criterion {within.code or '?'}", within.codes)
    where = f"Benchmark {code or '?'}"
    if within.code and code and not code.startswith(within.code):
        c.fail(
            c.line_of(benchmark, "code"),
            f"{where} belongs to Criterion {within.code}, so its code must start with "
            f"{within.code}.",
        )
    prompts = _text_items(c, benchmark, "evidence_prompts", where)
    backed_by = _check_backed_by(c, benchmark, where, within.source_keys)
    return {
        "signals": _check_signals(c, benchmark, where),
        "code": code,
        "text": c.text(benchmark, "text", where),
        "guidance": c.text(benchmark, "guidance", where, required=False),
        "evidence_prompts": prompts,
        "backed_by": backed_by,
        "cy": check_welsh(c, benchmark, "benchmark", where),
        **check_benchmark_extras(
            c,
            benchmark,
            where,
            source_keys=within.source_keys,
            area_keys=within.area_keys,
            criterion=within.criterion,
        ),
    }


def _check_criteria(
    c: _Checker, root: LineDict, source_keys: set[str], area_keys: set[str]
) -> list[dict]:
    criteria = []
    codes: set[str] = set()
    for criterion in c.items(root, "criteria", "The framework"):
        if not c.mapping(criterion, c.line_of(root, "criteria"), "Each criterion"):
            continue
        code = _check_code(c, criterion, "A criterion", codes)
        where = f"Criterion {code or '?'}"
        within = _CriterionContext(criterion, code, codes, source_keys, area_keys)
        benchmarks = [
            _check_benchmark(c, benchmark, within)
            for benchmark in c.items(criterion, "benchmarks", where)
            if c.mapping(benchmark, c.line_of(criterion, "benchmarks"), "Each benchmark")
        ]
        dfe_area = criterion.get("dfe_area", [])
        criteria.append(
            {
                "code": code,
                "title": c.text(criterion, "title", where),
                "summary": c.text(criterion, "summary", where, required=False),
                "dfe_area": [str(a) for a in dfe_area] if isinstance(dfe_area, list) else [],
                "topic": check_criterion_topic(c, criterion, where),
                "cy": check_welsh(c, criterion, "criterion", where),
                "benchmarks": benchmarks,
            }
        )
    return criteria


def parse_library_text(text: str) -> dict[str, Any]:
    """Validate a library file; return its content as plain data or raise LibraryError."""
    if len(text.encode()) > MAX_BYTES:
        raise LibraryError([Problem(0, "The file is larger than 1 MB.")])
    try:
        root = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise LibraryError([Problem(line, f"This is not valid YAML: {exc.problem}.")]) from exc
    except yaml.YAMLError as exc:
        raise LibraryError([Problem(0, f"This is not valid YAML: {exc}.")]) from exc
    c = _Checker()
    if not c.mapping(root, 1, "The file"):
        raise LibraryError(c.problems)

    framework_id = c.text(root, "id", "The framework")
    if framework_id and not SLUG.match(framework_id):
        c.fail(
            c.line_of(root, "id"),
            "The id may contain only lowercase letters, digits and hyphens.",
        )
    published = root.get("published")
    if published is not None and not isinstance(published, date):
        c.fail(c.line_of(root, "published"), "'published' must be a date such as 2026-09-01.")
        published = None
    sources = []
    for source in root.get("sources", []) or []:
        if c.mapping(source, c.line_of(root, "sources"), "Each source"):
            sources.append(
                {
                    "key": c.text(source, "key", "A source"),
                    "title": c.text(source, "title", "A source"),
                    "publisher": c.text(source, "publisher", "", required=False),
                    "url": c.text(source, "url", "", required=False),
                    "year": source.get("year"),
                    "unconfirmed": c.text(source, "unconfirmed", "", required=False),
                }
            )
    areas = check_report_card_areas(c, root)
    data = {
        "id": framework_id,
        "title": c.text(root, "title", "The framework"),
        "version": c.text(root, "version", "The framework"),
        "published": published,
        "description": c.text(root, "description", "", required=False),
        "cy": check_welsh(c, root, "framework", "The framework"),
        "sources": sources,
        "scale": _check_scale(c, root),
        "report_card_areas": areas,
        "criteria": _check_criteria(
            c, root, {s["key"] for s in sources}, {a["key"] for a in areas}
        ),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
    }
    check_unique_keys(c, data["criteria"])
    settle_topics(c, data["id"], data["version"], data["criteria"])
    if c.problems:
        raise LibraryError(sorted(c.problems, key=lambda p: p.line))
    return data
