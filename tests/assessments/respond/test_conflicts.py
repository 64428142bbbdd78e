"""Concurrent edits of a response: a stale save is refused and shows both versions, with and
without htmx, and "Keep my version" saves mine."""

import html
import re

import pytest

from tenancy.roles import Role
from tests.assessments.respond.helpers import (
    HTMX,
    form_data,
    input_tag,
    member_of,
    respond_url,
    response_of,
    text,
    textarea,
    update_url,
)

pytestmark = pytest.mark.django_db


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
