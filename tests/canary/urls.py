"""A deliberately leaky URLconf: the isolation harness must catch it."""

from django.http import HttpResponse
from django.urls import path

from core.access import ORGANISATION
from tenancy.models import Organisation


def leaky_org_page(request, org_slug):
    organisation = Organisation.objects.get(slug=org_slug)  # no membership check: a leak
    return HttpResponse(f"Secret of {organisation.name}")


leaky_org_page.access_kind = ORGANISATION


def unclassified_page(request, org_slug):
    return HttpResponse("Nobody said who may see this")


urlpatterns = [
    path("o/<slug:org_slug>/leaky/", leaky_org_page, name="leaky"),
    path("o/<slug:org_slug>/unclassified/", unclassified_page, name="unclassified"),
]
