"""Members to invite, subcontractors and evidence links: each through its own app's service,
re-imports updating (or leaving) rather than duplicating."""

import pytest
from django.core import mail

from evidence.models import EvidenceItem
from subcontractors.models import Subcontractor
from tenancy.models import Invitation, Membership
from tests.clock import days_from_today
from tests.imports.helpers import csv_bytes, ods_bytes, upload_and_map, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_members_are_invited_through_the_invitation_service_once(
    org, qm, contributor, client_for, django_capture_on_commit_callbacks
):
    client = client_for(qm)
    header = ["Name", "Work email", "Access level"]
    rows = [
        ["Ann New", "ann@example.org", "Viewer"],
        ["Bo New", "bo@example.org", ""],
        ["Casey", contributor.email, "Contributor"],
    ]
    _job, urls = upload_and_map(client, org, ods_bytes(header, rows), "members", "staff.ods")
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 2, "update": 0, "unchanged": 1, "error": 0}
    assert "Already a member." in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(urls["confirm"]).status_code == 302
    invitations = Invitation.unscoped.filter(organisation=org).order_by("email")
    assert [(i.email, i.role) for i in invitations] == [
        ("ann@example.org", "viewer"),
        ("bo@example.org", "contributor"),
    ]
    assert len(mail.outbox) == 2  # the service's invitation emails
    assert Membership.unscoped.filter(organisation=org).count() == 2  # none made directly

    rows.append(["Dee", "dee@example.org", "Senior leader"])
    rows.append(["Me", qm.email, "Viewer"])
    _job, urls = upload_and_map(client, org, ods_bytes(header, rows), "members", "staff.ods")
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 1, "update": 0, "unchanged": 3, "error": 1}
    assert "you cannot invite yourself" in preview.content.decode()


def _subcontractor_rows(ukprns, risk="Low"):
    return [
        [
            f"Provider {u}",
            u,
            "Pat Contact",
            "pat@example.org",
            "Lee Prevent",
            "lee@example.org",
            "London; South East",
            "Apprenticeships",
            "£12,500",
            risk,
            "",
        ]
        for u in ukprns
    ]


SUB_HEADER = [
    "Provider name",
    "UKPRN",
    "Main contact name",
    "Main contact email",
    "Prevent lead name",
    "Prevent lead email",
    "Regions",
    "Funding stream",
    "Contract value",
    "Risk rating",
    "Risk reasons",
]


def test_subcontractors_match_on_ukprn(org, qm, client_for):
    client = client_for(qm)
    rows = _subcontractor_rows(["10000001", "10000002"])
    _job, urls = upload_and_map(
        client, org, xlsx_bytes(SUB_HEADER, rows), "subcontractors", "s.xlsx"
    )
    assert client.get(urls["preview"]).context["counts"]["create"] == 2
    response = client.post(urls["confirm"])
    assert response.status_code == 302, [r.errors for r in response.context["preview"].rows]
    first = Subcontractor.unscoped.get(organisation=org, ukprn="10000001")
    assert first.contract_value == 12500 and first.created_by == qm
    assert first.delivery_regions == ["london", "south_east"]

    rows = _subcontractor_rows(["10000001", "10000002", "123"], risk="High")
    _job, urls = upload_and_map(
        client, org, xlsx_bytes(SUB_HEADER, rows), "subcontractors", "s.xlsx"
    )
    text = client.get(urls["preview"]).content.decode()
    assert "Row 2, Risk reasons: Say why the risk is medium or high." in text
    assert "Row 4, UKPRN: “123” is not a UKPRN" in text
    rows = _subcontractor_rows(["10000001"], risk="High")
    rows[0][10] = "New delivery site"
    _job, urls = upload_and_map(
        client, org, xlsx_bytes(SUB_HEADER, rows), "subcontractors", "s.xlsx"
    )
    assert client.get(urls["preview"]).context["counts"]["update"] == 1
    assert client.post(urls["confirm"]).status_code == 302
    assert Subcontractor.unscoped.filter(organisation=org).count() == 2
    first.refresh_from_db()
    assert first.risk_rating == "high" and first.history.count() == 2


def test_evidence_links_match_on_the_web_address(org, qm, client_for):
    client = client_for(qm)
    header = ["Document", "Link", "Owner", "Review date"]
    rows = [
        ["Prevent policy", "https://sharepoint.example.org/policy", qm.display_name, ""],
        ["Risk assessment", "https://sharepoint.example.org/risk", qm.email, ""],
        ["Bad", "ftp://nope", qm.email, ""],
    ]
    _job, urls = upload_and_map(client, org, csv_bytes(header, rows), "evidence_links", "e.csv")
    text = client.get(urls["preview"]).content.decode()
    assert "Row 4, Web address (column “Link”): “ftp://nope” is not a web address" in text
    _job, urls = upload_and_map(client, org, csv_bytes(header, rows[:2]), "evidence_links", "e.csv")
    assert client.post(urls["confirm"]).status_code == 302
    item = EvidenceItem.unscoped.get(organisation=org, url=rows[0][1])
    assert (item.kind, item.owner, item.uploaded_by) == ("link", qm, qm)
    rows[0][3] = days_from_today(400).strftime("%d/%m/%Y")
    _job, urls = upload_and_map(client, org, csv_bytes(header, rows[:2]), "evidence_links", "e.csv")
    assert client.get(urls["preview"]).context["counts"] == {
        "create": 0,
        "update": 1,
        "unchanged": 1,
        "error": 0,
    }
    assert client.post(urls["confirm"]).status_code == 302
    assert EvidenceItem.unscoped.filter(organisation=org).count() == 2
    item.refresh_from_db()
    assert item.valid_until == days_from_today(400)
