"""Autosave of a response with htmx (and without it): small fragments, revisions, not
applicable, a reload, and bad input refused next to the field without losing what was typed."""

import re

import pytest

from frameworks.services import framework_load
from tests.assessments.helpers import start
from tests.assessments.respond.helpers import (
    HTMX,
    code,
    form_data,
    input_tag,
    oob_element,
    respond_url,
    response_of,
    text,
    textarea,
    update_url,
)
from tests.evidence.factories import EvidenceItemFactory
from tests.frameworks.sample import sample

pytestmark = pytest.mark.django_db


NA_REASON = "Say why this benchmark does not apply to you."


def inline_error(body: str, element_id: str) -> str:
    """The inner HTML of an error slot of the full page (next to its field)."""
    match = re.search(rf'<div id="{element_id}">(.*?)</div>', body, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(1)


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
            evidence=[code(policy), code(log)],
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
