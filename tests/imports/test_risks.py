"""The risk register through the shared import: the template's columns map themselves, the
register's own checks apply, and a second import updates the same risks."""

import pytest

from registers.models import Risk
from tests.imports.helpers import upload_and_map, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = [
    "Category",
    "Risk",
    "Hazard",
    "Risk management",
    "Further action needed",
    "Lead officer",
    "Date for completion",
    "Likelihood",
    "Impact",
]


def _rows(qm, likelihood="3"):
    return [
        [
            "Leadership",
            "Staff unaware of the Prevent duty",
            "",
            "Training",
            "",
            qm.email,
            "",
            likelihood,
            "4",
        ],
        ["Online and IT", "Filtering misses extremist sites", "", "", "", "", "", "2", "5"],
    ]


def test_the_risk_register_imports_and_reimports_through_the_shared_component(org, qm, client_for):
    client = client_for(qm)
    job, urls = upload_and_map(client, org, xlsx_bytes(HEADER, _rows(qm)), "risks", "r.xlsx")
    assert job.mapping["existing_controls"] == 3 and job.mapping["likelihood"] == 7
    assert client.get(urls["preview"]).context["counts"]["create"] == 2
    assert client.post(urls["confirm"]).status_code == 302
    risk = Risk.unscoped.get(organisation=org, risk="Staff unaware of the Prevent duty")
    assert (risk.owner, risk.likelihood, risk.created_by) == (qm, 3, qm)

    rows = _rows(qm, likelihood="9")
    _job, urls = upload_and_map(client, org, xlsx_bytes(HEADER, rows), "risks", "r.xlsx")
    text = client.get(urls["preview"]).content.decode()
    assert "Row 2, Likelihood (column" not in text  # the header is the label: no "(column …)"
    assert "Row 2, Likelihood: Likelihood “9” must be a whole number from 1 to 5." in text
    rows = _rows(qm, likelihood="4")
    _job, urls = upload_and_map(client, org, xlsx_bytes(HEADER, rows), "risks", "r.xlsx")
    preview = client.get(urls["preview"])
    assert preview.context["counts"] == {"create": 0, "update": 1, "unchanged": 1, "error": 0}
    assert client.post(urls["confirm"]).status_code == 302
    assert Risk.unscoped.filter(organisation=org).count() == 2
    risk.refresh_from_db()
    assert risk.likelihood == 4
