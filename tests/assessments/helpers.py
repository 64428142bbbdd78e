from assessments.models import Assessment
from assessments.services import ResponseChange, assessment_start, response_save
from tenancy.scope import tenant_scope


def start(org, version, user, **kwargs) -> Assessment:
    with tenant_scope(org):
        return assessment_start(
            organisation=org,
            title=kwargs.pop("title", "2026/27 Prevent self-assessment"),
            framework_version=version,
            lead=user,
            due_date=None,
            by=user,
            **kwargs,
        )


GOOD_STRENGTHS = "Training is effective: staff questioning shows they know the referral route well."


def answer_all(assessment, user, level=2, confidence="green", evidence=()):
    with tenant_scope(assessment.organisation):
        for response in assessment.responses.all():
            response_save(
                response=response,
                change=ResponseChange(
                    level=level,
                    confidence=confidence,
                    strengths=GOOD_STRENGTHS,
                    improvements="Extend the refresher to subcontractor staff.",
                    evidence=list(evidence),
                ),
                expected_revision=response.revision,
                by=user,
            )
