"""Starting a self-evaluation through the pages (blank or from last year's) and assigning its
criteria to contributors."""

import re

import pytest
from django.urls import reverse

from assessments.models import Assessment, ReviewAction, Status
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tenancy.selectors import not_assignable_message
from tests.assessments.helpers import GOOD_STRENGTHS, answer_all, start
from tests.assessments.workflow.helpers import member_of, text, url
from tests.clock import days_from_today, iso_days_from_today
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


def assessments_of(org) -> list[Assessment]:
    with tenant_scope(org):
        return list(Assessment.objects.order_by("created_at"))


def start_form(version, lead, **overrides) -> dict:
    data = {
        "title": "2026/27 annual Prevent self-assessment",
        "framework_version": str(version.pk),
        "lead": str(lead.pk),
        "due_date": iso_days_from_today(120),
        "previous": "",
    }
    data.update(overrides)
    return data


def test_the_start_form_offers_our_frameworks_and_members(org, qm, subscribed, client_for):
    page = client_for(qm).get(url("new", org=org))
    assert page.status_code == 200
    body = text(page)
    assert "Sample framework" in body
    assert re.search(rf'<option value="{qm.pk}" selected>Quinn Manager', body)


def test_starting_creates_the_assessment_and_goes_to_it(org, qm, subscribed, client_for):
    client = client_for(qm)

    started = client.post(url("new", org=org), start_form(subscribed, qm))

    [assessment] = assessments_of(org)
    assert started.status_code == 302
    assert started["Location"] == url("detail", assessment)
    assert assessment.title == "2026/27 annual Prevent self-assessment"
    assert assessment.lead == qm and assessment.created_by == qm
    assert assessment.due_date == days_from_today(120)
    assert assessment.status == Status.DRAFT
    with tenant_scope(org):
        assert sorted(assessment.responses.values_list("benchmark__code", flat=True)) == [
            "C1.1",
            "C1.2",
            "C2.1",
        ]
        assert assessment.events.get().action == ReviewAction.STARTED
    detail = text(client.get(started["Location"]))
    assert "“2026/27 annual Prevent self-assessment” has started." in detail
    assert "0 of 3 benchmarks answered" in detail


def test_a_missing_title_is_shown_next_to_the_field_and_the_rest_is_kept(
    org, qm, subscribed, client_for
):
    other = member_of(org, Role.CONTRIBUTOR, "Casey Contributor")

    refused = client_for(qm).post(url("new", org=org), start_form(subscribed, other, title=""))

    assert refused.status_code == 400
    assert "This field is required." in field_error_html(refused, "title")
    body = text(refused)
    assert "There is a problem" in body
    assert re.search(rf'<option value="{other.pk}" selected>Casey Contributor', body)
    assert re.search(
        rf'<input type="date" name="due_date" value="{iso_days_from_today(120)}"', body
    )
    assert re.search(rf'<option value="{subscribed.pk}" selected>', body)
    assert assessments_of(org) == []


def test_a_lead_who_is_not_a_member_is_refused(org, qm, outsider, subscribed, client_for):
    refused = client_for(qm).post(url("new", org=org), start_form(subscribed, outsider))

    assert refused.status_code == 400
    assert not_assignable_message(org) in field_error_html(refused, "lead")
    assert outsider.email not in text(refused)
    assert assessments_of(org) == []


def test_a_framework_we_do_not_subscribe_to_is_refused(org, qm, version, client_for):
    refused = client_for(qm).post(url("new", org=org), start_form(version, qm))
    assert refused.status_code == 400
    assert assessments_of(org) == []


def test_a_viewer_cannot_start_one(org, readonly_member, subscribed, client_for):
    client = client_for(readonly_member)
    assert client.get(url("new", org=org)).status_code == 403
    refused = client.post(url("new", org=org), start_form(subscribed, readonly_member))
    assert refused.status_code == 403
    assert assessments_of(org) == []
    assert "Start a self-evaluation" not in text(client.get(url("index", org=org)))


def test_starting_from_last_years_copies_the_narratives_for_review(org, qm, subscribed, client_for):
    last_year = start(org, subscribed, qm, title="2025/26 annual Prevent self-assessment")
    answer_all(last_year, qm, level=3, confidence="amber")
    client = client_for(qm)

    started = client.post(
        url("new", org=org),
        start_form(subscribed, qm, previous=str(last_year.pk)),
    )

    assert started.status_code == 302
    new = assessments_of(org)[-1]
    assert new.previous == last_year
    assert "started from 2025/26 annual Prevent self-assessment" in text(
        client.get(started["Location"])
    )
    page = client.get(url("respond", new) + "?criterion=C1")
    body = text(page)
    assert body.count("Last cycle:") == 2
    assert "3 Developing or inconsistent; evidence confidence: evidence incomplete." in body
    assert body.count("To review") == 2
    assert body.count(GOOD_STRENGTHS) == 2  # the narrative is in the form, ready to edit
    with tenant_scope(org):
        assert all(r.level is None for r in new.responses.all())
        assert all(r.strengths == GOOD_STRENGTHS for r in new.responses.all())


def test_previous_must_be_our_own(org, other_org, qm, outsider, subscribed, client_for):
    theirs = start(other_org, subscribed, outsider, title="Southdale 2025/26")

    refused = client_for(qm).post(
        url("new", org=org), start_form(subscribed, qm, previous=str(theirs.pk))
    )

    assert refused.status_code == 400
    assert "Select a valid choice" in field_error_html(refused, "previous")
    assert assessments_of(org) == []


def test_an_assigned_criterion_appears_under_my_work(org, qm, contributor, assessment, client_for):
    client = client_for(qm)
    assigned = client.post(
        url("assign", assessment), {"criterion": "C1", "assignee": str(contributor.pk)}
    )

    assert assigned.status_code == 302
    assert assigned["Location"] == url("detail", assessment)
    detail = text(client.get(assigned["Location"]))
    assert "C1 is now assigned to Casey Contributor." in detail

    items = client_for(contributor).get(reverse("reporting:my_work", kwargs={"org_slug": org.slug}))
    assert items.status_code == 200
    body = text(items)
    assert f'href="{url("respond", assessment)}?criterion=C1"' in body
    assert "C1 Leadership" in body
    assert assessment.title in body
    assert "C2 Speakers" not in body


def test_assigning_to_an_outsider_or_an_unknown_criterion_is_refused(
    org, qm, outsider, contributor, assessment, client_for
):
    client = client_for(qm)
    client.post(url("assign", assessment), {"criterion": "C1", "assignee": str(outsider.pk)})
    client.post(url("assign", assessment), {"criterion": "C9", "assignee": str(contributor.pk)})
    with tenant_scope(org):
        assert not assessment.assignments.exists()


def test_a_contributor_may_not_assign(org, contributor, assessment, client_for):
    refused = client_for(contributor).post(
        url("assign", assessment), {"criterion": "C1", "assignee": str(contributor.pk)}
    )
    assert refused.status_code == 403


def test_assigning_to_a_viewer_is_refused_with_the_reason(org, qm, viewer, assessment, client_for):
    client = client_for(qm)
    refused = client.post(
        url("assign", assessment), {"criterion": "C1", "assignee": str(viewer.pk)}, follow=True
    )
    assert not_assignable_message(org) in text(refused)
    assert f'value="{viewer.pk}"' not in text(client.get(url("detail", assessment)))
    with tenant_scope(org):
        assert not assessment.assignments.exists()
