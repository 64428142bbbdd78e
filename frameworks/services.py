from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.db import transaction

from frameworks.library import LibraryError, Problem, parse_library_text
from frameworks.models import Benchmark, Criterion, Framework, FrameworkVersion, Subscription
from frameworks.welsh import without_welsh
from tenancy.models import Organisation

BENCHMARK_FIELDS = (
    "code",
    "text",
    "guidance",
    "evidence_prompts",
    "backed_by",
    "signals",
    "key",
    "where_from",
    "dfe_area",
    "report_card",
    "applies_to",
    "applies_when",
    "na_reason",
    "suggested_actions",
    "changes",
)
LIBRARY_DIR = Path(__file__).resolve().parent / "library"


class LoadState(StrEnum):
    LOADED = "loaded"
    ALREADY_LOADED = "already loaded"
    WELSH_UPDATED = "already loaded; its Welsh texts updated"


class LoadOutcome(NamedTuple):
    version: FrameworkVersion
    state: LoadState


def framework_load(*, text: str, by=None) -> tuple[FrameworkVersion, bool]:
    """Store a library file as a new framework version; loading the same file again is a no-op.

    Returns (version, created). Raises LibraryError, changing nothing, when the file is invalid or
    reuses an existing version number for different content.
    """
    outcome = framework_load_outcome(text=text, by=by)
    return outcome.version, outcome.state == LoadState.LOADED


@transaction.atomic
def framework_load_outcome(*, text: str, by=None) -> LoadOutcome:
    """`framework_load`, saying also whether a loaded version's Welsh texts were updated: a file
    that differs from the loaded one only in its Welsh (`cy:`) is the same version, so its Welsh
    replaces the stored Welsh and it becomes the file as loaded; anything else changed is refused.
    """
    data = parse_library_text(text)
    framework, _ = Framework.objects.get_or_create(
        slug=data["id"], defaults={"title": data["title"]}
    )
    existing = FrameworkVersion.objects.filter(framework=framework, version=data["version"]).first()
    if existing is not None:
        if existing.source_sha256 == data["sha256"]:
            return LoadOutcome(existing, LoadState.ALREADY_LOADED)
        if without_welsh(parse_library_text(existing.source_text)) != without_welsh(data):
            raise _changed_content(data)
        _update_welsh(existing, data, text)
        return LoadOutcome(existing, LoadState.WELSH_UPDATED)
    _update_framework(framework, data)
    version = FrameworkVersion.objects.create(
        framework=framework,
        version=data["version"],
        title=data["title"],
        title_cy=data["cy"].get("title", ""),
        description=data["description"],
        description_cy=data["cy"].get("description", ""),
        published=data["published"],
        sources=data["sources"],
        report_card_areas=data["report_card_areas"],
        scale=data["scale"],
        source_text=text,
        source_sha256=data["sha256"],
        loaded_by=by,
    )
    _store_criteria(version, data["criteria"])
    return LoadOutcome(version, LoadState.LOADED)


def _update_framework(framework: Framework, data: dict) -> None:
    """The framework takes the titles of its newest loaded file."""
    title_cy = data["cy"].get("title", "")
    if (framework.title, framework.title_cy) != (data["title"], title_cy):
        framework.title, framework.title_cy = data["title"], title_cy
        framework.save(update_fields=["title", "title_cy", "updated_at"])


def _criterion_welsh(data: dict) -> dict:
    welsh = data["cy"]
    return {"title_cy": welsh.get("title", ""), "summary_cy": welsh.get("summary", "")}


def _benchmark_welsh(data: dict) -> dict:
    welsh = data["cy"]
    return {
        "text_cy": welsh.get("text", ""),
        "guidance_cy": welsh.get("guidance", ""),
        "evidence_prompts_cy": welsh.get("evidence_prompts", []),
    }


def _update_welsh(version: FrameworkVersion, data: dict, text: str) -> None:
    """Give a loaded version the Welsh of a file whose English and structure are unchanged."""
    version.title_cy = data["cy"].get("title", "")
    version.description_cy = data["cy"].get("description", "")
    version.scale, version.report_card_areas = data["scale"], data["report_card_areas"]
    version.source_text, version.source_sha256 = text, data["sha256"]
    version.save()
    if version.framework.latest_version() == version:
        _update_framework(version.framework, data)
    criteria = {c.code: c for c in version.criteria.all()}
    benchmarks = {b.code: b for b in version.benchmarks.all()}
    for c_data in data["criteria"]:
        criterion = criteria[c_data["code"]]
        for field, value in _criterion_welsh(c_data).items():
            setattr(criterion, field, value)
        for b_data in c_data["benchmarks"]:
            for field, value in _benchmark_welsh(b_data).items():
                setattr(benchmarks[b_data["code"]], field, value)
    Criterion.objects.bulk_update(criteria.values(), ["title_cy", "summary_cy"])
    Benchmark.objects.bulk_update(
        benchmarks.values(), ["text_cy", "guidance_cy", "evidence_prompts_cy"]
    )


def _changed_content(data: dict) -> LibraryError:
    return LibraryError(
        [
            Problem(
                0,
                f"Version {data['version']} of {data['id']} is already loaded with different "
                "content. Give the changed file a new version number; assessments made "
                "against the loaded version never change.",
            )
        ]
    )


def _store_criteria(version: FrameworkVersion, criteria: list[dict]) -> None:
    benchmarks = []
    for c_position, c_data in enumerate(criteria, start=1):
        criterion = Criterion.objects.create(
            version=version,
            position=c_position,
            **{k: c_data[k] for k in ("code", "title", "summary", "dfe_area", "topic")},
            **_criterion_welsh(c_data),
        )
        for b_position, b_data in enumerate(c_data["benchmarks"], start=1):
            benchmarks.append(
                Benchmark(
                    version=version,
                    criterion=criterion,
                    position=b_position,
                    **{k: b_data[k] for k in BENCHMARK_FIELDS},
                    **_benchmark_welsh(b_data),
                )
            )
    Benchmark.objects.bulk_create(benchmarks)


def framework_load_builtin() -> list[tuple[FrameworkVersion, bool]]:
    """Load every file shipped in frameworks/library/ (idempotent); older versions stay."""
    return [
        framework_load(text=path.read_text(encoding="utf-8"))
        for path in sorted(LIBRARY_DIR.glob("*.yaml"))
    ]


def default_frameworks() -> list[Framework]:
    return list(Framework.objects.filter(slug__in=settings.DEFAULT_FRAMEWORKS))


@transaction.atomic
def subscription_set(*, organisation: Organisation, frameworks, by=None) -> None:
    """Make `frameworks` exactly the set the organisation may use."""
    wanted = {f.pk for f in frameworks}
    subscriptions = Subscription.objects.for_organisation(organisation)
    current = set(subscriptions.values_list("framework_id", flat=True))
    for subscription in subscriptions.filter(framework_id__in=current - wanted):
        subscription.delete()
    for framework_id in wanted - current:
        subscriptions.create(organisation=organisation, framework_id=framework_id, added_by=by)
