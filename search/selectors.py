"""Search within one organisation: benchmarks (as answered in its latest self-evaluations),
actions, evidence, subcontractors and people, each kind only for those whose role may see it
and at most PER_KIND of each (one query per kind, however much the organisation holds).

On PostgreSQL the words are matched with full-text search (English stemming, each word as the
start of a word so "safeg" finds "safeguarding", ranked; evidence's titles and descriptions have
a GIN index, evidence/migrations/0003); elsewhere (the embedded SQLite default) as part of any
searched field, case-insensitively.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from actionplans.models import Action
from assessments.models import Assessment, Response
from evidence.selectors import visible_evidence
from subcontractors.models import Subcontractor
from tenancy.access import OrgAccess
from tenancy.models import Membership
from tenancy.roles import Perm, holder_label

PER_KIND = 8
MIN_LENGTH = 2
MAX_LENGTH = 100
CONFIG = "english"
#: How many of the organisation's latest self-evaluations are looked at to find the newest of
#: each framework (a handful exist; this keeps the look-up bounded).
LATEST_ASSESSMENTS = 50


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    detail: str = ""
    tag: str = ""


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False
    more_url: str = ""


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def prefix_query(query: str) -> str:
    """`query`'s words as a raw tsquery in which each must begin a word ("safeg" finds
    "safeguarding"), stemmed by the configuration; only letters and digits pass, so nothing
    typed can change the query's syntax. Empty when it has no words."""
    return " & ".join(f"{word}:*" for word in re.findall(r"\w+", query))


def matching(items: QuerySet, query: str, *, words: list[str], part: list[str]) -> QuerySet:
    """`items` whose `words` fields match `query`: on PostgreSQL by full-text search, each word
    as the start of a (stemmed) word, best first, or `part` fields exactly containing it (short
    codes: "C1.2"); elsewhere any of the fields containing it."""
    if not uses_full_text():
        fields = list(dict.fromkeys(words + part))
        return items.filter(reduce(or_, (Q(**{f"{name}__icontains": query}) for name in fields)))
    vector = SearchVector(*words, config=CONFIG)
    search = SearchQuery(prefix_query(query) or "''", search_type="raw", config=CONFIG)
    wanted = Q(search_document=search)
    for name in part:
        wanted |= Q(**{f"{name}__icontains": query})
    return (
        items.annotate(search_document=vector)
        .filter(wanted)
        .annotate(search_rank=SearchRank(vector, search))
        .order_by("-search_rank", *items.query.order_by)
    )


def _bounded(items: QuerySet) -> tuple[list[Any], bool]:
    found = list(items[: PER_KIND + 1])
    return found[:PER_KIND], len(found) > PER_KIND


def _url(name: str, access: OrgAccess, **kwargs: Any) -> str:
    return reverse(name, kwargs={"org_slug": access.organisation.slug, **kwargs})


def _latest_assessment_ids(access: OrgAccess) -> list[int]:
    """The newest self-evaluation of each framework: where a benchmark's answer is found."""
    rows = (
        Assessment.objects.for_organisation(access.organisation)
        .order_by("-created_at")
        .values_list("id", "framework_version__framework_id")[:LATEST_ASSESSMENTS]
    )
    newest: dict[int, int] = {}
    for assessment_id, framework_id in rows:
        newest.setdefault(framework_id, assessment_id)
    return list(newest.values())


def benchmark_hits(access: OrgAccess, query: str) -> Group:
    group = Group("benchmarks", gettext("Benchmarks"))
    latest = _latest_assessment_ids(access)
    if not latest:
        return group
    responses = (
        Response.objects.for_organisation(access.organisation)
        .filter(assessment_id__in=latest)
        .select_related("benchmark__criterion", "assessment")
        .only(
            "code",
            "level",
            "not_applicable",
            "assessment__code",
            "assessment__title",
            "benchmark__code",
            "benchmark__text",
            "benchmark__criterion__code",
        )
        .order_by("benchmark__criterion__position", "benchmark__position")
    )
    found, group.more = _bounded(
        matching(
            responses,
            query,
            words=["benchmark__text", "benchmark__guidance"],
            part=["benchmark__code"],
        )
    )
    for r in found:
        url = _url("assessments:respond", access, assessment_code=r.assessment.code)
        url += f"?criterion={r.benchmark.criterion.code}#response-{r.code}"
        if r.not_applicable:
            answered = gettext("not applicable")
        else:
            answered = gettext("rated") if r.level else gettext("to answer")
        title = f"{r.benchmark.code} {r.benchmark.shown_text}"
        group.hits.append(Hit(title, url, f"{r.assessment.title} · {answered}"))
    return group


def action_hits(access: OrgAccess, query: str) -> Group:
    group = Group("actions", gettext("Actions"))
    actions = (
        Action.objects.for_organisation(access.organisation)
        .select_related("owner")
        .only("code", "title", "status", "due_date", "owner__name", "owner__email")
        .order_by("due_date", "title")
    )
    found, group.more = _bounded(matching(actions, query, words=["title", "description"], part=[]))
    for action in found:
        owner = action.owner.display_name if action.owner else gettext("no owner")
        due = gettext("due %(date)s") % {"date": date_format(action.due_date, "j M Y")}
        detail = f"{action.get_status_display()} · {due} · {owner}"
        url = _url("actionplans:detail", access, action_code=action.code)
        group.hits.append(Hit(action.title, url, detail))
    return group


def evidence_hits(access: OrgAccess, query: str) -> Group:
    group = Group("evidence", gettext("Evidence"))
    items = (
        visible_evidence(organisation=access.organisation, access=access)
        .filter(archived_at__isnull=True)
        .only("code", "title", "kind", "content_type", "valid_until", "sensitivity")
        .order_by("title")
    )
    found, group.more = _bounded(
        matching(
            items,
            query,
            words=["title", "description"],
            part=[],
        )
    )
    today = timezone.localdate()
    for item in found:
        detail = (item.file_type_label or gettext("File")) if item.is_file else gettext("Link")
        if item.valid_until:
            day = date_format(item.valid_until, "j M Y")
            if item.valid_until < today:
                detail += " · " + gettext("expired %(date)s") % {"date": day}
            else:
                detail += " · " + gettext("valid until %(date)s") % {"date": day}
        url = _url("evidence:detail", access, evidence_code=item.code)
        group.hits.append(
            Hit(item.title, url, detail, gettext("Restricted") if item.is_restricted else "")
        )
    if group.more:
        group.more_url = _url("evidence:list", access) + "?" + urlencode({"search": query})
    return group


def subcontractor_hits(access: OrgAccess, query: str) -> Group:
    group = Group("subcontractors", gettext("Subcontractors"))
    subcontractors = (
        Subcontractor.objects.for_organisation(access.organisation)
        .only("code", "name", "ukprn", "status")
        .order_by("name")
    )
    found, group.more = _bounded(matching(subcontractors, query, words=["name"], part=["ukprn"]))
    for sub in found:
        url = _url("subcontractors:detail", access, subcontractor_code=sub.code)
        group.hits.append(Hit(sub.name, url, f"UKPRN {sub.ukprn} · {sub.get_status_display()}"))
    return group


def people_hits(access: OrgAccess, query: str) -> Group:
    group = Group("people", gettext("People"))
    members = (
        Membership.objects.for_organisation(access.organisation)
        .select_related("user")
        .only("code", "role", "user__name", "user__email")
        .order_by("user__name", "user__email")
    )
    contains = Q(user__name__icontains=query) | Q(user__email__icontains=query)
    found, group.more = _bounded(members.filter(contains))
    url = _url("tenancy:member_list", access)
    for member in found:
        role = holder_label(member.role)
        group.hits.append(Hit(member.user.display_name, url, f"{member.user.email} · {role}"))
    return group


#: Each kind and the permission its page needs (tenancy.roles): nobody finds what they could
#: not open.
KINDS = [
    (Perm.VIEW_CONTENT, benchmark_hits),
    (Perm.VIEW_ORGANISATION, action_hits),
    (Perm.VIEW_CONTENT, evidence_hits),
    (Perm.VIEW_ORGANISATION, subcontractor_hits),
    (Perm.VIEW_MEMBERS, people_hits),
]


def clean_query(raw: str) -> str:
    return " ".join((raw or "").split())[:MAX_LENGTH]


def organisation_search(*, access: OrgAccess, query: str) -> list[Group]:
    """The groups `access` may see, for `query` (nothing below MIN_LENGTH characters)."""
    query = clean_query(query)
    if len(query) < MIN_LENGTH:
        return []
    return [find(access, query) for perm, find in KINDS if access.can(perm)]
