"""Demo evidence packs: one signed-off pack for Northfield (shared with an inspector) and a
DRAFT one for Riverside. Rendered for real with WeasyPrint; idempotent."""

from django.utils import timezone

from assessments.models import Assessment, Status
from reporting.models import EvidencePack, PackStatus
from reporting.packs import pack_generate
from reporting.services import share_link_create
from tenancy.models import Organisation
from tenancy.scope import tenant_scope


def _pack_for(organisation: Organisation, assessment: Assessment, by) -> EvidencePack:
    pack = EvidencePack.objects.filter(assessment=assessment, status=PackStatus.READY).first()
    if pack:
        return pack
    approved = assessment.status == Status.APPROVED
    pack = EvidencePack.objects.create(
        organisation=organisation,
        assessment=assessment,
        is_draft=not approved,
        snapshot_sha256=assessment.snapshot_sha256 if approved else "",
        requested_by=by,
        status=PackStatus.RENDERING,
    )
    pack_generate(pack, lambda percent, stage: None)
    pack.status, pack.progress, pack.generated_at = PackStatus.READY, 100, timezone.now()
    pack.save()
    return pack


def weasyprint_available() -> bool:
    try:
        import weasyprint  # noqa: F401  (loads Pango)
    except (ImportError, OSError):
        return False
    return True


def seed_packs() -> list[str]:
    if not weasyprint_available():
        return ["Evidence packs skipped: WeasyPrint cannot load Pango here (see README)."]
    lines = []
    for slug in ("northfield-training", "riverside-college"):
        organisation = Organisation.objects.get(slug=slug)
        with tenant_scope(organisation):
            assessment = (
                Assessment.objects.filter(status=Status.APPROVED).first()
                or Assessment.objects.order_by("-created_at").first()
            )
            by = assessment.lead
            pack = _pack_for(organisation, assessment, by)
            if not pack.share_links.exists():
                share_link_create(pack=pack, by=by, recipient="Lead inspector (demo)")
        lines.append(
            f"{organisation.name}: evidence pack of {assessment.title}, {pack.page_count} pages"
        )
    return lines
