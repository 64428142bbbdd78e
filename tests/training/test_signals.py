"""The training matrix's live signals: attached in 2026.3 to the staff-training benchmarks,
worded from the figures, and shown on the respond page."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from frameworks.library import parse_library_text
from frameworks.register_signals import signals_for
from frameworks.services import LIBRARY_DIR
from tests.clock import TODAY, frozen_on
from tests.training.conftest import complete, make_course, make_staff

pytestmark = pytest.mark.django_db
KEYS = ["training.coverage", "training.refreshers"]


def test_the_staff_training_benchmarks_name_the_signals_and_say_what_changed():
    data = parse_library_text((LIBRARY_DIR / "prevent-fe-itp-2026.3.yaml").read_text())
    benchmarks = {b["code"]: b for c in data["criteria"] for b in c["benchmarks"]}
    assert benchmarks["C4.1"]["signals"] == ["training.coverage"]
    assert benchmarks["C4.2"]["signals"] == KEYS
    assert benchmarks["C4.4"]["signals"] == KEYS
    assert all("training matrix" in benchmarks[c]["changes"] for c in ("C4.1", "C4.2", "C4.4"))


def test_an_empty_matrix_warns(org):
    signals = signals_for(org, KEYS, TODAY)
    assert all(not s.ok for s in signals.values())
    assert signals["training.coverage"].summary == "No staff are recorded in the training matrix."


@frozen_on(TODAY)
def test_the_signals_give_shares_by_role_group_and_what_is_overdue(org, qm):
    course = make_course(org, qm, "Awareness", ("tutors", "dsl"), refresh_months=12)
    lead = make_staff(org, qm, "Dee Lead", role_group="dsl")
    tutors = [make_staff(org, qm, f"Tutor {i}") for i in range(4)]
    complete(org, qm, lead, course, TODAY - timedelta(days=20))
    for tutor in tutors[:3]:
        complete(org, qm, tutor, course, TODAY - timedelta(days=30))
    complete(org, qm, tutors[3], course, date(2025, 6, 1))  # lapsed on 1 June 2026
    make_staff(org, qm, "Late Starter", start=TODAY - timedelta(days=45))  # 30 days' grace
    signals = signals_for(org, KEYS, TODAY)
    coverage, refreshers = signals["training.coverage"], signals["training.refreshers"]
    assert "DSL and Prevent lead 100% (1 of 1)" in coverage.summary
    assert "Tutors and assessors 60% (3 of 5)" in coverage.summary
    assert coverage.warnings == ("Only 60% of tutors and assessors are up to date (3 of 5).",)
    assert refreshers.summary.startswith(
        "1 refresher overdue; 1 required course never completed and past due"
    )
    assert refreshers.warnings == (
        "2 members of staff are overdue for Prevent training or a refresher.",
        "1 new starter has not done their induction training in time.",
    )


def test_the_respond_page_shows_the_training_signals(demo_world, db, client_for):
    from django.contrib.auth import get_user_model

    from assessments.models import Response

    response = Response.unscoped.filter(
        assessment__organisation__slug="northfield-training",
        assessment__status="draft",
        benchmark__code="C4.2",
    ).first()
    assert response is not None
    qm = get_user_model().objects.get(email="qm@northfield.demo.example")
    url = reverse(
        "assessments:respond",
        kwargs={"org_slug": "northfield-training", "assessment_code": response.assessment.code},
    )
    page = client_for(qm).get(url + "?criterion=C4").content.decode()
    assert "Staff Prevent training matrix" in page
    assert "Staff up to date with the training their role needs" in page
    assert "refreshers overdue" in page or "refresher overdue" in page
