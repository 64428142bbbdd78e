"""Run mypy and hold it to mypy-baseline.txt, which may only shrink.

    python scripts/mypy_baseline.py          # check (make mypy; part of make test and make lint)
    python scripts/mypy_baseline.py update   # rewrite the baseline after fixing errors

An error is known by its file, error code and message, not its line number, so an edit that moves
code does not break the check. The check fails on any error the baseline does not list, and also
when listed errors no longer occur (run `make mypy-baseline` and commit the smaller file). The
strict modules (the `[[tool.mypy.overrides]]` in pyproject.toml with disallow_untyped_defs) may
have no baseline entries at all: their errors are always reported. `update` refuses to add
entries; `update --accept-new` is for the two changes that bring known errors under a new
signature without adding any: moving or renaming a file (its entries move with it), and a newer
mypy or stubs package. Say which in the commit.
"""

import argparse
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
HEADER = (
    "# mypy errors that predate the type check, one per line: file: [code] message.\n"
    "# It may only shrink: fix one, then run `make mypy-baseline`. Never add to it by hand.\n"
)
MYPY_ARGS = ["--no-pretty", "--no-error-summary", "--hide-error-context", "--no-color-output"]
ERROR_LINE = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+): error: (?P<message>.*?)  \[(?P<code>[a-z-]+)\]$"
)
# Messages that quote a line number ("already defined on line 12") would move with the code.
LINE_IN_MESSAGE = re.compile(r"\bline \d+\b")
# django-stubs makes up names for a model's date getters ("get_next_by_created_at-redefinition4")
# and reports them clashing between two abstract bases; whether it does depends on mypy's cache
# (a cold run reports none, a warm one may), so these are left out rather than counted.
STUBS_REDEFINITION = re.compile(r'Definition of "[a-z_]+-redefinition\d*" in base class')


def _normalised(text: str) -> str:
    return LINE_IN_MESSAGE.sub("line N", text)


class MypyFailed(Exception):
    """mypy could not check the code (a crash or a configuration error), as opposed to errors."""


def signature(path: str, code: str, message: str) -> str:
    return f"{path}: [{code}] {_normalised(message)}"


def parse(output: str) -> tuple[Counter[str], dict[str, list[str]]]:
    """Each error's signature with its count, and where each occurs (path:line, for reports)."""
    found: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    for line in output.splitlines():
        match = ERROR_LINE.match(line)
        if match is None:
            continue  # notes, and the lines that continue a note
        if STUBS_REDEFINITION.search(match["message"]):
            continue
        key = signature(match["path"], match["code"], match["message"])
        found[key] += 1
        where.setdefault(key, []).append(f"{match['path']}:{match['line']}")
    return found, where


def run_mypy() -> tuple[Counter[str], dict[str, list[str]]]:
    result = subprocess.run(  # noqa: S603 (a fixed command: this Python's mypy)
        [sys.executable, "-m", "mypy", *MYPY_ARGS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode not in (0, 1):
        raise MypyFailed((result.stdout + result.stderr).strip())
    found, where = parse(result.stdout)
    if result.returncode == 1 and not found:
        raise MypyFailed(f"mypy failed but reported no error lines:\n{result.stdout.strip()}")
    return found, where


def read_baseline() -> Counter[str]:
    if not BASELINE.is_file():
        return Counter()
    lines = BASELINE.read_text().splitlines()
    return Counter(_normalised(line) for line in lines if line.strip() and not line.startswith("#"))


def write_baseline(errors: Counter[str]) -> None:
    BASELINE.write_text(HEADER + "".join(f"{key}\n" for key in sorted(errors.elements())))


def strict_prefixes() -> tuple[str, ...]:
    """Path prefixes of the strict modules, read from pyproject.toml (`core.*` -> `core/`)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    prefixes = []
    for override in config["tool"]["mypy"].get("overrides", []):
        if override.get("disallow_untyped_defs"):
            modules = override["module"]
            for module in [modules] if isinstance(modules, str) else modules:
                prefixes.append(module.removesuffix(".*").replace(".", "/") + "/")
    return tuple(prefixes)


def _show(title: str, keys: Counter[str], where: dict[str, list[str]] | None = None) -> None:
    print(title)
    for key in sorted(keys):
        places = f"  ({', '.join(where[key])})" if where else ""
        count = f"{keys[key]} x " if keys[key] > 1 else ""
        print(f"  {count}{key}{places}")


def compare(
    found: Counter[str], baseline: Counter[str], strict: tuple[str, ...]
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(new errors, baseline entries fixed, baseline entries in strict modules)."""
    new = found - baseline
    new.update({k: n - new[k] for k, n in found.items() if k.startswith(strict)})
    fixed = baseline - found
    in_strict = Counter({k: n for k, n in baseline.items() if k.startswith(strict)})
    return new, fixed, in_strict


def check() -> int:
    found, where = run_mypy()
    strict = strict_prefixes()
    new, fixed, in_strict = compare(found, read_baseline(), strict)
    if in_strict:
        _show("mypy-baseline.txt lists errors in strict modules (not allowed):", in_strict)
    if new:
        _show("New mypy errors (fix them; the baseline never grows):", new, where)
    if fixed:
        _show(
            "Fixed, but still in mypy-baseline.txt (run `make mypy-baseline` and commit it):",
            fixed,
        )
    if new or fixed or in_strict:
        return 1
    total = sum(found.values())
    print(f"mypy: {total} known errors, all in the baseline; none in {', '.join(strict)}")
    return 0


def update(*, accept_new: bool) -> int:
    found, where = run_mypy()
    strict = strict_prefixes()
    in_strict = Counter({k: n for k, n in found.items() if k.startswith(strict)})
    if in_strict:
        _show("Errors in strict modules never go in the baseline; fix them:", in_strict, where)
        return 1
    new = found - read_baseline()
    if new and not accept_new:
        _show("These errors are new; fix them (or see --accept-new):", new, where)
        return 1
    write_baseline(found)
    print(f"mypy-baseline.txt: {sum(found.values())} entries")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run mypy against mypy-baseline.txt.")
    parser.add_argument("command", nargs="?", choices=["check", "update"], default="check")
    parser.add_argument(
        "--accept-new",
        action="store_true",
        help="let update add entries (a file moved, or mypy or stubs upgraded)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            return update(accept_new=args.accept_new)
        return check()
    except MypyFailed as exc:
        print(f"mypy could not run:\n{exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
