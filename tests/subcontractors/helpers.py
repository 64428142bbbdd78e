"""Builders and small helpers shared by the subcontractor tests."""

import re
from datetime import date, timedelta
from decimal import Decimal

from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from demo.sample_files import pdf_bytes
from subcontractors.delivery import deliver_questionnaire_emails, unsent_email_ids
from subcontractors.models import (
    AuthorityBasis,
    AuthorityStatus,
    DueDiligenceReview,
    FundingStream,
    ItemStatus,
    QuestionnaireAccess,
    QuestionnaireLink,
    Region,
    RiskRating,
    Subcontractor,
    SubcontractorStatus,
)
from subcontractors.services import (
    ItemAnswer,
    QuestionnaireChange,
    questionnaire_save,
    questionnaire_submit,
    review_send,
    review_start,
    subcontractor_create,
)
from tenancy.scope import tenant_scope
from tests.clock import days_from_today

PDF = pdf_bytes("Prevent policy", ["Approved by the board."])
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
_ukprn = iter(range(10_000_001, 19_999_999))


def subcontractor_fields(**overrides) -> dict:
    today = timezone.localdate()
    fields = {
        "name": "Acorn Training Ltd",
        "ukprn": str(next(_ukprn)),
        "contact_name": "Ada Contact",
        "contact_email": "ada@acorn.example.org",
        "prevent_lead_name": "Pat Lead",
        "prevent_lead_email": "pat.lead@acorn.example.org",
        "delivery_regions": [Region.LONDON],
        "funding_stream": FundingStream.ADULT_SKILLS,
        "contract_value": Decimal("50000.00"),
        "contract_start": today - timedelta(days=100),
        "contract_end": today + timedelta(days=265),
        "status": SubcontractorStatus.ACTIVE,
        "risk_rating": RiskRating.LOW,
        "risk_reasons": "",
        "next_review_date": today + timedelta(days=200),
        "owner": None,
    }
    fields.update(overrides)
    return fields


def make_subcontractor(org, by, **overrides) -> Subcontractor:
    overrides.setdefault("owner", by)
    with tenant_scope(org):
        return subcontractor_create(organisation=org, by=by, **subcontractor_fields(**overrides))


def sent_review(subcontractor, by, due_in: int = 28) -> DueDiligenceReview:
    """A review started and sent (the email is delivered now, as a worker would)."""
    with tenant_scope(subcontractor.organisation):
        review = review_start(
            subcontractor=subcontractor,
            due_date=timezone.localdate() + timedelta(days=due_in),
            by=by,
        )
        review_send(review=review, by=by)
    deliver_questionnaire_emails(unsent_email_ids())
    review.refresh_from_db()
    return review


LINK = re.compile(r"https?://[^\s\"<>]+/q/([A-Za-z0-9_-]+)/")


def token_from(message) -> str:
    """The questionnaire token in an email (from its plain-text body)."""
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def latest_token(to: str | None = None) -> str:
    messages = [m for m in mail.outbox if to is None or m.to == [to]]
    assert messages, "no questionnaire email was sent"
    return token_from(messages[-1])


def q_url(token: str, name: str = "questionnaire", **kwargs) -> str:
    return reverse(name, kwargs={"token": token, **kwargs})


def url(name: str, org, **kwargs) -> str:
    return reverse(f"subcontractors:{name}", kwargs={"org_slug": org.slug, **kwargs})


def review_url(name: str, review) -> str:
    return url(
        name,
        review.organisation,
        subcontractor_code=review.subcontractor.code,
        review_code=review.code,
    )


def html(response) -> str:
    return response.content.decode()


def policy_review_date() -> date:
    return days_from_today(210)


def complete_answers() -> dict[str, ItemAnswer]:
    """Every item answered; the policy is next reviewed about seven months from today."""
    return {
        "prevent_policy": ItemAnswer(ItemStatus.MET, "Approved in June.", policy_review_date()),
        "prevent_lead_dsl": ItemAnswer(ItemStatus.MET, "Named on every poster."),
        "staff_training": ItemAnswer(ItemStatus.PARTLY_MET, "Two still to finish.", None, 90),
        "risk_assessment": ItemAnswer(ItemStatus.MET, "Reviewed in September."),
        "it_filtering": ItemAnswer(ItemStatus.MET, "Filtered and monitored."),
        "external_speakers": ItemAnswer(ItemStatus.MET, "Checked a week ahead."),
        "contract_clauses": ItemAnswer(ItemStatus.MET, "Clauses 14 to 16."),
        "learner_awareness": ItemAnswer(ItemStatus.NOT_APPLICABLE, "We teach no learners yet."),
        "funding_all_leads": ItemAnswer(
            ItemStatus.MET,
            "Only you fund us.",
            declared_authority=AuthorityStatus.NO,
            declared_basis=AuthorityBasis.NONE_APPLIES,
            declared_funding_all_leads=Decimal("60000"),
            declared_funders="DfE",
        ),
        "safer_recruitment": ItemAnswer(ItemStatus.MET, "Enhanced DBS for all; record kept."),
        "dsl_training": ItemAnswer(ItemStatus.MET, "Refreshed in March."),
        "incident_notification": ItemAnswer(ItemStatus.MET, "Same day, by phone; 0 referrals."),
        "local_prevent_contacts": ItemAnswer(ItemStatus.MET, "Listed for both areas."),
        "other_venues": ItemAnswer(ItemStatus.NOT_APPLICABLE, "We teach only on our site."),
        "apprentice_employers": ItemAnswer(ItemStatus.NOT_APPLICABLE, "No apprentices."),
        "further_subcontracting": ItemAnswer(ItemStatus.MET, "No."),
        "ofsted_outcome": ItemAnswer(ItemStatus.MET, "Monitoring visit, May 2026."),
    }


def link_of(review) -> QuestionnaireLink:
    link = QuestionnaireLink.unscoped.filter(review=review).order_by("-pk").first()
    assert link is not None, f"{review} has no link"
    return link


def submitted_review(subcontractor, by) -> DueDiligenceReview:
    review = sent_review(subcontractor, by)
    link = link_of(review)
    with tenant_scope(subcontractor.organisation):
        questionnaire_save(
            link=link,
            change=QuestionnaireChange(
                answers=complete_answers(),
                uploads=[("prevent_policy", ContentFile(PDF, name="policy.pdf"))],
                remove=[],
            ),
        )
        questionnaire_submit(link=link, name="Pat Lead", role="Prevent lead")
    review.refresh_from_db()
    return review


def form_data(**overrides) -> dict:
    """The questionnaire form, every answer complete, as a browser would post it."""
    data = {"action": "save", "name": "", "role": ""}
    for key, answer in complete_answers().items():
        data[f"{key}-status"] = answer.status
        data[f"{key}-notes"] = answer.notes
    data["prevent_policy-policy_review_date"] = policy_review_date().isoformat()
    data["staff_training-training_percentage"] = "90"
    data["funding_all_leads-declared_authority"] = AuthorityStatus.NO
    data["funding_all_leads-declared_basis"] = AuthorityBasis.NONE_APPLIES
    data["funding_all_leads-declared_funding_all_leads"] = "60,000"
    data["funding_all_leads-declared_funders"] = "DfE"
    data.update(overrides)
    return data


def accesses(review) -> list[str]:
    """The actions logged for the review's questionnaire links, oldest first."""
    return list(
        QuestionnaireAccess.unscoped.filter(review=review)
        .order_by("pk")
        .values_list("action", flat=True)
    )
