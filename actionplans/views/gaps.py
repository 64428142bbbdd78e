"""From a self-evaluation's gaps to actions: each suggestion is a row to tick, adjust and
confirm in one go. A gap that already has its action shows it instead; nothing is duplicated."""

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actionplans.forms import GapRowForm
from actionplans.gaps import actions_from_gaps, gap_suggestions
from actionplans.views.common import page_context
from assessments.access import get_assessment
from assessments.selectors import assignment_map
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from tenancy.selectors import assignable_members

ALREADY_IN_PLAN = "Those gaps are already in the plan; nothing was added twice."


def _default_owner(suggestion, assignments: dict, assessment, members: dict, user):
    """Who is asked to own it: the criterion's assignee, else the lead, else the QM at hand."""
    assignment = assignments.get(suggestion.response.benchmark.criterion_id)
    for candidate in (
        assignment.assignee_id if assignment else None,
        assessment.lead_id,
        user.pk,
    ):
        if candidate in members:
            return candidate
    return None


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def actions_from_assessment(
    request: HttpRequest, access: OrgAccess, assessment_code: UUID
) -> HttpResponse:
    organisation = access.organisation
    assessment = get_assessment(assessment_code)
    suggestions = gap_suggestions(assessment)
    people = list(assignable_members(organisation=organisation))
    members = {user.pk: user for user in people}
    assignments = assignment_map(assessment=assessment)
    data = request.POST if request.method == "POST" else None
    rows = []
    for suggestion in suggestions:
        form = None
        if suggestion.existing is None:
            form = GapRowForm(
                data,
                prefix=f"gap-{suggestion.response.code}",
                organisation=organisation,
                members=people,
                initial={
                    "create": True,
                    "title": suggestion.title,
                    "owner": _default_owner(
                        suggestion, assignments, assessment, members, request.user
                    ),
                    "due_date": suggestion.due_date,
                    "priority": suggestion.priority,
                },
            )
        response = suggestion.response
        version = assessment.framework_version
        rows.append(
            {
                "suggestion": suggestion,
                "form": form,
                "ticked": bool(form and form.is_ticked),
                "level": version.level(response.level),
                "confidence": version.confidence(response.confidence),
            }
        )

    problem = ""
    status = 200
    if request.method == "POST":
        ticked = [row for row in rows if row["ticked"]]
        valid = [row["form"].is_valid() for row in ticked]  # every ticked row, to show all errors
        already = [
            row
            for row in rows
            if row["form"] is None
            and request.POST.get(f"gap-{row['suggestion'].response.code}-create")
        ]
        if not ticked and already:
            # The same form sent again (a double click, a second tab): nothing to add twice.
            messages.info(request, ALREADY_IN_PLAN)
            return redirect("actionplans:index", org_slug=organisation.slug)
        if not ticked:
            problem = "Tick at least one suggestion to add it to the plan."
        elif all(valid):
            chosen = [
                {
                    "response": row["suggestion"].response,
                    "description": row["suggestion"].description,
                    **{
                        k: row["form"].cleaned_data[k]
                        for k in ("title", "owner", "due_date", "priority")
                    },
                }
                for row in ticked
            ]
            created = actions_from_gaps(assessment=assessment, chosen=chosen, by=request.user)
            count = len(created)
            if not count:  # the same form sent twice at once: the other request added them
                messages.info(request, ALREADY_IN_PLAN)
                return redirect("actionplans:index", org_slug=organisation.slug)
            messages.success(
                request,
                f"{count} {'action' if count == 1 else 'actions'} added to the plan from "
                f"“{assessment.title}”.",
            )
            skipped = len(chosen) - count
            if skipped:
                messages.info(
                    request,
                    f"{skipped} {'was' if skipped == 1 else 'were'} already in the plan, so "
                    "not added again.",
                )
            return redirect("actionplans:index", org_slug=organisation.slug)
        else:
            problem = "Some of the ticked suggestions need correcting; see the rows marked below."
        status = 400

    context = page_context(
        access,
        assessment=assessment,
        rows=rows,
        open_count=sum(1 for row in rows if row["form"] is not None),
        problem=problem,
    )
    return render(request, "actionplans/from_gaps.html", context, status=status)
