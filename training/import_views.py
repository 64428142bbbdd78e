"""The import's pages: upload, column mapping, preview (paginated), confirm.

Nothing reaches the matrix until the person confirms a preview without errors. Between the
steps the parsed cells wait in an `ImportBatch` (scoped to the organisation, addressed by its
code); the pages never carry data in hidden fields.
"""

from uuid import UUID

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.http import AuthenticatedHttpRequest
from core.pagination import paginate
from core.tabular import TableError
from core.uploads import clean_filename
from tenancy.access import OrgAccess, org_view
from tenancy.roles import Perm
from training.import_apply import (
    ImportConflict,
    ImportNotPending,
    import_batch_apply,
    import_batch_create,
    import_batch_set_mapping,
)
from training.import_fields import FIELDS, check_mapping
from training.import_forms import ImportMappingForm, ImportUploadForm, column_choices
from training.import_models import ImportBatch, ImportKind, ImportStatus
from training.imports import (
    PREVIEW_LIMIT_ERRORS,
    Preview,
    build_preview,
    column_samples,
    stored_mapping,
)

SHOW_CHOICES = [
    ("", "All rows"),
    ("error", "Errors"),
    ("create", "New"),
    ("update", "Updates"),
    ("unchanged", "Unchanged"),
]
PREVIEW_PER_PAGE = 50


def _context(access: OrgAccess, **extra) -> dict:
    return {"access": access, "organisation": access.organisation, **extra}


def _batch(code: UUID) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.select_related("organisation"), code=code)


def _upload_page(request, access: OrgAccess, form: ImportUploadForm, status: int = 200):
    context = _context(access, form=form, fields=FIELDS)
    return render(request, "training/import_upload.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def import_start(request: AuthenticatedHttpRequest, access: OrgAccess) -> HttpResponse:
    """GET: choose the kind and the file. POST: read it into a batch (saves nothing else)."""
    if request.method != "POST":
        return _upload_page(request, access, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, access, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        batch = import_batch_create(
            organisation=access.organisation,
            kind=form.cleaned_data["kind"],
            filename=clean_filename(upload.name or ""),
            content=upload.read(),
            by=request.user,
        )
    except TableError as exc:
        form.add_error("file", str(exc))
        return _upload_page(request, access, form, status=400)
    return redirect(
        "training_import:mapping", org_slug=access.organisation.slug, batch_code=batch.code
    )


def _gone(request, access: OrgAccess, batch: ImportBatch) -> HttpResponse | None:
    """Where a batch that can no longer be changed sends the person, or None."""
    if batch.status == ImportStatus.APPLIED:
        return redirect(
            "training_import:preview", org_slug=access.organisation.slug, batch_code=batch.code
        )
    if batch.is_expired:
        messages.error(
            request, "That import has expired; nothing was saved. Upload the file again."
        )
        return redirect("training_import:start", org_slug=access.organisation.slug)
    return None


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("GET", "POST"))
def import_mapping(request: AuthenticatedHttpRequest, access: OrgAccess, batch_code: UUID):
    """Which column holds which field: guessed from the headers, each one changeable."""
    batch = _batch(batch_code)
    if (gone := _gone(request, access, batch)) is not None:
        return gone
    form = ImportMappingForm(request.POST or None, batch=batch)
    if request.method == "POST" and form.is_valid():
        import_batch_set_mapping(batch, mapping=form.mapping(), by=request.user)
        return redirect(
            "training_import:preview", org_slug=access.organisation.slug, batch_code=batch.code
        )
    samples = column_samples(batch)
    columns = [
        {"choice": label, "samples": samples[index]}
        for index, (_value, label) in enumerate(column_choices(batch)[1:])
    ]
    context = _context(access, batch=batch, form=form, columns=columns, fields=FIELDS[batch.kind])
    status = 400 if request.method == "POST" else 200
    return render(request, "training/import_mapping.html", context, status=status)


def _preview_page(request, access, batch: ImportBatch, preview: Preview, status: int = 200):
    show = request.GET.get("show", "")
    if show not in dict(SHOW_CHOICES):
        show = ""
    rows = [r for r in preview.rows if r.status == show] if show else preview.rows
    errors = [(r.number, e) for r in preview.error_rows for e in r.errors]
    context = _context(
        access,
        batch=batch,
        preview=preview,
        counts=preview.counts,
        page=paginate(request, rows, per_page=PREVIEW_PER_PAGE),
        show=show,
        show_choices=SHOW_CHOICES,
        errors=errors[:PREVIEW_LIMIT_ERRORS],
        more_errors=max(0, len(errors) - PREVIEW_LIMIT_ERRORS),
        is_staff=batch.kind == ImportKind.STAFF,
    )
    return render(request, "training/import_preview.html", context, status=status)


@org_view(Perm.MANAGE_COMPLIANCE_WORK)
def import_preview(request: AuthenticatedHttpRequest, access: OrgAccess, batch_code: UUID):
    """What confirming would do, row by row, with every error; or, once applied, the result."""
    batch = _batch(batch_code)
    if batch.status == ImportStatus.APPLIED:
        return render(request, "training/import_done.html", _context(access, batch=batch))
    if (gone := _gone(request, access, batch)) is not None:
        return gone
    if check_mapping(batch.kind, stored_mapping(batch)):  # a required column not chosen yet
        return redirect(
            "training_import:mapping", org_slug=access.organisation.slug, batch_code=batch.code
        )
    preview = build_preview(batch, today=timezone.localdate())
    return _preview_page(request, access, batch, preview)


@org_view(Perm.MANAGE_COMPLIANCE_WORK, methods=("POST",))
def import_confirm(request: AuthenticatedHttpRequest, access: OrgAccess, batch_code: UUID):
    """Apply every row in one transaction (checked again first), once however often it is sent."""
    batch = _batch(batch_code)
    slug = access.organisation.slug
    try:
        preview = import_batch_apply(batch, by=request.user, today=timezone.localdate())
    except ImportNotPending:
        batch.refresh_from_db()
        if batch.status == ImportStatus.APPLIED:
            messages.info(request, "This file has already been imported; nothing more was changed.")
            return redirect("training_import:preview", org_slug=slug, batch_code=batch.code)
        messages.error(
            request, "That import has expired; nothing was saved. Upload the file again."
        )
        return redirect("training_import:start", org_slug=slug)
    except ImportConflict:
        messages.error(
            request,
            "Someone changed the staff or completions while this was importing, so nothing was "
            "saved. Check the preview again and confirm.",
        )
        return redirect("training_import:preview", org_slug=slug, batch_code=batch.code)
    if batch.status != ImportStatus.APPLIED:
        if preview.error_rows:
            messages.error(request, "The data changed since the preview; nothing was saved.")
        else:
            messages.info(request, "Nothing to change: every row matches what is recorded.")
        return _preview_page(request, access, batch, preview, status=400)
    return redirect("training_import:preview", org_slug=slug, batch_code=batch.code)
