"""What the API reads and writes. Reads mirror the pages; writes are checked here for shape
(types, choices, known members) and then by the same services the pages call."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from actionplans.models import Action, ActionStatus, Priority, ProgressUpdate
from assessments.models import Assessment, Response
from evidence.models import EvidenceItem
from registers.models import ExternalEvent, Risk, RiskCategory, RiskStatus
from subcontractors.models import Subcontractor
from tenancy.selectors import assignable_members


def _email(user: Any) -> str | None:
    return user.email if user is not None else None


@extend_schema_field(OpenApiTypes.EMAIL)
class PersonField(serializers.SlugRelatedField):
    """A member by email, chosen from those who can take on work (as the pages offer them)."""

    default_error_messages = {
        "does_not_exist": _("No member who can take on work has the email {value}."),
        "invalid": _("Give the member's email address."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(slug_field="email", **kwargs)

    def get_queryset(self) -> Any:
        organisation = self.context.get("organisation")
        if organisation is None:  # while the schema is generated
            return User.objects.none()
        return assignable_members(organisation=organisation)


class AssessmentSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework_version.framework.slug")
    framework_version = serializers.CharField(source="framework_version.version")
    lead = serializers.SerializerMethodField()
    criteria_answered = serializers.IntegerField(source="answered")
    criteria_total = serializers.IntegerField(source="total")

    class Meta:
        model = Assessment
        fields = [
            "code", "title", "framework", "framework_version", "status", "due_date", "lead",
            "criteria_answered", "criteria_total", "submitted_at", "approved_at", "created_at",
        ]  # fmt: skip

    def get_lead(self, obj: Assessment) -> str | None:
        return _email(obj.lead)


class ResponseSerializer(serializers.ModelSerializer):
    criterion = serializers.CharField(source="benchmark.criterion.code")
    benchmark = serializers.CharField(source="benchmark.code")
    benchmark_text = serializers.CharField(source="benchmark.text")
    evidence = serializers.SerializerMethodField(help_text=_("Codes of the evidence cited."))

    class Meta:
        model = Response
        fields = [
            "code", "criterion", "benchmark", "benchmark_text", "level", "confidence",
            "not_applicable", "na_justification", "strengths", "improvements", "evidence",
            "updated_at",
        ]  # fmt: skip

    def get_evidence(self, obj: Response) -> list[str]:
        return [str(item.code) for item in obj.visible_evidence]  # type: ignore[attr-defined]


class ActionSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField()
    criterion: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    benchmark: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = [
            "code", "title", "description", "owner", "due_date", "priority", "status",
            "overdue", "completed_on", "impact_note", "criterion", "benchmark", "created_at",
            "updated_at",
        ]  # fmt: skip

    def get_owner(self, obj: Action) -> str | None:
        return _email(obj.owner)

    def get_overdue(self, obj: Action) -> bool:
        return obj.days_overdue(self.context.get("today") or timezone.localdate()) > 0


class ActionWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = PersonField()
    due_date = serializers.DateField()
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.MEDIUM)


class ProgressSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = ProgressUpdate
        fields = ["comment", "status", "author", "created_at"]

    def get_author(self, obj: ProgressUpdate) -> str | None:
        return _email(obj.author)


class ProgressWriteSerializer(serializers.Serializer):
    comment = serializers.CharField()
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    completed_on = serializers.DateField(required=False, allow_null=True, default=None)
    impact_note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceSerializer(serializers.ModelSerializer):
    archived = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = [
            "code", "title", "description", "kind", "original_filename", "content_type", "size",
            "sha256", "url", "effective_date", "valid_until", "archived", "created_at",
        ]  # fmt: skip

    def get_archived(self, obj: EvidenceItem) -> bool:
        return obj.archived_at is not None


class SubcontractorSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField()
    latest_review_status = serializers.CharField(allow_null=True, read_only=True)
    review_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Subcontractor
        fields = [
            "code", "name", "ukprn", "status", "funding_stream", "delivery_regions",
            "specified_authority", "risk_rating", "contract_start", "contract_end", "owner",
            "next_review_date", "latest_review_status", "review_overdue",
        ]  # fmt: skip

    def get_owner(self, obj: Subcontractor) -> str | None:
        return _email(obj.owner)


class RiskSerializer(serializers.ModelSerializer):
    owner = serializers.SerializerMethodField()
    action: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    score = serializers.IntegerField(read_only=True)
    rating = serializers.CharField(read_only=True)
    residual_score = serializers.IntegerField(read_only=True)
    residual_rating = serializers.CharField(read_only=True)

    class Meta:
        model = Risk
        fields = [
            "code", "category", "risk", "hazard", "existing_controls", "further_action",
            "action_due", "likelihood", "impact", "score", "rating", "residual_likelihood",
            "residual_impact", "residual_score", "residual_rating", "status", "owner",
            "next_review_date", "last_reviewed_on", "action", "updated_at",
        ]  # fmt: skip

    def get_owner(self, obj: Risk) -> str | None:
        return _email(obj.owner)


def _score() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=5)


class RiskWriteSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=RiskCategory.choices)
    risk = serializers.CharField(max_length=300)
    hazard = serializers.CharField(required=False, allow_blank=True)
    existing_controls = serializers.CharField(required=False, allow_blank=True)
    further_action = serializers.CharField(required=False, allow_blank=True)
    owner = PersonField(required=False, allow_null=True)
    action_due = serializers.DateField(required=False, allow_null=True)
    likelihood = _score()
    impact = _score()
    residual_likelihood = _score()
    residual_impact = _score()
    next_review_date = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=RiskStatus.choices, required=False)


class EventSerializer(serializers.ModelSerializer):
    requested_by = serializers.SerializerMethodField()

    class Meta:
        model = ExternalEvent
        fields = [
            "code", "title", "speaker_name", "speaker_organisation", "topic", "event_date",
            "format", "venue", "audience", "expected_numbers", "status", "risk_level",
            "conditions", "other_conditions", "requested_by", "decided_at", "concern_raised",
        ]  # fmt: skip

    def get_requested_by(self, obj: ExternalEvent) -> str | None:
        return _email(obj.requested_by)


class EventRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalEvent
        fields = [
            "title", "speaker_name", "speaker_organisation", "topic", "event_date", "format",
            "venue", "audience", "expected_numbers",
        ]  # fmt: skip
