"""Concurrent autosaves against a real `runserver`, as `make run` serves it (demo seed).

Three browsers (the Northfield quality manager in two of them, its contributor in the third)
save responses the way the respond page does: each card posts its whole form with the revision
it last saw, one save at a time per card (htmx's `hx-sync`), several cards at once per browser.
Scenarios: each browser on its own cards, then all three on the same cards (a refused save is
answered with "Keep my version", as a person would), paced (20 saves each in 10 s) and as a
burst (20 saves each, no pause). Pages are reloaded mid-run, so reads mix with the writes.

Afterwards a fresh browser reads every card back and compares it with what was typed last
(own cards) or with the save the server confirmed last (shared cards). Reports server errors,
conflicts, values lost and latency; writes `results/concurrent_autosave-<database>-<label>.json`.

    .venv/bin/python benchmarks/concurrent_autosave.py --database sqlite --label after
    .venv/bin/python benchmarks/concurrent_autosave.py --database postgresql --label after

PostgreSQL uses (and recreates) BENCH_DATABASE_URL, by default
postgres://postgres@127.0.0.1:5432/pc_i9_autosave; SQLite a throwaway file.
"""

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

from demo_server import prepare_database, start_server

ROOT = Path(__file__).resolve().parent.parent

RESULTS = ROOT / "benchmarks" / "results"
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-2026")
ORG = "northfield-training"
SAVES_PER_BROWSER = 20
PACED_SECONDS = 10.0


# --- a browser ------------------------------------------------------------------------------


@dataclass
class Card:
    benchmark: str
    code: str
    action: str
    revision: int
    levels: list[str]
    confidences: list[str]
    evidence: list[str]
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Outcome:
    browser: str
    benchmark: str
    status: int  # 0: no answer (connection refused or reset)
    seconds: float
    conflict_panel: bool = False
    revision: int | None = None
    sent: dict | None = None


ARTICLE = re.compile(
    r'<article class="response-card[^"]*" id="response-([0-9a-f-]+)".*?</article>', re.S
)


def _values(html: str, code: str, name: str) -> list[str]:
    return re.findall(rf'name="r-{code}-{name}" value="([^"]*)"', html)


def parse_cards(page: str) -> dict[str, Card]:
    cards = {}
    for match in ARTICLE.finditer(page):
        html, code = match.group(0), match.group(1)
        action = re.search(r'<form method="post" action="([^"#]+)', html)
        if not action:
            continue  # read-only card
        benchmark = re.search(r'<span class="code">([^<]+)</span>', html).group(1)
        cards[benchmark] = Card(
            benchmark=benchmark,
            code=code,
            action=unescape(action.group(1)),
            revision=int(_values(html, code, "revision")[0]),
            levels=_values(html, code, "level"),
            confidences=[v for v in _values(html, code, "confidence") if v],
            evidence=_values(html, code, "evidence"),
        )
    return cards


def stored_values(page: str, card: Card) -> dict:
    """What the page shows for a card: the saved state, read back through the app."""
    html = re.search(rf'id="response-{card.code}".*?</article>', page, re.S).group(0)

    def checked(name: str) -> list[str]:
        return re.findall(rf'name="r-{card.code}-{name}" value="([^"]*)"[^>]*checked', html)

    def text(name: str) -> str:
        found = re.search(
            rf'<textarea name="r-{card.code}-{name}"[^>]*>(.*?)</textarea>', html, re.S
        )
        return unescape(found.group(1)).strip("\r\n") if found else ""

    return {
        "level": (checked("level") or [""])[0],
        "confidence": (checked("confidence") or [""])[0],
        "strengths": text("strengths"),
        "improvements": text("improvements"),
        "evidence": sorted(checked("evidence")),
    }


class Browser:
    def __init__(self, name: str, base: str) -> None:
        self.name, self.base = name, base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, data: list | None = None, htmx: bool = False) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            request.add_header("X-CSRFToken", self.csrf())
            request.add_header("Referer", self.base + path)
        if htmx:
            request.add_header("HX-Request", "true")
        try:
            with self.opener.open(request, timeout=60) as reply:
                return reply.status, reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except OSError:
            return 0, ""

    def sign_in(self, email: str) -> None:
        self.request("/accounts/login/")
        status, page = self.request("/accounts/login/", [("login", email), ("password", PASSWORD)])
        if status != 200 or "Sign out" not in page:
            raise RuntimeError(f"{self.name} could not sign in as {email} ({status})")

    def respond_page(self, assessment_path: str, criterion: str) -> tuple[int, str]:
        return self.request(f"{assessment_path}respond/?criterion={criterion}")

    def save(self, card: Card, sent: dict, resolve: bool = False) -> Outcome:
        """One autosave as htmx posts it; keeps the card's revision in step like the page."""
        data = [
            (f"r-{card.code}-revision", card.revision),
            (f"r-{card.code}-level", sent["level"]),
            (f"r-{card.code}-confidence", sent["confidence"]),
            (f"r-{card.code}-strengths", sent["strengths"]),
            (f"r-{card.code}-improvements", sent["improvements"]),
        ] + [(f"r-{card.code}-evidence", pk) for pk in sent["evidence"]]
        if resolve:
            data.append(("resolve", "mine"))
        started = time.perf_counter()
        status, body = self.request(card.action, data, htmx=True)
        outcome = Outcome(self.name, card.benchmark, status, time.perf_counter() - started)
        outcome.sent = sent
        if status == 200:
            found = re.search(rf'name="r-{card.code}-revision" value="(\d+)"', body)
            outcome.revision = int(found.group(1)) if found else None
            if outcome.revision is not None:
                card.revision = outcome.revision
        elif status == 409:
            outcome.conflict_panel = 'class="save-status conflict"' in body
        return outcome


# --- the scenarios --------------------------------------------------------------------------


def typed(browser: str, card: Card, n: int) -> dict:
    """A different judgement on every save, so a lost one shows in the read-back."""
    return {
        "level": card.levels[n % len(card.levels)],
        "confidence": card.confidences[n % len(card.confidences)],
        "strengths": f"{browser} on {card.benchmark}, save {n}: staff act on concerns quickly.",
        "improvements": f"{browser} save {n}: audit referrals each term.",
        "evidence": sorted(card.evidence[: 1 + n % max(1, len(card.evidence))]),
    }


def run_browser(browser, cards, assessment_path, criterion, paced, outcomes, reads) -> None:
    """20 saves spread over this browser's cards; one at a time per card, cards in parallel."""
    interval = PACED_SECONDS / SAVES_PER_BROWSER if paced else 0.0
    start = time.monotonic()

    def one(n: int) -> None:
        card = cards[n % len(cards)]
        with card.lock:  # hx-sync="this:queue last": a card's saves never overlap
            sent = typed(browser.name, card, n)
            tries = [browser.save(card, sent)]
            if tries[0].status == 409 and tries[0].conflict_panel:
                tries.append(browser.save(card, sent, resolve=True))  # "Keep my version"
            outcomes.append(Save(browser.name, card.benchmark, sent, tries))

    with ThreadPoolExecutor(max_workers=len(cards)) as pool:
        for n in range(SAVES_PER_BROWSER):
            time.sleep(max(0.0, start + n * interval - time.monotonic()))
            pool.submit(one, n)
            if n == SAVES_PER_BROWSER // 2:  # a reload mid-run: reads among the writes
                reads.append(browser.respond_page(assessment_path, criterion)[0])


@dataclass
class Save:
    """One save a person made: its request, and "Keep my version" after a conflict."""

    browser: str
    benchmark: str
    sent: dict
    tries: list[Outcome]

    @property
    def confirmed_revision(self) -> int | None:
        last = self.tries[-1]
        return last.revision if last.status == 200 else None


def expected_value(saves: list[Save], benchmark: str, shared: bool) -> dict | None:
    """Own cards: what the person typed last. Shared cards: the save confirmed last."""
    on_card = [s for s in saves if s.benchmark == benchmark]
    if shared:
        on_card = [s for s in on_card if s.confirmed_revision]
        on_card.sort(key=lambda s: s.confirmed_revision)
    return on_card[-1].sent if on_card else None


def _read_back(plan, cards_of, saves: list[Save], assessment_path, reader) -> tuple[list, int]:
    """Cards whose stored values differ from what was expected, and how many were compared."""
    shared = len({c for _, codes in plan.values() for c in codes}) < sum(
        len(codes) for _, codes in plan.values()
    )
    lost, checked = [], 0
    for criterion, codes in {v[0]: v for v in plan.values()}.values():
        page = reader.respond_page(assessment_path, criterion)[1]
        for code in codes:
            card = next(c for cs in cards_of.values() for c in cs if c.benchmark == code)
            stored, expected = stored_values(page, card), expected_value(saves, code, shared)
            checked += 1
            if expected is not None and stored != expected:
                lost.append(
                    f"{code}: stored {stored['strengths']!r}, typed {expected['strengths']!r}"
                )
    return lost, checked


def _request_figures(saves: list[Save]) -> dict:
    requests = [t for save in saves for t in save.tries]
    seconds = sorted(o.seconds for o in requests)
    conflicts = [o for o in requests if o.status == 409]
    return {
        "requests": len(requests),
        "statuses": dict(Counter(str(o.status) for o in requests)),
        "server_errors": sum(1 for o in requests if o.status >= 500 or o.status == 0),
        "conflicts": len(conflicts),
        "conflicts_with_both_versions_shown": sum(o.conflict_panel for o in conflicts),
        "saves_not_confirmed": sum(1 for s in saves if not s.confirmed_revision),
        "save_seconds_median": round(statistics.median(seconds), 3),
        "save_seconds_p95": round(seconds[int(0.95 * (len(seconds) - 1))], 3),
        "save_seconds_max": round(seconds[-1], 3),
    }


def run_scenario(name, plan, assessment_path, paced, reader) -> dict:
    """`plan`: browser -> (criterion, benchmark codes). Shared cards when plans overlap."""
    saves: list[Save] = []
    reads: list[int] = []
    cards_of = {}
    for browser, (criterion, codes) in plan.items():
        parsed = parse_cards(browser.respond_page(assessment_path, criterion)[1])
        cards_of[browser] = [parsed[code] for code in codes]
    threads = [
        threading.Thread(
            target=run_browser,
            args=(b, cards_of[b], assessment_path, plan[b][0], paced, saves, reads),
        )
        for b in plan
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    lost, checked = _read_back(plan, cards_of, saves, assessment_path, reader)
    return {
        "scenario": name,
        "browsers": len(plan),
        "saves": len(saves),
        "paced_over_seconds": PACED_SECONDS if paced else 0,
        "page_reloads": len(reads),
        "page_reload_errors": sum(1 for s in reads if s != 200),
        "cards_read_back": checked,
        "values_lost": len(lost),
        "lost": lost[:10],
        "wall_seconds": round(wall, 2),
        **_request_figures(saves),
    }


def find_assessment(browser: Browser) -> str:
    year = datetime.now(UTC).year
    title = f"{year}/{str(year + 1)[2:]} annual Prevent self-assessment"
    page = browser.request(f"/o/{ORG}/assessments/")[1]
    found = re.search(rf'href="(/o/{ORG}/assessments/[0-9a-f-]+/)"[^>]*>{re.escape(title)}<', page)
    if not found:
        raise RuntimeError("The demo's current self-evaluation was not found.")
    return found.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--label", default="after", help="e.g. before / after the fix")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8120)))
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="autosave-bench-"))
    log_path = workdir / "runserver.log"
    server = start_server(prepare_database(args.database, workdir), args.port, log_path)
    try:
        base = f"http://127.0.0.1:{args.port}"
        qm_a, qm_b, staff, reader = (Browser(n, base) for n in ("qm-1", "qm-2", "staff", "reader"))
        for browser, email in ((qm_a, "qm"), (qm_b, "qm"), (staff, "staff"), (reader, "qm")):
            browser.sign_in(f"{email}@northfield.demo.example")
        assessment = find_assessment(reader)
        own = {
            qm_a: ("C1", ["C1.1", "C1.2", "C1.3"]),
            qm_b: ("C2", ["C2.1", "C2.2", "C2.3"]),
            staff: ("C4", ["C4.1", "C4.2", "C4.3"]),  # the contributor's assigned criterion
        }
        same = {b: ("C4", ["C4.4", "C4.5"]) for b in (qm_a, qm_b, staff)}
        scenarios = [
            run_scenario("different responses, paced", own, assessment, True, reader),
            run_scenario("same responses, paced", same, assessment, True, reader),
            run_scenario("different responses, burst", own, assessment, False, reader),
            run_scenario("same responses, burst", same, assessment, False, reader),
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)
    log = log_path.read_text()
    result = {
        "database": args.database,
        "label": args.label,
        "commit": os.environ.get("BENCH_COMMIT")  # when run from an exported tree
        or subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "server": "manage.py runserver (threaded, DEBUG=true, demo seed), as `make run`",
        "scenarios": scenarios,
        "server_log_database_locked": log.count("database is locked"),
        "server_log_tracebacks": log.count("Traceback (most recent call last)"),
        "totals": {
            key: sum(s[key] for s in scenarios)
            for key in (
                "saves",
                "requests",
                "server_errors",
                "conflicts",
                "saves_not_confirmed",
                "values_lost",
            )
        },
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"concurrent_autosave-{args.database}-{args.label}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
