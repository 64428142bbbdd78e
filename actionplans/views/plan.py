"""The action plan: the filtered, sorted table, its CSV export and bulk reassignment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from actionplans.forms import BulkReassignForm, PlanFilterForm
from actionplans.models import Action
from actionplans.plan_rows import Labels, plan_row
from actionplans.selectors import Sort, action_counts, action_list
from actionplans.services import action_bulk_reassign
from actionplans.views.common import page_context
from core.pagination import paginate_wide
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

# The query-string keys of the plan, kept when coming back from a bulk change.
PLAN_PARAMS = ("status", "owner", "criterion", "overdue", "due_this_week", "sort")


def plan_query(data: QueryDict) -> str:
    """The plan's own parameters from `data`, re-encoded (anything else is dropped)."""
    kept = QueryDict(mutable=True)
    for key in PLAN_PARAMS:
        values = [v for v in data.getlist(key) if v]
        if values:
            kept.setlist(key, values[:1])
    return kept.urlencode()


def filtered_actions(
    request: HttpRequest, access: OrgAccess
) -> tuple[PlanFilterForm, QuerySet[Action]]:
    """The filter form and the plan it selects: shared by the page and the CSV export."""
    organisation = access.organisation
    form = PlanFilterForm(request.GET or None, organisation=organisation)
    actions = action_list(organisation=organisation, sort=form.sort, **form.filters())
    return form, actions


def _sort_links(request: HttpRequest, current: str) -> list[dict]:
    links = []
    for key, label in Sort.FIELDS.items():
        query = request.GET.copy()
        ascending = current == key
        query["sort"] = f"-{key}" if ascending else key
        aria_sort = ""
        if current == key:
            aria_sort = "ascending"
        elif current == f"-{key}":
            aria_sort = "descending"
        links.append(
            {"key": key, "label": label, "query": plan_query(query), "aria_sort": aria_sort}
        )
    return links


@org_view(Perm.VIEW_ORGANISATION)
def action_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    filter_form, actions = filtered_actions(request, access)
    page = paginate_wide(request, actions)
    today = timezone.localdate()
    can_manage = access.can(Perm.MANAGE_COMPLIANCE_WORK)
    labels = Labels.translated()
    rows = [
        plan_row(a, org_slug=organisation.slug, today=today, can_manage=can_manage, labels=labels)
        for a in page
    ]
    filters = filter_form.filters()
    query = plan_query(request.GET)
    context = page_context(
        access,
        page=page,
        plan_rows=rows,
        filter_form=filter_form,
        is_filtered=any(filters.values()),
        counts=action_counts(organisation=organisation, today=today),
        sort=filter_form.sort,
        sort_links={link["key"]: link for link in _sort_links(request, filter_form.sort)},
        query=query,
        can_manage=can_manage,
        bulk_form=BulkReassignForm(organisation=organisation) if can_manage else None,
        today=today,
    )
    return render(request, "actionplans/index.html", context)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def action_bulk_reassign_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    form = BulkReassignForm(request.POST, organisation=organisation)
    back = reverse("actionplans:index", kwargs={"org_slug": organisation.slug})
    query = plan_query(QueryDict(request.POST.get("return_query", "")))
    if query:
        back = f"{back}?{query}"
    codes = set(form.selected_codes())
    # Only this organisation's actions can be found: any other code is simply not there.
    actions = list(
        Action.objects.for_organisation(organisation)
        .filter(code__in=codes)
        .select_related("organisation", "owner")
    )
    if not actions:
        messages.error(
            request, gettext("Tick the actions you want to reassign, then choose the owner.")
        )
        return redirect(back)
    if not form.is_valid():
        messages.error(
            request, " ".join(form.errors.get("owner", [gettext("Choose the new owner.")]))
        )
        return redirect(back)
    owner = form.cleaned_data["owner"]
    try:
        count = action_bulk_reassign(actions=actions, owner=owner, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    reassigned = ngettext(
        "%(count)s action reassigned to %(name)s.",
        "%(count)s actions reassigned to %(name)s.",
        count,
    )
    messages.success(request, reassigned % {"count": count, "name": owner.display_name})
    missing = len(codes) - len(actions)
    if missing:
        messages.warning(
            request,
            ngettext(
                "%(count)s of the ticked actions was not found in this plan and left unchanged.",
                "%(count)s of the ticked actions were not found in this plan and left unchanged.",
                missing,
            )
            % {"count": missing},
        )
    return redirect(back)
