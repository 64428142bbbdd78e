import pytest

from frameworks.models import Framework
from frameworks.services import framework_load, subscription_set
from tenancy.roles import Role
from tests.factories import MembershipFactory
from tests.frameworks.sample import SAMPLE


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def member_of(org, role, **kwargs):
    return MembershipFactory(organisation=org, role=role, **kwargs).user


@pytest.fixture
def version(db):
    version, _ = framework_load(text=SAMPLE)
    return version


@pytest.fixture
def subscribed(org, version):
    subscription_set(organisation=org, frameworks=[Framework.objects.get(slug="sample-framework")])
    return version


@pytest.fixture
def qm(org):
    return member_of(org, Role.QUALITY_MANAGER, user__name="Quinn Manager")


@pytest.fixture
def contributor(org):
    return member_of(org, Role.CONTRIBUTOR, user__name="Casey Contributor")


@pytest.fixture
def colleague(org):
    """Another contributor of the same organisation."""
    return member_of(org, Role.CONTRIBUTOR, user__name="Robin Colleague")


@pytest.fixture
def viewer(org):
    return member_of(org, Role.VIEWER, user__name="Vic Viewer")


@pytest.fixture
def leader(org):
    return member_of(org, Role.SENIOR_LEADER, user__name="Lee Leader")
