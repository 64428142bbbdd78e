"""A NUL character pasted into any text field gets a message, never a 500, and never reaches the
database.

Every page is fetched as someone allowed to use it (organisation pages as the demo quality
manager, senior leader or account manager; account pages signed in; allauth's pages signed out);
every POST form on it is sent back with a NUL inside each text box. Forms are found in the HTML,
so a form added later is covered without anyone remembering.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from core.access import ORGANISATION, USER
from core.forms import NUL_CHARACTER_MESSAGE
from tenancy.models import Organisation
from tenancy.roles import ACCOUNT_MANAGER, Role, holder_can
from tests.factories import signed_in_client
from tests.isolation import url_values_for
from tests.tenancy.helpers import field_error_html
from tests.test_role_matrix import DEMO_USER_FOR, DESIGNATED
from tests.urlwalk import Route, routes_of_kind

NUL_TEXT = "Typed before \x00 pasted after"
TEXT_INPUTS = {"text", "email", "search", "url", "tel"}
PREFERRED = (Role.QUALITY_MANAGER, Role.SENIOR_LEADER, ACCOUNT_MANAGER)


@dataclass
class Form:
    action: str
    data: dict[str, list[str]] = field(default_factory=dict)
    text_fields: list[str] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)


class FormFinder(HTMLParser):
    """The POST forms of a page, each with the values a browser would send unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = Form(action=a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or "name" not in a or "disabled" in a:
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            # The evidence picker's search box ("picker_q") only asks for results; its form never
            # reads it, so it is left as typed.
            if kind in TEXT_INPUTS and not name.startswith("picker_"):
                self._form.text_fields.append(name)
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind in {"checkbox", "radio"}:
                self._form.add(name, a.get("value", "on"))  # a browser's default value
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self._form.add(name, a.get("value", ""))
        elif tag == "textarea":
            self._form.text_fields.append(name)
            self._form.add(name, "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and self._select not in self._form.data:
            self._form.add(self._select, a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def post_forms(client: Client, url: str) -> int:
    """Send back every POST form on `url` with NUL in its text fields; how many were sent."""
    page = client.get(url)
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return 0
    finder = FormFinder()
    finder.feed(page.content.decode())
    sent = 0
    for form in finder.forms:
        if not form.text_fields:
            continue
        data = {**form.data, **{name: [NUL_TEXT] for name in form.text_fields}}
        response = client.post(form.action or url, data)  # a 500 raises here
        assert response.status_code < 500, (url, form.action, response.status_code)
        if response.status_code in {200, 400}:
            body = response.content.decode()
            explained = str(NUL_CHARACTER_MESSAGE) in body or "Nothing was saved" in body
            assert explained, (url, form.action, response.status_code)
        sent += 1
    return sent


def nul_rows_since(moment) -> list[str]:
    """Rows changed since `moment` with a NUL in their text (SQLite stores it; PostgreSQL can't)."""
    found = []
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "updated_at" not in names:
            continue
        texts = [
            f.name
            for f in model._meta.concrete_fields
            if f.get_internal_type() in {"CharField", "TextField"}
        ]
        manager = getattr(model, "unscoped", model._base_manager)
        for row in manager.filter(updated_at__gte=moment).values_list("pk", *texts):
            if any(isinstance(v, str) and "\x00" in v for v in row[1:]):
                found.append(f"{model.__name__} {row[0]}")
    return found


def holder_for(route: Route) -> str:
    """The email of a demo holder who may use the page (a designated one if only they may)."""
    perm = route.view.required_permission
    holder = next((h for h in PREFERRED if holder_can(h, perm)), None)
    if holder is not None:
        return DEMO_USER_FOR[holder]
    return next(
        email for role, extra, email in DESIGNATED.values() if holder_can(role, perm, extra)
    )


ORG_ROUTES = [r for r in routes_of_kind(ORGANISATION) if "GET" in r.allowed_methods]
USER_ROUTES = [r for r in routes_of_kind(USER) if not r.kwargs and "GET" in r.allowed_methods]


@pytest.mark.parametrize("route", ORG_ROUTES, ids=[r.name for r in ORG_ROUTES])
def test_organisation_forms_refuse_nul_with_a_message(route, demo_world, db):
    organisation = Organisation.objects.get(slug="northfield-training")
    user = get_user_model().objects.get(email=holder_for(route))
    started = timezone.now()
    post_forms(signed_in_client(user), route.url(url_values_for(route, organisation)))
    assert nul_rows_since(started) == []


@pytest.mark.parametrize("route", USER_ROUTES, ids=[r.name for r in USER_ROUTES])
def test_account_forms_refuse_nul_with_a_message(route, demo_world, db):
    user = get_user_model().objects.get(email=DEMO_USER_FOR[Role.QUALITY_MANAGER])
    started = timezone.now()
    post_forms(signed_in_client(user), route.url({}))
    assert nul_rows_since(started) == []


# The sign-in page has two forms: the password and single sign-on's work email.
@pytest.mark.parametrize(
    ("path", "forms"), [("/accounts/login/", 2), ("/accounts/password/reset/", 1)]
)
def test_signed_out_forms_refuse_nul_with_a_message(path, forms, demo_world, db, client):
    assert post_forms(client, path) == forms


def test_the_submit_comment_refuses_nul_and_keeps_the_text(org, qm, subscribed, client_for):
    from assessments.models import Status
    from tests.assessments.helpers import answer_all, start
    from tests.evidence.factories import EvidenceItemFactory

    assessment = start(org, subscribed, qm)
    answer_all(assessment, qm, evidence=[EvidenceItemFactory(organisation=org)])
    url = f"{assessment.get_absolute_url()}submit/"

    response = client_for(qm).post(url, {"comment": NUL_TEXT})

    assert response.status_code == 400
    assert str(NUL_CHARACTER_MESSAGE) in field_error_html(response, "comment")
    assert "Typed before" in response.content.decode()  # what was typed is still there
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_text_a_view_reads_itself_gets_a_400_page_when_postgresql_refuses_it(rf, db):
    from django.contrib.auth.models import AnonymousUser

    from core.middleware import NulCharacterMiddleware

    request = rf.post("/anything/", {"note": NUL_TEXT})
    request.user = AnonymousUser()
    guard = NulCharacterMiddleware(lambda r: None)
    # psycopg2's words when a parameter holds NUL
    refused = ValueError("A string literal cannot contain NUL (0x00) characters.")

    response = guard.process_exception(request, refused)

    assert response.status_code == 400
    assert str(NUL_CHARACTER_MESSAGE) in response.content.decode()
    assert guard.process_exception(request, ValueError("something else")) is None
