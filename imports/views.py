"""The import's pages, the same for every kind: upload, column mapping, preview, confirm.

Nothing is saved until the person confirms a preview without errors. Between the steps the
parsed cells wait in an `ImportJob` (scoped to the organisation, addressed by its code); the
pages never carry rows in hidden fields. Starting an import needs `Perm.IMPORT_SPREADSHEETS`;
each kind then needs its importer's own permission (the object rule), so the upload page offers
only the kinds the role may import and a job of another kind is refused with 403.
"""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.http import AuthenticatedHttpRequest
from core.pagination import paginate
from core.tabular import TableError
from core.uploads import clean_filename
from imports.forms import ImportMappingForm, ImportUploadForm, column_choices
from imports.models import ImportJob, ImportStatus
from imports.preview import (
    PREVIEW_LIMIT_ERRORS,
    Preview,
    build_preview,
    column_samples,
    mapping_problems,
    stored_mapping,
)
from imports.registry import Importer, get_importer, importers_allowed
from imports.services import (
    ImportConflict,
    ImportNotPending,
    import_job_apply,
    import_job_create,
    import_job_set_mapping,
)
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm

KIND_RULE = "the kind's own permission"
SHOW_CHOICES = [
    ("", _("All rows")),
    ("error", _("Errors")),
    ("create", _("New")),
    ("update", _("Updates")),
    ("unchanged", _("Unchanged")),
]
PREVIEW_PER_PAGE = 50
EXPIRED = _("That import has expired; nothing was saved. Upload the file again.")


def _context(access: OrgAccess, **extra) -> dict:
    return {"access": access, "organisation": access.organisation, **extra}


def _job(access: OrgAccess, code: UUID) -> tuple[ImportJob, Importer]:
    """The organisation's job (404 for another's) and its importer (403 without its perm)."""
    job = get_object_or_404(ImportJob.objects.select_related("organisation"), code=code)
    importer = get_importer(job.kind)
    if importer is None:
        raise Http404(gettext("No such import."))
    if not access.can(importer.perm):
        raise PermissionDenied
    return job, importer


def _upload_page(request, access: OrgAccess, form: ImportUploadForm, status: int = 200):
    context = _context(access, form=form, importers=list(form.importers.values()))
    return render(request, "imports/start.html", context, status=status)


@org_view(Perm.IMPORT_SPREADSHEETS, methods=("GET", "POST"))
def import_start(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    """GET: choose the kind and the file. POST: read it into a job (saves nothing else)."""
    allowed = importers_allowed(access.can)
    if request.method != "POST":
        kind = request.GET.get("kind", "")
        initial = {"kind": kind} if kind in {i.key for i in allowed} else {}
        return _upload_page(request, access, ImportUploadForm(importers=allowed, initial=initial))
    form = ImportUploadForm(request.POST, request.FILES, importers=allowed)
    if not form.is_valid():
        return _upload_page(request, access, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        job = import_job_create(
            organisation=access.organisation,
            importer=form.importer,
            filename=clean_filename(upload.name or ""),
            content=upload.read(),
            by=request.user,
        )
    except TableError as exc:
        form.add_error("file", str(exc))
        return _upload_page(request, access, form, status=400)
    return redirect("imports:mapping", org_slug=access.organisation.slug, job_code=job.code)


def _gone(request, access: OrgAccess, job: ImportJob) -> HttpResponse | None:
    """Where a job that can no longer be changed sends the person, or None."""
    if job.status == ImportStatus.APPLIED:
        return redirect("imports:preview", org_slug=access.organisation.slug, job_code=job.code)
    if job.is_expired:
        messages.error(request, EXPIRED)
        return redirect("imports:start", org_slug=access.organisation.slug)
    return None


@org_view(Perm.IMPORT_SPREADSHEETS, methods=("GET", "POST"), object_rule=KIND_RULE)
def import_mapping(request: AuthenticatedHttpRequest, access: OrgAccess, job_code: UUID):
    """Which column holds which field: guessed from the headers, each one changeable."""
    job, importer = _job(access, job_code)
    if (gone := _gone(request, access, job)) is not None:
        return gone
    form = ImportMappingForm(request.POST or None, job=job, importer=importer)
    if request.method == "POST" and form.is_valid():
        import_job_set_mapping(job, mapping=form.mapping(), by=request.user)
        return redirect("imports:preview", org_slug=access.organisation.slug, job_code=job.code)
    samples = column_samples(job)
    columns = [
        {"choice": label, "samples": samples[index]}
        for index, (_value, label) in enumerate(column_choices(job)[1:])
    ]
    context = _context(access, job=job, importer=importer, form=form, columns=columns)
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/mapping.html", context, status=status)


def _preview_page(request, access, job: ImportJob, preview: Preview, status: int = 200):
    show = request.GET.get("show", "")
    if show not in dict(SHOW_CHOICES):
        show = ""
    rows = [r for r in preview.rows if r.status == show] if show else preview.rows
    errors = [(r.number, e) for r in preview.error_rows for e in r.errors]
    importer = preview.importer
    context = _context(
        access,
        job=job,
        importer=importer,
        preview=preview,
        counts=preview.counts,
        page=paginate(request, rows, per_page=PREVIEW_PER_PAGE),
        shown_fields=[importer.field(k) for k in importer.shown_keys],
        show=show,
        show_choices=SHOW_CHOICES,
        errors=errors[:PREVIEW_LIMIT_ERRORS],
        more_errors=max(0, len(errors) - PREVIEW_LIMIT_ERRORS),
    )
    return render(request, "imports/preview.html", context, status=status)


@org_view(Perm.IMPORT_SPREADSHEETS, object_rule=KIND_RULE)
def import_preview(request: AuthenticatedHttpRequest, access: OrgAccess, job_code: UUID):
    """What confirming would do, row by row, with every error; or, once applied, the result."""
    job, importer = _job(access, job_code)
    if job.status == ImportStatus.APPLIED:
        context = _context(access, job=job, importer=importer)
        return render(request, "imports/done.html", context)
    if (gone := _gone(request, access, job)) is not None:
        return gone
    if mapping_problems(importer, stored_mapping(job)):  # a required column not chosen yet
        return redirect("imports:mapping", org_slug=access.organisation.slug, job_code=job.code)
    preview = build_preview(job, importer, by=request.user)
    return _preview_page(request, access, job, preview)


@org_view(Perm.IMPORT_SPREADSHEETS, methods=("POST",), object_rule=KIND_RULE)
def import_confirm(request: AuthenticatedHttpRequest, access: OrgAccess, job_code: UUID):
    """Apply every row in one transaction (checked again first), once however often it is sent."""
    job, importer = _job(access, job_code)
    slug = access.organisation.slug
    try:
        preview = import_job_apply(job, importer, by=request.user)
    except ImportNotPending:
        job.refresh_from_db()
        if job.status == ImportStatus.APPLIED:
            messages.info(
                request, gettext("This file has already been imported; nothing more was changed.")
            )
            return redirect("imports:preview", org_slug=slug, job_code=job.code)
        messages.error(request, EXPIRED)
        return redirect("imports:start", org_slug=slug)
    except ImportConflict:
        messages.error(
            request,
            gettext(
                "Someone changed the same records while this was importing, so nothing was "
                "saved. Check the preview again and confirm."
            ),
        )
        return redirect("imports:preview", org_slug=slug, job_code=job.code)
    if job.status != ImportStatus.APPLIED:
        if preview.error_rows:
            messages.error(request, gettext("Some rows cannot be saved now; nothing was saved."))
        else:
            messages.info(
                request, gettext("Nothing to change: every row matches what is recorded.")
            )
        return _preview_page(request, access, job, preview, status=400)
    return redirect("imports:preview", org_slug=slug, job_code=job.code)
