import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.fields import person_field
from core.models import TimeStampedModel
from frameworks.welsh import shown
from tenancy.models import Organisation, TenantModel

WELSH_HELP = _("From the file's 'cy' mapping; shown when the language is Welsh (blank: English).")


class Framework(TimeStampedModel):
    """A compliance framework (e.g. the Prevent duty framework); its content lives in versions."""

    slug = models.SlugField(max_length=80, unique=True, help_text=_("The id in the library file."))
    title = models.CharField(max_length=200)
    title_cy = models.CharField(max_length=200, blank=True, help_text=WELSH_HELP)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        return shown(self.title, self.title_cy)

    def latest_version(self) -> "FrameworkVersion | None":
        return self.versions.order_by(*NEWEST_FIRST).first()


#: Newest version first: by the file's publication date, then by when it was loaded (files in
#: the library are loaded in name order, so loading order alone does not say which is newer).
NEWEST_FIRST = (models.F("published").desc(nulls_last=True), "-created_at")

#: Ofsted's EIF grade words, retired for further education and skills inspections from
#: 10 November 2025 (report cards). Versions loaded from older files still carry them; they are
#: shown in the words that describe practice, so no page presents them as current grades.
RETIRED_GRADE_WORDS = {
    "outstanding": "Embedded and evaluated",
    "good": "Established",
    "requires improvement": "Developing or inconsistent",
    "inadequate": "Not in place",
}


@dataclass(frozen=True)
class ScaleOption:
    value: Any
    label: str
    description: str
    gap: bool
    due_days: int | None = None  # how soon a gap at this option should be acted on

    @classmethod
    def from_data(cls, data: dict) -> "ScaleOption":
        """The option as pages show it, in the active language (Welsh where the file has it)."""
        label = RETIRED_GRADE_WORDS.get(str(data["label"]).strip().lower(), data["label"])
        welsh = data.get("cy") or {}
        return cls(
            value=data["value"],
            label=shown(label, welsh.get("label")),
            description=shown(data.get("description", ""), welsh.get("description")),
            gap=bool(data.get("gap")),
            due_days=data.get("due_days"),
        )


def _weakest_gap(options: list[ScaleOption]) -> Any:
    return next((o.value for o in reversed(options) if o.gap), None)


class FrameworkVersion(TimeStampedModel):
    """One loaded library file. Never changed after loading, so assessments can rely on it."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    version = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    title_cy = models.CharField(max_length=200, blank=True, help_text=WELSH_HELP)
    description = models.TextField(blank=True)
    description_cy = models.TextField(blank=True, help_text=WELSH_HELP)
    published = models.DateField(null=True, blank=True)
    sources = models.JSONField(default=list)
    report_card_areas = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Ofsted report-card areas (key, title), from the file"),
    )
    scale = models.JSONField(help_text=_("levels, confidence and not_applicable, from the file"))
    source_text = models.TextField(help_text=_("The library file exactly as loaded (for export)."))
    source_sha256 = models.CharField(max_length=64)
    loaded_by = person_field()

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
    def shown_title(self) -> str:
        return shown(self.title, self.title_cy)

    @property
    def shown_description(self) -> str:
        return shown(self.description, self.description_cy)

    @property
    def levels(self) -> list[ScaleOption]:
        return self._options("levels")

    @property
    def confidence_options(self) -> list[ScaleOption]:
        return self._options("confidence")

    def _options(self, key: str) -> list[ScaleOption]:
        """The scale's `key` options in the active language, built once per language for this
        version (never changed after loading): a dashboard asked for them some fifty times."""
        built: dict[tuple[str, str], list[ScaleOption]] = self.__dict__.setdefault(
            "_options_in", {}
        )
        language = get_language() or ""
        if (key, language) not in built:
            built[key, language] = [ScaleOption.from_data(o) for o in self.scale[key]]
        return list(built[key, language])

    @property
    def confidence_title(self) -> str:
        welsh = (self.scale.get("cy") or {}).get("confidence_title")
        return shown(self.scale.get("confidence_title"), welsh) or gettext("Evidence confidence")

    @property
    def sources_by_key(self) -> dict[str, dict]:
        return {s["key"]: s for s in self.sources}

    @property
    def report_card_titles(self) -> dict[str, str]:
        return {a["key"]: a["title"] for a in self.shown_report_card_areas}

    @property
    def shown_report_card_areas(self) -> list[dict]:
        """The report-card areas with each title in the active language."""
        return [
            {**a, "title": shown(a["title"], (a.get("cy") or {}).get("title"))}
            for a in self.report_card_areas
        ]

    def provenance(self, benchmark: "Benchmark", sources: dict[str, dict]) -> dict:
        """Everything "Where this comes from" shows for one benchmark."""
        areas = {a["key"]: a for a in self.shown_report_card_areas}
        return {
            "citations": benchmark.citations(sources),
            "dfe_area": benchmark.dfe_area,
            "report_card": [areas[k] for k in benchmark.report_card if k in areas],
        }

    @property
    def allows_not_applicable(self) -> bool:
        return bool(self.scale.get("not_applicable", True))

    def level(self, value: int | None) -> ScaleOption | None:
        return next((o for o in self.levels if o.value == value), None)

    def confidence(self, value: str) -> ScaleOption | None:
        return next((o for o in self.confidence_options if o.value == value), None)

    @cached_property
    def gap_levels(self) -> set[int]:
        return {o.value for o in self.levels if o.gap}

    @cached_property
    def gap_confidence(self) -> set[str]:
        return {o.value for o in self.confidence_options if o.gap}

    def is_gap(self, *, level: int | None, confidence: str | None, not_applicable: bool) -> bool:
        """The one definition of a gap: an applicable benchmark rated at a level, or resting on
        evidence of a confidence, that this version's scale marks `gap`. Works on responses and
        on an approved snapshot's response dicts alike."""
        if not_applicable:
            return False
        return level in self.gap_levels or (bool(confidence) and confidence in self.gap_confidence)

    def is_urgent_gap(self, *, level: int | None, confidence: str | None) -> bool:
        """A gap at the weakest gap option of either scale (both are listed strongest first), such
        as "not in place" or red evidence: its action is high priority."""
        weakest_level = _weakest_gap(self.levels)
        weakest_confidence = _weakest_gap(self.confidence_options)
        return (level is not None and level == weakest_level) or (
            bool(confidence) and confidence == weakest_confidence
        )


class CriterionTopic(models.TextChoices):
    """What a criterion is about, when other parts of the product show their data beside it."""

    SUBCONTRACTORS = "subcontractors", "Subcontractors"


class Criterion(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    title_cy = models.CharField(max_length=300, blank=True, help_text=WELSH_HELP)
    summary = models.TextField(blank=True)
    summary_cy = models.TextField(blank=True, help_text=WELSH_HELP)
    dfe_area = models.JSONField(default=list, blank=True)
    topic = models.CharField(
        max_length=40,
        blank=True,
        choices=CriterionTopic.choices,
        help_text=_("From the file's 'topic'; at most one criterion of a version has each topic."),
    )
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="frameworks_criterion_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def shown_title(self) -> str:
        return shown(self.title, self.title_cy)

    @property
    def shown_summary(self) -> str:
        return shown(self.summary, self.summary_cy)

    @property
    def is_about_subcontractors(self) -> bool:
        return self.topic == CriterionTopic.SUBCONTRACTORS


class Benchmark(models.Model):
    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="benchmarks"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="benchmarks")
    code = models.CharField(max_length=20)
    text = models.TextField()
    text_cy = models.TextField(blank=True, help_text=WELSH_HELP)
    guidance = models.TextField(blank=True)
    guidance_cy = models.TextField(blank=True, help_text=WELSH_HELP)
    evidence_prompts = models.JSONField(default=list, blank=True)
    evidence_prompts_cy = models.JSONField(default=list, blank=True, help_text=WELSH_HELP)
    backed_by = models.JSONField(default=list, blank=True)
    key = models.CharField(
        max_length=80,
        blank=True,
        help_text=_("Stable across versions; carry-forward matches on it."),
    )
    where_from = models.JSONField(
        default=list, blank=True, help_text=_("[{source, part, unconfirmed}] from the file")
    )
    dfe_area = models.JSONField(default=list, blank=True)
    report_card = models.JSONField(default=list, blank=True)
    applies_to = models.JSONField(
        default=list, blank=True, help_text=_("Provider types it applies to; empty means all.")
    )
    applies_when = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Profile conditions (tenancy.models.ProfileCondition) it needs; empty: none."),
    )
    na_reason = models.TextField(blank=True)
    suggested_actions = models.JSONField(default=list, blank=True)
    changes = models.TextField(blank=True, help_text=_("What changed since the previous version."))
    signals = models.JSONField(
        default=list, blank=True, help_text=_("Keys of the live register signals that inform it.")
    )
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["criterion__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="frameworks_benchmark_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"

    @property
    def shown_text(self) -> str:
        return shown(self.text, self.text_cy)

    @property
    def shown_guidance(self) -> str:
        return shown(self.guidance, self.guidance_cy)

    @property
    def shown_evidence_prompts(self) -> list[str]:
        return shown(self.evidence_prompts, self.evidence_prompts_cy)

    @property
    def stable_key(self) -> str:
        return self.key or self.code

    def applies_to_provider(self, provider_type: str) -> bool:
        return not self.applies_to or provider_type in self.applies_to

    def applies_to_organisation(self, organisation: Organisation) -> bool:
        """Its provider types and its profile conditions, as the organisation stands now."""
        return self.applies_to_provider(organisation.provider_type) and all(
            organisation.meets(condition) for condition in self.applies_when
        )

    def citations(self, sources: dict[str, dict] | None = None) -> list[dict]:
        """Where this benchmark comes from: each cited source with the part cited.

        Versions without `where_from` cite their `backed_by` keys, so every benchmark that names
        a source shows it. Pass the version's `sources_by_key` when listing many benchmarks."""
        sources = self.version.sources_by_key if sources is None else sources
        cited = self.where_from or [{"source": key} for key in self.backed_by]
        return [
            {**sources[c["source"]], "part": c.get("part", ""), "note": c.get("unconfirmed", "")}
            for c in cited
            if c.get("source") in sources
        ]


class Subscription(TenantModel):
    """A framework the organisation may use; chosen by its account manager."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    added_by = person_field()

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
