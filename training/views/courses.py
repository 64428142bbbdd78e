"""The course catalogue: list, adding and editing a course, and recording a session of it for
everyone who attended."""

from datetime import date
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from accounts.http import AuthenticatedHttpRequest
from core.forms import add_service_errors
from core.pagination import paginate
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from training.forms import CourseForm, SessionForm
from training.selectors import course_list, matrix_rows, recorded_on, staff_list
from training.services import course_create, course_update, session_record
from training.views.common import PER_PAGE, ensure_catalogue, get_course, page_context
from training.views.matrix import filter_form


@org_view(Perm.VIEW_ORGANISATION)
def course_index(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    ensure_catalogue(request, access)
    page = paginate(request, course_list(organisation=access.organisation), per_page=PER_PAGE)
    return render(request, "training/courses.html", page_context(access, page=page))


def _form_page(request, access, form, course=None, status=200) -> HttpResponse:
    context = page_context(access, form=form, course=course)
    return render(request, "training/course_form.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def course_create_view(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    if request.method == "POST":
        form = CourseForm(request.POST)
        if form.is_valid():
            try:
                course = course_create(
                    organisation=access.organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, gettext("“%(title)s” is in the catalogue.") % {"title": course.title}
                )
                return redirect(course)
        return _form_page(request, access, form, status=400)
    return _form_page(request, access, CourseForm())


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def course_edit(
    request: AuthenticatedHttpRequest, access: OrgAccess, course_code: UUID
) -> HttpResponse:
    course = get_course(course_code)
    if request.method == "POST":
        form = CourseForm(request.POST)
        if form.is_valid():
            try:
                course_update(course, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, gettext("Changes saved."))
                return redirect(course)
        return _form_page(request, access, form, course, status=400)
    return _form_page(request, access, CourseForm(initial=CourseForm.initial_for(course)), course)


def _needing(request: AuthenticatedHttpRequest, access: OrgAccess, course, today):
    """The staff in post whose role group needs the course, filtered as the page asks."""
    form = filter_form(request, access)
    filters = form.filters()
    people = staff_list(organisation=access.organisation, today=today, **filters).filter(
        start_date__lte=today, role_group__in=course.role_groups or [""]
    )
    return form, filters, people


@org_view(Perm.VIEW_ORGANISATION)
def course_detail(
    request: AuthenticatedHttpRequest, access: OrgAccess, course_code: UUID
) -> HttpResponse:
    course, today = get_course(course_code), timezone.localdate()
    form, filters, people = _needing(request, access, course, today)
    page = paginate(request, people, per_page=PER_PAGE)
    rows = matrix_rows(
        organisation=access.organisation, staff=list(page), courses=[course], today=today
    )
    context = page_context(
        access,
        course=course,
        page=page,
        rows=rows,
        filter_form=form,
        is_filtered=any(filters.values()),
    )
    return render(request, "training/course_detail.html", context)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def session(
    request: AuthenticatedHttpRequest, access: OrgAccess, course_code: UUID
) -> HttpResponse:
    """Record a session: the course, its date, and a tick for each person who attended (one
    page of people at a time; each page's ticks are saved when its button is pressed)."""
    course, today = get_course(course_code), timezone.localdate()
    organisation = access.organisation
    filters_form, filters, people = _needing(request, access, course, today)
    page = paginate(request, people, per_page=50)
    status = 200
    if request.method == "POST":
        form = SessionForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                result = session_record(
                    organisation=organisation, course=course, by=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                _say_recorded(request, result)
                day = form.cleaned_data["completed_on"].isoformat()
                query = request.GET.copy()
                query["on"] = day
                url = reverse(
                    "training:session",
                    kwargs={"org_slug": organisation.slug, "course_code": course.code},
                )
                return redirect(f"{url}?{query.urlencode()}")
        status = 400
    else:
        form = SessionForm(
            organisation=organisation,
            initial={"completed_on": _day(request.GET.get("on")) or today},
        )
    day = form["completed_on"].value()
    done = recorded_on(organisation=organisation, course=course, day=_day(day) or today)
    context = page_context(
        access,
        course=course,
        form=form,
        page=page,
        filter_form=filters_form,
        is_filtered=any(filters.values()),
        done=done,
    )
    return render(request, "training/session.html", context, status=status)


def _day(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or ""))
    except ValueError:
        return None


def _say_recorded(request: HttpRequest, result) -> None:
    text = ngettext(
        "Recorded for %(count)d person.", "Recorded for %(count)d people.", result.recorded
    ) % {"count": result.recorded}
    if result.already:
        text += " " + ngettext(
            "%(count)d already had it recorded on that date.",
            "%(count)d already had it recorded on that date.",
            result.already,
        ) % {"count": result.already}
    messages.success(request, text)
