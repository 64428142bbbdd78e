"""scripts/mypy_baseline.py: errors are matched by file, code and message; the baseline only
shrinks; the strict modules have no entries. (`make mypy` runs mypy itself; this runs no mypy.)"""

import importlib.util
from collections import Counter

from django.conf import settings

SCRIPT = settings.BASE_DIR / "scripts" / "mypy_baseline.py"
_spec = importlib.util.spec_from_file_location("mypy_baseline", SCRIPT)
assert _spec and _spec.loader
baseline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(baseline)

OUTPUT = """\
ev/forms.py:142: error: Item "None" of "dict[str, Any] | None" has no attribute "get"  [union-attr]
ev/forms.py:148: error: Item "None" of "dict[str, Any] | None" has no attribute "get"  [union-attr]
ev/forms.py:150: note: Maybe you forgot to use "await"?
demo/seed.py:52: error: Name "seed" already defined on line 12  [no-redef]
"""
GET = 'ev/forms.py: [union-attr] Item "None" of "dict[str, Any] | None" has no attribute "get"'
REDEF = 'demo/seed.py: [no-redef] Name "seed" already defined on line N'


def test_errors_are_known_by_file_code_and_message_not_by_line():
    found, where = baseline.parse(OUTPUT)
    assert found == Counter({GET: 2, REDEF: 1})
    assert where[GET] == ["ev/forms.py:142", "ev/forms.py:148"]
    moved, _ = baseline.parse(OUTPUT.replace(":142:", ":160:").replace("line 12", "line 30"))
    assert moved == found


def test_a_new_error_fails_even_when_the_same_message_is_known_once():
    known = Counter({GET: 1, REDEF: 1})
    new, fixed, in_strict = baseline.compare(baseline.parse(OUTPUT)[0], known, ("core/",))
    assert new == Counter({GET: 1})
    assert not fixed
    assert not in_strict


def test_a_fixed_error_must_leave_the_baseline():
    known = Counter({GET: 2, REDEF: 1, "reporting/x.py: [misc] Gone": 1})
    new, fixed, _ = baseline.compare(baseline.parse(OUTPUT)[0], known, ("core/",))
    assert not new
    assert fixed == Counter({"reporting/x.py: [misc] Gone": 1})


def test_strict_modules_never_take_a_baseline_entry():
    strict_error = "core/db.py: [no-untyped-def] Function is missing a type annotation"
    found = Counter({strict_error: 1})
    new, _, in_strict = baseline.compare(found, Counter({strict_error: 1}), ("core/",))
    assert new == Counter({strict_error: 1})
    assert in_strict == Counter({strict_error: 1})


def test_the_committed_baseline_has_no_entry_in_a_strict_module():
    strict = baseline.strict_prefixes()
    assert {"core/", "tenancy/"} <= set(strict)
    listed = [key for key in baseline.read_baseline() if key.startswith(strict)]
    assert not listed, f"strict modules in mypy-baseline.txt: {listed}"
