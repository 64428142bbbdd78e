"""How the code measures against the developers' guide: files under 400 lines, functions under
60, the tenancy escape hatch used sparingly, types checked, a quick suite.

    make health        (or: .venv/bin/python scripts/code_health.py [--top N])

Prints the largest Python files and functions (migrations aside), how many are over the limits,
the tenancy escape-hatch uses in app code (tests/unscoped_usage.py's count) by app, mypy's
error count and the last recorded suite time. It only reads the code (mypy aside);
tests/test_code_health.py fails when a file or a function goes over the limit.
"""

import argparse
import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
TESTS_SCANNER = ROOT / "tests" / "unscoped_usage.py"
# Directories that hold no code of ours: tools, caches, build output, and migrations (written
# by makemigrations, read by nobody).
SKIPPED_DIRS = frozenset(
    {"migrations", "node_modules", "__pycache__", "staticfiles", "screenshots", "media"}
)
# Generated Python files, exempt from the limits like migrations (none today).
GENERATED: frozenset[str] = frozenset()
TESTS_DIR = "tests"
# Where a pytest run may have left its report: `pytest --junitxml=junit.xml` or
# pytest-json-report's default `.report.json`; PYTEST_REPORT names another file.
REPORTS = ("junit.xml", "report.xml", ".report.json")


@dataclass(frozen=True)
class Function:
    path: str
    name: str  # qualified within the module: "Class.method", "outer.inner"
    line: int
    lines: int

    @property
    def key(self) -> str:
        return f"{self.path}::{self.name}"


def python_files(root: Path = ROOT) -> list[str]:
    """Every Python file of the project, relative to `root`, migrations and generated files
    aside; hidden directories (.venv, .git, .tools) are not the project's."""
    found = []
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            d for d in subdirectories if not d.startswith(".") and d not in SKIPPED_DIRS
        )
        for name in files:
            if name.endswith(".py"):
                path = (Path(directory) / name).relative_to(root).as_posix()
                if path not in GENERATED:
                    found.append(path)
    return sorted(found)


def _source(path: str, root: Path) -> str:
    return (root / path).read_text(encoding="utf-8")


def file_lines(paths: list[str], root: Path = ROOT) -> dict[str, int]:
    return {path: len(_source(path, root).splitlines()) for path in paths}


class _Definitions(ast.NodeVisitor):
    def __init__(self, path: str) -> None:
        self.path = path
        self.scope: list[str] = []
        self.found: list[Function] = []

    def _enter(self, node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._enter(node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        # From `def` to the last line of the body; decorators are not counted.
        lines = (node.end_lineno or node.lineno) - node.lineno + 1
        name = ".".join([*self.scope, node.name])
        self.found.append(Function(self.path, name, node.lineno, lines))
        self._enter(node)

    visit_AsyncFunctionDef = visit_FunctionDef


def functions(paths: list[str], root: Path = ROOT) -> list[Function]:
    found = []
    for path in paths:
        visitor = _Definitions(path)
        visitor.visit(ast.parse(_source(path, root), filename=path))
        found.extend(visitor.found)
    return found


def unscoped_uses(root: Path = ROOT) -> Counter:
    """Escape-hatch uses in app code, by file: the allow-list test's own scanner, so both count
    the same way (benchmarks, scripts and tests are not app code)."""
    uses: Counter = Counter()
    for key, count in _scanner().current_uses(root).items():
        uses[key.split("::")[0]] += count
    return uses


def _scanner():
    # Loaded from its file: importing it as `tests.unscoped_usage` from a script would need the
    # project root on sys.path, and mypy would see the module under two names.
    spec = importlib.util.spec_from_file_location("unscoped_usage", TESTS_SCANNER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mypy_configured(root: Path) -> bool:
    if (root / "mypy.ini").is_file() or (root / ".mypy.ini").is_file():
        return True
    pyproject = root / "pyproject.toml"
    return pyproject.is_file() and "[tool.mypy]" in pyproject.read_text()


def _baseline_note(root: Path) -> str:
    """How many errors mypy-baseline.txt (`make mypy`'s list of known errors) still tolerates."""
    baseline = root / "mypy-baseline.txt"
    if not baseline.is_file():
        return ""
    lines = baseline.read_text().splitlines()
    known = sum(1 for line in lines if line.strip() and not line.startswith("#"))
    return f"; mypy-baseline.txt lists {known}"


def mypy_errors(root: Path = ROOT) -> str:
    """mypy's error count with the project's configuration, or why there is none."""
    if importlib.util.find_spec("mypy") is None:
        return "mypy not installed"
    if not _mypy_configured(root):
        return "mypy installed but not configured (no mypy.ini or [tool.mypy] naming the files)"
    result = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    summary = (result.stdout.strip().splitlines() or [""])[-1]
    if summary.startswith("Success"):
        return f"0{_baseline_note(root)}"
    found = re.match(r"Found (\d+) errors? in (\d+) files?", summary)
    if found:
        return f"{found[1]} (in {found[2]} files){_baseline_note(root)}"
    return f"mypy did not report a count: {(result.stderr or summary).strip()[:200]}"


def _read_report(path: Path) -> tuple[float, int]:
    """Seconds and tests of a pytest report (JUnit XML or pytest-json-report)."""
    if path.suffix == ".json":
        report = json.loads(path.read_text())
        return report["duration"], report["summary"].get("total", 0)
    element = ElementTree.parse(path).getroot()  # noqa: S314 (our own pytest's report)
    suites = [element] if element.tag == "testsuite" else element.findall("testsuite")
    seconds = sum(float(s.get("time", 0)) for s in suites)
    return seconds, sum(int(s.get("tests", 0)) for s in suites)


def last_suite_time(root: Path = ROOT) -> str:
    candidates = [os.environ["PYTEST_REPORT"]] if os.environ.get("PYTEST_REPORT") else REPORTS
    for name in candidates:
        path = root / name
        if path.is_file():
            seconds, tests = _read_report(path)
            when = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%d %H:%M UTC")
            return f"{seconds:.0f} s for {tests} tests (report {name}, written {when})"
    return "no pytest report (run: .venv/bin/pytest --junitxml=junit.xml)"


def _top_apps(uses: Counter) -> str:
    by_app: Counter = Counter()
    for path, count in uses.items():
        by_app[path.split("/")[0]] += count
    return ", ".join(f"{app} {count}" for app, count in by_app.most_common())


def report(top: int, root: Path = ROOT) -> str:
    paths = python_files(root)
    sizes = file_lines(paths, root)
    defs = functions(paths, root)
    uses = unscoped_uses(root)
    largest_files = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))[:top]
    largest_functions = sorted(defs, key=lambda f: (-f.lines, f.key))[:top]
    long_files = sum(n > MAX_FILE_LINES for n in sizes.values())
    long_functions = sum(f.lines > MAX_FUNCTION_LINES for f in defs)
    lines = [
        f"Code health of {len(paths)} Python files (migrations aside)",
        "",
        f"Largest files (limit {MAX_FILE_LINES} lines)",
        *(f"  {n:5}  {path}" for path, n in largest_files),
        "",
        f"Largest functions (limit {MAX_FUNCTION_LINES} lines)",
        *(f"  {f.lines:5}  {f.path}:{f.line} {f.name}" for f in largest_functions),
        "",
        f"Files over {MAX_FILE_LINES} lines:      {long_files}",
        f"Functions over {MAX_FUNCTION_LINES} lines:   {long_functions}",
        f".unscoped in app code:     {sum(uses.values())} ({_top_apps(uses)})",
        f"mypy errors:               {mypy_errors(root)}",
        f"Last suite time:           {last_suite_time(root)}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="how many files and functions to list")
    print(report(parser.parse_args().top))


if __name__ == "__main__":
    main()
