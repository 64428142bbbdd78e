from pathlib import Path

from django.conf import settings
from django.db import transaction

from frameworks.library import LibraryError, Problem, parse_library_text
from frameworks.models import Benchmark, Criterion, Framework, FrameworkVersion, Subscription
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


@transaction.atomic
def framework_load(*, text: str, by=None) -> tuple[FrameworkVersion, bool]:
    """Store a library file as a new framework version; loading the same file again is a no-op.

    Returns (version, created). Raises LibraryError, changing nothing, when the file is invalid or
    reuses an existing version number for different content.
    """
    data = parse_library_text(text)
    framework, _ = Framework.objects.get_or_create(
        slug=data["id"], defaults={"title": data["title"]}
    )
    existing = FrameworkVersion.objects.filter(framework=framework, version=data["version"]).first()
    if existing is not None:
        if existing.source_sha256 == data["sha256"]:
            return existing, False
        raise _changed_content(data)
    if framework.title != data["title"]:
        framework.title = data["title"]
        framework.save(update_fields=["title", "updated_at"])
    version = FrameworkVersion.objects.create(
        framework=framework,
        version=data["version"],
        title=data["title"],
        description=data["description"],
        published=data["published"],
        sources=data["sources"],
        report_card_areas=data["report_card_areas"],
        scale=data["scale"],
        source_text=text,
        source_sha256=data["sha256"],
        loaded_by=by,
    )
    _store_criteria(version, data["criteria"])
    return version, True


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
        )
        for b_position, b_data in enumerate(c_data["benchmarks"], start=1):
            benchmarks.append(
                Benchmark(
                    version=version,
                    criterion=criterion,
                    position=b_position,
                    **{k: b_data[k] for k in BENCHMARK_FIELDS},
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
