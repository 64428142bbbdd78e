"""Fixtures shared by the tests of the respond page: an assessment led by the quality manager
(`member`) and that member's client."""

import pytest

from tests.assessments.helpers import start


@pytest.fixture
def assessment(org, member, subscribed):
    return start(org, subscribed, member)


@pytest.fixture
def qm_client(member, client_for):
    return client_for(member)
