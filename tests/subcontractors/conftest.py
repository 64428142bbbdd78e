import pytest

from tenancy.roles import Role
from tests.factories import MembershipFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its uploads in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def member_of(org, role, **kwargs):
    return MembershipFactory(organisation=org, role=role, **kwargs).user


@pytest.fixture
def qm(org):
    return member_of(org, Role.QUALITY_MANAGER, user__name="Quinn Manager")


@pytest.fixture
def contributor(org):
    return member_of(org, Role.CONTRIBUTOR, user__name="Casey Contributor")


@pytest.fixture
def leader(org):
    return member_of(org, Role.SENIOR_LEADER, user__name="Lee Leader")


@pytest.fixture
def viewer(org):
    return member_of(org, Role.VIEWER, user__name="Vic Viewer")
