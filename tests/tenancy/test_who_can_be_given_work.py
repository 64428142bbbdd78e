"""Only people who can do the work can be given it: every person choice offers, and every service
accepts, only active members whose role may update their assigned work (decided in the role table,
`tenancy.roles.TAKES_ON_WORK`); new due dates are today or later."""

from datetime import date
from typing import Any, cast

import pytest
from django import forms
from django.core.exceptions import ValidationError

from accounts.models import User
from actionplans.forms import ActionForm, BulkReassignForm, GapRowForm
from actionplans.models import Action
from actionplans.services import action_bulk_reassign, action_create
from assessments.forms import AssignForm, StartAssessmentForm
from core.forms import PAST_DUE_DATE
from evidence.forms import EvidenceForm
from evidence.models import EvidenceKind
from evidence.services import evidence_create
from filtering import forms as filtering_forms
from frameworks.models import FrameworkVersion
from partners import forms as partners_forms
from registers import forms as registers_forms
from subcontractors.forms import documents, register, visits
from tenancy.roles import TAKES_ON_WORK, Perm, Role, holder_can, roles_that_can
from tenancy.scope import tenant_scope
from tenancy.selectors import assignable_members, not_assignable_message
from tests.actionplans.factories import ActionFactory
from tests.clock import days_from_today
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(org, qm, leader, contributor, viewer):
    """Who can be given work, beside a viewer and a deactivated contributor who cannot."""
    gone = MembershipFactory(
        organisation=org, role=Role.CONTRIBUTOR, user__is_active=False, user__name="Dee Parted"
    ).user
    return {"can": {qm, leader, contributor}, "cannot": {viewer, gone}}


def test_the_role_table_decides_who_takes_on_work():
    assert TAKES_ON_WORK == Perm.UPDATE_ASSIGNED_WORK
    assert roles_that_can(TAKES_ON_WORK) == [
        Role.QUALITY_MANAGER,
        Role.SENIOR_LEADER,
        Role.CONTRIBUTOR,
    ]
    # Senior leaders own actions, so they may record progress on them; viewers change nothing.
    assert holder_can(Role.SENIOR_LEADER, Perm.UPDATE_ASSIGNED_WORK)
    assert not holder_can(Role.VIEWER, Perm.UPDATE_ASSIGNED_WORK)


def test_viewers_and_deactivated_people_are_never_assignable(org, people):
    assert set(assignable_members(organisation=org)) == people["can"]
    assert "senior leader or contributor" in not_assignable_message(org)


def test_the_choice_reads_in_one_query_whatever_the_number_of_people(
    org, people, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert len(list(assignable_members(organisation=org))) == 3
    for _ in range(5):
        MembershipFactory(organisation=org, role=Role.VIEWER)
        MembershipFactory(organisation=org, role=Role.CONTRIBUTOR)
    with django_assert_num_queries(1):
        assert len(list(assignable_members(organisation=org))) == 8


def _forms(org) -> list[forms.BaseForm]:
    versions = FrameworkVersion.objects.none()
    return [
        ActionForm(organisation=org),
        BulkReassignForm(organisation=org),
        AssignForm(organisation=org),
        StartAssessmentForm(organisation=org, versions=versions),
        EvidenceForm(organisation=org),
        registers_forms.RiskForm(organisation=org),
        registers_forms.RaiseActionForm(organisation=org),
        filtering_forms.TestForm(organisation=org),
        filtering_forms.ReviewForm(organisation=org),
        filtering_forms.RaiseActionForm(organisation=org),
        partners_forms.ContactForm(organisation=org),
        partners_forms.EngagementForm(organisation=org),
        partners_forms.RaiseActionForm(organisation=org),
        documents.DocumentForm(organisation=org),
        register.SubcontractorForm(organisation=org),
        visits.VisitForm(organisation=org),
        visits.RaiseActionsForm(organisation=org, findings=[]),
    ]


def test_every_person_choice_offers_only_people_who_can_do_the_work(org, people):
    with tenant_scope(org):
        checked = 0
        for form in _forms(org):
            for name, field in form.fields.items():
                queryset = getattr(field, "queryset", None)
                if isinstance(field, forms.ModelChoiceField) and queryset is not None:
                    if queryset.model is not User:
                        continue
                    offered = set(queryset)
                    assert offered == people["can"], f"{type(form).__name__}.{name}"
                    checked += 1
        assert checked >= len(_forms(org))


def test_a_viewer_typed_into_a_choice_is_refused_beside_the_field(org, people, viewer):
    form = AssignForm({"criterion": "1.1", "assignee": viewer.pk}, organisation=org)
    assert not form.is_valid()
    assert form.errors["assignee"] == [not_assignable_message(org)]
    action = ActionForm(_action_data(viewer, days_from_today(7)), organisation=org)
    assert action.errors["owner"] == [not_assignable_message(org)]


def test_services_refuse_work_for_a_viewer(org, qm, viewer, people):
    with tenant_scope(org):
        with pytest.raises(ValidationError) as create:
            action_create(
                organisation=org, title="Train", owner=viewer, due_date=days_from_today(7), by=qm
            )
        assert create.value.message_dict == {"owner": [not_assignable_message(org)]}
        action = cast(Action, ActionFactory(organisation=org, owner=qm))
        with pytest.raises(ValidationError):
            action_bulk_reassign(actions=[action], owner=viewer, by=qm)
        with pytest.raises(ValidationError) as evidence:
            evidence_create(
                organisation=org,
                title="Prevent policy",
                kind=EvidenceKind.LINK,
                url="https://intranet.example/policy",
                owner=viewer,
                effective_date=date(2026, 9, 1),
                by=qm,
            )
        assert "owner" in evidence.value.message_dict


def _action_data(owner: User, due: date) -> dict[str, Any]:
    return {"title": "Train", "owner": owner.pk, "due_date": due, "priority": "medium"}


def test_a_new_action_due_in_the_past_is_refused_beside_the_field(org, contributor):
    past = ActionForm(_action_data(contributor, days_from_today(-1)), organisation=org)
    assert past.errors == {"due_date": [PAST_DUE_DATE]}
    assert ActionForm(_action_data(contributor, days_from_today(0)), organisation=org).is_valid()


def test_editing_an_overdue_action_keeps_its_date_valid(org, contributor):
    with tenant_scope(org):
        action = cast(
            Action,
            ActionFactory(organisation=org, owner=contributor, due_date=days_from_today(-30)),
        )
        data = _action_data(contributor, action.due_date)
        kept = ActionForm(data, organisation=org, action=action)
        assert kept.is_valid(), kept.errors
        moved = ActionForm(
            _action_data(contributor, days_from_today(-2)), organisation=org, action=action
        )
        assert moved.errors == {"due_date": [PAST_DUE_DATE]}


def test_gap_rows_and_new_self_evaluations_refuse_past_due_dates(org, contributor, subscribed):
    row = GapRowForm(
        {"create": "on", "title": "Train", "owner": str(contributor.pk), "priority": "medium"}
        | {"due_date": days_from_today(-1)},
        organisation=org,
        members=[contributor],
    )
    assert row.errors == {"due_date": [PAST_DUE_DATE]}
    versions = FrameworkVersion.objects.filter(pk=subscribed.pk)
    start = StartAssessmentForm(
        {"title": "Annual", "framework_version": subscribed.pk, "lead": contributor.pk}
        | {"due_date": days_from_today(-1)},
        organisation=org,
        versions=versions,
    )
    assert start.errors == {"due_date": [PAST_DUE_DATE]}
