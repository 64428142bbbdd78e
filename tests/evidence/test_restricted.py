"""Restricted evidence: who may mark it, who sees it, the download log, and the pages that keep
it linked without naming it (tests/test_restricted_evidence_isolation.py walks every URL)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.models import EvidenceDownload, EvidenceItem, Sensitivity
from evidence.services import evidence_create, evidence_update
from tenancy.roles import Role
from tests.clock import days_from_today
from tests.conftest import member_of
from tests.evidence.helpers import file_form, html, item_in, item_url, titles, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def dsl(org):
    return member_of(org, Role.QUALITY_MANAGER, is_safeguarding_lead=True, user__name="Dee Lead")


@pytest.fixture
def secret(org, dsl):
    return item_in(
        org,
        uploaded=True,
        title="Prevent concerns log",
        description="Dates and routes of concerns",
        owner=dsl,
        uploaded_by=dsl,
        sensitivity=Sensitivity.RESTRICTED,
    )


def _create(org, by, owner, sensitivity):
    return evidence_create(
        organisation=org,
        by=by,
        title="Police Prevent officer liaison record",
        kind="link",
        url="https://intranet.example.org/dsl/liaison",
        owner=owner,
        effective_date=days_from_today(-3),
        sensitivity=sensitivity,
    )


# --- Who may mark an item restricted ---------------------------------------------------------


def test_only_holders_of_the_permission_mark_evidence_restricted(org, qm, dsl):
    with pytest.raises(ValidationError) as refused:
        _create(org, qm, dsl, Sensitivity.RESTRICTED)
    assert "designated safeguarding lead" in str(refused.value.message_dict["sensitivity"])
    item = _create(org, dsl, dsl, Sensitivity.RESTRICTED)
    assert item.is_restricted


def test_a_restricted_item_must_be_owned_by_someone_who_can_open_it(org, dsl, contributor):
    with pytest.raises(ValidationError) as refused:
        _create(org, dsl, contributor, Sensitivity.RESTRICTED)
    assert "owned by the designated safeguarding lead" in str(refused.value.message_dict["owner"])


def test_only_holders_lift_the_restriction_and_an_edit_by_others_keeps_it(
    org, secret, dsl, leader, qm
):
    fields = {
        "title": secret.title,
        "kind": "file",
        "owner": dsl,
        "effective_date": secret.effective_date,
    }
    with pytest.raises(ValidationError):
        evidence_update(item=secret, by=qm, sensitivity=Sensitivity.NORMAL, **fields)
    evidence_update(item=secret, by=qm, sensitivity=None, **fields)  # not offered: kept
    assert EvidenceItem.unscoped.get(pk=secret.pk).is_restricted
    evidence_update(item=secret, by=leader, sensitivity=Sensitivity.NORMAL, **fields)
    assert not EvidenceItem.unscoped.get(pk=secret.pk).is_restricted


def test_the_form_offers_the_choice_only_to_those_who_may_make_it(org, dsl, qm, client_for):
    page = html(client_for(dsl).get(url("add", org)))
    assert "Who can see it" in page and "only the designated safeguarding lead" in page
    assert "never appear in a pack" in page
    assert "Who can see it" not in html(client_for(qm).get(url("add", org)))


def test_the_dsl_adds_a_restricted_item_through_the_form(org, dsl, client_for):
    form = file_form(owner=dsl.pk, sensitivity="restricted")
    response = client_for(dsl).post(url("add", org), form)
    assert response.status_code == 302
    assert EvidenceItem.unscoped.get(organisation=org).is_restricted


def test_a_bad_owner_for_a_restricted_item_comes_back_beside_the_field(
    org, dsl, contributor, client_for
):
    form = file_form(owner=contributor.pk, sensitivity="restricted")
    response = client_for(dsl).post(url("add", org), form)
    assert response.status_code == 400
    page = html(response)
    assert "must be owned by the designated safeguarding lead" in page
    assert form["title"] in page  # nothing typed is lost
    assert not EvidenceItem.unscoped.filter(organisation=org).exists()


# --- Who sees it -----------------------------------------------------------------------------


def test_the_list_and_picker_leave_it_out_for_everyone_without_the_permission(
    org, secret, qm, contributor, viewer, leader, dsl, client_for
):
    item_in(org, title="Prevent policy", owner=qm)
    for person in (qm, contributor, viewer):
        assert titles(client_for(person).get(url("list", org))) == ["Prevent policy"]
        searched = client_for(person).get(url("list", org), {"search": "concerns"})
        assert secret.title not in html(searched)
    for person in (leader, dsl):
        page = client_for(person).get(url("list", org))
        assert set(titles(page)) == {"Prevent policy", secret.title}
        assert '<span class="tag tag-restricted">Restricted</span>' in html(page)
    field = "r-00000000-0000-0000-0000-000000000000-evidence"
    found = client_for(qm).get(url("picker_search", org), {"field": field, "picker_q": "concerns"})
    assert found.status_code == 200 and secret.title not in html(found)
    found = client_for(dsl).get(url("picker_search", org), {"field": field, "picker_q": "concerns"})
    assert secret.title in html(found)


def test_its_pages_are_404_to_others_not_403(org, secret, qm, contributor, viewer, client_for):
    for person in (qm, contributor, viewer):
        client = client_for(person)
        for name in ("detail", "download"):
            assert client.get(item_url(name, secret)).status_code == 404
        assert client.post(item_url("archive", secret)).status_code in {403, 404}
    assert client_for(qm).get(item_url("edit", secret)).status_code == 404
    assert client_for(qm).post(item_url("archive", secret)).status_code == 404
    assert not EvidenceDownload.unscoped.exists()


def test_every_download_is_logged_and_shown_to_the_dsl(org, secret, dsl, leader, client_for):
    assert client_for(leader).get(item_url("download", secret)).status_code == 200
    assert client_for(dsl).get(item_url("download", secret)).status_code == 200
    log = list(EvidenceDownload.unscoped.filter(item=secret).order_by("created_at"))
    assert [d.user for d in log] == [leader, dsl]
    page = html(client_for(dsl).get(item_url("detail", secret)))
    assert "2 downloads" in page and leader.email in page and dsl.email in page
    assert "Restricted evidence: only the designated safeguarding lead" in page


def test_normal_downloads_are_not_logged(org, qm, viewer, client_for):
    item = item_in(org, uploaded=True, owner=qm)
    assert client_for(viewer).get(item_url("download", item)).status_code == 200
    assert not EvidenceDownload.unscoped.exists()


def test_the_list_query_count_is_constant_with_restricted_items(org, dsl, leader, client_for):
    client = client_for(dsl)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("list", org)).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            restricted = Sensitivity.RESTRICTED if i % 2 else Sensitivity.NORMAL
            item_in(org, uploaded=True, owner=dsl, uploaded_by=leader, sensitivity=restricted)

    add(4)
    few = queries()
    add(24)
    assert queries() == few
    assert html(client.get(url("list", org))).count("tag-restricted") == 14


def test_the_pages_only_the_dsl_sees_are_valid_html(org, secret, dsl, qm, client_for, tmp_path):
    """The role walk in tests/test_html_valid.py signs in without the designation."""
    from tests.test_html_valid import _java, _vnu_errors

    java = _java()
    client = client_for(dsl)
    client.get(item_url("download", secret))
    pages = {
        "add (DSL)": html(client.get(url("add", org))),
        "add, refused (DSL)": html(client.post(url("add", org), file_form(sensitivity="x"))),
        "list (DSL)": html(client.get(url("list", org))),
        "restricted item with its log": html(client.get(item_url("detail", secret))),
        "edit restricted item": html(client.get(item_url("edit", secret))),
    }
    assert not _vnu_errors(java, pages, tmp_path)
