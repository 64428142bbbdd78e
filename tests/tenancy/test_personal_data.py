"""The organisation's personal-data guard: members' names, recorded confirmations, two queries."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict

from core.personal_data import NAME, ULN
from tenancy.models import PersonalDataConfirmation
from tenancy.personal_data import Place, confirmed_keys, personal_data_check
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.conftest import member_of

pytestmark = pytest.mark.django_db


def places(count: int) -> list[Place]:
    return [
        Place(field=f"f{i}", label=f"Benchmark {i}", text=f"Learner 12345678{i:02d} was referred.")
        for i in range(count)
    ]


def test_members_names_are_flagged_near_a_referral_word(org, other_org):
    member_of(org, Role.CONTRIBUTOR, user__name="Priya Shah")
    member_of(other_org, Role.CONTRIBUTOR, user__name="Daniel Okafor")
    text = "Priya Shah referred a learner; Daniel Okafor raised a concern."
    (finding,) = personal_data_check(organisation=org, places=[Place("f", "F", text)])
    assert (finding.finding.category, finding.finding.matched) == (NAME, "Priya Shah")


def test_a_confirmation_is_recorded_once_and_honoured_after(org, qm, other_org):
    (finding,) = personal_data_check(organisation=org, places=places(1))
    assert finding.finding.category == ULN

    left = personal_data_check(
        organisation=org, places=places(1), confirm=[finding.key, "f" * 64], by=qm
    )
    again = personal_data_check(organisation=org, places=places(1), confirm=[finding.key], by=qm)

    assert left == [] and again == []
    with tenant_scope(org):
        (record,) = PersonalDataConfirmation.objects.all()
    assert (record.key, record.category, record.where) == (finding.key, ULN, "Benchmark 0")
    assert record.confirmed_by == qm and record.created_at is not None
    # Another organisation's text is its own decision.
    assert len(personal_data_check(organisation=other_org, places=places(1))) == 1


def test_a_forged_key_records_nothing(org, qm):
    personal_data_check(organisation=org, places=[], confirm=["a" * 64], by=qm)
    assert not PersonalDataConfirmation.objects.for_organisation(org).exists()


def test_someone_without_an_account_confirms_under_a_label(org):
    (finding,) = personal_data_check(organisation=org, places=places(1))
    personal_data_check(
        organisation=org, places=places(1), confirm=[finding.key], by_label="Acme Skills"
    )
    record = PersonalDataConfirmation.objects.for_organisation(org).get()
    assert record.confirmed_by is None and record.confirmed_by_label == "Acme Skills"


def test_two_queries_however_many_places(org, qm):
    def queries(count: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            found = personal_data_check(organisation=org, places=places(count))
        assert len(found) == count
        return len(captured)

    assert queries(2) == queries(90) == 2


def test_confirmed_keys_reads_only_well_formed_keys():
    data = QueryDict(mutable=True)
    data.setlist("personal_data_confirm", ["a" * 64, "short", "b" * 65])
    assert confirmed_keys(data) == ["a" * 64]
    assert confirmed_keys(MultiValueDict()) == []
