"""From a self-evaluation's gaps to actions: each suggestion is a row to tick, adjust and
confirm in one go. A gap that already has its action shows it instead; nothing is duplicated."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy, ngettext

from actionplans.forms import GapRowForm
from actionplans.gaps import actions_from_gaps, default_owner, gap_suggestions
from actionplans.views.common import page_context
from assessments.access import get_assessment
from assessments.models import Assessment
from assessments.selectors import assignment_map
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from tenancy.selectors import assignable_members

ALREADY_IN_PLAN = gettext_lazy("Those gaps are already in the plan; nothing was added twice.")


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def actions_from_assessment(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    assessment = get_assessment(assessment_code, organisation=access.organisation)
    rows = _rows(request, access.organisation, assessment)
    problem = ""
    if request.method == "POST":
        outcome = _confirm(request, assessment, rows)
        if isinstance(outcome, HttpResponse):
            return outcome
        problem = outcome
    context = page_context(
        access,
        assessment=assessment,
        rows=rows,
        open_count=sum(1 for row in rows if row["form"] is not None),
        problem=problem,
    )
    return render(request, "actionplans/from_gaps.html", context, status=400 if problem else 200)


def _rows(request: HttpRequest, organisation, assessment: Assessment) -> list[dict]:
    """One row per gap: a prefilled form to tick, or the action the gap already has."""
    people = list(assignable_members(organisation=organisation))
    members = {user.pk: user for user in people}
    assignments = assignment_map(assessment=assessment)
    data = request.POST if request.method == "POST" else None
    version = assessment.framework_version
    rows = []
    for suggestion in gap_suggestions(assessment):
        form = None
        if suggestion.existing is None:
            owner = default_owner(suggestion, assignments, assessment, members, request.user)
            form = GapRowForm(
                data,
                prefix=f"gap-{suggestion.response.code}",
                organisation=organisation,
                members=people,
                initial={
                    "create": True,
                    "title": suggestion.title,
                    "owner": owner,
                    "due_date": suggestion.due_date,
                    "priority": suggestion.priority,
                },
            )
        rows.append(
            {
                "suggestion": suggestion,
                "form": form,
                "ticked": bool(form and form.is_ticked),
                "level": version.level(suggestion.response.level),
                "confidence": version.confidence(suggestion.response.confidence),
            }
        )
    return rows


def _confirm(request: HttpRequest, assessment: Assessment, rows: list[dict]) -> HttpResponse | str:
    """Create the ticked rows' actions and go to the plan, or say what to correct."""
    ticked = [row for row in rows if row["ticked"]]
    valid = [row["form"].is_valid() for row in ticked]  # every ticked row, to show all errors
    already = [
        row
        for row in rows
        if row["form"] is None and request.POST.get(f"gap-{row['suggestion'].response.code}-create")
    ]
    plan = redirect("actionplans:index", org_slug=assessment.organisation.slug)
    if not ticked and already:
        # The same form sent again (a double click, a second tab): nothing to add twice.
        messages.info(request, ALREADY_IN_PLAN)
        return plan
    if not ticked:
        return gettext("Tick at least one suggestion to add it to the plan.")
    if not all(valid):
        return gettext("Some of the ticked suggestions need correcting; see the rows marked below.")
    chosen = [
        {
            "response": row["suggestion"].response,
            "description": row["suggestion"].description,
            **{k: row["form"].cleaned_data[k] for k in ("title", "owner", "due_date", "priority")},
        }
        for row in ticked
    ]
    created = actions_from_gaps(assessment=assessment, chosen=chosen, by=request.user)
    _say_what_was_added(request, assessment, added=len(created), chosen=len(chosen))
    return plan


def _say_what_was_added(
    request: HttpRequest, assessment: Assessment, *, added: int, chosen: int
) -> None:
    if not added:  # the same form sent twice at once: the other request added them
        messages.info(request, ALREADY_IN_PLAN)
        return
    messages.success(
        request,
        ngettext(
            "%(count)s action added to the plan from “%(title)s”.",
            "%(count)s actions added to the plan from “%(title)s”.",
            added,
        )
        % {"count": added, "title": assessment.title},
    )
    skipped = chosen - added
    if skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s was already in the plan, so not added again.",
                "%(count)s were already in the plan, so not added again.",
                skipped,
            )
            % {"count": skipped},
        )
