"""What each hand-off says, once for the bell and the email: a headline, the page it opens, an
optional quote (a reviewer's comment) and a list (a batch of actions).

Everything is read from the notification and the rows the bell's list and the email batch
select with it (`HANDOFF_RELATED`), so describing a page of notifications runs no query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from reminders.models import Kind, Notification

#: The relations `describe` reads; the bell's list and the email batch select them.
HANDOFF_RELATED = (
    "actor",
    "assessment",
    "criterion",
    "review__subcontractor",
    "pack__assessment",
    "action",
)

REASONS = {
    "gaps": "from the gaps in",
    "visit": "from the findings of",
}


@dataclass
class Item:
    text: str
    path: str
    meta: str = ""


@dataclass
class Handoff:
    headline: str
    path: str
    link_label: str
    quote: str = ""
    quote_label: str = ""
    items: list[Item] = field(default_factory=list)
    reference: str = ""


def _org_path(name: str, n: Notification, **kwargs) -> str:
    return reverse(name, kwargs={"org_slug": n.organisation.slug, **kwargs})


def _who(n: Notification) -> str:
    return n.actor.display_name if n.actor else "Someone"


def _assessment_path(n: Any) -> str:
    return _org_path("assessments:detail", n, assessment_code=n.assessment.code)


def _criterion(n: Any) -> Handoff:
    criterion, assessment = n.criterion, n.assessment
    name = f"{criterion.code} {criterion.title}"
    if n.kind == Kind.CRITERION_UNASSIGNED:
        return Handoff(
            f"{_who(n)} unassigned you from {name} in “{assessment.title}”.",
            _assessment_path(n),
            "Open the self-evaluation",
        )
    path = _org_path("assessments:respond", n, assessment_code=assessment.code)
    return Handoff(
        f"{_who(n)} assigned {name} in “{assessment.title}” to you.",
        f"{path}?criterion={criterion.code}",
        f"Answer {criterion.code}",
    )


def _review_step(n: Any) -> Handoff:
    title = n.assessment.title
    comment = n.detail.get("comment", "")
    if n.kind == Kind.ASSESSMENT_SUBMITTED:
        return Handoff(
            f"{_who(n)} submitted “{title}” for your review.",
            _assessment_path(n),
            "Review it",
            quote=comment,
            quote_label="Their note for the reviewer",
        )
    if n.kind == Kind.ASSESSMENT_RETURNED:
        return Handoff(
            f"{_who(n)} returned “{title}” with comments.",
            _assessment_path(n),
            "See what needs to change",
            quote=comment,
            quote_label="Comments",
        )
    return Handoff(
        f"{_who(n)} approved and signed off “{title}”.",
        _org_path("assessments:summary", n, assessment_code=n.assessment.code),
        "Open the signed-off summary",
        quote=comment,
        quote_label="Comment",
        reference=n.detail.get("snapshot_sha256", ""),
    )


def _actions(n: Any) -> Handoff:
    listed = n.detail.get("actions", [])
    count = n.detail.get("count", len(listed))
    noun = "action" if count == 1 else "actions"
    items = [
        Item(a["title"], _org_path("actionplans:detail", n, action_code=a["code"]), a["due"])
        for a in listed
    ]
    if n.kind == Kind.ACTIONS_REASSIGNED:
        headline = f"{_who(n)} reassigned {count} {noun} to you."
    else:
        origin = n.detail.get("origin", "")
        where = f" {REASONS.get(n.detail.get('reason', ''), 'from')} {origin}" if origin else ""
        headline = f"{_who(n)} gave you {count} new {noun}{where}."
    path = items[0].path if count == 1 and items else _org_path("reporting:my_work", n)
    label = "Open the action" if count == 1 and items else "Open my work"
    return Handoff(headline, path, label, items=items)


def _action_done(n: Any) -> Handoff:
    return Handoff(
        f"{_who(n)} marked “{n.action.title}” done.",
        _org_path("actionplans:detail", n, action_code=n.action.code),
        "Open the action",
        quote=n.detail.get("comment", ""),
        quote_label="Their update",
    )


def _questionnaire(n: Any) -> Handoff:
    review = n.review
    subcontractor = review.subcontractor
    return Handoff(
        f"{subcontractor.name} submitted its due diligence questionnaire"
        f" ({n.detail.get('submitted_by', 'no name given')}).",
        _org_path(
            "subcontractors:review",
            n,
            subcontractor_code=subcontractor.code,
            review_code=review.code,
        ),
        "Review the answers",
    )


def _pack_ready(n: Any) -> Handoff:
    pack = n.pack
    draft = "draft " if pack.is_draft else ""
    return Handoff(
        f"The {draft}evidence pack of “{pack.assessment.title}” you asked for is ready.",
        _org_path("reporting:pack_detail", n, pack_code=pack.code),
        "Open the pack",
    )


# Each takes a notification of its kinds, whose subject (typed optional) the kind guarantees.
DESCRIBE: dict[str, Callable[[Any], Handoff]] = {
    Kind.CRITERION_ASSIGNED: _criterion,
    Kind.CRITERION_UNASSIGNED: _criterion,
    Kind.ASSESSMENT_SUBMITTED: _review_step,
    Kind.ASSESSMENT_RETURNED: _review_step,
    Kind.ASSESSMENT_APPROVED: _review_step,
    Kind.ACTIONS_ASSIGNED: _actions,
    Kind.ACTIONS_REASSIGNED: _actions,
    Kind.ACTION_DONE: _action_done,
    Kind.QUESTIONNAIRE_SUBMITTED: _questionnaire,
    Kind.PACK_READY: _pack_ready,
}


def describe(notification: Notification) -> Handoff | None:
    build = DESCRIBE.get(notification.kind)
    return build(notification) if build else None
