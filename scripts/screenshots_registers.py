"""Screenshot the register pages, the review calendar and the respond page's register signals.

Usage, against a dev server on the seeded development database:

    DEBUG=true python scripts/screenshots_registers.py [BASE_URL]   (default http://127.0.0.1:8000)

Writes screenshots/registers/NAME.png (1280px) and NAME-mobile.png (390px); prints browser
console errors and CSP violations, and exits 1 if there were any.
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
OUT = ROOT / "screenshots" / "registers"
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-2026")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROBLEMS: list[str] = []


def sign_in(page, email: str) -> None:
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def shoot(page, path: str, name: str, full: bool = True) -> None:
    for width, suffix in ((1280, ""), (390, "-mobile")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{BASE}{path}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / f"{name}{suffix}.png"), full_page=full)
    print("  ", name)


def first_link(page, path: str, pattern: str) -> str:
    page.goto(f"{BASE}{path}")
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    return next(h for h in hrefs if h and re.search(pattern, h))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for org, email in (
            ("riverside-college", "qm@riverside.demo.example"),
            ("northfield-training", "qm@northfield.demo.example"),
        ):
            page = browser.new_page()
            page.on(
                "console",
                lambda m: m.type in ("error", "warning") and PROBLEMS.append(f"{m.type}: {m.text}"),
            )
            sign_in(page, email)
            short = org.split("-")[0]
            base = f"/o/{org}"
            shoot(page, f"{base}/registers/risks/", f"{short}-risks")
            risk = first_link(page, f"{base}/registers/risks/", r"/registers/risks/[0-9a-f-]{36}/$")
            shoot(page, risk, f"{short}-risk")
            shoot(page, f"{base}/import/?kind=risks", f"{short}-risk-import")
            shoot(page, f"{base}/registers/events/", f"{short}-events")
            event = first_link(
                page,
                f"{base}/registers/events/?status=undecided",
                r"/registers/events/[0-9a-f-]{36}/$",
            )
            shoot(page, event, f"{short}-event-undecided")
            shoot(page, f"{base}/registers/samples/", f"{short}-samples")
            sample = first_link(
                page, f"{base}/registers/samples/", r"/registers/samples/[0-9a-f-]{36}/$"
            )
            shoot(page, sample, f"{short}-sample")
            shoot(page, f"{base}/calendar/", f"{short}-calendar")
            shoot(page, f"{base}/calendar/?view=list", f"{short}-calendar-list")
            shoot(page, f"{base}/calendar/feed/", f"{short}-feed")
            assessment = first_link(page, f"{base}/assessments/", r"/assessments/[0-9a-f-]{36}/$")
            for criterion in ("C2", "C6"):
                shoot(
                    page,
                    f"{assessment}respond/?criterion={criterion}",
                    f"{short}-respond-{criterion}",
                )
            page.close()
        browser.close()
    for problem in PROBLEMS:
        print("PROBLEM", problem)
    return 1 if PROBLEMS else 0


if __name__ == "__main__":
    sys.exit(main())
