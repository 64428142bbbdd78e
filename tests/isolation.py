"""The checks behind the tenant-isolation test, kept apart so the canary can run them too."""

from django.apps import apps
from django.conf import settings
from django.test import Client

from tenancy.models import Organisation
from tests.urlwalk import Route


def object_kwarg_models() -> dict[str, type]:
    """URL keyword -> tenant model, from each model's `url_kwarg`."""
    found = {}
    for model in apps.get_models():
        kwarg = getattr(model, "url_kwarg", "")
        if kwarg:
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
