import pytest

from frameworks.models import Framework
from frameworks.services import framework_load, subscription_set
from tests.frameworks.sample import SAMPLE


@pytest.fixture
def version(db):
    version, _ = framework_load(text=SAMPLE)
    return version


@pytest.fixture
def subscribed(org, version):
    subscription_set(organisation=org, frameworks=[Framework.objects.get(slug="sample-framework")])
    return version
