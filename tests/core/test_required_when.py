"""A field that is required only in some states says when, instead of "(optional)"."""

import pytest
from django.template.loader import render_to_string

from actionplans.forms import ProgressForm
from actionplans.models import Action
from registers.forms import EventDecisionForm, RiskReviewForm
from subcontractors.forms import SubcontractorForm
from tenancy.scope import tenant_scope
from tests.actionplans.factories import ActionFactory

pytestmark = pytest.mark.django_db


def label(field) -> str:
    html = render_to_string("partials/field.html", {"field": field})
    return html.split("<label", 1)[1].split("</label>", 1)[0]


def progress_form(org) -> ProgressForm:
    with tenant_scope(org):
        action = ActionFactory(organisation=org)
        assert isinstance(action, Action)
        return ProgressForm(organisation=org, action=action)


def test_the_labels_say_when_a_field_is_required(org):
    progress = progress_form(org)
    subcontractor = SubcontractorForm(organisation=org)
    cases = {
        progress["completed_on"]: "(required when the status is Done)",
        EventDecisionForm()["reasons"]: "(required when you refuse it)",
        RiskReviewForm()["incident_summary"]: "(required when this review follows an incident)",
        subcontractor["contract_start"]: "(required when the subcontract is active or ended)",
        subcontractor["contract_end"]: "(required when the subcontract is active or ended)",
        subcontractor["next_review_date"]: "(required when the subcontract has not ended)",
    }
    for field, wording in cases.items():
        assert wording in label(field), field.name
        assert "(optional)" not in label(field), field.name


def test_a_field_optional_in_every_state_still_says_optional(org):
    assert "(optional)" in label(progress_form(org)["impact_note"])
