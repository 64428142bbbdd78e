"""Files fit in a head: no Python file over 400 lines, no function over 60 (the guide's rule),
in app code, tests, benchmarks and scripts alike; migrations and generated files aside.

The allow-lists hold what was over the limit when the rule was enforced (December 2026), at its
size then. They may only shrink: an entry may not grow, and one that has come under the limit
must be deleted, so the list empties as the files are split. `make health` prints the sizes.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "code_health.py"


def _load_script() -> ModuleType:
    # scripts/ holds scripts, not a package: load the file as the script it is.
    spec = importlib.util.spec_from_file_location("code_health", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


health = _load_script()

# Every file and function is within the limits now: a new exception needs a reason here.
LONG_FILES: dict[str, int] = {}
LONG_FUNCTIONS: dict[str, int] = {}


@pytest.fixture(scope="module")
def paths() -> list[str]:
    return health.python_files()


def _problems(sizes: dict[str, int], allowed: dict[str, int], limit: int) -> list[str]:
    problems = []
    for key, size in sorted(sizes.items()):
        if size > allowed.get(key, limit):
            was = f" (allowed {allowed[key]} until it is split)" if key in allowed else ""
            problems.append(f"{key}: {size} lines, over {limit}{was}")
    for key in sorted(allowed):
        if sizes.get(key, 0) <= limit:
            problems.append(f"{key} is within {limit} lines now: delete it from the allow-list")
    return problems


def test_no_file_is_over_400_lines(paths):
    assert health.MAX_FILE_LINES == 400
    assert _problems(health.file_lines(paths), LONG_FILES, health.MAX_FILE_LINES) == []


def test_no_function_is_over_60_lines(paths):
    assert health.MAX_FUNCTION_LINES == 60
    sizes = {f.key: f.lines for f in health.functions(paths)}
    assert _problems(sizes, LONG_FUNCTIONS, health.MAX_FUNCTION_LINES) == []


def test_the_walk_finds_every_kind_of_python_file_but_migrations(paths):
    assert {"manage.py", "scripts/code_health.py", "tests/test_code_health.py"} <= set(paths)
    assert any(p.startswith("benchmarks/") for p in paths)
    assert not any("/migrations/" in p or p.startswith((".venv/", ".git/")) for p in paths)


def test_the_rule_measures_a_function_from_def_to_its_last_line(tmp_path):
    body = "\n".join(f"        x{n} = {n}" for n in range(60))
    (tmp_path / "m.py").write_text(f"class C:\n    @staticmethod\n    def f():\n{body}\n")
    (found,) = [f for f in health.functions(["m.py"], tmp_path) if f.name == "C.f"]
    assert (found.line, found.lines) == (3, 61)
    assert _problems({found.key: found.lines}, {}, health.MAX_FUNCTION_LINES) == [
        "m.py::C.f: 61 lines, over 60"
    ]
    # An allowed entry that shrank under the limit must leave the list.
    assert _problems({"m.py::C.f": 60}, {"m.py::C.f": 61}, health.MAX_FUNCTION_LINES) == [
        "m.py::C.f is within 60 lines now: delete it from the allow-list"
    ]


def test_unscoped_uses_count_code_in_app_modules_only(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "app" / "m.py").write_text(
        '"""Use Model.unscoped deliberately."""\nrows = A.unscoped.all()\nB.unscoped.get(pk=1)\n'
    )
    (tmp_path / "tests" / "t.py").write_text("A.unscoped.all()\n")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "s.py").write_text("A.unscoped.all()\n")
    assert health.unscoped_uses(tmp_path) == {"app/m.py": 2}


def test_the_last_suite_time_comes_from_a_junit_report(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_REPORT", raising=False)
    assert health.last_suite_time(tmp_path).startswith("no pytest report")
    (tmp_path / "junit.xml").write_text(
        '<testsuites><testsuite tests="3" time="12.4"/><testsuite tests="2" time="0.6"/>'
        "</testsuites>"
    )
    summary = health.last_suite_time(tmp_path)
    assert summary.startswith("13 s for 5 tests (report junit.xml, written ")
