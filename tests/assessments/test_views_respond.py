"""Answering a self-evaluation through the pages: the respond page, htmx autosave, concurrent
edits, bad input, evidence links, who may answer what, and constant query counts."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Response, Status
from assessments.services import (
    ResponseChange,
    assessment_approve,
    assessment_submit,
    assignment_set,
    response_save,
)
from frameworks.services import framework_load
from tenancy.roles import Role
from tenancy.scope import tenant_scope
from tests.assessments.helpers import answer_all, start
from tests.evidence.factories import EvidenceItemFactory
from tests.factories import MembershipFactory
from tests.frameworks.sample import sample

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
NA_REASON = "Say why this benchmark does not apply to you."


# --- Helpers --------------------------------------------------------------------------------


def respond_url(assessment, criterion: str | None = None) -> str:
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )
    return f"{url}?criterion={criterion}" if criterion else url


def update_url(response: Response) -> str:
    assessment = response.assessment
    return reverse(
        "assessments:response_update",
        kwargs={
            "org_slug": assessment.organisation.slug,
            "assessment_code": assessment.code,
            "response_code": response.code,
        },
    )


def form_data(response: Response, revision: int | None = None, **fields) -> dict:
    """The response's form as the browser posts it: every name prefixed with r-<code>-."""
    values = {
        "revision": response.revision if revision is None else revision,
        "level": "",
        "confidence": "",
        "strengths": "",
        "improvements": "",
        **fields,
    }
    prefix = f"r-{response.code}"
    data = {}
    for name, value in values.items():
        if name == "not_applicable":
            if value:
                data[f"{prefix}-not_applicable"] = "on"
            continue
        data[f"{prefix}-{name}"] = value
    return data


def text(response) -> str:
    return response.content.decode()


def response_of(assessment, code: str) -> Response:
    with tenant_scope(assessment.organisation):
        return (
            Response.objects.select_related("assessment__organisation", "benchmark")
            .prefetch_related("evidence")
            .get(assessment=assessment, benchmark__code=code)
        )


def oob_element(body: str, element_id: str) -> str:
    """The inner HTML of an out-of-band element of an htmx fragment."""
    match = re.search(rf'<div id="{element_id}" data-hx-swap-oob="true">(.*?)</div>', body, re.S)
    assert match, f"no out-of-band #{element_id} in:\n{body}"
    return match.group(1)


def inline_error(body: str, element_id: str) -> str:
    """The inner HTML of an error slot of the full page (next to its field)."""
    match = re.search(rf'<div id="{element_id}">(.*?)</div>', body, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(1)


def input_tag(body: str, name: str, value: str) -> str:
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*value="{value}"[^>]*>', body)
    assert match, f"no input {name}={value}"
    return match.group(0)


def textarea(body: str, name: str) -> str:
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', body, re.S)
    assert match, f"no textarea {name}"
    return html.unescape(match.group(1)).strip()


def count_forms(body: str) -> int:
    return body.count('class="response-form"')


def member_of(org, role, name: str):
    return MembershipFactory(organisation=org, role=role, user__name=name).user


@pytest.fixture
def assessment(org, member, subscribed):
    return start(org, subscribed, member)


@pytest.fixture
def qm_client(member, client_for):
    return client_for(member)


# --- The page -------------------------------------------------------------------------------


def test_a_quality_manager_gets_one_form_per_benchmark_of_the_criterion(assessment, qm_client):
    page = qm_client.get(respond_url(assessment, "C1"))

    assert page.status_code == 200
    body = text(page)
    assert count_forms(body) == 2
    for code in ("C1.1", "C1.2"):
        response = response_of(assessment, code)
        assert f'id="response-{response.code}"' in body
        assert f'name="r-{response.code}-level"' in body
        assert f'action="{update_url(response)}#response-{response.code}"' in body
    assert "C2.1" not in re.sub(r"<nav.*?</nav>", "", body, flags=re.S)
    assert "0 of 3 benchmarks answered" in body


def test_without_a_criterion_the_page_opens_the_first_one(assessment, qm_client):
    page = qm_client.get(respond_url(assessment))
    assert page.status_code == 200
    assert count_forms(text(page)) == 2
    assert "<h1>C1 Leadership</h1>" in text(page)


def test_a_viewer_reads_the_responses_without_a_form(
    org, member, readonly_member, assessment, client_for
):
    response = response_of(assessment, "C1.1")
    with tenant_scope(org):
        response_save(
            response=response,
            change=ResponseChange(level=2, confidence="green", strengths="Leaders own it well."),
            expected_revision=0,
            by=member,
        )

    page = client_for(readonly_member).get(respond_url(assessment, "C1"))

    assert page.status_code == 200
    body = text(page)
    assert count_forms(body) == 0
    assert "<textarea" not in body
    assert body.count('class="readonly-response"') == 2
    assert "<dd>2 Established</dd>" in body
    assert "<dd>Robust</dd>" in body
    assert "Leaders own it well." in body


def test_an_unknown_criterion_is_not_found(assessment, qm_client):
    assert qm_client.get(respond_url(assessment, "C9")).status_code == 404


# --- Autosave with htmx ---------------------------------------------------------------------


def test_an_htmx_save_stores_the_response_and_answers_with_small_fragments(
    org, member, assessment, qm_client
):
    policy = EvidenceItemFactory(organisation=org, title="Prevent policy 2026")
    log = EvidenceItemFactory(organisation=org, title="Referral log")
    EvidenceItemFactory(organisation=org, title="Not chosen")
    response = response_of(assessment, "C1.1")

    saved = qm_client.post(
        update_url(response),
        form_data(
            response,
            level="2",
            confidence="amber",
            strengths="Training is effective: staff know the referral route well.",
            improvements="Extend the refresher to subcontractors.",
            evidence=[str(policy.pk), str(log.pk)],
        ),
        **HTMX,
    )

    assert saved.status_code == 200
    body = text(saved)
    assert "<html" not in body  # a fragment, not the page
    assert "Saved at" in body
    assert f'id="status-{response.code}"' in body
    assert re.search(
        rf'<input type="hidden" name="r-{response.code}-revision" value="1" '
        rf'id="revision-{response.code}" data-hx-swap-oob="true">',
        body,
    )
    assert '<div class="progress" id="progress" data-hx-swap-oob="true">' in body
    assert "1 of 3 benchmarks answered" in body
    for field in ("level", "confidence", "na_justification", "strengths", "evidence"):
        assert oob_element(body, f"error-{response.code}-{field}") == ""

    response = response_of(assessment, "C1.1")
    assert response.level == 2
    assert response.confidence == "amber"
    assert response.strengths == "Training is effective: staff know the referral route well."
    assert response.improvements == "Extend the refresher to subcontractors."
    assert sorted(e.title for e in response.evidence.all()) == [
        "Prevent policy 2026",
        "Referral log",
    ]
    assert response.updated_by == member
    assert response.revision == 1


def test_saving_again_with_the_new_revision_is_accepted(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    first = qm_client.post(update_url(response), form_data(response, level="1"), **HTMX)
    assert first.status_code == 200
    second = qm_client.post(
        update_url(response), form_data(response, revision=1, level="3"), **HTMX
    )
    assert second.status_code == 200
    assert 'value="2"' in text(second)
    response = response_of(assessment, "C1.1")
    assert (response.level, response.revision) == (3, 2)


def test_not_applicable_with_a_reason_saves_and_clears_the_level(assessment, qm_client):
    response = response_of(assessment, "C2.1")
    saved = qm_client.post(
        update_url(response),
        form_data(
            response,
            level="2",
            confidence="green",
            not_applicable=True,
            na_justification="We never host external speakers.",
        ),
        **HTMX,
    )
    assert saved.status_code == 200
    response = response_of(assessment, "C2.1")
    assert response.not_applicable and response.level is None and response.confidence == ""
    assert response.na_justification == "We never host external speakers."
    assert response.is_answered


def test_a_reload_shows_the_saved_values(assessment, qm_client):
    response = response_of(assessment, "C1.2")
    typed = "Reviews are effective & dated: every policy shows its review <date>."
    qm_client.post(
        update_url(response),
        form_data(
            response,
            level="2",
            confidence="green",
            strengths=typed,
            improvements="Add a review calendar.",
        ),
        **HTMX,
    )

    body = text(qm_client.get(respond_url(assessment, "C1")))

    prefix = f"r-{response.code}"
    assert "checked" in input_tag(body, f"{prefix}-level", "2")
    for other in ("1", "3", "4"):
        assert "checked" not in input_tag(body, f"{prefix}-level", other)
    assert "checked" in input_tag(body, f"{prefix}-confidence", "green")
    assert textarea(body, f"{prefix}-strengths") == typed
    assert textarea(body, f"{prefix}-improvements") == "Add a review calendar."
    assert input_tag(body, f"{prefix}-revision", "1")
    assert "Last saved by" in body


def oob_ids(fragment: str) -> list[str]:
    return re.findall(r'<[^>]* id="([^"]+)"[^>]* data-hx-swap-oob="true"', fragment)


@pytest.mark.parametrize("not_applicable", [True, False])
def test_every_out_of_band_element_has_a_target_on_the_page(org, member, qm_client, not_applicable):
    """htmx reports an out-of-band element without a target as an error in the console."""
    from frameworks.models import Framework
    from frameworks.services import subscription_set

    version, _ = framework_load(
        text=sample("3.0", **{"not_applicable: true": f"not_applicable: {not_applicable}"})
    )
    subscription_set(organisation=org, frameworks=[Framework.objects.get(slug="sample-framework")])
    assessment = start(org, version, member)
    response = response_of(assessment, "C1.1")
    page = text(qm_client.get(respond_url(assessment, "C1")))
    assert (f'name="r-{response.code}-not_applicable"' in page) is not_applicable

    saved = text(qm_client.post(update_url(response), form_data(response, level="2"), **HTMX))
    refused = text(
        qm_client.post(update_url(response), form_data(response, revision=1, level="9"), **HTMX)
    )

    assert "Saved at" in saved and "Not saved yet" in refused
    for fragment in (saved, refused):
        ids = oob_ids(fragment)
        assert f"revision-{response.code}" in ids or fragment is refused
        assert f"error-{response.code}-level" in ids
        for element_id in ids:
            assert f'id="{element_id}"' in page, f"#{element_id} is not on the page"


# --- Concurrent edits -----------------------------------------------------------------------


@pytest.fixture
def two_editors(org, client_for):
    alex = member_of(org, Role.QUALITY_MANAGER, "Alex Able")
    blair = member_of(org, Role.QUALITY_MANAGER, "Blair Baker")
    return (alex, client_for(alex)), (blair, client_for(blair))


def test_a_stale_save_is_refused_with_both_versions_and_keep_mine_saves(assessment, two_editors):
    (alex, alex_client), (blair, blair_client) = two_editors
    response = response_of(assessment, "C1.1")
    for client in (alex_client, blair_client):  # both open the page at revision 0
        page = text(client.get(respond_url(assessment, "C1")))
        assert input_tag(page, f"r-{response.code}-revision", "0")

    theirs = alex_client.post(
        update_url(response),
        form_data(response, revision=0, level="1", confidence="green", strengths="Alex's view."),
        **HTMX,
    )
    assert theirs.status_code == 200

    mine = form_data(response, revision=0, level="3", confidence="red", strengths="Blair's view.")
    refused = blair_client.post(update_url(response), mine, **HTMX)

    assert refused.status_code == 409
    body = html.unescape(text(refused))
    assert "<html" not in body
    assert f'id="status-{response.code}"' in body
    assert "Alex Able changed this" in body
    assert "Alex's view." in body
    assert "1 Embedded and evaluated; evidence confidence: robust" in body
    assert 'name="resolve" value="mine"' in body
    assert f'href="{respond_url(assessment, "C1")}#response-{response.code}"' in body
    assert "Blair's view." not in body  # their version is shown; mine stays in the form
    stored = response_of(assessment, "C1.1")
    assert (stored.strengths, stored.level, stored.updated_by, stored.revision) == (
        "Alex's view.",
        1,
        alex,
        1,
    )

    kept = blair_client.post(update_url(response), {**mine, "resolve": "mine"}, **HTMX)

    assert kept.status_code == 200
    assert "Saved at" in text(kept)
    assert f'name="r-{response.code}-revision" value="2"' in text(kept)
    stored = response_of(assessment, "C1.1")
    assert (stored.strengths, stored.level, stored.updated_by, stored.revision) == (
        "Blair's view.",
        3,
        blair,
        2,
    )


def test_a_conflict_already_on_screen_is_left_in_place(org, assessment, two_editors):
    """Saves refused again for the same version do not redraw the panel (whose button a
    queued click still needs); a newer version of theirs does redraw it."""
    (_, alex_client), (_, blair_client) = two_editors
    response = response_of(assessment, "C1.1")
    alex_client.post(
        update_url(response), form_data(response, revision=0, strengths="Alex's view."), **HTMX
    )
    mine = form_data(response, revision=0, strengths="Blair's view.")

    first = blair_client.post(update_url(response), mine, **HTMX)
    assert first.status_code == 409
    assert '<input type="hidden" name="conflict_shown" value="1">' in text(first)
    assert "HX-Reswap" not in first

    again = blair_client.post(update_url(response), {**mine, "conflict_shown": "1"}, **HTMX)
    assert again.status_code == 409
    assert again["HX-Reswap"] == "none"

    alex_client.post(
        update_url(response), form_data(response, revision=1, strengths="Alex again."), **HTMX
    )
    newer = blair_client.post(update_url(response), {**mine, "conflict_shown": "1"}, **HTMX)
    assert newer.status_code == 409
    assert "HX-Reswap" not in newer
    assert "Alex again." in text(newer)
    assert '<input type="hidden" name="conflict_shown" value="2">' in text(newer)
    assert response_of(assessment, "C1.1").strengths == "Alex again."


def test_without_htmx_a_conflict_returns_the_page_with_my_typing_and_their_version(
    assessment, two_editors
):
    (_, alex_client), (_, blair_client) = two_editors
    response = response_of(assessment, "C1.1")
    alex_client.post(
        update_url(response),
        form_data(response, revision=0, level="1", confidence="green", strengths="Alex's view."),
    )

    refused = blair_client.post(
        update_url(response),
        form_data(response, revision=0, level="3", confidence="red", strengths="Blair's typing."),
    )

    assert refused.status_code == 409
    body = text(refused)
    assert "<html" in body
    assert 'class="save-status conflict"' in body
    assert "Alex Able changed this" in html.unescape(body)
    assert "Alex&#x27;s view." in body  # their saved version, in the panel
    assert textarea(body, f"r-{response.code}-strengths") == "Blair's typing."
    assert "checked" in input_tag(body, f"r-{response.code}-level", "3")
    assert response_of(assessment, "C1.1").strengths == "Alex's view."

    # The page came back at the save address, so its links must not be relative to it.
    discard = re.search(r'<a href="([^"]*)"[^>]*>Discard mine and load theirs</a>', body).group(1)
    assert discard == f"{respond_url(assessment, 'C1')}#response-{response.code}"
    reloaded = blair_client.get(discard)
    assert reloaded.status_code == 200
    assert textarea(text(reloaded), f"r-{response.code}-strengths") == "Alex's view."


def test_the_full_page_after_a_refused_save_links_to_the_respond_page(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    refused = qm_client.post(update_url(response), form_data(response, not_applicable=True))
    assert refused.status_code == 400
    body = text(refused)
    criteria = re.search(r'<nav class="criteria-nav".*?</nav>', body, re.S).group(0)
    pager = re.search(r'<nav class="pager".*?</nav>', body, re.S).group(0)
    links = re.findall(r'href="([^"]*)"', criteria + pager)
    assert links, "no navigation links"
    for link in links:
        assert link.startswith(respond_url(assessment) + "?criterion="), link
        assert qm_client.get(link).status_code == 200, link


def test_without_htmx_a_save_redirects_back_to_the_benchmark(assessment, qm_client):
    response = response_of(assessment, "C1.2")
    saved = qm_client.post(update_url(response), form_data(response, level="2", confidence="green"))
    assert saved.status_code == 302
    assert saved["Location"] == f"{respond_url(assessment, 'C1')}#response-{response.code}"
    page = qm_client.get(saved["Location"])
    assert "C1.2 saved." in text(page)
    assert response_of(assessment, "C1.2").revision == 1


# --- Bad input ------------------------------------------------------------------------------


def test_not_applicable_without_a_reason_is_refused_next_to_the_field(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    data = form_data(response, not_applicable=True, strengths="Typed before ticking the box.")

    refused = qm_client.post(update_url(response), data, **HTMX)

    assert refused.status_code == 400
    body = text(refused)
    assert "<html" not in body
    assert "Not saved yet" in body
    assert NA_REASON in oob_element(body, f"error-{response.code}-na_justification")
    assert oob_element(body, f"error-{response.code}-strengths") == ""
    stored = response_of(assessment, "C1.1")
    assert (stored.revision, stored.not_applicable, stored.strengths) == (0, False, "")
    assert stored.updated_by is None


def test_without_htmx_bad_input_returns_the_page_with_the_error_and_my_typing(
    assessment, qm_client
):
    response = response_of(assessment, "C1.1")
    data = form_data(response, not_applicable=True, strengths="Typed before ticking the box.")

    refused = qm_client.post(update_url(response), data)

    assert refused.status_code == 400
    body = text(refused)
    assert "<html" in body
    assert NA_REASON in inline_error(body, f"error-{response.code}-na_justification")
    assert textarea(body, f"r-{response.code}-strengths") == "Typed before ticking the box."
    assert "checked" in re.search(
        rf'<input[^>]*name="r-{response.code}-not_applicable"[^>]*>', body
    ).group(0)
    assert response_of(assessment, "C1.1").revision == 0


def test_a_level_outside_the_scale_is_refused(assessment, qm_client):
    response = response_of(assessment, "C1.1")
    refused = qm_client.post(update_url(response), form_data(response, level="7"), **HTMX)
    assert refused.status_code == 400
    assert "Select a valid choice" in oob_element(text(refused), f"error-{response.code}-level")
    assert response_of(assessment, "C1.1").level is None


# --- Evidence links -------------------------------------------------------------------------


def test_evidence_of_another_organisation_cannot_be_linked(org, other_org, assessment, qm_client):
    own = EvidenceItemFactory(organisation=org, title="Our policy")
    theirs = EvidenceItemFactory(organisation=other_org, title="Southdale's policy")
    response = response_of(assessment, "C1.1")

    refused = qm_client.post(
        update_url(response),
        form_data(response, level="2", confidence="green", evidence=[str(theirs.pk)]),
        **HTMX,
    )

    assert refused.status_code == 400
    assert "Select a valid choice" in oob_element(text(refused), f"error-{response.code}-evidence")
    assert "Southdale" not in text(refused)
    stored = response_of(assessment, "C1.1")
    assert list(stored.evidence.all()) == []
    assert stored.revision == 0

    mixed = qm_client.post(
        update_url(response),
        form_data(response, level="2", confidence="green", evidence=[str(own.pk), str(theirs.pk)]),
        **HTMX,
    )
    assert mixed.status_code == 400
    assert list(response_of(assessment, "C1.1").evidence.all()) == []

    linked = qm_client.post(
        update_url(response),
        form_data(response, level="2", confidence="green", evidence=[str(own.pk)]),
        **HTMX,
    )
    assert linked.status_code == 200
    assert list(response_of(assessment, "C1.1").evidence.all()) == [own]


def picker_search(client, assessment, response, q: str, linked=()) -> str:
    url = reverse("evidence:picker_search", kwargs={"org_slug": assessment.organisation.slug})
    field = f"r-{response.code}-evidence"
    reply = client.get(url, {"q": q, "field": field, field: [str(pk) for pk in linked]})
    assert reply.status_code == 200
    return text(reply)


def test_the_page_lists_no_library_only_the_linked_evidence(org, member, assessment, qm_client):
    linked = EvidenceItemFactory(organisation=org, title="Our linked policy")
    EvidenceItemFactory(organisation=org, title="Our unlinked policy")
    response = response_of(assessment, "C1.1")
    with tenant_scope(org):
        response_save(
            response=response,
            change=ResponseChange(level=2, confidence="green", evidence=[linked]),
            expected_revision=response.revision,
            by=member,
        )

    body = text(qm_client.get(respond_url(assessment, "C1")))

    assert body.count("Our linked policy") == 1  # ticked in its own benchmark's picker
    assert re.search(rf'value="{linked.pk}"[^>]*checked', body)
    assert "Our unlinked policy" not in body
    assert body.count('<label for="search-') == 2  # each picker searches, with a label


def test_the_picker_finds_only_our_own_unarchived_unlinked_evidence(
    org, other_org, assessment, qm_client
):
    from django.utils import timezone

    current = EvidenceItemFactory(organisation=org, title="Our current policy")
    linked = EvidenceItemFactory(organisation=org, title="Our linked policy")
    EvidenceItemFactory(organisation=org, title="Our old policy", archived_at=timezone.now())
    EvidenceItemFactory(organisation=other_org, title="Southdale's policy")
    response = response_of(assessment, "C1.1")

    body = picker_search(qm_client, assessment, response, "policy", linked=[linked.pk])

    assert "Our current policy" in body
    assert f'name="r-{response.code}-evidence" value="{current.pk}"' in body
    assert "1 match" in body
    for absent in ("Our linked policy", "Our old policy", "Southdale"):
        assert absent not in body


def test_the_picker_shows_at_most_twenty_and_says_there_are_more(org, assessment, qm_client):
    for n in range(23):
        EvidenceItemFactory(organisation=org, title=f"Training record {n}")
    body = picker_search(qm_client, assessment, response_of(assessment, "C1.1"), "training")
    assert body.count('type="checkbox"') == 20
    assert "The first 20 matches" in body
    assert "No unlinked evidence matches" in picker_search(
        qm_client, assessment, response_of(assessment, "C1.1"), "nothing like this"
    )


def test_the_picker_refuses_an_unknown_field_name(org, assessment, qm_client):
    url = reverse("evidence:picker_search", kwargs={"org_slug": org.slug})
    reply = qm_client.get(url, {"q": "policy", "field": '"><script>'})
    assert reply.status_code == 400


def test_the_picker_query_count_does_not_grow_with_the_library(org, assessment, qm_client):
    response = response_of(assessment, "C1.1")
    url = reverse("evidence:picker_search", kwargs={"org_slug": org.slug})
    field = f"r-{response.code}-evidence"
    EvidenceItemFactory(organisation=org, title="Policy 0")
    qm_client.get(url, {"q": "policy", "field": field})
    with CaptureQueriesContext(connection) as small:
        qm_client.get(url, {"q": "policy", "field": field})
    for n in range(30):
        EvidenceItemFactory(organisation=org, title=f"Policy {n + 1}")
    with CaptureQueriesContext(connection) as large:
        qm_client.get(url, {"q": "policy", "field": field})
    assert len(small) == len(large)


def test_autosave_validates_only_the_evidence_it_was_sent(org, assessment, qm_client):
    for _ in range(5):
        EvidenceItemFactory(organisation=org)
    own = EvidenceItemFactory(organisation=org)
    response = response_of(assessment, "C1.1")
    with CaptureQueriesContext(connection) as captured:
        saved = qm_client.post(
            update_url(response),
            form_data(response, level="2", confidence="green", evidence=[str(own.pk)]),
            **HTMX,
        )
    assert saved.status_code == 200
    reads = [q["sql"] for q in captured if "evidence_evidenceitem" in q["sql"].split("WHERE")[0]]
    assert reads and all("IN" in sql for sql in reads if "FROM" in sql and "SELECT" in sql)


# --- Who may answer -------------------------------------------------------------------------


@pytest.fixture
def contributor(org):
    return member_of(org, Role.CONTRIBUTOR, "Casey Contributor")


def test_a_contributor_answers_only_the_criteria_assigned_to_them(
    org, assessment, contributor, client_for, subscribed
):
    with tenant_scope(org):
        assignment_set(
            assessment=assessment,
            criterion=subscribed.criteria.get(code="C1"),
            assignee=contributor,
        )
    client = client_for(contributor)
    assigned, unassigned = response_of(assessment, "C1.1"), response_of(assessment, "C2.1")

    ok = client.post(
        update_url(assigned), form_data(assigned, level="2", confidence="green"), **HTMX
    )
    assert ok.status_code == 200
    stored = response_of(assessment, "C1.1")
    assert (stored.level, stored.updated_by) == (2, contributor)

    refused = client.post(
        update_url(unassigned), form_data(unassigned, level="2", confidence="green"), **HTMX
    )
    assert refused.status_code == 403
    assert response_of(assessment, "C2.1").revision == 0

    # The page shows forms only where they may answer.
    assert count_forms(text(client.get(respond_url(assessment, "C1")))) == 2
    other = text(client.get(respond_url(assessment, "C2")))
    assert count_forms(other) == 0
    assert "assigned to someone else" in other


def test_a_viewer_may_not_save(assessment, readonly_member, client_for):
    response = response_of(assessment, "C1.1")
    refused = client_for(readonly_member).post(
        update_url(response), form_data(response, level="2", confidence="green"), **HTMX
    )
    assert refused.status_code == 403
    assert response_of(assessment, "C1.1").revision == 0


def test_a_contributor_who_leads_the_assessment_answers_everything(
    org, contributor, subscribed, client_for
):
    led = start(org, subscribed, contributor)
    client = client_for(contributor)
    for code in ("C1.1", "C2.1"):
        response = response_of(led, code)
        saved = client.post(
            update_url(response), form_data(response, level="1", confidence="green"), **HTMX
        )
        assert saved.status_code == 200, code
        assert response_of(led, code).updated_by == contributor
    assert count_forms(text(client.get(respond_url(led, "C2")))) == 1


def test_an_outsider_is_told_nothing(assessment, outsider, client_for):
    response = response_of(assessment, "C1.1")
    client = client_for(outsider)
    assert client.get(respond_url(assessment, "C1")).status_code == 404
    refused = client.post(update_url(response), form_data(response, level="2"), **HTMX)
    assert refused.status_code == 404
    assert response_of(assessment, "C1.1").revision == 0


# --- A signed-off assessment ----------------------------------------------------------------


@pytest.fixture
def approved(org, member, assessment):
    leader = member_of(org, Role.SENIOR_LEADER, "Lee Leader")
    answer_all(assessment, member)
    with tenant_scope(org):
        assessment_submit(assessment=assessment, by=member)
        return assessment_approve(assessment=assessment, by=leader)


def test_an_approved_assessment_refuses_saves(approved, qm_client):
    assert approved.status == Status.APPROVED
    response = response_of(approved, "C1.1")

    refused = qm_client.post(
        update_url(response),
        form_data(response, level="4", confidence="red", strengths="Changed after sign-off."),
        **HTMX,
    )

    assert refused.status_code == 409
    assert "no longer open" in text(refused)
    assert f'id="status-{response.code}"' in text(refused)
    stored = response_of(approved, "C1.1")
    assert (stored.level, stored.revision) == (2, 1)

    redirected = qm_client.post(
        update_url(response), form_data(response, level="4", confidence="red")
    )
    assert redirected.status_code == 302
    assert "no longer open" in text(qm_client.get(redirected["Location"]))
    assert response_of(approved, "C1.1").level == 2


def test_an_approved_assessment_is_read_only_on_the_page(approved, qm_client):
    body = text(qm_client.get(respond_url(approved, "C1")))
    assert count_forms(body) == 0
    assert body.count('class="readonly-response"') == 2
    assert "This self-evaluation is approved and read-only." in body
    assert "<dd>2 Established</dd>" in body


# --- Query counts ---------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url)
    assert page.status_code == 200, url
    return len(captured)


def test_the_respond_page_query_count_does_not_grow_with_the_library_or_the_answers(
    org, member, assessment, qm_client
):
    library = [EvidenceItemFactory(organisation=org) for _ in range(3)]
    url = respond_url(assessment, "C1")
    qm_client.get(url)  # warm up per-process caches (content types, sites)
    baseline = queries_for(qm_client, url)

    library += [EvidenceItemFactory(organisation=org) for _ in range(27)]
    page = text(qm_client.get(url))
    assert len(re.findall(r'type="checkbox" name="r-[0-9a-f-]+-evidence"', page)) == 0
    assert queries_for(qm_client, url) == baseline

    # Every benchmark answered, each with ten evidence links: still the same.
    answer_all(assessment, member, evidence=library[:10])
    assert queries_for(qm_client, url) == baseline
    page = text(qm_client.get(url))
    # Only the linked items are on the page: ten ticked in each of the two benchmarks' pickers.
    assert len(re.findall(r'type="checkbox" name="r-[0-9a-f-]+-evidence"[^>]*checked', page)) == 20
    assert len(re.findall(r'type="checkbox" name="r-[0-9a-f-]+-evidence"', page)) == 20


def test_the_respond_page_query_count_does_not_grow_with_benchmarks_per_criterion(
    org, member, client_for
):
    from frameworks.models import Framework
    from frameworks.services import subscription_set

    extra = "".join(
        f"      - code: C1.{n}\n        text: Extra benchmark {n}.\n" for n in range(3, 7)
    )
    wide, _ = framework_load(text=sample("2.0", **{"  - code: C2\n": extra + "  - code: C2\n"}))
    subscription_set(organisation=org, frameworks=[Framework.objects.get(slug="sample-framework")])
    assessment = start(org, wide, member)
    for _ in range(5):
        EvidenceItemFactory(organisation=org)
    client = client_for(member)
    client.get(respond_url(assessment, "C1"))

    one = queries_for(client, respond_url(assessment, "C2"))
    six = queries_for(client, respond_url(assessment, "C1"))

    assert count_forms(text(client.get(respond_url(assessment, "C1")))) == 6
    assert count_forms(text(client.get(respond_url(assessment, "C2")))) == 1
    assert six == one


def test_the_viewer_page_query_count_does_not_grow_with_linked_evidence(
    org, member, readonly_member, assessment, client_for
):
    client = client_for(readonly_member)
    url = respond_url(assessment, "C1")
    client.get(url)
    baseline = queries_for(client, url)
    library = [EvidenceItemFactory(organisation=org) for _ in range(12)]
    answer_all(assessment, member, evidence=library)
    assert queries_for(client, url) == baseline


def summary_url(assessment) -> str:
    return reverse(
        "assessments:summary",
        kwargs={"org_slug": assessment.organisation.slug, "assessment_code": assessment.code},
    )


def test_the_summary_query_count_does_not_grow_with_answers_or_evidence(
    org, member, assessment, subscribed, qm_client
):
    url = summary_url(assessment)
    qm_client.get(url)
    unanswered = queries_for(qm_client, url)

    library = [EvidenceItemFactory(organisation=org) for _ in range(3)]
    answer_all(assessment, member, level=3, confidence="amber", evidence=library)
    with_three = queries_for(qm_client, url)

    library += [EvidenceItemFactory(organisation=org) for _ in range(27)]
    with tenant_scope(org):
        for response in assessment.responses.all():
            response.evidence.set(library)
    with_thirty = queries_for(qm_client, url)

    # Other assessments of the organisation, fully answered, change nothing either.
    for n in range(2):
        other = start(org, subscribed, member, title=f"Earlier cycle {n}")
        answer_all(other, member, evidence=library)
    with_others = queries_for(qm_client, url)

    assert unanswered == with_three == with_thirty == with_others
