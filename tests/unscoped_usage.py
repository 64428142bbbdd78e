"""Finds where code goes round the tenant scope: `Model.unscoped`, `_default_manager`,
`_base_manager`. Counted per enclosing function, without importing Django, so any script can
print the figure.

    .venv/bin/python -m tests.unscoped_usage          # the uses, in the allow-list's format
    .venv/bin/python -m tests.unscoped_usage --total  # just the count
"""

import ast
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESCAPE_HATCHES = frozenset({"unscoped", "_default_manager", "_base_manager"})
NOT_APP_CODE = frozenset({"tests", "benchmarks", "scripts", "node_modules", "static"})


def uses_in_source(source: str, path: str) -> Counter[str]:
    """`"path::function": count` for each escape-hatch attribute read in `source`."""
    found: Counter[str] = Counter()

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = child.name if scope == "<module>" else f"{scope}.{child.name}"
                visit(child, name)
                continue
            if isinstance(child, ast.Attribute) and child.attr in ESCAPE_HATCHES:
                found[f"{path}::{scope}"] += 1
            visit(child, scope)

    visit(ast.parse(source, filename=path), "<module>")
    return found


def app_files(root: Path = ROOT) -> list[Path]:
    """Every Python file of the apps and the project package, migrations and tests aside."""
    files = []
    for top in sorted(p for p in root.iterdir() if p.is_dir()):
        if top.name.startswith(".") or top.name in NOT_APP_CODE:
            continue
        files += [p for p in top.rglob("*.py") if not {"migrations", "tests"} & set(p.parts)]
    return sorted(files)


def current_uses(root: Path = ROOT) -> Counter[str]:
    found: Counter[str] = Counter()
    for path in app_files(root):
        found += uses_in_source(path.read_text(), path.relative_to(root).as_posix())
    return found


def main(argv: list[str]) -> None:
    uses = current_uses()
    if "--total" in argv:
        print(sum(uses.values()))
        return
    for key, count in sorted(uses.items()):
        print(f'    "{key}": {count},')


if __name__ == "__main__":
    main(sys.argv[1:])
