"""Every page people see is valid HTML, checked by the Nu HTML Checker (vnu.jar, on Java).

The pages come from the URL walk, so a new view is checked without anyone adding it here: every
organisation and user page that answers GET, rendered with the test client as each role in the
role table, plus the pages reached without an account (sign-in, a subcontractor's questionnaire,
a dead share link, an invitation, the not-found page). All of them go to ONE run of the
checker (its start-up is most of its cost). Any error fails the test; warnings do not.

`make test` and `.ci/run` install the checker into .tools/ (npm package vnu-jar). Without it the
test skips locally and fails under CI.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from core.access import ORGANISATION, USER
from tenancy.models import Invitation, Organisation
from tenancy.scope import tenant_scope
from tests.isolation import url_values_for
from tests.test_role_matrix import DEMO_USER_FOR
from tests.urlwalk import routes_of_kind

VNU_JAR = Path(settings.BASE_DIR) / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist"
VNU_JAR = VNU_JAR / "vnu.jar"
ORG = "northfield-training"

pytestmark = pytest.mark.django_db


def _java() -> str:
    java = shutil.which("java")
    missing = [] if java else ["java (apt-get install openjdk-17-jre-headless)"]
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR} (make html-checker)")
    if missing:
        if os.environ.get("CI", "") in {"1", "true", "yes"}:
            pytest.fail(f"The HTML checker cannot run: missing {', '.join(missing)}")
        pytest.skip(f"missing {', '.join(missing)}")
    return java or "java"


def _full_page(response) -> str | None:
    """The HTML of a whole document (not an htmx fragment, a file or a redirect)."""
    if not 200 <= response.status_code < 500 or 300 <= response.status_code < 400:
        return None
    if "text/html" not in response.get("Content-Type", ""):
        return None
    html = response.content.decode()
    return html if html.lstrip().lower().startswith("<!doctype html") else None


def _member_pages(organisation: Organisation):
    """(label, client response) for every GET page of the organisation and user, per role."""
    routes = [
        route
        for route in routes_of_kind(ORGANISATION) + routes_of_kind(USER)
        if "GET" in route.allowed_methods
    ]
    for holder, email in DEMO_USER_FOR.items():
        client = Client()
        client.force_login(get_user_model().objects.get(email=email))
        for route in routes:
            url = route.url(url_values_for(route, organisation))
            yield f"{holder} {url}", client.get(url)


def _public_pages(organisation: Organisation):
    from subcontractors.links import link_mint
    from subcontractors.models import AWAITING_SUBCONTRACTOR, DueDiligenceReview, EmailKind

    anonymous = Client()
    yield "sign in", anonymous.get("/accounts/login/")
    yield "password reset", anonymous.get("/accounts/password/reset/")
    yield "not found", anonymous.get("/q/" + "0" * 43 + "/")
    with tenant_scope(organisation):
        review = DueDiligenceReview.objects.filter(status__in=AWAITING_SUBCONTRACTOR).first()
        _, token = link_mint(review=review, purpose=EmailKind.INVITATION)
    yield "questionnaire", anonymous.get(f"/q/{token}/")
    # A working share link answers with the PDF itself; a dead one with a page.
    yield "shared pack refused", anonymous.get("/p/" + "0" * 43 + "/")
    invitation = Invitation.unscoped.filter(accepted_at__isnull=True).first()
    if invitation:
        yield "invitation", anonymous.get(urlsplit(invitation.accept_url()).path)


def _vnu_errors(java: str, pages: dict[str, str], folder: Path) -> list[str]:
    """Check all pages in one checker run; "label: line N: message" for each error."""
    labels = {}
    for number, (label, html) in enumerate(pages.items()):
        path = folder / f"page-{number:04d}.html"
        path.write_text(html)
        labels[path.name] = label
    files = [str(folder / name) for name in labels]
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout or "{}").get("messages", [])
    return [
        f"{labels.get(Path(unquote(urlsplit(m.get('url', '')).path)).name, m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]


def _grouped(errors: list[str]) -> str:
    """Each distinct message once, with how often it occurs and the first page showing it."""
    by_message: dict[str, list[str]] = {}
    for error in errors:
        where, _, message = error.partition(": line ")
        by_message.setdefault(message.partition(": ")[2], []).append(f"{where} line {message}")
    return "\n".join(
        f"{len(found)}x {message}\n    first: {found[0].partition(': ')[0]}"
        for message, found in sorted(by_message.items(), key=lambda item: -len(item[1]))
    )


def test_templates_write_htmx_attributes_as_data_hx():
    """htmx reads `data-hx-*` as well as `hx-*`; only the former is valid HTML. Fragments are
    not full pages, so the checker never sees them: this covers every template."""
    bare = re.compile(r"(?<![\w-])hx-[a-z][a-z-]*=")
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))
        for match in bare.finditer(path.read_text())
    ]
    assert not offenders, offenders


def test_every_page_is_valid_html(demo_world, tmp_path):
    java = _java()
    organisation = Organisation.objects.get(slug=ORG)
    pages: dict[str, str] = {}
    seen: set[str] = set()
    for label, response in [*_member_pages(organisation), *_public_pages(organisation)]:
        html = _full_page(response)
        if html is None:
            continue
        # The same markup seen by two roles is checked once (the CSRF token differs per client).
        digest = hashlib.sha256(re.sub(r'value="[^"]{40,}"', "", html).encode()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            pages[label] = html
    assert len(pages) >= 30, sorted(pages)  # the walk really reached the pages
    for must in ("sign in", "questionnaire", "shared pack refused"):
        assert must in pages, f"{must} was not rendered as a full page"
    folder = Path(os.environ.get("HTML_CHECK_DIR") or tmp_path)  # set it to keep the pages
    folder.mkdir(parents=True, exist_ok=True)

    errors = _vnu_errors(java, pages, folder)

    assert not errors, f"{len(errors)} HTML errors on {len(pages)} pages:\n" + _grouped(errors)
