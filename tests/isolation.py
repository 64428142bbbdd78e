"""The checks behind the tenant-isolation test, kept apart so the canary can run them too."""

from django.apps import apps
from django.conf import settings
from django.test import Client

from tenancy.models import Organisation
from tenancy.roles import Perm, holder_can
from tests.urlwalk import Route


def object_kwarg_models() -> dict[str, type]:
    """URL keyword -> tenant model, from each model's `url_kwarg`."""
    found: dict[str, type] = {}
    for model in apps.get_models():
        kwarg = getattr(model, "url_kwarg", "")
        if kwarg:
            # One keyword names one kind of object, or the walk would fill it with the wrong one.
            assert kwarg not in found, f"{found[kwarg].__name__} and {model.__name__}: {kwarg!r}"
            found[kwarg] = model
    return found


def url_values_for(route: Route, organisation: Organisation) -> dict[str, str]:
    """Fill a route's keywords with the slug and real object codes of `organisation`."""
    models = object_kwarg_models()
    values: dict[str, str] = {}
    chosen: list = []
    for kwarg in route.kwargs:
        if kwarg == "org_slug":
            values[kwarg] = organisation.slug
        elif kwarg == "token":
            values[kwarg] = "0" * 64
        elif kwarg in models:
            model = models[kwarg]
            candidates = model.unscoped.filter(organisation=organisation)
            for parent in chosen:  # a nested object must belong to the object before it
                for field in model._meta.get_fields():
                    if field.many_to_one and field.related_model is type(parent):
                        candidates = candidates.filter(**{field.name: parent})
            instance = candidates.first()
            if instance is None:
                raise AssertionError(
                    f"{route.name}: seed_demo creates no {models[kwarg].__name__} for "
                    f"{organisation}; extend demo/seed.py so the isolation test can reach it."
                )
            values[kwarg] = str(instance.code)
            chosen.append(instance)
        else:
            raise AssertionError(
                f"{route.name}: no tenant model declares url_kwarg = {kwarg!r}; set it on the "
                "model the URL addresses."
            )
    return values


def object_kwargs(route: Route) -> list[str]:
    return [k for k in route.kwargs if k not in {"org_slug", "token"}]


def cross_org_urls(route: Route, own: Organisation, victim: Organisation) -> list[str]:
    """URLs under the caller's own organisation slug that name another organisation's objects.

    The organisation check passes for these (the slug is the caller's), so only the view's own
    object lookup stands between the caller and the victim's records. Every object keyword is
    tried: all of them the victim's, and (for nested URLs) the caller's own parents with the
    victim's last object.
    """
    if not object_kwargs(route):
        return []
    mine, theirs = url_values_for(route, own), url_values_for(route, victim)
    all_theirs = {**theirs, "org_slug": own.slug}
    urls = [route.url(all_theirs)]
    last = object_kwargs(route)[-1]
    if len(object_kwargs(route)) > 1:
        urls.append(route.url({**mine, last: theirs[last]}))
    return urls


def cross_org_problems(client: Client, route: Route, urls: list[str]) -> list[str]:
    """A caller who passes the organisation check must still get 404 for foreign objects.

    A method the view does not accept is answered 405 by `org_view` before the view runs, so
    it cannot leak; any other answer than 404 (or that 405) is a leak.
    """
    problems = []
    for url in urls:
        for method in ("GET", "POST"):
            response = client.generic(method, url)
            expected = {404} if method in route.allowed_methods else {404, 405}
            if response.status_code not in expected:
                problems.append(
                    f"{method} {url} gave {response.status_code} to a member of the caller's own "
                    "organisation asking for another organisation's object, not 404"
                )
    return problems


def role_matrix_problem(
    name: str, holder: str, status: int, expected_access: dict, designations=frozenset()
) -> str:
    """What is wrong with `holder` getting `status` from the URL `name`, or "" if nothing is."""
    from tests.expected_access import OBJECT_RULES, missing_entry_message

    expected = expected_access.get(name)
    if not isinstance(expected, Perm):
        return missing_entry_message([name], {name: "Perm.<the permission it needs>"})
    if status >= 500:
        return f"{holder} got a server error ({status})"
    if holder_can(holder, expected, designations):
        refused = {403, 404}
        if name in OBJECT_RULES and not holder_can(
            holder, Perm.MANAGE_COMPLIANCE_WORK, designations
        ):
            refused = {404}  # the view's own object rule may refuse this object (tested apart)
        if status in refused:
            return f"{holder} holds {expected} but was refused ({status})"
    elif status != 403:
        return f"{holder} lacks {expected} but was not refused ({status}, not 403)"
    return ""


def is_login_redirect(response) -> bool:
    login_path = "/accounts/login/"
    return response.status_code == 302 and response["Location"].startswith(login_path)


def outsider_problems(client: Client, url: str, methods=("GET", "POST")) -> list[str]:
    """Anything but 404 for a logged-in user of another organisation is a leak."""
    problems = []
    for method in methods:
        response = client.generic(method, url)
        if response.status_code != 404:
            problems.append(f"{method} {url} gave {response.status_code} to an outsider, not 404")
    return problems


def anonymous_problems(client: Client, url: str, methods=("GET", "POST")) -> list[str]:
    problems = []
    for method in methods:
        response = client.generic(method, url)
        if not is_login_redirect(response):
            problems.append(
                f"{method} {url} gave {response.status_code} to an anonymous visitor, "
                "not a redirect to login"
            )
    return problems


assert settings.LOGIN_URL == "account_login"


# --- The REST API: the same walk, with organisations' API keys instead of sessions ----------

API_METHODS = ("GET", "POST", "PATCH")


def api_client(secret: str | None) -> Client:
    """A client that sends `secret` as its API key (no key at all for None)."""
    return Client(headers={"authorization": f"Bearer {secret}"} if secret else {})


def api_outsider_problems(client: Client, url: str) -> list[str]:
    """Another organisation's key learns nothing: 404 whatever the method."""
    problems = []
    for method in API_METHODS:
        response = client.generic(method, url, "{}", content_type="application/json")
        if response.status_code != 404:
            problems.append(f"{method} {url} gave {response.status_code} to another key, not 404")
    return problems


def api_cross_org_problems(client: Client, route: Route, urls: list[str]) -> list[str]:
    """The caller's own key and slug with another organisation's objects: 404 (or 405)."""
    problems = []
    for url in urls:
        for method in API_METHODS:
            response = client.generic(method, url, "{}", content_type="application/json")
            expected = {404} if method in route.allowed_methods else {404, 405}
            if response.status_code not in expected:
                problems.append(
                    f"{method} {url} gave {response.status_code} to a key of the caller's own "
                    "organisation asking for another organisation's object, not 404"
                )
    return problems


def api_unauthenticated_problems(client: Client, url: str, methods=API_METHODS) -> list[str]:
    """No key, or a key that does not work: 401 with the Bearer challenge."""
    problems = []
    for method in methods:
        response = client.generic(method, url, "{}", content_type="application/json")
        challenge = response.get("WWW-Authenticate", "")
        if response.status_code != 401 or not challenge.startswith("Bearer"):
            problems.append(f"{method} {url} gave {response.status_code} without a working key")
    return problems


def api_scope_problem(name: str, method: str, scope: str, status: int, table: dict) -> str:
    """What is wrong with a key of `scope` getting `status` for `method` on `name`, or ""."""
    perm = table.get(name, {}).get(method)
    if perm is None:
        return f"{name}: no {method} entry in EXPECTED_API_ACCESS (tests/expected_access.py)"
    if status >= 500:
        return f"a {scope} key got a server error ({status})"
    if holder_can(scope, perm):
        if status in {401, 403, 404, 405}:
            return f"a {scope} key holds {perm} but was refused ({status})"
    elif status != 403:
        return f"a {scope} key lacks {perm} but was not refused ({status}, not 403)"
    return ""
