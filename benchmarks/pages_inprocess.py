"""The heaviest pages against the trivial logged-in page, in one process (no server, no network).

A quicker companion to `benchmarks/pages.py` for working on one page: Django's test client with
DEBUG off (so the cached template loader is used), signed in as the page's person, alternates the
page with the trivial page (`/account/preferences/`) in random order and reports the median of
each and their ratio. `--profile NAME` instead profiles one page with cProfile and prints where
its time goes (cumulative and own time).

The account manager's portfolio is measured too, as the account managers of 200 and 1,000
providers, when the database has them (`portfolio=(200, 1000)` in the shape; the first request of
each is left out with the warm-up, as it may compute every provider's attention score).

Needs the `scale-0000` organisation of demo/seed_scale.py; a small scale is enough:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_bench DEBUG=true \
    .venv/bin/python manage.py shell -c "from django.conf import settings; \
    from demo.seed_scale import Shape, seed_scale; \
    seed_scale(password=settings.DEMO_PASSWORD, shape=Shape(organisations=2, growth=(), \
    portfolio=()))"
  (for the portfolio: Shape(organisations=1000, people=4, cycles=2, actions=20, evidence=4,
  subcontractors=3, growth=(), portfolio=(200, 1000)))
  DATABASE_URL=... .venv/bin/python benchmarks/pages_inprocess.py --rounds 40 \
    --output benchmarks/results/pages-inprocess.json [--only dashboard] [--profile respond]
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRIVIAL = "/account/preferences/"
ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-" + "x" * 50,
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
}


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest DEBUG off reads


#: (name, path, the email of the person who requests it)
Page = tuple[str, str, str]


def pages(portfolios: tuple[int, ...] = (200, 1000)) -> list[Page]:
    """The pages measured: scale-0000's as its quality manager, and each portfolio there is."""
    from django.contrib.auth import get_user_model

    from assessments.models import Assessment
    from demo.seed_scale import account_manager_email, person_email, scale_slug

    org = scale_slug(0)
    manager = person_email(org, 0)
    latest = Assessment.unscoped.filter(organisation__slug=org).latest("created_at")
    assessment = f"/o/{org}/assessments/{latest.code}/"
    found = [
        ("dashboard", f"/o/{org}/dashboard/", manager),
        ("respond", assessment + "respond/", manager),
        ("action plan, regular (100)", f"/o/{org}/actions/", manager),
        ("summary", assessment + "summary/", manager),
        ("org home", f"/o/{org}/", manager),
    ]
    users = get_user_model().objects
    for providers in portfolios:
        email = account_manager_email(providers)
        if users.filter(email=email).exists():
            found.append((f"portfolio ({providers:,})", "/portfolio/", email))
    return found


def clients(selected: list[Page]) -> dict[str, Any]:
    """A signed-in test client per person."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    browsers = {}
    for email in {page[2] for page in selected}:
        browsers[email] = Client()
        browsers[email].force_login(get_user_model().objects.get(email=email))
    return browsers


def timed(browser, path: str) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one request (CPU time: this process only, so the
    database's share is left out, and so is waiting for the processor on a busy machine)."""
    start, cpu = time.perf_counter(), time.process_time()
    response = browser.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    b"".join(response) if response.streaming else response.content
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def measure(browsers: dict[str, Any], selected: list[Page], rounds: int) -> list[dict]:
    """Each page and the trivial page, as the same person, in random order within each round."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in selected}
    trivial: dict[str, list[tuple[float, float]]] = {name: [] for name, *_ in selected}
    for _name, path, email in selected:  # warm each page (templates, connections, scores)
        timed(browsers[email], path)
        timed(browsers[email], TRIVIAL)
    for _ in range(rounds):
        order = selected[:]
        random.shuffle(order)
        for name, path, email in order:
            browser = browsers[email]
            if random.random() < 0.5:
                trivial[name].append(timed(browser, TRIVIAL))
                times[name].append(timed(browser, path))
            else:
                times[name].append(timed(browser, path))
                trivial[name].append(timed(browser, TRIVIAL))
    return [
        row(browsers[email], name, path, times[name], trivial[name])
        for name, path, email in selected
    ]


def row(browser, name: str, path: str, times: list, trivial: list) -> dict:
    wall, cpu = [t[0] for t in times], [t[1] for t in times]
    page, base = statistics.median(wall), statistics.median(t[0] for t in trivial)
    page_cpu, base_cpu = statistics.median(cpu), statistics.median(t[1] for t in trivial)
    return {
        "page": name,
        "group": "page",
        "path": path,
        "requests": len(times),
        "median_ms": round(page, 1),
        "p95_ms": round(statistics.quantiles(wall, n=20)[-1], 1),
        "trivial_median_ms": round(base, 1),
        "ratio": round(page / base, 2),
        "cpu_median_ms": round(page_cpu, 1),
        "trivial_cpu_median_ms": round(base_cpu, 1),
        "cpu_ratio": round(page_cpu / base_cpu, 2),
        "bytes": len(browser.get(path).content),
    }


def profile(browser, path: str, rounds: int, limit: int, callees: str = "") -> None:
    timed(browser, path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        timed(browser, path)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    if callees:  # where one function's time goes, a level down
        stats.sort_stats("cumulative").print_callees(callees)
        return
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--only", default="", help="comma-separated parts of page names")
    parser.add_argument("--profile", default="", help="a part of one page's name")
    parser.add_argument("--limit", type=int, default=45, help="rows of the profile shown")
    parser.add_argument("--callees", default="", help="with --profile: a function's callees")
    parser.add_argument("--output", default="")
    parser.add_argument(
        "--portfolios", default="200,1000", help="the portfolio sizes measured, where seeded"
    )
    args = parser.parse_args()
    setup()
    selected = pages(tuple(int(n) for n in args.portfolios.split(",") if n))
    if args.only:
        wanted = args.only.split(",")
        selected = [p for p in selected if any(w in p[0] for w in wanted)]
    browsers = clients(selected)
    if args.profile:
        _name, path, email = next(p for p in selected if args.profile in p[0])
        profile(browsers[email], path, args.rounds, args.limit, args.callees)
        return
    rows = measure(browsers, selected, args.rounds)
    print(
        f"{'page':<28} {'median ms':>9} {'trivial':>8} {'x':>6} "
        f"{'CPU ms':>7} {'trivial':>8} {'x':>6} {'KB':>5}"
    )
    for r in rows:
        print(
            f"{r['page']:<28} {r['median_ms']:>9} {r['trivial_median_ms']:>8} {r['ratio']:>6} "
            f"{r['cpu_median_ms']:>7} {r['trivial_cpu_median_ms']:>8} {r['cpu_ratio']:>6} "
            f"{r['bytes'] // 1024:>5}"
        )
    if args.output:
        result = {
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "how": "in-process (benchmarks/pages_inprocess.py), Django test client, DEBUG off",
            "rounds": args.rounds,
            "database": os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1],
            "pages": rows,
        }
        Path(args.output).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
