"""The account manager's portfolio (the cockpit) against the trivial signed-in page, in-process
and paired: each round requests the portfolio and /account/preferences/ in a shuffled order as
the same account manager, and the medians of each are compared (issue 17's "within 2x").

Needs a database with `seed_demo --scale large` data, or a smaller shape of it, e.g.

    DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_portfolio \\
      .venv/bin/python manage.py shell -c "from demo.seed_scale import Shape, seed_scale; \\
      seed_scale(password='x', shape=Shape(organisations=1000, people=4, cycles=2, actions=20, \\
      evidence=4, subcontractors=3, growth=(), portfolio=(200, 1000)))"
    DATABASE_URL=... .venv/bin/python benchmarks/portfolio_page.py --label after

It writes results/portfolio-<label>.json. The first request of each account manager is left
out (it may compute every provider's attention score when none is stored yet).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 50)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Plain static URLs: the hashed manifest needs collectstatic, which timing the views does not.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from demo.seed_scale import account_manager_email  # noqa: E402

TRIVIAL = "/account/preferences/"
PORTFOLIO = "/portfolio/"


def _timed(client: Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed


def measure(providers: int, rounds: int) -> dict:
    user = User.objects.get(email=account_manager_email(providers))
    client = Client()
    client.force_login(user)
    _timed(client, PORTFOLIO)
    _timed(client, TRIVIAL)
    times: dict[str, list[float]] = {PORTFOLIO: [], TRIVIAL: []}
    for _ in range(rounds):
        pair = [PORTFOLIO, TRIVIAL]
        random.shuffle(pair)
        for path in pair:
            times[path].append(_timed(client, path))
    page, trivial = statistics.median(times[PORTFOLIO]), statistics.median(times[TRIVIAL])
    return {
        "page": f"portfolio ({providers:,})",
        "providers": providers,
        "rounds": rounds,
        "median_ms": round(page, 1),
        "trivial_median_ms": round(trivial, 1),
        "ratio": round(page / trivial, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="after")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    results = [measure(n, args.rounds) for n in (200, 1000)]
    for row in results:
        print(
            f"{row['page']}: {row['median_ms']} ms, trivial {row['trivial_median_ms']} ms, "
            f"x{row['ratio']}"
        )
    out = ROOT / "benchmarks" / "results" / f"portfolio-{args.label}.json"
    out.write_text(json.dumps({"rounds": args.rounds, "pages": results}, indent=1) + "\n")


if __name__ == "__main__":
    main()
