"""The evidence picker at 500 items: search and filters (title, type, owner, expiring) in one
bounded query, the same count at two sizes; its fields validate only the codes they are sent and
never list the library; restricted evidence stays out for those who may not see it; the training
certificate and partner engagement fields use it too."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evidence.models import EvidenceItem, EvidenceKind, Sensitivity
from evidence.picker import EvidenceChoiceField, EvidenceLinksField, pickable_evidence
from tests.clock import TODAY, frozen_on
from tests.evidence.helpers import html, item_in, url
from tests.partners.conftest import make_area, make_contact
from tests.training.conftest import make_course, make_staff
from training.models import Completion

pytestmark = pytest.mark.django_db
FIELD = "certificate"


def library(org, owners, count: int, start: int = 0) -> None:
    """`count` items in one statement: files and links, some expiring soon, some expired."""
    today = timezone.localdate()
    items = []
    for n in range(start, start + count):
        is_file = n % 2 == 0
        until = today + timedelta(days=10) if n % 10 == 0 else None
        if n % 7 == 0:
            until = today - timedelta(days=5)
        items.append(
            EvidenceItem(
                organisation=org,
                title=f"{'Training record' if n % 3 else 'Speaker log'} {n:03}",
                kind=EvidenceKind.FILE if is_file else EvidenceKind.LINK,
                sha256="0" * 64 if is_file else "",
                content_type="application/pdf" if is_file else "",
                url="" if is_file else f"https://intranet.example.org/{n}",
                owner=owners[n % len(owners)],
                effective_date=today - timedelta(days=30),
                valid_until=until,
            )
        )
    EvidenceItem.objects.for_organisation(org).bulk_create(items)


def search(client, org, **params) -> str:
    reply = client.get(url("picker_search", org), {"field": FIELD, **params})
    assert reply.status_code == 200
    return html(reply)


def found(body: str) -> int:
    return body.count(f'name="{FIELD}" value="')


def test_the_search_and_filters_narrow_500_items(org, qm, contributor, client_for):
    library(org, [qm, contributor], 500)
    client = client_for(qm)

    assert search(client, org) == "\n"  # nothing asked, nothing listed
    broad = search(client, org, picker_q="record")
    assert found(broad) == 20 and "The first 20 matches" in broad
    one = search(client, org, picker_q="Speaker log 003")
    assert found(one) == 1 and "1 match" in one
    files = search(client, org, picker_q="log", picker_kind="file")
    assert found(files) == 20 and "(link" not in files
    expiring = search(client, org, picker_status="expiring", picker_kind="link")
    # Links (odd numbers) valid for ten more days: multiples of ten are even, so none.
    assert found(expiring) == 0 and "No unlinked evidence matches these filters" in expiring
    expiring = search(client, org, picker_status="expiring")
    assert found(expiring) == 20 and "Expiring soon" in expiring and "expired" not in expiring
    expired = search(client, org, picker_status="expired", picker_q="Speaker")
    assert "expired" in expired and "valid until" not in expired
    mine = search(client_for(contributor), org, picker_mine="1", picker_q="Speaker log 00")
    # Speaker logs are multiples of three; the contributor owns the odd ones: 003 and 009.
    assert found(mine) == 2 and "Speaker log 003" in mine and "Speaker log 009" in mine


def test_the_search_runs_the_same_queries_at_50_and_500_items(org, qm, client_for):
    client = client_for(qm)
    library(org, [qm], 50)
    params = {"picker_q": "record", "picker_kind": "file", "picker_status": "current"}
    search(client, org, **params)
    with CaptureQueriesContext(connection) as small:
        search(client, org, **params)
    library(org, [qm], 450, start=50)
    with CaptureQueriesContext(connection) as large:
        assert found(search(client, org, **params)) == 20
    assert len(small) == len(large)


def test_what_is_linked_is_left_out_of_the_results(org, qm, client_for):
    library(org, [qm], 30)
    linked = EvidenceItem.unscoped.get(title="Speaker log 003")
    body = search(client_for(qm), org, picker_q="Speaker log", **{FIELD: [str(linked.code)]})
    assert "Speaker log 000" in body and "Speaker log 003" not in body


def test_normal_only_pickers_never_offer_restricted_evidence_even_to_leaders(
    org, leader, client_for
):
    dsl = leader  # senior leaders see restricted evidence, as the DSL does
    item_in(org, title="Concerns log", sensitivity=Sensitivity.RESTRICTED, owner=dsl)
    client = client_for(dsl)
    assert "Concerns log" in search(client, org, picker_q="concerns")
    assert "Concerns log" not in search(client, org, picker_q="concerns", normal="1")


def test_a_links_field_validates_only_the_codes_it_was_sent(org, qm, contributor):
    from django import forms

    library(org, [qm], 500)
    chosen = list(EvidenceItem.unscoped.order_by("pk")[:2])
    secret = item_in(org, title="Concerns log", sensitivity=Sensitivity.RESTRICTED, owner=qm)

    class Form(forms.Form):
        evidence = EvidenceLinksField(queryset=None)

    def form(data):
        bound = Form(data)
        field = bound.fields["evidence"]
        assert isinstance(field, EvidenceLinksField)
        field.queryset = pickable_evidence(organisation=org, access=None)
        return bound

    with CaptureQueriesContext(connection) as captured:
        valid = form({"evidence": [str(item.code) for item in chosen]})
        assert valid.is_valid()
    assert list(valid.cleaned_data["evidence"]) == chosen
    assert len(captured) == 1 and " IN (" in captured[0]["sql"]
    for bad in ([str(secret.code)], ["17"], ["not-a-code"]):
        refused = form({"evidence": bad})
        assert not refused.is_valid()
        assert refused.errors["evidence"] == ["Choose evidence from your library."]
    rendered = str(form({"evidence": [str(chosen[0].code)]})["evidence"])
    assert rendered.count("<input") == 1 and 'type="hidden"' in rendered


def test_a_choice_field_refuses_what_is_not_a_code(org, qm):
    field = EvidenceChoiceField(queryset=pickable_evidence(organisation=org, access=None))
    item = item_in(org, title="Notes")
    assert field.clean(str(item.code)) == item
    assert field.clean("") is None
    for bad in ("12", "x"):
        with pytest.raises(Exception, match="Choose evidence from your library"):
            field.clean(bad)


@frozen_on(TODAY)
def test_a_training_certificate_is_chosen_by_search_not_from_a_list(org, qm, client_for):
    staff, course = make_staff(org, qm), make_course(org, qm)
    library(org, [qm], 40)
    secret = item_in(org, title="Concerns log", sensitivity=Sensitivity.RESTRICTED, owner=qm)
    client = client_for(qm)
    page = html(client.get(staff.get_absolute_url()))
    assert "Training record 001" not in page and 'name="picker_q"' in page
    assert 'type="radio" name="certificate" value=""' in page  # "None", chosen
    target = reverse(
        "training:completion_create", kwargs={"org_slug": org.slug, "staff_code": staff.code}
    )
    data = {"course": course.pk, "completed_on": TODAY.isoformat(), "score": ""}
    refused = client.post(target, {**data, "certificate": str(secret.code)})
    assert refused.status_code == 400 and "Choose evidence from your library" in html(refused)
    assert "Concerns log" not in html(refused)
    certificate = EvidenceItem.unscoped.get(title="Training record 001")
    assert client.post(target, {**data, "certificate": str(certificate.code)}).status_code == 302
    assert Completion.unscoped.get().certificate == certificate


@frozen_on(TODAY)
def test_a_partner_engagement_links_evidence_by_search(org, qm, client_for):
    contact = make_contact(org, qm, make_area(org, qm))
    library(org, [qm], 40)
    client = client_for(qm)
    target = reverse("partners:engagement_create", kwargs={"org_slug": org.slug})
    page = html(client.get(target))
    assert "Training record 001" not in page and 'data-hx-vals=\'{"field": "evidence"' in page
    notes = EvidenceItem.unscoped.get(title="Training record 002")
    data = {
        "contact": contact.pk,
        "occurred_on": (TODAY - timedelta(days=3)).isoformat(),
        "kind": "meeting",
        "summary": "Termly meeting with the police Prevent team",
        "what_changed": "",
        "evidence": str(notes.code),
    }
    reply = client.post(target, data)
    assert reply.status_code == 302, html(reply)
    from partners.models import Engagement

    assert Engagement.unscoped.get().evidence == notes
