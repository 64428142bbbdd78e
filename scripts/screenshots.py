"""Log in as demo users and screenshot the main pages, for a human to look at.

Usage: python scripts/screenshots.py [BASE_URL]  (default http://127.0.0.1:8000)
The PNGs go to screenshots/.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path("screenshots")
PASSWORD = "demo-pass-2026"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PAGES = {
    "qm@northfield.demo.example": ["/", "/o/northfield-training/members/"],
    "viewer@northfield.demo.example": ["/o/northfield-training/members/"],
    "am@demo.example": ["/portfolio/", "/portfolio/onboard/", "/o/riverside-college/"],
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, suffix in [(1280, ""), (390, "-mobile")]:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.on("console", lambda m: print("console:", m.type, m.text))
            page.goto(f"{BASE}/accounts/login/")
            page.screenshot(path=OUT / f"login{suffix}.png", full_page=True)
            for email, paths in PAGES.items():
                page.context.clear_cookies()
                page.goto(f"{BASE}/accounts/login/")
                page.fill("input[name=login]", email)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                for path in paths:
                    page.goto(BASE + path)
                    name = email.split("@")[0] + path.replace("/", "_")
                    page.screenshot(path=OUT / f"{name}{suffix}.png", full_page=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
