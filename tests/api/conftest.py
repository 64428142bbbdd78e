import pytest
from django.test import Client

from api.models import KeyScope
from api.services import api_key_create
from tenancy.scope import tenant_scope


def make_key(org, by, scope=KeyScope.READ_WRITE, name="MIS sync"):
    with tenant_scope(org):
        return api_key_create(organisation=org, name=name, scope=scope, by=by)


def keyed(secret: str) -> Client:
    return Client(headers={"authorization": f"Bearer {secret}"})


@pytest.fixture
def write_key(org, qm):
    """A read-and-write key of `org` (the key, its secret)."""
    return make_key(org, qm)


@pytest.fixture
def read_key(org, qm):
    return make_key(org, qm, scope=KeyScope.READ, name="Dashboard")


@pytest.fixture
def writer(write_key):
    return keyed(write_key[1])


@pytest.fixture
def reader(read_key):
    return keyed(read_key[1])
