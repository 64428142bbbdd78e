"""Every page against the trivial logged-in page, on the production-like stack.

Serves the project with gunicorn (DEBUG off, one sync worker, access log with the server time of
each request), logs in through the real allauth form as each person the pages need, then runs
shuffled rounds: every page once per round, each paired with a request for the trivial page
(`/account/preferences/`, same person) in random order. Server times come from the access log
(`%(D)s`, microseconds, to the last byte of a streamed response), matched by a request header.
Writes medians, p95, bytes and the ratio of each page's median to its pairs' trivial median to
`results/pages.json`, and prints the table. Ratios measured in one run are robust to a busy
machine; absolute milliseconds are not.

Needs the dataset of `seed_demo --scale large` (see demo/seed_scale.py):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pc_bench \
    .venv/bin/python benchmarks/pages.py --port 8170 --rounds 30 [--only plan,evidence]
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TRIVIAL = "/account/preferences/"
SERVER_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "SECURE_COOKIES": "false",
    "SECURE_HSTS_SECONDS": "0",
}


@dataclass
class Page:
    name: str
    email: str
    path: str
    group: str = "page"  # "page": must be within 2x; "growth": a series; "export": a file
    times: list[float] = field(default_factory=list)
    trivial: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)


def pages(growth: list[int]) -> list[Page]:
    """The pages of issue 17, with the codes they need read from the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prevent_compliance.settings")
    os.environ.update(SERVER_ENV)
    import django

    django.setup()
    from assessments.models import Assessment
    from demo.seed_scale import account_manager_email, growth_slug, person_email, scale_slug

    def latest(slug: str) -> str:
        assessment = Assessment.unscoped.filter(organisation__slug=slug).latest("created_at")
        return f"/o/{slug}/assessments/{assessment.code}/"

    from django.contrib.auth import get_user_model

    from demo.seed_scale import scale_totp

    for providers in (200, 1000):  # their authenticator, readable under the server's key
        scale_totp(get_user_model().objects.get(email=account_manager_email(providers)), renew=True)
    org = scale_slug(0)
    qm, staff = person_email(org, 0), person_email(org, 2)
    found = [
        Page("org home", qm, f"/o/{org}/"),
        Page("dashboard", qm, f"/o/{org}/dashboard/"),
        Page("respond", qm, latest(org) + "respond/"),
        Page("summary", qm, latest(org) + "summary/"),
        Page("action plan, regular (100)", qm, f"/o/{org}/actions/"),
        Page("evidence list, regular (10)", qm, f"/o/{org}/evidence/"),
        Page("register, regular (10)", qm, f"/o/{org}/subcontractors/"),
        Page("my work, regular", staff, f"/o/{org}/my-work/"),
        Page("portfolio (200)", account_manager_email(200), "/portfolio/"),
        Page("portfolio (1,000)", account_manager_email(1000), "/portfolio/"),
    ]
    for size in growth:
        slug = growth_slug(size)
        qm = person_email(slug, 0)
        found += [
            Page(f"action plan ({size:,})", qm, f"/o/{slug}/actions/", "growth"),
            Page(f"evidence list ({size:,})", qm, f"/o/{slug}/evidence/", "growth"),
            Page(f"register ({size:,})", qm, f"/o/{slug}/subcontractors/", "growth"),
            Page(f"notifications ({size:,})", qm, "/notifications/", "growth"),
            Page(f"my work ({size:,})", person_email(slug, 2), f"/o/{slug}/my-work/", "growth"),
            Page(f"respond ({size:,} evidence)", qm, latest(slug) + "respond/", "growth"),
            Page(f"actions CSV ({size:,})", qm, f"/o/{slug}/actions/export.csv", "export"),
            Page(f"XLSX ({size:,} actions)", qm, latest(slug)[:-1] + "/export.xlsx", "export"),
        ]
    return found


class Client:
    """One person's browser: a cookie jar and the CSRF token, logged in through the form."""

    def __init__(self, base: str, email: str, password: str) -> None:
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.get("/accounts/login/")
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        form = {"login": email, "password": password, "csrfmiddlewaretoken": token}
        body = self.request("/accounts/login/", urllib.parse.urlencode(form).encode())
        if b'name="code"' in body:  # two-factor: account managers (demo/seed_scale.py's secret)
            body = self.second_factor()
        if "Sign out" not in body.decode() and "logout" not in body.decode():
            raise SystemExit(f"Could not log in as {email}")

    def second_factor(self) -> bytes:
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        from demo.seed_scale import SCALE_TOTP_SECRET

        code = format_hotp_value(hotp_value(SCALE_TOTP_SECRET, int(time.time()) // 30))
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        form = {"code": code, "csrfmiddlewaretoken": token}
        return self.request("/accounts/2fa/authenticate/", urllib.parse.urlencode(form).encode())

    def request(self, path: str, data: bytes | None = None, tag: str = "") -> bytes:
        headers = {"X-Bench-Id": tag or "setup", "Referer": self.base + path}
        req = urllib.request.Request(self.base + path, data=data, headers=headers)
        with self.opener.open(req, timeout=600) as response:
            return response.read()

    def get(self, path: str, tag: str = "") -> bytes:
        return self.request(path, tag=tag)


def serve(port: int, log: Path) -> subprocess.Popen:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT, env={**os.environ, **SERVER_ENV}, check=True,
    )  # fmt: skip
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "prevent_compliance.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "600",
        "--access-logfile", str(log),
        "--access-logformat", "%({x-bench-id}i)s %(s)s %(D)s %(B)s",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **SERVER_ENV})
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def server_times(log: Path) -> dict[str, tuple[int, float, int]]:
    """Request id -> (status, milliseconds, bytes) from the access log."""
    found = {}
    for line in log.read_text().splitlines():
        match = re.fullmatch(r"(\S+) (\d+) (\d+) (\S+)", line.strip())
        if match:
            tag, status, micros, size = match.groups()
            found[tag] = (int(status), int(micros) / 1000, int(size) if size.isdigit() else 0)
    return found


def run_rounds(selected: list[Page], clients: dict[str, Client], rounds: int) -> list[tuple]:
    """Returns (page, tag, trivial tag, client-side bytes) for every pair made."""
    pairs = []
    for _ in range(rounds):
        order = selected[:]
        random.shuffle(order)
        for page in order:
            client = clients[page.email]
            tag, trivial_tag = uuid.uuid4().hex, uuid.uuid4().hex
            first_trivial = random.random() < 0.5
            if first_trivial:
                client.get(TRIVIAL, trivial_tag)
            size = len(client.get(page.path, tag))
            if not first_trivial:
                client.get(TRIVIAL, trivial_tag)
            pairs.append((page, tag, trivial_tag, size))
    return pairs


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def summarise(selected: list[Page], pairs: list[tuple], log: Path) -> list[dict]:
    times = server_times(log)
    for page, tag, trivial_tag, size in pairs:
        status, millis, _ = times[tag]
        if status != 200:
            raise SystemExit(f"{page.name}: HTTP {status}")
        page.times.append(millis)
        page.trivial.append(times[trivial_tag][1])
        page.sizes.append(size)
    return [
        {
            "page": page.name,
            "group": page.group,
            "path": page.path,
            "requests": len(page.times),
            "median_ms": round(statistics.median(page.times), 1),
            "p95_ms": round(p95(page.times), 1),
            "trivial_median_ms": round(statistics.median(page.trivial), 1),
            "ratio": round(statistics.median(page.times) / statistics.median(page.trivial), 2),
            "bytes": max(page.sizes),
        }
        for page in selected
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8170)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--growth", default="10,100,1000,10000")
    parser.add_argument("--only", default="", help="comma-separated parts of page names")
    parser.add_argument("--output", default=str(ROOT / "benchmarks/results/pages.json"))
    args = parser.parse_args()
    from django.conf import settings

    selected = pages([int(n) for n in args.growth.split(",") if n])
    if args.only:
        wanted = args.only.split(",")
        selected = [p for p in selected if any(w in p.name for w in wanted)]
    log = Path(tempfile.mkstemp(prefix="pages-", suffix=".log")[1])
    server = serve(args.port, log)
    try:
        base = f"http://127.0.0.1:{args.port}"
        people = sorted({p.email for p in selected})
        clients = {e: Client(base, e, settings.DEMO_PASSWORD) for e in people}
        for page in selected:  # warm each page once (templates, connections) before timing
            clients[page.email].get(page.path)
        pairs = run_rounds(selected, clients, args.rounds)
        time.sleep(1)  # the access log is written after the response
    finally:
        server.terminate()
        server.wait()
    rows = summarise(selected, pairs, log)
    report(rows, args)


def report(rows: list[dict], args: argparse.Namespace) -> None:
    result = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rounds": args.rounds,
        "database": os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1],
        "pages": rows,
    }
    Path(args.output).write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'page':<32} {'median ms':>10} {'p95 ms':>8} {'trivial':>8} {'x':>6} {'KB':>8}")
    for row in rows:
        print(
            f"{row['page']:<32} {row['median_ms']:>10} {row['p95_ms']:>8} "
            f"{row['trivial_median_ms']:>8} {row['ratio']:>6} {row['bytes'] // 1024:>8}"
        )


if __name__ == "__main__":
    main()
