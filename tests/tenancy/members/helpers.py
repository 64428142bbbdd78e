"""Helpers shared by the tests of the People page: its URLs and its text."""

from django.urls import reverse

from tenancy.models import Invitation, Membership


def url(name: str, org, **kwargs) -> str:
    return reverse(f"tenancy:{name}", kwargs={"org_slug": org.slug, **kwargs})


def member_url(name: str, membership: Membership) -> str:
    return url(name, membership.organisation, member_code=membership.code)


def invitation_url(name: str, invitation: Invitation) -> str:
    return url(name, invitation.organisation, invitation_code=invitation.code)


def page_text(response) -> str:
    return response.content.decode()
