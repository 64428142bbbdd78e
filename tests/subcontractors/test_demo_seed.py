"""The demo registers: Northfield's five subcontractors in different states, Riverside's one of
everything (which the isolation and role tests rely on), and seeding again adds nothing."""

import pytest
from django.utils import timezone

from actionplans.models import Action
from demo.seed_subcontractors import seed_subcontractors
from subcontractors.models import (
    DueDiligenceReview,
    MonitoringVisit,
    QuestionnaireAccess,
    QuestionnaireEmail,
    QuestionnaireLink,
    ReviewStatus,
    RiskRating,
    Subcontractor,
    SubcontractorDocument,
    SubcontractorStatus,
    VisitFinding,
)
from subcontractors.selectors import subcontractor_list
from tenancy.models import Organisation
from tenancy.scope import tenant_scope


@pytest.fixture
def world(demo_world, db):
    return {o.slug: o for o in Organisation.objects.all()}


def test_northfield_has_five_subcontractors_in_varied_states(world):
    organisation = world["northfield-training"]
    with tenant_scope(organisation):
        register = {s.name: s for s in subcontractor_list(organisation=organisation)}
    assert len(register) == 5
    statuses = {s.status for s in register.values()}
    assert statuses == set(SubcontractorStatus.values)
    high_and_late = [
        s for s in register.values() if s.risk_rating == RiskRating.HIGH and s.review_overdue
    ]
    assert high_and_late
    assert DueDiligenceReview.unscoped.filter(
        organisation=organisation, status=ReviewStatus.SUBMITTED
    ).exists()
    today = timezone.localdate()
    documents = SubcontractorDocument.unscoped.filter(organisation=organisation)
    assert any(d.expires_on and d.expires_on < today for d in documents)
    assert any(s.is_specified_authority for s in register.values())
    visit_actions = Action.unscoped.filter(
        organisation=organisation, source_key__startswith="visit:"
    )
    assert visit_actions.count() >= 2


def test_riverside_has_one_of_everything(world):
    organisation = world["riverside-college"]
    for model in (
        Subcontractor,
        DueDiligenceReview,
        QuestionnaireLink,
        QuestionnaireAccess,
        QuestionnaireEmail,
        SubcontractorDocument,
        MonitoringVisit,
        VisitFinding,
    ):
        assert model.unscoped.filter(organisation=organisation).exists(), model.__name__


def test_seeding_again_adds_nothing(world):
    models = (Subcontractor, DueDiligenceReview, SubcontractorDocument, MonitoringVisit, Action)
    before = [m.unscoped.count() for m in models]
    seed_subcontractors()
    assert [m.unscoped.count() for m in models] == before
