"""Filtering tests: the list, recording a test (its failures raising an action in one step), a
test's page and raising its action later."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from core.forms import add_service_errors
from filtering.forms import RaiseActionForm, TestFilterForm, TestForm
from filtering.selectors import test_history, test_list
from filtering.services import (
    ActionRequest,
    TestEntry,
    filtering_test_raise_action,
    filtering_test_record,
)
from filtering.views.common import get_test, page_context
from registers.views.common import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

ENTRY_FIELDS = ("tested_on", "site", "tool", "tool_other", "categories", "result")


@org_view(Perm.VIEW_ORGANISATION)
def index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    return redirect("filtering:tests", org_slug=access.organisation.slug)


@org_view(Perm.VIEW_ORGANISATION)
def test_index(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    form = TestFilterForm(request.GET or None)
    filters = form.filters()
    page, query = paginate(request, test_list(organisation=access.organisation, **filters))
    context = page_context(
        access, page=page, query=query, filter_form=form, is_filtered=any(filters.values())
    )
    return render(request, "filtering/tests.html", context)


def _entry(data: dict) -> TestEntry:
    return TestEntry(
        **{k: data[k] for k in ENTRY_FIELDS},
        failures=data.get("failures", ""),
        action_taken=data.get("action_taken", ""),
        tested_by=data.get("tested_by"),
    )


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def test_create(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    organisation = access.organisation
    if request.method == "POST":
        form = TestForm(request.POST, organisation=organisation)
        if form.is_valid():
            data = form.cleaned_data
            wanted = (
                ActionRequest(owner=data["action_owner"], due_date=data["action_due"])
                if form.wants_action()
                else None
            )
            try:
                test = filtering_test_record(
                    organisation=organisation,
                    by=request.user,
                    entry=_entry(data),
                    raise_action=wanted,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if test.action is not None:
                    messages.success(
                        request,
                        gettext("The test is recorded and “%(title)s” is in the action plan.")
                        % {"title": test.action.title},
                    )
                else:
                    messages.success(request, gettext("The test is recorded."))
                return redirect(test)
        context = page_context(access, form=form)
        return render(request, "filtering/test_form.html", context, status=400)
    initial = {"tested_by": request.user.pk if access.membership else None}
    form = TestForm(organisation=organisation, initial=initial)
    return render(request, "filtering/test_form.html", page_context(access, form=form))


def _detail(request, access, test, action_form=None, status=200) -> HttpResponse:
    form = action_form or RaiseActionForm(
        organisation=access.organisation, initial={"owner": test.tested_by_id}, prefix="action"
    )
    context = page_context(access, test=test, action_form=form, history=test_history(test=test))
    return render(request, "filtering/test_detail.html", context, status=status)


@org_view(Perm.VIEW_ORGANISATION)
def test_detail(request: HttpRequest, access: OrgAccess, test_code: UUID) -> HttpResponse:
    return _detail(request, access, get_test(test_code))


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def test_raise_action(request: HttpRequest, access: OrgAccess, test_code: UUID) -> HttpResponse:
    test = get_test(test_code)
    form = RaiseActionForm(request.POST, organisation=access.organisation, prefix="action")
    if form.is_valid():
        try:
            action = filtering_test_raise_action(
                test=test, by=request.user, request=ActionRequest(**form.cleaned_data)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, gettext("“%(title)s” is in the action plan.") % {"title": action.title}
            )
            return redirect(f"{test.get_absolute_url()}#action")
    return _detail(request, access, test, action_form=form, status=400)
