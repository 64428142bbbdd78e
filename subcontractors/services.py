"""Changes to the subcontractor register, due diligence reviews, visits and documents.

Views, the questionnaire, the daily task and the demo seed call these.
"""

import re
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actionplans.models import Action, Priority
from actionplans.services import action_create
from core.tasks_util import enqueue_on_commit
from evidence.filetypes import inspect_upload
from frameworks.models import Criterion
from frameworks.selectors import framework_version_list_for_organisation
from subcontractors.checklist import CHECKLIST, POLICY_REVIEW_DATE, TRAINING_PERCENTAGE
from subcontractors.models import (
    AWAITING_SUBCONTRACTOR,
    OPEN_REVIEW_STATUSES,
    DocumentKind,
    DueDiligenceReview,
    EmailKind,
    ItemStatus,
    MonitoringVisit,
    QuestionnaireEmail,
    QuestionnaireLink,
    Rag,
    Region,
    ReviewItem,
    ReviewKind,
    ReviewStatus,
    Subcontractor,
    SubcontractorDocument,
    VisitFinding,
)
from subcontractors.quota import questionnaire_check_upload_quota
from tenancy.models import Membership, Organisation

SUBCONTRACTOR_FIELDS = (
    "name",
    "ukprn",
    "contact_name",
    "contact_email",
    "prevent_lead_name",
    "prevent_lead_email",
    "delivery_regions",
    "funding_stream",
    "contract_value",
    "contract_start",
    "contract_end",
    "status",
    "risk_rating",
    "risk_reasons",
    "next_review_date",
    "owner",
)


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def _check_member(organisation: Organisation, user, field: str) -> None:
    if user is None:
        return
    # Filtered by organisation explicitly, so it is right inside or outside a tenant scope.
    if not Membership.unscoped.filter(organisation=organisation, user=user).exists():
        raise ValidationError({field: f"Choose someone who is a member of {organisation}."})


def _save(instance, *, by) -> None:
    if by is not None:
        instance._history_user = by  # the audit trail's "who", also outside a request
    instance.save()


# --- The register ----------------------------------------------------------------------------


def _subcontractor_save(subcontractor: Subcontractor, *, by, fields: dict) -> Subcontractor:
    unknown = set(fields) - set(SUBCONTRACTOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown subcontractor fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(subcontractor, name, value)
    for name in ("name", "contact_name", "prevent_lead_name", "risk_reasons", "ukprn"):
        setattr(subcontractor, name, (getattr(subcontractor, name) or "").strip())
    chosen = set(subcontractor.delivery_regions or [])
    subcontractor.delivery_regions = [r for r in Region.values if r in chosen] or list(chosen)
    organisation = subcontractor.organisation
    _check_member(organisation, subcontractor.owner, "owner")
    duplicate = Subcontractor.unscoped.filter(
        organisation=organisation, ukprn=subcontractor.ukprn
    ).exclude(pk=subcontractor.pk)
    if subcontractor.ukprn and duplicate.exists():
        raise ValidationError(
            {"ukprn": f"{duplicate.first().name} already has this UKPRN in your register."}
        )
    subcontractor.full_clean()
    _save(subcontractor, by=by)
    return subcontractor


@transaction.atomic
def subcontractor_create(*, organisation: Organisation, by, **fields) -> Subcontractor:
    subcontractor = Subcontractor(organisation=organisation, created_by=by)
    return _subcontractor_save(subcontractor, by=by, fields=fields)


@transaction.atomic
def subcontractor_update(*, subcontractor: Subcontractor, by, **fields) -> Subcontractor:
    return _subcontractor_save(subcontractor, by=by, fields=fields)


# --- Due diligence reviews -------------------------------------------------------------------

ALREADY_OPEN = "This subcontractor already has a review under way. Finish that one first."


@transaction.atomic
def review_start(
    *, subcontractor: Subcontractor, due_date: date, by, kind: str | None = None
) -> DueDiligenceReview:
    """A new review (draft) with the whole checklist; the subcontractor's next review date
    becomes its due date. At most one review is open at a time (a partial unique index)."""
    if subcontractor.is_ended:
        raise ValidationError("This subcontract has ended, so it needs no more reviews.")
    reviews = DueDiligenceReview.unscoped.filter(subcontractor=subcontractor)
    if reviews.filter(status__in=OPEN_REVIEW_STATUSES).exists():
        raise ValidationError(ALREADY_OPEN)
    if kind is None:
        accepted_before = reviews.filter(status=ReviewStatus.ACCEPTED).exists()
        kind = ReviewKind.ANNUAL if accepted_before else ReviewKind.ONBOARDING
    review = DueDiligenceReview(
        organisation_id=subcontractor.organisation_id,
        subcontractor=subcontractor,
        kind=kind,
        due_date=due_date,
        started_by=by,
    )
    try:
        with transaction.atomic():
            _save(review, by=by)
    except IntegrityError:  # another request or worker started one a moment ago
        raise ValidationError(ALREADY_OPEN) from None
    for position, entry in enumerate(CHECKLIST, start=1):
        item = ReviewItem(
            organisation_id=subcontractor.organisation_id,
            review=review,
            key=entry.key,
            position=position,
        )
        _save(item, by=by)
    subcontractor.next_review_date = due_date
    if by is not None:
        subcontractor._history_user = by
    subcontractor.save(update_fields=["next_review_date", "updated_at"])
    return review


def _queue_email(
    review: DueDiligenceReview,
    kind: str,
    *,
    dedupe_key: str,
    by=None,
    days_before: int | None = None,
) -> QuestionnaireEmail:
    from subcontractors.tasks import send_questionnaire_emails_task

    email = QuestionnaireEmail.unscoped.create(
        organisation_id=review.organisation_id,
        review=review,
        kind=kind,
        days_before=days_before,
        due_date=review.due_date,
        dedupe_key=dedupe_key,
        to_email=review.subcontractor.prevent_lead_email,
        created_by=by,
    )
    enqueue_on_commit(send_questionnaire_emails_task, [email.pk])
    return email


def _locked(review: DueDiligenceReview) -> DueDiligenceReview:
    """The review re-read under a row lock, so two requests cannot both move it on."""
    return (
        DueDiligenceReview.unscoped.select_for_update(of=("self",))
        .select_related("subcontractor", "organisation")
        .get(pk=review.pk)
    )


@transaction.atomic
def links_revoke(*, review: DueDiligenceReview, by) -> int:
    """Stop every live link to the review working. Returns how many were revoked."""
    now = timezone.now()
    live = QuestionnaireLink.unscoped.filter(review=review, revoked_at=None, expires_at__gt=now)
    count = 0
    for link in live:
        link.revoked_at = now
        link.revoked_by = by
        _save(link, by=by)
        count += 1
    return count


@transaction.atomic
def review_send(*, review: DueDiligenceReview, by) -> QuestionnaireEmail:
    """Email the questionnaire to the subcontractor's Prevent lead. Sending again (while the
    subcontractor is answering) sends a new link and stops the earlier ones working."""
    review = _locked(review)
    if review.subcontractor.is_ended:
        raise ValidationError("This subcontract has ended, so the questionnaire cannot be sent.")
    if review.status == ReviewStatus.DRAFT:
        review.status = ReviewStatus.SENT
        review.sent_at = timezone.now()
        review.sent_by = by
        _save(review, by=by)
        return _queue_email(
            review, EmailKind.INVITATION, dedupe_key=f"invitation:{review.pk}", by=by
        )
    if review.status in AWAITING_SUBCONTRACTOR:
        links_revoke(review=review, by=by)
        return _queue_email(
            review, EmailKind.RESENT, dedupe_key=f"resent:{review.pk}:{uuid.uuid4().hex}", by=by
        )
    raise ValidationError(
        "The subcontractor has already submitted this questionnaire, so it cannot be sent again."
    )


@transaction.atomic
def review_accept(*, review: DueDiligenceReview, by, comment: str = "") -> DueDiligenceReview:
    """Accept the submitted answers; the next review falls due a year from today."""
    review = _locked(review)
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError("Only a submitted questionnaire can be accepted.")
    now = timezone.now()
    review.status = ReviewStatus.ACCEPTED
    review.decided_at = review.accepted_at = now
    review.decided_by = by
    review.decision_comment = comment.strip()
    _save(review, by=by)
    subcontractor = review.subcontractor
    subcontractor.next_review_date = one_year_after(timezone.localdate())
    if by is not None:
        subcontractor._history_user = by
    subcontractor.save(update_fields=["next_review_date", "updated_at"])
    return review


@transaction.atomic
def review_return(*, review: DueDiligenceReview, by, comment: str) -> DueDiligenceReview:
    """Send the answers back with comments; the subcontractor's links work again and a new
    one is emailed with the comments."""
    if not (comment or "").strip():
        raise ValidationError({"comment": "Say what the subcontractor needs to change or add."})
    review = _locked(review)
    if review.status != ReviewStatus.SUBMITTED:
        raise ValidationError("Only a submitted questionnaire can be returned.")
    review.status = ReviewStatus.RETURNED
    review.decided_at = timezone.now()
    review.decided_by = by
    review.decision_comment = comment.strip()
    _save(review, by=by)
    _queue_email(
        review, EmailKind.RETURNED, dedupe_key=f"returned:{review.pk}:{uuid.uuid4().hex}", by=by
    )
    return review


# --- The questionnaire (answered through a link) ---------------------------------------------


@dataclass
class ItemAnswer:
    status: str = ""
    notes: str = ""
    policy_review_date: date | None = None
    training_percentage: int | None = None


@dataclass
class QuestionnaireChange:
    answers: dict[str, ItemAnswer]
    uploads: list[tuple[str, object]]  # (item key, uploaded file)
    remove: list[str]  # codes of documents uploaded through the questionnaire


class SubmissionIncomplete(ValidationError):
    """The answers cannot be submitted yet. `problems` is item key -> field -> message."""

    def __init__(self, problems: dict[str, dict[str, str]]) -> None:
        self.problems = problems
        super().__init__("Some answers are missing.")


def questionnaire_problems(items: list[ReviewItem]) -> dict[str, dict[str, str]]:
    """What stops the answers being submitted, item by item and field by field."""
    problems: dict[str, dict[str, str]] = {}
    for item in items:
        found: dict[str, str] = {}
        notes = (item.notes or "").strip()
        if not item.status:
            found["status"] = "Choose met, partly met, not met or not applicable."
        elif item.status == ItemStatus.NOT_APPLICABLE and not notes:
            found["notes"] = "Say why this does not apply to you."
        elif item.status in (ItemStatus.PARTLY_MET, ItemStatus.NOT_MET) and not notes:
            found["notes"] = "Say what is missing and what you are doing about it."
        extra = item.checklist.extra
        if (
            extra == POLICY_REVIEW_DATE
            and item.status in (ItemStatus.MET, ItemStatus.PARTLY_MET)
            and item.policy_review_date is None
        ):
            found["policy_review_date"] = "Enter the date your policy is next reviewed."
        if (
            extra == TRAINING_PERCENTAGE
            and item.status
            and item.status != ItemStatus.NOT_APPLICABLE
            and item.training_percentage is None
        ):
            found["training_percentage"] = (
                "Enter the percentage of staff who have completed Prevent training, 0 to 100."
            )
        if found:
            problems[item.key] = found
    return problems


def _questionnaire_review(link: QuestionnaireLink) -> DueDiligenceReview:
    review = _locked(link.review)
    if review.status not in AWAITING_SUBCONTRACTOR:
        raise ValidationError("This questionnaire is no longer open for changes.")
    return review


@transaction.atomic
def questionnaire_save(
    *, link: QuestionnaireLink, change: QuestionnaireChange
) -> tuple[list[SubcontractorDocument], list[SubcontractorDocument]]:
    """Save the subcontractor's answers, uploads and removals. Returns (uploaded, removed)."""
    review = _questionnaire_review(link)
    items = {item.key: item for item in ReviewItem.unscoped.filter(review=review)}
    for key, answer in change.answers.items():
        item = items[key]
        values = {
            "status": answer.status or "",
            "notes": (answer.notes or "").strip(),
            "policy_review_date": answer.policy_review_date,
            "training_percentage": answer.training_percentage,
        }
        if item.checklist.extra != POLICY_REVIEW_DATE:
            values["policy_review_date"] = None
        if item.checklist.extra != TRAINING_PERCENTAGE:
            values["training_percentage"] = None
        if any(getattr(item, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(item, name, value)
            item.full_clean()
            item.save()
    removed = []
    if change.remove:
        for document in SubcontractorDocument.unscoped.filter(
            review=review,
            code__in=change.remove,
            uploaded_via__isnull=False,
            archived_at=None,
        ):
            document.archived_at = timezone.now()
            document.save(update_fields=["archived_at", "updated_at"])
            removed.append(document)
    questionnaire_check_upload_quota(link, review, [file for _, file in change.uploads])
    uploaded = [
        document_add_from_questionnaire(link=link, review=review, item=items[key], file=file)
        for key, file in change.uploads
    ]
    policy = items.get("prevent_policy")
    if policy is not None:
        # The policy's review date is when the uploaded policy needs replacing.
        SubcontractorDocument.unscoped.filter(
            review_item=policy, uploaded_via__isnull=False
        ).exclude(expires_on=policy.policy_review_date).update(expires_on=policy.policy_review_date)
    if review.status != ReviewStatus.IN_PROGRESS:
        review.status = ReviewStatus.IN_PROGRESS
        review.save(update_fields=["status", "updated_at"])
    return uploaded, removed


@transaction.atomic
def questionnaire_submit(*, link: QuestionnaireLink, name: str, role: str) -> DueDiligenceReview:
    """Send the saved answers to the lead provider, if every question is answered."""
    review = _questionnaire_review(link)
    problems = questionnaire_problems(list(ReviewItem.unscoped.filter(review=review)))
    if problems:
        raise SubmissionIncomplete(problems)
    if not name.strip() or not role.strip():
        raise ValidationError("Enter your name and your role.")
    review.status = ReviewStatus.SUBMITTED
    review.submitted_at = timezone.now()
    review.submitted_by_name = name.strip()
    review.submitted_by_role = role.strip()
    review.save()
    return review


# --- Documents -------------------------------------------------------------------------------


def _attach(document: SubcontractorDocument, file) -> None:
    try:
        inspected = inspect_upload(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    document.file = file
    document.original_filename = inspected.original_filename
    document.content_type = inspected.content_type
    document.size = inspected.size
    document.sha256 = inspected.sha256


@transaction.atomic
def document_add(
    *,
    subcontractor: Subcontractor,
    by,
    kind: str,
    title: str,
    file,
    owner,
    expires_on: date | None = None,
) -> SubcontractorDocument:
    if file is None:
        raise ValidationError({"file": "Choose a file to upload."})
    organisation = subcontractor.organisation
    if owner is None:
        raise ValidationError({"owner": "Choose who is reminded before it expires."})
    _check_member(organisation, owner, "owner")
    document = SubcontractorDocument(
        organisation=organisation,
        subcontractor=subcontractor,
        kind=DocumentKind(kind),
        title=title.strip(),
        expires_on=expires_on,
        owner=owner,
        uploaded_by=by,
    )
    _attach(document, file)
    document.full_clean(exclude=["file"])  # the file was checked by inspect_upload
    _save(document, by=by)
    return document


def document_add_from_questionnaire(
    *, link: QuestionnaireLink, review: DueDiligenceReview, item: ReviewItem, file
) -> SubcontractorDocument:
    subcontractor = review.subcontractor
    entry = item.checklist
    document = SubcontractorDocument(
        organisation=link.organisation,
        subcontractor=subcontractor,
        kind=entry.document_kind,
        title=f"{entry.title} ({review.get_kind_display().lower()} review, "
        f"{timezone.localdate():%B %Y})",
        expires_on=item.policy_review_date if entry.extra == POLICY_REVIEW_DATE else None,
        owner=subcontractor.owner,
        review=review,
        review_item=item,
        uploaded_via=link,
    )
    _attach(document, file)
    document.full_clean(exclude=["file"])
    document.save()
    return document


@transaction.atomic
def document_archive(*, document: SubcontractorDocument, by) -> SubcontractorDocument:
    """Take a document off the subcontractor's page; it stays on record (and downloadable)."""
    if document.archived_at is None:
        document.archived_at = timezone.now()
        if by is not None:
            document._history_user = by
        document.save(update_fields=["archived_at", "updated_at"])
    return document


# --- Monitoring visits -----------------------------------------------------------------------


@dataclass
class FindingChange:
    number: int | None  # None for a new finding
    text: str


def _sync_findings(visit: MonitoringVisit, findings: list[FindingChange], by) -> None:
    existing = {f.number: f for f in VisitFinding.unscoped.filter(visit=visit)}
    with_actions = visit_findings_with_actions(visit)
    next_number = max(existing, default=0) + 1
    for change in findings:
        text = (change.text or "").strip()
        finding = existing.pop(change.number, None) if change.number else None
        if finding is None:
            if text:
                _save(
                    VisitFinding(
                        organisation_id=visit.organisation_id,
                        visit=visit,
                        number=next_number,
                        text=text,
                    ),
                    by=by,
                )
                next_number += 1
        elif not text:
            if finding.number in with_actions:
                raise ValidationError(
                    f"Finding {finding.number} has an action in the action plan, so it cannot "
                    "be removed. Change its text instead."
                )
            finding.delete()
        elif text != finding.text:
            finding.text = text
            _save(finding, by=by)


VISIT_FIELDS = ("visit_date", "visitor", "visit_type", "overall_rag", "summary")


@transaction.atomic
def visit_create(
    *, subcontractor: Subcontractor, by, findings: list[FindingChange], **fields
) -> MonitoringVisit:
    visit = MonitoringVisit(
        organisation=subcontractor.organisation, subcontractor=subcontractor, created_by=by
    )
    return _visit_save(visit, by=by, findings=findings, fields=fields)


@transaction.atomic
def visit_update(
    *, visit: MonitoringVisit, by, findings: list[FindingChange], **fields
) -> MonitoringVisit:
    return _visit_save(visit, by=by, findings=findings, fields=fields)


def _visit_save(visit: MonitoringVisit, *, by, findings, fields: dict) -> MonitoringVisit:
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown visit fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.summary = (visit.summary or "").strip()
    if visit.visitor is None:
        raise ValidationError({"visitor": "Choose who made the visit."})
    _check_member(visit.organisation, visit.visitor, "visitor")
    visit.full_clean()
    _save(visit, by=by)
    _sync_findings(visit, findings, by)
    return visit


def visit_actions(visit: MonitoringVisit):
    """The actions raised from the visit's findings, found by their source key."""
    return (
        Action.unscoped.filter(
            organisation_id=visit.organisation_id,
            source_key__startswith=visit.action_source_prefix,
        )
        .select_related("owner", "organisation")
        .order_by("due_date", "title")
    )


def visit_findings_with_actions(visit: MonitoringVisit) -> set[int]:
    numbers = set()
    for key in visit_actions(visit).values_list("source_key", flat=True):
        number = key.removeprefix(visit.action_source_prefix)
        if number.isdigit():
            numbers.add(int(number))
    return numbers


PRIORITY_FOR_RAG = {Rag.RED: Priority.HIGH, Rag.AMBER: Priority.MEDIUM, Rag.GREEN: Priority.LOW}


def _subcontractor_criterion(organisation: Organisation) -> Criterion | None:
    """The criterion about subcontractors in the organisation's newest framework version."""
    return (
        Criterion.objects.filter(
            version__in=framework_version_list_for_organisation(organisation=organisation),
            title__icontains="subcontract",
        )
        .order_by("-version__created_at")
        .first()
    )


def _action_title(visit: MonitoringVisit, text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    title = f"{visit.subcontractor.name}: {first}"
    return title if len(title) <= 200 else title[:199].rstrip() + "…"


@transaction.atomic
def visit_raise_actions(
    *, visit: MonitoringVisit, by, numbers: list[int], owner, due_date: date
) -> list[Action]:
    """One action per chosen finding, in the action plan. Idempotent: a finding that already
    has its action (source key `visit:<code>:<n>`) is skipped."""
    findings = list(VisitFinding.unscoped.filter(visit=visit, number__in=numbers))
    if not findings:
        raise ValidationError({"findings": "Tick the findings that need an action."})
    organisation = visit.organisation
    keys = [visit.action_source_key(f.number) for f in findings]
    existing = set(
        Action.unscoped.filter(organisation=organisation, source_key__in=keys).values_list(
            "source_key", flat=True
        )
    )
    criterion = _subcontractor_criterion(organisation)
    visit_url = f"{settings.SITE_URL}{visit.get_absolute_url()}"
    created = []
    for finding in findings:
        key = visit.action_source_key(finding.number)
        if key in existing:
            continue
        description = (
            f"{finding.text}\n\nFrom finding {finding.number} of the "
            f"{visit.get_visit_type_display().lower()} to {visit.subcontractor.name} on "
            f"{visit.visit_date.day} {visit.visit_date:%B %Y}. See the visit: {visit_url}"
        )
        try:
            with transaction.atomic():
                created.append(
                    action_create(
                        organisation=organisation,
                        title=_action_title(visit, finding.text),
                        description=description,
                        owner=owner,
                        due_date=due_date,
                        priority=PRIORITY_FOR_RAG.get(visit.overall_rag, Priority.MEDIUM),
                        criterion=criterion,
                        by=by,
                        source_key=key,
                    )
                )
        except IntegrityError:
            continue  # raised a moment ago by someone else
    return created
