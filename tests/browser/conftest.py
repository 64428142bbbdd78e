"""Real headless Chromium (Playwright) against pytest-django's live server.

The browser is Debian's /usr/bin/chromium: never `playwright install`. Without it these tests
skip, unless REQUIRE_BROWSER=1 (CI), when they fail: a browser test can never pass silently.

Every page a test opens is watched: a CSP violation, a JavaScript error or any failed request
(a missing favicon included) fails the test.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import give_mfa_if_required, totp_code

CHROMIUM = Path("/usr/bin/chromium")
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
TIMEOUT_MS = 15_000


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER", "") in {"1", "true", "yes"}:
        pytest.fail(f"REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items) -> None:
    """Browser tests run last (stable sort): once Playwright has started, the rest of the session
    runs with DJANGO_ALLOW_ASYNC_UNSAFE set, and no other test should see that variable (the
    `check --deploy` test rightly rejects it)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - it is in requirements-dev.txt
        _unavailable("Playwright for Python is not installed")
    # Playwright's sync API keeps an asyncio loop running in this thread, so Django would refuse
    # the ORM calls that tests make between browser steps (seeding, reading invitation links).
    # They never run concurrently with the live server's requests, so this is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class ConsoleWatch:
    """What the browser reported while a test ran; `problems` must stay empty."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.problems: list[str] = []

    def console(self, message) -> None:
        text = message.text
        self.messages.append(f"{message.type}: {text}")
        if message.type == "error" or "Content Security Policy" in text or "Refused to" in text:
            self.problems.append(f"console {message.type}: {text} ({message.location})")

    def page_error(self, error) -> None:
        self.problems.append(f"JavaScript error: {error}")

    def response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def unreported(self) -> list[str]:
        problems, self.problems = self.problems, []
        return problems


def _fail_on_browser_problems(page) -> None:
    watch = getattr(page, "console_watch", None)
    problems = watch.unreported() if watch else []
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A console problem fails the test itself (not only its teardown)."""
    result = yield  # when the test has already failed, that failure is reported as it is
    if "page" in getattr(item, "funcargs", {}):
        _fail_on_browser_problems(item.funcargs["page"])
    return result


@pytest.fixture
def seeded(transactional_db):
    """The demo organisations and people, as `make run` has them (without the demo PDFs)."""
    from tests.demo_snapshot import demo_world_build

    demo_world_build(packs=False)


@pytest.fixture
def page(browser, live_server, seeded):
    """A fresh browser context on the live server; fails the test on any console problem."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = ConsoleWatch()
    page.on("console", watch.console)
    page.on("pageerror", watch.page_error)
    page.on("response", watch.response)
    page.console_watch = watch
    yield page
    context.close()
    _fail_on_browser_problems(page)  # anything reported after the test body finished


@pytest.fixture
def sign_in(page):
    """Sign in through the real login form, with the keyboard-friendly labelled fields."""

    def sign_in(email: str, password: str | None = None) -> None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(email=email).first()
        if user is not None:
            give_mfa_if_required(user)  # account managers and admins have an authenticator
        page.goto("/accounts/login/")
        page.get_by_label("Email address").fill(email)
        page.get_by_label("Password", exact=True).fill(password or settings.DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if "/accounts/2fa/authenticate/" in page.url:
            page.get_by_label("Code", exact=True).fill(totp_code())
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state()

    return sign_in
