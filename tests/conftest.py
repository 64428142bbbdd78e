"""Persona fixtures: a member, a read-only member and an outsider from another organisation."""

import pytest
from django.test import Client

from tenancy.roles import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Northbeck Training", slug="northbeck")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="Southdale College", slug="southdale")


@pytest.fixture
def member(org):
    """A quality manager of `org`."""
    return MembershipFactory(organisation=org, role=Role.QUALITY_MANAGER).user


@pytest.fixture
def readonly_member(org):
    return MembershipFactory(organisation=org, role=Role.VIEWER).user


@pytest.fixture
def outsider(other_org):
    """A quality manager of another organisation: must never see `org`."""
    return MembershipFactory(organisation=other_org, role=Role.QUALITY_MANAGER).user


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def user_factory(db):
    return UserFactory
