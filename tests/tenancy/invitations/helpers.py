"""Helpers shared by the invitation tests (and the invitation race tests): the accept link and a
valid sign-up."""

from django.contrib.auth import get_user_model

from tenancy.models import Invitation
from tests.tenancy.helpers import local_path

User = get_user_model()


STRONG_PASSWORD = "lantern-orchid-cobalt-42"


def accept_path(invitation: Invitation) -> str:
    return local_path(invitation.accept_url())


def signup_data(**overrides) -> dict[str, str]:
    return {
        "name": "Sam Patel",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }


def assert_problem(response, status: int, text: str) -> None:
    assert response.status_code == status
    assert text in response.content.decode()
    assert "form" not in response.context
