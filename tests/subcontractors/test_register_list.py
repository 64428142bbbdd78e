"""The register's list: its filters, overdue reviews, query counts and the CSV export."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from subcontractors.models import RiskRating, Subcontractor, SubcontractorStatus
from subcontractors.services import review_start
from subcontractors.views.register import safe_cell
from tenancy.scope import tenant_scope
from tests.subcontractors.helpers import html, make_subcontractor, url

pytestmark = pytest.mark.django_db


# --- The list, its filters and the CSV export ----------------------------------------------


def test_the_register_lists_and_filters_and_overdue_reviews_stand_out(org, qm, client_for):
    today = timezone.localdate()
    make_subcontractor(org, qm, name="Low Ltd")
    late = make_subcontractor(
        org,
        qm,
        name="Late Ltd",
        risk_rating=RiskRating.HIGH,
        risk_reasons="Gaps.",
        next_review_date=today - timedelta(days=1),
    )
    make_subcontractor(
        org,
        qm,
        name="Ended Ltd",
        status=SubcontractorStatus.ENDED,
        next_review_date=today - timedelta(days=30),
    )
    # An open review past its due date is overdue too, whatever the next review date says.
    review_due = make_subcontractor(org, qm, name="Review Due Ltd")
    with tenant_scope(org):
        review = review_start(subcontractor=review_due, due_date=today, by=qm)
    type(review).unscoped.filter(pk=review.pk).update(due_date=today - timedelta(days=2))
    Subcontractor.unscoped.filter(pk=review_due.pk).update(
        next_review_date=today + timedelta(days=30)
    )

    client = client_for(qm)
    page = html(client.get(url("index", org)))
    assert page.count('class="is-overdue"') == 2
    assert page.count("Review overdue</span>") == 2

    overdue = html(client.get(url("index", org), {"overdue": "on"}))
    assert "Late Ltd" in overdue and "Review Due Ltd" in overdue
    assert "Low Ltd" not in overdue and "Ended Ltd" not in overdue  # ended: nothing is due

    high = html(client.get(url("index", org), {"risk": "high"}))
    assert "Late Ltd" in high and "Low Ltd" not in high
    ended = html(client.get(url("index", org), {"status": "ended"}))
    assert "Ended Ltd" in ended and "Late Ltd" not in ended
    assert late.name in html(client.get(url("index", org), {"risk": "nonsense"}))


def test_the_register_query_count_does_not_grow(org, qm, client_for):
    client = client_for(qm)

    def queries(**params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("index", org), params).status_code == 200
        return len(captured)

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            subcontractor = make_subcontractor(
                org,
                qm,
                name=f"Provider {i:02d}",
                next_review_date=timezone.localdate() + timedelta(days=i - 10),
            )
            with tenant_scope(org):
                review_start(
                    subcontractor=subcontractor,
                    due_date=timezone.localdate() + timedelta(days=5),
                    by=qm,
                )

    add(3, 0)
    client.get(url("index", org))  # warm up per-process caches
    three = queries()
    three_filtered = queries(overdue="on", risk="low")
    with CaptureQueriesContext(connection) as captured:
        client.get(url("export", org))
    export_three = len(captured)
    add(27, 3)
    assert queries() == three
    assert queries(overdue="on", risk="low") == three_filtered
    with CaptureQueriesContext(connection) as captured:
        client.get(url("export", org))
    assert len(captured) == export_three
    assert html(client.get(url("index", org))).count("UKPRN 1") == 30


def rows_of(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # the byte-order mark, for Excel
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_export_is_the_filtered_register(org, qm, client_for):
    make_subcontractor(org, qm, name="Low Ltd")
    make_subcontractor(
        org,
        qm,
        name="High Ltd",
        risk_rating=RiskRating.HIGH,
        risk_reasons="Gaps.",
        contract_value=Decimal("150000"),
    )
    client = client_for(qm)
    everything = rows_of(client.get(url("export", org)))
    assert [r["Name"] for r in everything] == ["High Ltd", "Low Ltd"]
    high = rows_of(client.get(url("export", org), {"risk": "high"}))
    assert [r["Name"] for r in high] == ["High Ltd"]
    assert high[0]["Specified authority"] == "Not yet established"
    assert high[0]["Contract value (£)"] == "150000.00"
    assert high[0]["Delivery regions"] == "London"
    response = client.get(url("export", org))
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_the_csv_export_guards_against_formula_injection(org, qm, client_for):
    make_subcontractor(
        org,
        qm,
        name='=HYPERLINK("http://evil.example","click")',
        contact_name="+44 call me",
        risk_rating=RiskRating.MEDIUM,
        risk_reasons="@SUM(A1:A2)",
    )
    row = rows_of(client_for(qm).get(url("export", org)))[0]
    assert row["Name"].startswith("'=")
    assert row["Main contact"] == "'+44 call me"
    assert row["Risk reasons"] == "'@SUM(A1:A2)"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx", "|x", "%x"])
def test_safe_cell_defuses_every_formula_start(value):
    assert safe_cell(value) == f"'{value}"


def test_safe_cell_leaves_ordinary_text_alone():
    assert safe_cell("Acorn Ltd") == "Acorn Ltd"
    assert safe_cell(None) == ""


def test_the_csv_export_round_trips_pounds_and_accented_names(org, qm, client_for):
    make_subcontractor(org, qm, name="Café Formación Ltd", contact_name="Zoë Ó Briain")
    row = rows_of(client_for(qm).get(url("export", org)))[0]
    assert (row["Name"], row["Main contact"]) == ("Café Formación Ltd", "Zoë Ó Briain")
    assert "Contract value (£)" in row  # the header's pound sign survives too
