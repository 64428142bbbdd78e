"""The self-evaluation workflow through the pages: starting (blank or from last year's),
assigning, checking and submitting, the senior leader's review, and the summary."""

import html
import re

import pytest
from django.urls import reverse

from assessments.models import Assessment, ReviewAction, Status
from assessments.services import (
    ResponseChange,
    assessment_approve,
    assessment_submit,
    response_save,
)
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import GOOD_STRENGTHS, answer_all, start
from tests.clock import days_from_today, iso_days_from_today
from tests.evidence.factories import EvidenceItemFactory
from tests.factories import MembershipFactory
from tests.tenancy.helpers import field_error_html

pytestmark = pytest.mark.django_db


def url(name: str, assessment=None, org=None) -> str:
    if assessment is None:
        return reverse(f"assessments:{name}", kwargs={"org_slug": org.slug})
    return reverse(
        f"assessments:{name}",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def member_of(org, role, name: str):
    return MembershipFactory(organisation=org, role=role, user__name=name).user


def assessments_of(org) -> list[Assessment]:
    with tenant_scope(org):
        return list(Assessment.objects.order_by("created_at"))


def save(assessment, code: str, by, **change) -> None:
    with tenant_scope(assessment.organisation):
        response = assessment.responses.get(benchmark__code=code)
        response_save(
            response=response,
            change=ResponseChange(**change),
            expected_revision=response.revision,
            by=by,
        )


@pytest.fixture
def qm(org):
    return member_of(org, Role.QUALITY_MANAGER, "Quinn Manager")


@pytest.fixture
def leader(org):
    return member_of(org, Role.SENIOR_LEADER, "Lee Leader")


@pytest.fixture
def contributor(org):
    return member_of(org, Role.CONTRIBUTOR, "Casey Contributor")


@pytest.fixture
def assessment(org, qm, subscribed):
    return start(org, subscribed, qm)


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


# --- Starting -------------------------------------------------------------------------------


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
    assert "Select a valid choice" in field_error_html(refused, "lead")
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


# --- Assigning ------------------------------------------------------------------------------


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


# --- Checking and submitting ----------------------------------------------------------------


def test_the_submit_page_lists_judgement_checks_and_blocks_while_unanswered(
    org, qm, assessment, client_for
):
    save(assessment, "C1.1", qm, level=1, confidence="red", strengths=GOOD_STRENGTHS)
    client = client_for(qm)

    page = client.get(url("submit", assessment))

    assert page.status_code == 200
    body = text(page)
    assert "C1.1 is rated embedded and evaluated but has no evidence linked." in body
    assert (
        "C1.1 is rated embedded and evaluated while evidence confidence is gaps found (red)."
        in body
    )
    assert "Not ready to submit" in body
    assert "C1.2 has no level and evidence confidence yet." in body
    assert "C2.1 has no level and evidence confidence yet." in body
    assert "Submit for review" not in body

    attempted = client.post(url("submit", assessment), {"comment": "Please look."})

    assert attempted.status_code == 200
    assert "2 benchmarks still need a judgement: C1.2, C2.1." in text(attempted)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    with tenant_scope(org):
        assert not assessment.events.filter(action=ReviewAction.SUBMITTED).exists()


def test_a_finding_links_to_its_benchmark(org, qm, assessment, client_for):
    save(assessment, "C2.1", qm, level=2, confidence="green", strengths=GOOD_STRENGTHS)
    with tenant_scope(org):
        code = assessment.responses.get(benchmark__code="C2.1").code
    body = text(client_for(qm).get(url("submit", assessment)))
    assert f'href="{url("respond", assessment)}?criterion=C2#response-{code}"' in body


def test_the_quality_manager_submits_when_everything_is_answered(org, qm, assessment, client_for):
    answer_all(assessment, qm, evidence=[EvidenceItemFactory(organisation=org)])
    client = client_for(qm)
    page = text(client.get(url("submit", assessment)))
    assert "Submit for review" in page
    assert "Not ready to submit" not in page

    submitted = client.post(url("submit", assessment), {"comment": "Ready for governors."})

    assert submitted.status_code == 302
    assert submitted["Location"] == url("detail", assessment)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.submitted_by == qm and assessment.submitted_at
    with tenant_scope(org):
        event = assessment.events.get(action=ReviewAction.SUBMITTED)
    assert (event.by, event.comment) == (qm, "Ready for governors.")
    detail = text(client.get(submitted["Location"]))
    assert "Submitted for review. Senior leaders can now approve it." in detail
    assert "Waiting for review" in detail
    assert "Record decision" not in detail  # the quality manager does not review


def test_a_senior_leader_may_not_submit(org, qm, leader, assessment, client_for):
    answer_all(assessment, qm)
    client = client_for(leader)
    assert client.get(url("submit", assessment)).status_code == 403
    assert client.post(url("submit", assessment)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


# --- Review ---------------------------------------------------------------------------------


@pytest.fixture
def submitted(org, qm, assessment):
    answer_all(assessment, qm)
    with tenant_scope(org):
        return assessment_submit(assessment=assessment, by=qm)


def test_a_senior_leader_approves_and_the_snapshot_hash_is_shown(
    org, leader, submitted, client_for
):
    client = client_for(leader)
    detail = text(client.get(url("detail", submitted)))
    assert "Approve and sign off" in detail and "Record decision" in detail

    approved = client.post(
        url("review", submitted), {"decision": "approve", "comment": "A fair picture."}
    )

    assert approved.status_code == 302
    assert approved["Location"] == url("detail", submitted)
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.approved_by == leader and submitted.approved_at
    assert len(submitted.snapshot_sha256) == 64
    with tenant_scope(org):
        assert submitted.events.last().action == ReviewAction.APPROVED
    body = text(client.get(approved["Location"]))
    assert "Approved and signed off. The self-evaluation is now read-only." in body
    assert "Signed off" in body
    assert "Approved by Lee Leader" in body
    assert "“A fair picture.”" in body
    assert f'<code class="hash">{submitted.snapshot_sha256}</code>' in body


def test_returning_needs_a_comment_next_to_the_field(org, leader, submitted, client_for):
    refused = client_for(leader).post(url("review", submitted), {"decision": "return"})

    assert refused.status_code == 400
    assert "Say what needs to change before you can approve it." in field_error_html(
        refused, "comment"
    )
    assert re.search(
        r'<input type="radio" name="decision" value="return"[^>]*checked', text(refused)
    )
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_decision_is_required(org, leader, submitted, client_for):
    refused = client_for(leader).post(url("review", submitted), {"comment": "Hmm."})
    assert refused.status_code == 400
    assert "This field is required." in text(refused)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_returning_with_a_comment_shows_it_on_the_detail_page(
    org, qm, leader, submitted, client_for
):
    returned = client_for(leader).post(
        url("review", submitted),
        {"decision": "return", "comment": "Link the Channel referral log to C2.1."},
    )

    assert returned.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED
    with tenant_scope(org):
        event = submitted.events.last()
    assert (event.action, event.by, event.comment) == (
        ReviewAction.RETURNED,
        leader,
        "Link the Channel referral log to C2.1.",
    )
    body = text(client_for(qm).get(url("detail", submitted)))
    assert "Returned with comments" in body
    assert "Lee Leader: “Link the Channel referral log to C2.1.”" in body
    assert "Check and resubmit" in body
    # Returned means editable again.
    with tenant_scope(org):
        code = submitted.responses.get(benchmark__code="C1.1").code
    assert f'id="response-{code}"' in text(client_for(qm).get(url("respond", submitted)))
    assert 'class="response-form"' in text(client_for(qm).get(url("respond", submitted)))


def test_a_quality_manager_may_not_review(org, qm, submitted, client_for):
    refused = client_for(qm).post(url("review", submitted), {"decision": "approve"})
    assert refused.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_a_draft_cannot_be_approved_and_the_page_says_why(org, leader, assessment, client_for):
    refused = client_for(leader).post(url("review", assessment), {"decision": "approve"})
    assert refused.status_code == 400
    assert "Only a self-evaluation submitted for review can be reviewed." in text(refused)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_a_second_leader_deciding_on_a_stale_page_is_told_it_was_already_decided(
    org, leader, submitted, client_for
):
    other_leader = member_of(org, Role.SENIOR_LEADER, "Robin Reviewer")
    first, second = client_for(leader), client_for(other_leader)
    for client in (first, second):
        assert "Record decision" in text(client.get(url("detail", submitted)))
    assert first.post(url("review", submitted), {"decision": "approve"}).status_code == 302

    late = second.post(url("review", submitted), {"decision": "return", "comment": "Redo C1."})

    assert late.status_code == 400
    body = text(late)
    assert "Only a self-evaluation submitted for review can be reviewed." in body
    assert "Signed off" in body
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    with tenant_scope(org):
        assert not submitted.events.filter(action=ReviewAction.RETURNED).exists()


# --- Summary --------------------------------------------------------------------------------


def test_the_summary_shows_levels_the_profile_and_the_gaps(org, qm, leader, assessment, client_for):
    save(assessment, "C1.1", qm, level=1, confidence="green", strengths=GOOD_STRENGTHS)
    save(
        assessment,
        "C1.2",
        qm,
        level=3,
        confidence="green",
        improvements="Put a review date on every policy.",
    )
    save(assessment, "C2.1", qm, level=2, confidence="amber")

    page = client_for(leader).get(url("summary", assessment))

    assert page.status_code == 200
    body = text(page)
    assert 'title="C1.1: 1 Embedded and evaluated' in body
    assert 'title="C1.2: 3 Developing or inconsistent' in body
    assert 'title="C2.1: 2 Established' in body
    for label in ("1 Embedded and evaluated", "2 Established", "3 Developing or inconsistent"):
        assert f"{label}: <strong>1</strong> (33%)" in body
    assert "4 Not in place: <strong>0</strong> (0%)" in body
    assert "Not applicable: <strong>0</strong>" in body
    assert "Not rated yet: <strong>0</strong>" in body

    gaps = body.split('id="gaps-heading"')[1]
    assert re.search(r'Gaps <span class="tag tag-warning">2</span>', gaps)
    rows = re.findall(r'<th scope="row">(C\d\.\d) ', gaps)
    assert rows == ["C1.2", "C2.1"]
    assert "Put a review date on every policy." in gaps
    assert "Evidence incomplete" in gaps


def test_the_summary_of_an_unanswered_assessment(org, qm, assessment, client_for):
    body = text(client_for(qm).get(url("summary", assessment)))
    assert 'title="C1.1: Not rated"' in body
    assert "Not rated yet: <strong>3</strong> (100%)" in body
    assert 'Gaps <span class="tag tag-success">0</span>' in body
    assert "No benchmark is at a gap level" in body


def test_a_signed_off_assessment_shows_read_only_detail_to_everyone(
    org, qm, leader, readonly_member, submitted, client_for
):
    with tenant_scope(org):
        approved = assessment_approve(assessment=submitted, by=leader)
    body = text(client_for(readonly_member).get(url("detail", approved)))
    assert "Signed off" in body
    assert approved.snapshot_sha256 in body
    assert "Read the responses" in body
    qm_body = text(client_for(qm).get(url("detail", approved)))
    assert "Check and submit" not in qm_body
    assert 'action="' + url("assign", approved) not in qm_body
