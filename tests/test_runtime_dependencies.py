"""App code imports only what `make run` installs (requirements.txt), not test-only packages:
a dev-only import in a runtime path breaks a fresh machine's demo (pypdf did, in the upload
check) while every test still passes, because tests install both files."""

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
NOT_RUNTIME = {"tests", "benchmarks", "scripts", "node_modules", "static", "templates", "media"}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _runtime_distributions() -> set[str]:
    text = (ROOT / "requirements.txt").read_text()
    return {_normalise(m) for m in re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", text, re.M)}


def _app_files() -> list[Path]:
    tops = [p for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    return [
        path
        for top in tops
        if top.name not in NOT_RUNTIME
        for path in top.rglob("*.py")
        if "migrations" not in path.parts
    ]


def _imported_top_levels(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_app_code_imports_only_runtime_dependencies():
    runtime = _runtime_distributions()
    local = {p.name for p in ROOT.iterdir() if p.is_dir()}
    distributions = packages_distributions()
    missing = []
    for path in _app_files():
        for name in _imported_top_levels(path):
            if name in sys.stdlib_module_names or name in local:
                continue
            owners = {_normalise(d) for d in distributions.get(name, [])}
            if not owners & runtime:
                missing.append(f"{path.relative_to(ROOT)} imports {name} ({sorted(owners)})")
    assert not missing, "Not in requirements.txt (add it to requirements.in):\n" + "\n".join(
        sorted(missing)
    )
