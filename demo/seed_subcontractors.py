"""Demo subcontractor registers.

Northfield has five subcontractors in different states: a high-risk one whose annual review is
overdue (with a red spot check whose findings raised actions), one whose questionnaire is
submitted and waiting for review, one with an expired document (and one about to expire), a
prospective one with a draft onboarding review, and one whose contract has ended. Riverside has
one of everything, so the isolation test can reach every page.

Idempotent: a subcontractor already in the register (by UKPRN) is left alone. No email is sent:
the emails a real run would have sent are recorded as sent, with their links.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from demo.sample_files import docx_bytes, pdf_bytes
from subcontractors.authority import subcontractor_authority_record
from subcontractors.links import link_mint
from subcontractors.models import (
    AccessAction,
    AuthorityBasis,
    AuthoritySource,
    AuthorityStatus,
    DocumentKind,
    DueDiligenceReview,
    EmailKind,
    FundingStream,
    ItemStatus,
    QuestionnaireAccess,
    QuestionnaireEmail,
    Rag,
    Region,
    ReviewKind,
    ReviewStatus,
    RiskRating,
    Subcontractor,
    SubcontractorDocument,
    SubcontractorStatus,
    VisitType,
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
    subcontractor_create,
    subcontractor_update,
    visit_create,
    visit_raise_actions,
)
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

User = get_user_model()

DEMO_IP = "203.0.113.24"  # TEST-NET-3: documentation addresses, never a real visitor
DEMO_BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36"
)

FULL_ANSWERS = {
    "prevent_policy": ItemAnswer(
        ItemStatus.MET, "Board-approved policy, reviewed every August.", None, None
    ),
    "prevent_lead_dsl": ItemAnswer(
        ItemStatus.MET, "Our operations director is the Prevent lead and DSL; a deputy covers."
    ),
    "staff_training": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "Two new tutors start the Home Office course this month.",
        None,
        88,
    ),
    "risk_assessment": ItemAnswer(
        ItemStatus.MET, "Reviewed in September on the DfE template; three actions open."
    ),
    "it_filtering": ItemAnswer(
        ItemStatus.MET, "Smoothwall filtering on every site; alerts go to the DSL daily."
    ),
    "external_speakers": ItemAnswer(
        ItemStatus.MET, "Every speaker is checked and approved a week ahead; log kept."
    ),
    "contract_clauses": ItemAnswer(
        ItemStatus.MET, "Clauses 14 to 16 of our contract with you cover all three."
    ),
    "learner_awareness": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "Covered at induction; the learner survey question is new this year.",
    ),
    "funding_all_leads": ItemAnswer(
        ItemStatus.MET,
        "£85,000 this funding year, all from you (DfE apprenticeship funding). We are not a "
        "college and have under 250 students, so we do not think we are a specified authority.",
    ),
    "safer_recruitment": ItemAnswer(
        ItemStatus.MET, "Enhanced DBS with barred-list check for every tutor; central record kept."
    ),
    "dsl_training": ItemAnswer(
        ItemStatus.MET, "DSL completed the two-day DSL course and the Home Office referrals module."
    ),
    "incident_notification": ItemAnswer(
        ItemStatus.MET,
        "Your Prevent lead is phoned the same day, then emailed. Last 12 months: 1 concern, "
        "0 referrals.",
    ),
    "local_prevent_contacts": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "Newcastle and Gateshead Prevent leads known; Sunderland contact still to confirm.",
    ),
    "other_venues": ItemAnswer(
        ItemStatus.NOT_APPLICABLE, "We teach only on employers' premises and our own centre."
    ),
    "apprentice_employers": ItemAnswer(
        ItemStatus.PARTLY_MET,
        "New employer agreements name a workplace contact; 9 older agreements are being reissued.",
    ),
    "further_subcontracting": ItemAnswer(ItemStatus.MET, "No further subcontracting."),
    "ofsted_outcome": ItemAnswer(
        ItemStatus.MET,
        "Last inspected March 2024 under the previous framework; report at ofsted.gov.uk.",
    ),
}


def _person(organisation: Organisation, local: str):
    domain = organisation.contact_email.split("@")[1]
    return User.objects.get(email=f"{local}@{domain}")


def _pdf(title: str, lines: list[str], name: str) -> ContentFile:
    return ContentFile(pdf_bytes(title, lines), name=name)


def _backdate(model, pk, **fields) -> None:
    model.unscoped.filter(pk=pk).update(**fields)


def _mark_sent(review: DueDiligenceReview, by, days_ago: int):
    """As if the questionnaire had been emailed `days_ago` days ago (no email is sent)."""
    sent_at = timezone.now() - timedelta(days=days_ago)
    review.status = ReviewStatus.SENT
    review.sent_at = sent_at
    review.sent_by = by
    review._history_user = by
    review.save()
    link, _token = link_mint(review=review, purpose=EmailKind.INVITATION)
    _backdate(
        type(link),
        link.pk,
        created_at=sent_at,
        expires_at=sent_at + timedelta(days=30),
    )
    QuestionnaireEmail.unscoped.create(
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


def _log(link, action: str, days_ago: float, detail: str = "") -> None:
    access = QuestionnaireAccess.unscoped.create(
        organisation_id=link.organisation_id,
        link=link,
        review_id=link.review_id,
        action=action,
        detail=detail,
        ip_address=DEMO_IP,
        user_agent=DEMO_BROWSER,
    )
    when = timezone.now() - timedelta(days=days_ago)
    _backdate(QuestionnaireAccess, access.pk, created_at=when)
    _backdate(type(link), link.pk, last_used_at=when)


def _answer(link, answers: dict, uploads=(), days_ago: float = 1) -> None:
    """The subcontractor's answers, saved through the questionnaire's own service."""
    today = timezone.localdate()
    change = QuestionnaireChange(answers={}, uploads=list(uploads), remove=[])
    for key, answer in answers.items():
        if key == "prevent_policy" and answer.status in (ItemStatus.MET, ItemStatus.PARTLY_MET):
            answer = ItemAnswer(answer.status, answer.notes, today + timedelta(days=200), None)
        change.answers[key] = answer
    _log(link, AccessAction.VIEWED, days_ago + 0.01)
    uploaded, _removed = questionnaire_save(link=link, change=change)
    _log(link, AccessAction.SAVED, days_ago)
    for document in uploaded:
        _log(link, AccessAction.UPLOADED, days_ago, document.original_filename)


def _accepted_review(subcontractor, qm, *, days_ago: int, kind: str) -> DueDiligenceReview:
    """A review answered, submitted and accepted `days_ago` days ago."""
    review = review_start(
        subcontractor=subcontractor,
        due_date=timezone.localdate() - timedelta(days=days_ago - 5),
        by=qm,
        kind=kind,
    )
    link = _mark_sent(review, qm, days_ago + 20)
    _answer(link, FULL_ANSWERS, days_ago=days_ago + 2)
    questionnaire_submit(link=link, name=subcontractor.prevent_lead_name, role="Prevent lead")
    _log(link, AccessAction.SUBMITTED, days_ago + 2)
    review_accept(review=review, by=qm, comment="Thorough answers; thank you.")
    accepted = timezone.now() - timedelta(days=days_ago)
    _backdate(
        DueDiligenceReview,
        review.pk,
        created_at=accepted - timedelta(days=25),
        submitted_at=accepted - timedelta(days=2),
        decided_at=accepted,
        accepted_at=accepted,
    )
    _backdate(
        Subcontractor,
        subcontractor.pk,
        next_review_date=one_year_after(timezone.localdate() - timedelta(days=days_ago)),
    )
    return review


def _create(organisation, qm, spec: dict) -> Subcontractor | None:
    if Subcontractor.unscoped.filter(organisation=organisation, ukprn=spec["ukprn"]).exists():
        return None
    today = timezone.localdate()
    fields = {
        "contract_start": None,
        "contract_end": None,
        "risk_reasons": "",
        "next_review_date": None,
        **spec,
    }
    for name in ("contract_start", "contract_end", "next_review_date"):
        if isinstance(fields[name], int):
            fields[name] = today + timedelta(days=fields[name])
    authority = fields.pop("authority", None)
    subcontractor = subcontractor_create(organisation=organisation, by=qm, **fields)
    if authority:
        checked = today - timedelta(days=authority.pop("days_ago"))
        subcontractor_authority_record(
            subcontractor=subcontractor,
            today=today,
            by=qm,
            authority_checked_on=checked,
            **authority,
        )
    return subcontractor


def _northfield(organisation: Organisation) -> int:
    qm, staff = _person(organisation, "qm"), _person(organisation, "staff")
    leader = _person(organisation, "leader")
    today = timezone.localdate()
    created = 0

    apex = _create(
        organisation,
        qm,
        {
            "name": "Apex Skills Partnership",
            "ukprn": "10061234",
            "contact_name": "Marcus Reid",
            "contact_email": "marcus.reid@apexskills.demo.example",
            "prevent_lead_name": "Joanne Pike",
            "prevent_lead_email": "joanne.pike@apexskills.demo.example",
            "delivery_regions": [Region.NORTH_WEST, Region.YORKSHIRE_HUMBER],
            "funding_stream": FundingStream.ADULT_SKILLS,
            "contract_value": Decimal("145000.00"),
            "contract_start": -400,
            "contract_end": 330,
            "status": SubcontractorStatus.ACTIVE,
            "risk_rating": RiskRating.HIGH,
            "risk_reasons": "Delivers to adult learners in community venues we do not run, "
            "and the spot check found gaps in IT filtering and speaker checks.",
            "authority": {
                "specified_authority": AuthorityStatus.YES,
                "authority_source": AuthoritySource.DECLARED,
                "authority_basis": AuthorityBasis.FUNDED_OVER_100K,
                "funding_all_leads": Decimal("212000.00"),
                "funders": "Greater Manchester Combined Authority (Adult Skills Fund); DfE",
                "authority_note": "Declared in this year's questionnaire: two lead providers. "
                "To verify against the funders' allocation letters at the next review.",
                "days_ago": 40,
            },
            "next_review_date": 10,
            "owner": qm,
        },
    )
    if apex:
        created += 1
        _accepted_review(apex, qm, days_ago=380, kind=ReviewKind.ONBOARDING)
        review = review_start(
            subcontractor=apex, due_date=today - timedelta(days=5), by=qm, kind=ReviewKind.ANNUAL
        )
        link = _mark_sent(review, qm, 40)
        _answer(
            link,
            {
                "prevent_policy": FULL_ANSWERS["prevent_policy"],
                "prevent_lead_dsl": FULL_ANSWERS["prevent_lead_dsl"],
            },
            days_ago=12,
        )
        _backdate(DueDiligenceReview, review.pk, created_at=timezone.now() - timedelta(days=40))
        document_add(
            subcontractor=apex,
            by=qm,
            kind=DocumentKind.CONTRACT,
            title="Apex Skills Partnership subcontract 2025 to 2027",
            file=_pdf(
                "Subcontract for the delivery of education and training",
                [
                    "Clause 14: the subcontractor meets the Prevent duty.",
                    "Clause 15: incidents and referrals are reported to the lead provider.",
                    "Clause 16: the lead provider may visit and monitor at any time.",
                ],
                "Apex subcontract.pdf",
            ),
            owner=qm,
            expires_on=today + timedelta(days=330),
        )
        document_add(
            subcontractor=apex,
            by=qm,
            kind=DocumentKind.INSURANCE,
            title="Public and employer's liability insurance",
            file=_pdf("Certificate of insurance", ["Public liability: 5m."], "Apex insurance.pdf"),
            owner=qm,
            expires_on=today + timedelta(days=200),
        )
        visit = visit_create(
            subcontractor=apex,
            by=qm,
            visit_date=today - timedelta(days=20),
            visitor=staff,
            visit_type=VisitType.SPOT_CHECK,
            overall_rag=Rag.RED,
            summary="Unannounced visit to the Salford community venue; spoke to the centre "
            "manager, two tutors and six learners.",
            findings=[
                FindingChange(
                    None,
                    "Web filtering on the venue's guest Wi-Fi is not in place. Learners use "
                    "their own devices on it during sessions.",
                ),
                FindingChange(
                    None,
                    "No record of checks for the two external speakers booked this term. "
                    "The tutor did not know the procedure.",
                ),
                FindingChange(
                    None,
                    "Learners we spoke to knew how to report a concern and named the DSL.",
                ),
            ],
        )
        visit_raise_actions(
            visit=visit,
            by=qm,
            numbers=[1, 2],
            owner=qm,
            due_date=today + timedelta(days=21),
        )

    brightpath = _create(
        organisation,
        qm,
        {
            "name": "Brightpath Training Ltd",
            "ukprn": "10072345",
            "contact_name": "Sarah Quinn",
            "contact_email": "sarah.quinn@brightpath.demo.example",
            "prevent_lead_name": "Hannah Cole",
            "prevent_lead_email": "hannah.cole@brightpath.demo.example",
            "delivery_regions": [Region.NORTH_EAST],
            "funding_stream": FundingStream.APPRENTICESHIPS,
            "contract_value": Decimal("85000.00"),
            "contract_start": -150,
            "contract_end": 215,
            "status": SubcontractorStatus.ACTIVE,
            "risk_rating": RiskRating.MEDIUM,
            "risk_reasons": "Apprentices work with employers across many small sites.",
            "authority": {
                "specified_authority": AuthorityStatus.NO,
                "authority_source": AuthoritySource.VERIFIED,
                "authority_basis": AuthorityBasis.NONE_APPLIES,
                "funding_all_leads": Decimal("85000.00"),
                "funders": "DfE (apprenticeships, through us only)",
                "authority_note": "We are its only lead provider; checked against its "
                "accounts. Our contract flows the Prevent duty down regardless.",
                "days_ago": 150,
            },
            "next_review_date": 18,
            "owner": qm,
        },
    )
    if brightpath:
        created += 1
        review = review_start(subcontractor=brightpath, due_date=today + timedelta(days=18), by=qm)
        link = _mark_sent(review, qm, 10)
        policy = ContentFile(
            pdf_bytes(
                "Brightpath Training: Prevent and safeguarding policy",
                ["Approved by the directors.", "Next review: August."],
            ),
            name="Brightpath Prevent policy.pdf",
        )
        _answer(link, FULL_ANSWERS, uploads=[("prevent_policy", policy)], days_ago=2)
        questionnaire_submit(link=link, name="Hannah Cole", role="Prevent lead and DSL")
        _log(link, AccessAction.SUBMITTED, 2)
        _backdate(
            DueDiligenceReview,
            review.pk,
            created_at=timezone.now() - timedelta(days=10),
            submitted_at=timezone.now() - timedelta(days=2),
        )
        visit_create(
            subcontractor=brightpath,
            by=qm,
            visit_date=today - timedelta(days=45),
            visitor=qm,
            visit_type=VisitType.PLANNED,
            overall_rag=Rag.GREEN,
            summary="Termly visit: met the Prevent lead and looked at the training records.",
            findings=[
                FindingChange(None, "Training records are complete and up to date."),
            ],
        )

    castlegate = _create(
        organisation,
        qm,
        {
            "name": "Castlegate Learning CIC",
            "ukprn": "10083456",
            "contact_name": "Owen Marsh",
            "contact_email": "owen.marsh@castlegate.demo.example",
            "prevent_lead_name": "Aisha Rahman",
            "prevent_lead_email": "aisha.rahman@castlegate.demo.example",
            "delivery_regions": [Region.WEST_MIDLANDS, Region.EAST_MIDLANDS],
            "funding_stream": FundingStream.STUDY_16_TO_19,
            "contract_value": Decimal("42000.00"),
            "contract_start": -500,
            "contract_end": 230,
            "status": SubcontractorStatus.ACTIVE,
            "risk_rating": RiskRating.LOW,
            "owner": staff,
            "next_review_date": 300,
        },
    )
    if castlegate:
        created += 1
        _accepted_review(castlegate, qm, days_ago=65, kind=ReviewKind.ANNUAL)
        document_add(
            subcontractor=castlegate,
            by=qm,
            kind=DocumentKind.INSURANCE,
            title="Employer's liability insurance 2025/26",
            file=_pdf("Certificate of insurance", ["Employer's liability: 10m."], "Castlegate.pdf"),
            owner=staff,
            expires_on=today - timedelta(days=10),  # expired
        )
        document_add(
            subcontractor=castlegate,
            by=qm,
            kind=DocumentKind.POLICY,
            title="Safeguarding and Prevent policy",
            file=ContentFile(
                docx_bytes("Castlegate Learning: safeguarding and Prevent policy", ["Policy."]),
                name="Castlegate policy.docx",
            ),
            owner=staff,
            expires_on=today + timedelta(days=20),  # expiring: its owner is reminded
        )
        visit_create(
            subcontractor=castlegate,
            by=qm,
            visit_date=today - timedelta(days=70),
            visitor=leader,
            visit_type=VisitType.LEARNER_INTERVIEWS,
            overall_rag=Rag.AMBER,
            summary="Interviewed eight learners from two groups.",
            findings=[
                FindingChange(None, "Most learners could explain British values."),
                FindingChange(None, "Two learners did not know how to report a concern online."),
            ],
        )

    dovetail = _create(
        organisation,
        qm,
        {
            "name": "Dovetail Apprenticeships",
            "ukprn": "10094567",
            "contact_name": "Grace Whitfield",
            "contact_email": "grace@dovetail.demo.example",
            "prevent_lead_name": "Peter Lowe",
            "prevent_lead_email": "peter.lowe@dovetail.demo.example",
            "delivery_regions": [Region.LONDON, Region.SOUTH_EAST],
            "funding_stream": FundingStream.APPRENTICESHIPS,
            "contract_value": Decimal("38000.00"),
            "status": SubcontractorStatus.PROSPECTIVE,
            "risk_rating": RiskRating.LOW,
            "next_review_date": 28,
            "owner": qm,
        },
    )
    if dovetail:
        created += 1
        review_start(subcontractor=dovetail, due_date=today + timedelta(days=28), by=qm)

    elmstead = _create(
        organisation,
        qm,
        {
            "name": "Elmstead Community Learning",
            "ukprn": "10015678",
            "contact_name": "Rita Bell",
            "contact_email": "rita.bell@elmstead.demo.example",
            "prevent_lead_name": "Rita Bell",
            "prevent_lead_email": "rita.bell@elmstead.demo.example",
            "delivery_regions": [Region.EAST_OF_ENGLAND],
            "funding_stream": FundingStream.ADULT_SKILLS,
            "contract_value": Decimal("60000.00"),
            "contract_start": -800,
            "contract_end": -90,
            "status": SubcontractorStatus.ACTIVE,
            "risk_rating": RiskRating.LOW,
            "owner": qm,
            "next_review_date": 100,
        },
    )
    if elmstead:
        created += 1
        _accepted_review(elmstead, qm, days_ago=420, kind=ReviewKind.ANNUAL)
        elmstead.refresh_from_db()
        subcontractor_update(
            subcontractor=elmstead,
            by=qm,
            status=SubcontractorStatus.ENDED,
            next_review_date=None,
        )
    return created


def _riverside(organisation: Organisation) -> int:
    qm, staff = _person(organisation, "qm"), _person(organisation, "staff")
    today = timezone.localdate()
    harbour = _create(
        organisation,
        qm,
        {
            "name": "Harbour Lane Training",
            "ukprn": "10047890",
            "contact_name": "Leon Ward",
            "contact_email": "leon.ward@harbourlane.demo.example",
            "prevent_lead_name": "Nadia Farouk",
            "prevent_lead_email": "nadia.farouk@harbourlane.demo.example",
            "delivery_regions": [Region.SOUTH_WEST],
            "funding_stream": FundingStream.STUDY_16_TO_19,
            "contract_value": Decimal("120000.00"),
            "contract_start": -300,
            "contract_end": 400,
            "status": SubcontractorStatus.ACTIVE,
            "risk_rating": RiskRating.MEDIUM,
            "risk_reasons": "First year of subcontracting with us.",
            "next_review_date": 20,
            "owner": qm,
        },
    )
    if harbour is None:
        return 0
    _accepted_review(harbour, qm, days_ago=330, kind=ReviewKind.ONBOARDING)
    review = review_start(subcontractor=harbour, due_date=today + timedelta(days=20), by=qm)
    link = _mark_sent(review, qm, 8)
    policy = ContentFile(
        pdf_bytes("Harbour Lane Training: Prevent policy", ["Approved."]),
        name="Harbour Lane Prevent policy.pdf",
    )
    _answer(
        link,
        {"prevent_policy": FULL_ANSWERS["prevent_policy"]},
        uploads=[("prevent_policy", policy)],
        days_ago=3,
    )
    document_add(
        subcontractor=harbour,
        by=qm,
        kind=DocumentKind.CONTRACT,
        title="Harbour Lane subcontract",
        file=_pdf("Subcontract", ["Prevent clauses 9 to 11."], "Harbour Lane subcontract.pdf"),
        owner=qm,
        expires_on=today + timedelta(days=400),
    )
    visit = visit_create(
        subcontractor=harbour,
        by=qm,
        visit_date=today - timedelta(days=30),
        visitor=staff,
        visit_type=VisitType.PLANNED,
        overall_rag=Rag.AMBER,
        summary="Termly visit.",
        findings=[FindingChange(None, "The speaker log has no approvals recorded this term.")],
    )
    visit_raise_actions(
        visit=visit, by=qm, numbers=[1], owner=staff, due_date=today + timedelta(days=30)
    )
    return 1


def seed_subcontractors() -> list[str]:
    northfield = Organisation.objects.get(slug="northfield-training")
    with tenant_scope(northfield):
        made = _northfield(northfield)
    riverside = Organisation.objects.get(slug="riverside-college")
    with tenant_scope(riverside):
        made += _riverside(riverside)
    count = SubcontractorDocument.unscoped.count()
    return [f"Subcontractor registers: {made} subcontractors added ({count} documents in all)"]
