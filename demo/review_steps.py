"""The steps of a demo due diligence review, each through the real services: send the
questionnaire (recorded as sent, no email), the subcontractor's visits and answers (logged as
the questionnaire logs them), acceptance; and the documents and visits of a subcontractor.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from demo.helpers import backdate, person
from demo.sample_files import docx_bytes, pdf_bytes
from demo.subcontractor_specs import FULL_ANSWERS, DocumentSpec, VisitSpec
from subcontractors.links import link_mint
from subcontractors.models import (
    AccessAction,
    DueDiligenceReview,
    EmailKind,
    ItemStatus,
    QuestionnaireAccess,
    QuestionnaireEmail,
    ReviewStatus,
)
from subcontractors.services import (
    FindingChange,
    ItemAnswer,
    QuestionnaireChange,
    document_add,
    one_year_after,
    questionnaire_save,
    questionnaire_submit,
    review_accept,
    review_start,
    visit_create,
    visit_raise_actions,
)

DEMO_IP = "203.0.113.24"  # TEST-NET-3: documentation addresses, never a real visitor
DEMO_BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)


def pdf_file(title: str, lines: list[str], name: str) -> ContentFile:
    return ContentFile(pdf_bytes(title, lines), name=name)


def mark_sent(review: DueDiligenceReview, by, days_ago: int):
    """As if the questionnaire had been emailed `days_ago` days ago (no email is sent)."""
    sent_at = timezone.now() - timedelta(days=days_ago)
    review.status = ReviewStatus.SENT
    review.sent_at = sent_at
    review.sent_by = by
    review._history_user = by
    review.save()
    link, _token = link_mint(review=review, purpose=EmailKind.INVITATION)
    backdate(link, created_at=sent_at, expires_at=sent_at + timedelta(days=30))
    QuestionnaireEmail.objects.for_organisation(review.organisation_id).create(
        organisation_id=review.organisation_id,
        review=review,
        kind=EmailKind.INVITATION,
        due_date=review.due_date,
        dedupe_key=f"invitation:{review.pk}",
        to_email=review.subcontractor.prevent_lead_email,
        link=link,
        created_by=by,
        claimed_at=sent_at,
        sent_at=sent_at,
    )
    link.refresh_from_db()
    return link


def log_use(link, action: str, days_ago: float, detail: str = "") -> None:
    access = QuestionnaireAccess.objects.for_organisation(link.organisation_id).create(
        organisation_id=link.organisation_id,
        link=link,
        review_id=link.review_id,
        action=action,
        detail=detail,
        ip_address=DEMO_IP,
        user_agent=DEMO_BROWSER,
    )
    when = timezone.now() - timedelta(days=days_ago)
    backdate(access, created_at=when)
    backdate(link, last_used_at=when)


def answer(link, answers: dict, uploads=(), days_ago: float = 1) -> None:
    """The subcontractor's answers, saved through the questionnaire's own service."""
    today = timezone.localdate()
    change = QuestionnaireChange(answers={}, uploads=list(uploads), remove=[])
    for key, given in answers.items():
        if key == "prevent_policy" and given.status in (ItemStatus.MET, ItemStatus.PARTLY_MET):
            given = ItemAnswer(given.status, given.notes, today + timedelta(days=200), None)
        change.answers[key] = given
    log_use(link, AccessAction.VIEWED, days_ago + 0.01)
    uploaded, _removed = questionnaire_save(link=link, change=change)
    log_use(link, AccessAction.SAVED, days_ago)
    for document in uploaded:
        log_use(link, AccessAction.UPLOADED, days_ago, document.original_filename)


def submit(link, *, name: str, role: str, days_ago: int) -> None:
    questionnaire_submit(link=link, name=name, role=role)
    log_use(link, AccessAction.SUBMITTED, days_ago)


def accepted_review(subcontractor, qm, *, days_ago: int, kind: str) -> DueDiligenceReview:
    """A review answered, submitted and accepted `days_ago` days ago."""
    review = review_start(
        subcontractor=subcontractor,
        due_date=timezone.localdate() - timedelta(days=days_ago - 5),
        by=qm,
        kind=kind,
    )
    link = mark_sent(review, qm, days_ago + 20)
    answer(link, FULL_ANSWERS, days_ago=days_ago + 2)
    name = subcontractor.prevent_lead_name
    submit(link, name=name, role="Prevent lead", days_ago=days_ago + 2)
    review_accept(review=review, by=qm, comment="Thorough answers; thank you.")
    accepted = timezone.now() - timedelta(days=days_ago)
    backdate(
        review,
        created_at=accepted - timedelta(days=25),
        submitted_at=accepted - timedelta(days=2),
        decided_at=accepted,
        accepted_at=accepted,
    )
    backdate(
        subcontractor,
        next_review_date=one_year_after(timezone.localdate() - timedelta(days=days_ago)),
    )
    return review


def add_documents(subcontractor, qm, documents: list[DocumentSpec]) -> None:
    organisation = subcontractor.organisation
    for spec in documents:
        if spec.fmt == "docx":
            content = ContentFile(docx_bytes(spec.heading, spec.lines), name=spec.filename)
        else:
            content = pdf_file(spec.heading, spec.lines, spec.filename)
        document_add(
            subcontractor=subcontractor,
            by=qm,
            kind=spec.kind,
            title=spec.title,
            file=content,
            owner=person(organisation, spec.owner),
            expires_on=timezone.localdate() + timedelta(days=spec.expires_in),
        )


def add_visits(subcontractor, qm, visits: list[VisitSpec]) -> None:
    organisation, today = subcontractor.organisation, timezone.localdate()
    for spec in visits:
        visit = visit_create(
            subcontractor=subcontractor,
            by=qm,
            visit_date=today - timedelta(days=spec.days_ago),
            visitor=person(organisation, spec.visitor),
            visit_type=spec.visit_type,
            overall_rag=spec.overall_rag,
            summary=spec.summary,
            findings=[FindingChange(None, text) for text in spec.findings],
        )
        if spec.raise_actions:
            visit_raise_actions(
                visit=visit,
                by=qm,
                numbers=list(spec.raise_actions),
                owner=person(organisation, spec.action_owner),
                due_date=today + timedelta(days=spec.action_due_in),
            )
