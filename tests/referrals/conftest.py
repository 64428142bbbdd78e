import pytest

from referrals.models import MEASURE_FIELDS
from tenancy.roles import Role
from tests.clock import TODAY, frozen_on
from tests.conftest import member_of


@pytest.fixture
def frozen():
    with frozen_on(TODAY):
        yield TODAY


@pytest.fixture
def dsl(org):
    return member_of(org, Role.QUALITY_MANAGER, is_safeguarding_lead=True, user__name="Dee Lead")


def counts(*values: int) -> dict[str, object]:
    return dict(zip(MEASURE_FIELDS, values, strict=True))
