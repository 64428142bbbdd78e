"""One selector per kind of to-do item (see `reporting.todo`).

Each takes `organisation=`, the person (`user=`), their `access` and `today`, and answers None
when the kind is not theirs (their role cannot act on it), or the `Kind` of their items. What is
private stays private: criteria, actions, evidence and reviews are the person's own unless
their role runs the organisation's compliance work (`MANAGE_COMPLIANCE_WORK`), who sees all.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from actionplans.selectors import my_actions, owned_open_actions
from assessments.models import Assessment, CriterionAssignment, Status
from assessments.selectors import my_items
from core.dates import short_date
from evidence.selectors import visible_evidence
from reporting.todo import (
    FALLING_DUE,
    WAITING_ON_YOU,
    YOURS_TO_DO,
    Kind,
    Row,
    due_text,
    org_url,
)
from tenancy.access import OrgAccess
from tenancy.models import Organisation
from tenancy.roles import Perm

#: How far ahead dated upkeep (evidence, reviews, questionnaires) shows as falling due.
AHEAD_DAYS = 30


def _name(user) -> str:
    return user.display_name if user else gettext("someone")


def approvals_waiting(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Self-evaluations submitted and waiting for a senior leader's sign-off."""
    if not access.can(Perm.APPROVE_ASSESSMENTS):
        return None
    items = (
        Assessment.objects.for_organisation(organisation)
        .filter(status=Status.SUBMITTED)
        .select_related("submitted_by")
        .only("code", "title", "submitted_at", "submitted_by", "organisation_id")
        .order_by("submitted_at", "pk")
    )

    def row(a: Assessment) -> Row:
        name = _name(a.submitted_by)
        if a.submitted_at:
            detail = gettext("submitted by %(name)s on %(date)s") % {
                "name": name,
                "date": short_date(a.submitted_at.date()),
            }
        else:
            detail = gettext("submitted by %(name)s") % {"name": name}
        return Row(
            a.title,
            # The review panel on the self-evaluation's page (the review URL itself is POST only).
            org_url("assessments:detail", organisation, assessment_code=a.code) + "#review-heading",
            detail,
        )

    return Kind(
        "approvals",
        gettext("Self-evaluations waiting for your approval"),
        WAITING_ON_YOU,
        items,
        row,
        org_url("assessments:index", organisation),
    )


def returned_work(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Self-evaluations a senior leader sent back: the lead's, or every one for who runs them."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    items = Assessment.objects.for_organisation(organisation).filter(status=Status.RETURNED)
    if not access.can(Perm.MANAGE_COMPLIANCE_WORK):
        items = items.filter(Q(lead=user) | Q(created_by=user))
    items = items.only("code", "title", "due_date", "approval_comment", "organisation_id")

    def row(a: Assessment) -> Row:
        comment = a.approval_comment.strip()
        detail = f"“{comment[:80]}{'…' if len(comment) > 80 else ''}”" if comment else ""
        return Row(
            a.title,
            org_url("assessments:detail", organisation, assessment_code=a.code),
            detail or "returned with comments",
        )

    return Kind(
        "returned",
        gettext("Self-evaluations returned to you with comments"),
        WAITING_ON_YOU,
        items.order_by("due_date", "pk"),
        row,
        org_url("assessments:index", organisation),
    )


def my_criteria(*, organisation: Organisation, user, access: OrgAccess, today: date) -> Kind | None:
    """Criteria assigned to the person in open self-evaluations, late ones first."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    items = my_items(organisation=organisation, user=user).order_by(
        "assessment__due_date", "assessment_id", "criterion__position"
    )

    def row(item: CriterionAssignment) -> Row:
        assessment = item.assessment
        due = assessment.due_date
        detail = assessment.title + (f" · {due_text(due, today)}" if due else "")
        if assessment.status == Status.RETURNED:
            detail += " · returned with comments"
        url = org_url(
            "assessments:respond",
            organisation,
            f"criterion={item.criterion.code}",
            assessment_code=assessment.code,
        )
        return Row(
            f"{item.criterion.code} {item.criterion.shown_title}",
            url,
            detail,
            late=bool(due and due < today),
        )

    return Kind(
        "criteria",
        gettext("Criteria assigned to you"),
        YOURS_TO_DO,
        items,
        row,
        org_url("reporting:my_work", organisation),
        late=Q(assessment__due_date__lt=today),
    )


def my_open_actions(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """The open actions the person owns, overdue first (the plan's own order for them)."""
    if not access.can(Perm.UPDATE_ASSIGNED_WORK):
        return None
    shown = my_actions(organisation=organisation, user=user)
    counted = owned_open_actions(organisation=organisation, user=user)

    def row(action) -> Row:
        return Row(
            action.title,
            org_url("actionplans:detail", organisation, action_code=action.code),
            gettext("%(priority)s priority · %(due)s")
            % {"priority": action.get_priority_display(), "due": due_text(action.due_date, today)},
            late=bool(action.due_date and action.due_date < today),
        )

    return Kind(
        "actions",
        gettext("Actions you own"),
        YOURS_TO_DO,
        counted,
        row,
        org_url("reporting:my_work", organisation),
        late=Q(due_date__lt=today),
        shown=shown,
    )


def evidence_expiring(
    *, organisation: Organisation, user, access: OrgAccess, today: date
) -> Kind | None:
    """Evidence expired or expiring within AHEAD_DAYS: the person's own, or all of it for who
    runs the compliance work (only what their role may see)."""
    manages = access.can(Perm.MANAGE_COMPLIANCE_WORK)
    if not (manages or access.can(Perm.UPDATE_ASSIGNED_WORK)):
        return None
    items = visible_evidence(organisation=organisation, access=access).filter(
        archived_at__isnull=True, valid_until__lte=today + timedelta(days=AHEAD_DAYS)
    )
    if not manages:
        items = items.filter(owner=user)
    items = items.only("code", "title", "valid_until", "organisation_id").order_by(
        "valid_until", "title"
    )

    def row(item) -> Row:
        late = item.valid_until < today
        detail = (
            gettext("expired %(date)s") % {"date": short_date(item.valid_until)}
            if late
            else due_text(item.valid_until, today, "expires")
        )
        return Row(
            item.title,
            org_url("evidence:detail", organisation, evidence_code=item.code),
            detail,
            late=late,
        )

    return Kind(
        "evidence",
        (
            gettext("Evidence expired or expiring")
            if manages
            else gettext("Your evidence expired or expiring")
        ),
        FALLING_DUE,
        items,
        row,
        org_url("evidence:list", organisation, "status=expiring"),
        late=Q(valid_until__lt=today),
        late_word=gettext_noop("expired"),
    )
