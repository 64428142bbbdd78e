"""The self-evaluation the workflow tests work on, led by the quality manager (`qm`), and the
same one answered and submitted for review."""

import pytest

from assessments.services import assessment_submit
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start


@pytest.fixture
def assessment(org, qm, subscribed):
    return start(org, subscribed, qm)


@pytest.fixture
def submitted(org, qm, assessment):
    answer_all(assessment, qm)
    with tenant_scope(org):
        return assessment_submit(assessment=assessment, by=qm)
