"""Importing a risk register spreadsheet: upload, preview with errors per row, confirm.

The rows read from the file wait in the person's session (never in the register) until they
confirm; confirmation checks them again and saves all of them or none.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.forms import add_service_errors
from registers.forms import ImportForm
from registers.risk_sheet import EXPORT_COLUMNS, TEMPLATE_COLUMNS, check_rows, parse_risk_sheet
from registers.services import risk_import
from registers.tabular import TableError
from registers.views.common import page_context
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

SESSION_KEY = "registers:risk-import"
PREVIEW_COLUMNS = ["Category", "Risk", "Lead officer", "Likelihood", "Impact"]


def _page(request, access, form, preview=None, import_id="", status=200) -> HttpResponse:
    context = page_context(
        access,
        form=form,
        preview=preview,
        import_id=import_id,
        template_columns=TEMPLATE_COLUMNS,
        export_columns=EXPORT_COLUMNS,
        preview_columns=PREVIEW_COLUMNS,
    )
    return render(request, "registers/risk_import.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def risk_import_view(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    """GET: the upload form. POST: read the file and show the preview (saves nothing)."""
    if request.method != "POST":
        return _page(request, access, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, access, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        preview = parse_risk_sheet(upload.read(), organisation=access.organisation)
    except TableError as exc:
        form.add_error("file", str(exc))
        return _page(request, access, form, status=400)
    if not preview.rows:
        form.add_error("file", "The file has a header row but no risks under it.")
        return _page(request, access, form, status=400)
    import_id = ""
    if preview.can_confirm:
        import_id = uuid.uuid4().hex
        request.session[SESSION_KEY] = {
            "id": import_id,
            "organisation": access.organisation.pk,
            "rows": [(r.number, r.values) for r in preview.rows],
        }
    else:
        request.session.pop(SESSION_KEY, None)
    return _page(request, access, ImportForm(), preview, import_id, status=200)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def risk_import_confirm(request: HttpRequest, access: OrgAccess) -> HttpResponse:
    staged = request.session.get(SESSION_KEY) or {}
    if (
        staged.get("id") != request.POST.get("import_id")
        or staged.get("organisation") != access.organisation.pk
    ):
        messages.error(request, "That preview has expired or was replaced; upload the file again.")
        return redirect("registers:risk_import", org_slug=access.organisation.slug)
    preview = check_rows([(n, v) for n, v in staged["rows"]], organisation=access.organisation)
    form = ImportForm()
    if not preview.can_confirm:
        return _page(request, access, form, preview, status=400)
    try:
        created = risk_import(
            organisation=access.organisation,
            by=request.user,
            rows=[r.fields for r in preview.rows],
        )
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _page(request, access, form, preview, status=400)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, f"{len(created)} risk{'s' if len(created) != 1 else ''} imported.")
    return redirect(reverse("registers:risks", kwargs={"org_slug": access.organisation.slug}))
