import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from tenancy.models import TenantModel


class Framework(TimeStampedModel):
    """A compliance framework (e.g. the Prevent duty framework); its content lives in versions."""

    slug = models.SlugField(max_length=80, unique=True, help_text="The id in the library file.")
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def latest_version(self) -> "FrameworkVersion | None":
        return self.versions.order_by("-created_at").first()


@dataclass(frozen=True)
class ScaleOption:
    value: Any
    label: str
    description: str
    gap: bool


class FrameworkVersion(TimeStampedModel):
    """One loaded library file. Never changed after loading, so assessments can rely on it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    published = models.DateField(null=True, blank=True)
    sources = models.JSONField(default=list)
    scale = models.JSONField(help_text="levels, confidence and not_applicable, from the file")
    source_text = models.TextField(help_text="The library file exactly as loaded (for export).")
    source_sha256 = models.CharField(max_length=64)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["framework__title", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "version"], name="frameworks_version_unique_per_framework"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def levels(self) -> list[ScaleOption]:
        return [ScaleOption(**o) for o in self.scale["levels"]]

    @property
    def confidence_options(self) -> list[ScaleOption]:
        return [ScaleOption(**o) for o in self.scale["confidence"]]

    @property
    def allows_not_applicable(self) -> bool:
        return bool(self.scale.get("not_applicable", True))

    def level(self, value: int | None) -> ScaleOption | None:
        return next((o for o in self.levels if o.value == value), None)

    def confidence(self, value: str) -> ScaleOption | None:
        return next((o for o in self.confidence_options if o.value == value), None)

    @property
    def gap_levels(self) -> set[int]:
        return {o.value for o in self.levels if o.gap}

    @property
    def gap_confidence(self) -> set[str]:
        return {o.value for o in self.confidence_options if o.gap}


class Criterion(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    dfe_area = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="frameworks_criterion_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Benchmark(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="benchmarks"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="benchmarks")
    code = models.CharField(max_length=20)
    text = models.TextField()
    guidance = models.TextField(blank=True)
    evidence_prompts = models.JSONField(default=list, blank=True)
    backed_by = models.JSONField(default=list, blank=True)
    signals = models.JSONField(
        default=list, blank=True, help_text="Keys of the live register signals that inform it."
    )
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["criterion__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="frameworks_benchmark_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class Subscription(TenantModel):
    """A framework the organisation may use; chosen by its account manager."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        ordering = ["framework__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "framework"], name="frameworks_subscription_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} uses {self.framework}"
