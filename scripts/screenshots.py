"""Log in as demo users and screenshot the main pages, for a human to look at.

Usage, against a dev server started with DEBUG=true on the seeded development database:

    DEBUG=true python scripts/screenshots.py [BASE_URL]   (default http://127.0.0.1:8000)

Every page is captured at desktop width (1280px, NAME.png) and phone width (390px,
NAME-mobile.png) into screenshots/. Browser console errors and CSP violations are printed.
`SCENES=autosave_states` (comma-separated scene names) takes only those scenes.

Invitation and password-reset links carry tokens, so the script reads them from the same
database with Django (run it with the same environment as the server). To show the
organisation chooser it makes leader@riverside.demo.example a viewer of Northfield Training
through the real invitation flow, once; later runs reuse that membership. The 404 page is
rendered by Django with DEBUG off (the dev server would show its debug page) and handed to the
browser. The script exits with status 1 if the browser reported any problem.
"""

import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright
from screenshots_django import (
    django_ready,
    has_membership,
    invitation_path,
    not_found_html,
    password_reset_path,
)

ROOT = Path(__file__).resolve().parent.parent
BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
OUT = ROOT / "screenshots"
PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-pass-2026")
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
WIDTHS = [(1280, ""), (390, "-mobile")]
HEIGHT = 900

QM = "qm@northfield.demo.example"
VIEWER = "viewer@northfield.demo.example"
AM = "am@demo.example"
STARTER = "new.starter@northfield.demo.example"  # seeded pending invitation, no account yet
TWO_ORGS = "leader@riverside.demo.example"  # gets a second membership, for the chooser
NORTHFIELD = "/o/northfield-training"

PROBLEMS: list[str] = []


# --- Browser helpers ----------------------------------------------------------------------


class Shooter:
    """One signed-in browser context per user, and screenshots at both widths."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.pages: dict[str, Page] = {}

    def page(self, email: str | None) -> Page:
        key = email or "anonymous"
        if key not in self.pages:
            context = self.browser.new_context(viewport={"width": WIDTHS[0][0], "height": HEIGHT})
            page = context.new_page()
            page.on("console", lambda m, key=key, page=page: self._console(key, page, m))
            page.on("pageerror", lambda e, key=key: PROBLEMS.append(f"[{key}] JS error: {e}"))
            if email:
                sign_in(page, email)
            self.pages[key] = page
        return self.pages[key]

    def forget(self, email: str | None) -> None:
        page = self.pages.pop(email or "anonymous", None)
        if page:
            page.context.close()

    @staticmethod
    def _console(key: str, page: Page, message) -> None:
        text = message.text
        # Error pages we open on purpose (400 form errors, the 404) log their own status.
        if text.startswith("Failed to load resource") and message.location.get("url") == page.url:
            return
        if message.type in ("error", "warning") or "Content Security Policy" in text:
            PROBLEMS.append(f"[{key}] console {message.type}: {text} ({message.location})")

    def snap(self, page: Page, name: str) -> None:
        for width, suffix in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.screenshot(path=OUT / f"{name}{suffix}.png", full_page=True)
        page.set_viewport_size({"width": WIDTHS[0][0], "height": HEIGHT})
        print("  ", name)

    def visit(self, email: str | None, path: str, name: str) -> Page:
        page = self.page(email)
        page.goto(BASE + path)
        self.snap(page, name)
        return page


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{BASE}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


# --- Scenes -------------------------------------------------------------------------------


def entrance_pages(s: Shooter) -> None:
    page = s.visit(None, "/accounts/login/", "login")
    page.keyboard.press("Tab")
    s.snap(page, "login-focus-skip-link")
    page.get_by_label("Email").focus()
    s.snap(page, "login-focus-email")
    # An address with no account, so failed attempts never lock a demo user out.
    page.fill("input[name=login]", "someone.else@northfield.demo.example")
    page.fill("input[name=password]", "not the password")
    page.get_by_role("button", name="Sign in").click()
    s.snap(page, "login-error")
    s.visit(None, "/accounts/password/reset/", "password-reset")
    page.fill("input[name=email]", "nobody-in-particular@demo.example")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    s.snap(page, "password-reset-done")


def password_reset_from_key(s: Shooter) -> None:
    page = s.visit(None, password_reset_path(VIEWER), "password-reset-from-key")
    page.fill("input[name=password1]", "short")
    page.fill("input[name=password2]", "different")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    s.snap(page, "password-reset-from-key-error")
    s.forget(None)


def invitation_signup(s: Shooter) -> None:
    path = invitation_path(STARTER, "northfield-training")
    if not path:
        print("   (no pending invitation for", STARTER, "- skipping the sign-up page)")
        return
    page = s.visit(None, path, "invitation-signup")
    page.get_by_label("Your full name").fill("Sam Starter")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_label("Type the password again").fill("different")
    page.get_by_role("button", name="Create account and join").click()
    s.snap(page, "invitation-signup-error")
    s.visit(None, "/invitations/00000000-0000-0000-0000-000000000000/nope/", "invitation-bad-link")
    s.forget(None)


def qm_pages(s: Shooter) -> None:
    s.visit(QM, "/", "qm-org-home")
    s.visit(QM, f"{NORTHFIELD}/dashboard/", "qm-dashboard")
    page = s.visit(QM, f"{NORTHFIELD}/members/", "qm-members")
    page.get_by_role("link", name="Remove Tom Hughes").click()
    page.wait_for_load_state()
    s.snap(page, "qm-member-remove-confirm")
    page.goto(f"{BASE}{NORTHFIELD}/members/")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("button", name="Send invitation").click()
    s.snap(page, "qm-members-invite-error")
    page.goto(f"{BASE}{NORTHFIELD}/")
    page.locator("details.user-menu > summary").click()
    s.snap(page, "qm-user-menu-open")
    page.keyboard.press("Escape")
    page.locator("details.switcher > summary").click()
    s.snap(page, "qm-org-switcher-open")
    page.keyboard.press("Escape")
    page.get_by_role("navigation", name="Northfield Training").get_by_role(
        "link", name="People"
    ).focus()
    s.snap(page, "qm-nav-focus")


def account_pages(s: Shooter) -> None:
    s.visit(QM, "/accounts/2fa/", "qm-2fa")
    page = s.page(QM)
    page.goto(f"{BASE}/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth asks again when the sign-in is not recent
        s.snap(page, "qm-reauthenticate")
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    s.snap(page, "qm-2fa-totp-activate")
    page.locator("input[name=code]").fill("123456")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    s.snap(page, "qm-2fa-totp-activate-error")
    s.visit(QM, "/accounts/email/", "qm-email")
    s.visit(QM, "/accounts/password/change/", "qm-password-change")
    s.visit(QM, "/accounts/logout/", "qm-logout")


def not_found(s: Shooter) -> None:
    html = not_found_html(QM, "/o/riverside-college/", urlsplit(BASE).hostname or "localhost")
    page = s.page(QM)
    page.route(
        f"{BASE}/__404__",
        lambda route: route.fulfill(status=404, body=html, content_type="text/html"),
    )
    page.goto(f"{BASE}/__404__")
    s.snap(page, "qm-404")
    page.unroute(f"{BASE}/__404__")


def viewer_pages(s: Shooter) -> None:
    s.visit(VIEWER, f"{NORTHFIELD}/members/", "viewer-members")


def account_manager_pages(s: Shooter) -> None:
    s.visit(AM, "/portfolio/", "am-cockpit")
    page = s.visit(AM, "/portfolio/onboard/", "am-onboard")
    page.get_by_label("Provider name").fill("Hilltop Skills Academy")
    page.get_by_label("UKPRN").fill("1234")
    page.get_by_label("Provider type").select_option(index=1)
    page.get_by_label("Main contact's name").fill("Jo Bloggs")
    page.get_by_label("Main contact's email").fill("jo@hilltop")
    page.get_by_label("First quality manager's email").fill("qm@hilltop.demo.example")
    page.get_by_role("button", name="Onboard and send invitation").click()
    s.snap(page, "am-onboard-error")
    s.visit(AM, "/o/riverside-college/", "am-org-home")


def two_memberships(s: Shooter) -> None:
    """leader@riverside joins Northfield as a viewer through an invitation, then chooses."""
    org = "northfield-training"
    if not has_membership(TWO_ORGS, org):
        if not invitation_path(TWO_ORGS, org):
            page = s.page(QM)
            page.goto(f"{BASE}{NORTHFIELD}/members/")
            page.get_by_label("Email address").fill(TWO_ORGS)
            page.get_by_label("Role", exact=True).select_option(label="Viewer")
            page.get_by_role("button", name="Send invitation").click()
            s.snap(page, "qm-members-invited")
        path = invitation_path(TWO_ORGS, org)
        s.visit(None, path, "invitation-sign-in")
        s.forget(None)
        page = s.visit(TWO_ORGS, path, "invitation-join")
        page.get_by_role("button", name="Join Northfield Training").click()
        page.wait_for_load_state()
        s.snap(page, "invitation-joined")
    s.visit(TWO_ORGS, "/", "two-orgs-chooser")
    page = s.visit(TWO_ORGS, "/o/riverside-college/", "two-orgs-org-home")
    page.locator("details.switcher > summary").click()
    s.snap(page, "two-orgs-switcher-open")


def autosave_states(s: Shooter) -> None:
    """One response card saved, failed (the save answered 500) and retrying, at both widths.
    The failures are made in the browser (route interception); the server is not touched."""
    page = s.page(QM)
    year = date.today().year
    title = f"{year}/{str(year + 1)[2:]} annual Prevent self-assessment"
    page.goto(f"{BASE}{NORTHFIELD}/assessments/")
    page.get_by_role("link", name=title, exact=True).click()
    page.get_by_role("link", name="Rate the benchmarks").click()
    page.get_by_role("navigation", name="Criteria").get_by_role(
        "link", name=re.compile(r"^C5 ")
    ).click()
    card = page.get_by_role("article", name=re.compile(r"^C5\.1 "))
    narrative = card.get_by_label("What we do well")
    saves = re.compile(r"/responses/[0-9a-f-]+/$")
    held: list = []
    for width, suffix in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        narrative.fill(f"Every concern in the last term was acted on within a day ({width}).")
        narrative.press("Tab")
        card.get_by_text("Saved at").wait_for()
        card.screenshot(path=OUT / f"autosave-saved{suffix}.png", caret="initial")

        page.route(saves, lambda route: route.fulfill(status=500, body="Server error"))
        narrative.fill(f"Staff training reached 96% of staff this year ({width}).")
        narrative.press("Tab")
        card.get_by_role("alert").wait_for()
        card.screenshot(path=OUT / f"autosave-failed{suffix}.png", caret="initial")

        page.unroute(saves)
        page.route(saves, lambda route: held.append(route))  # the retry waits for an answer
        card.get_by_role("button", name="Try again now").click()
        card.get_by_text("Trying again to save").wait_for()
        card.screenshot(path=OUT / f"autosave-retrying{suffix}.png", caret="initial")
        held.pop().continue_()
        card.get_by_text("Saved at").wait_for()
        page.unroute(saves)
        print("   autosave states", width)
    # The failures above were made on purpose: drop the browser's reports of them.
    made = re.compile(r"/responses/|Response Status Error Code 500")
    PROBLEMS[:] = [p for p in PROBLEMS if not made.search(p)]
    page.set_viewport_size({"width": WIDTHS[0][0], "height": HEIGHT})


SCENES: list[tuple[Callable[[Shooter], None], bool]] = [
    # (scene, needs Django for tokens)
    (entrance_pages, False),
    (password_reset_from_key, True),
    (invitation_signup, True),
    (qm_pages, False),
    (autosave_states, False),
    (account_pages, False),
    (not_found, True),
    (viewer_pages, False),
    (account_manager_pages, False),
    (two_memberships, True),
]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with_django = django_ready()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        shooter = Shooter(browser)
        only = os.environ.get("SCENES", "").split(",")  # e.g. SCENES=autosave_states
        for scene, needs_django in SCENES:
            if (needs_django and not with_django) or (only != [""] and scene.__name__ not in only):
                continue
            print(scene.__name__)
            scene(shooter)
        browser.close()
    print(f"\nScreenshots in {OUT}")
    if PROBLEMS:
        print("\nBrowser problems:")
        for problem in PROBLEMS:
            print(" ", problem)
        sys.exit(1)


if __name__ == "__main__":
    main()
