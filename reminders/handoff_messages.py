"""What each hand-off says, once for the bell and the email: a headline, the page it opens, an
optional quote (a reviewer's comment) and a list (a batch of actions).

Everything is read from the notification and the rows the bell's list and the email batch
select with it (`HANDOFF_RELATED`), so describing a page of notifications runs no query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

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
    "gaps": _("%(who)s gave you %(count)d new action from the gaps in %(origin)s."),
    "visit": _("%(who)s gave you %(count)d new action from the findings of %(origin)s."),
}
REASONS_PLURAL = {
    "gaps": _("%(who)s gave you %(count)d new actions from the gaps in %(origin)s."),
    "visit": _("%(who)s gave you %(count)d new actions from the findings of %(origin)s."),
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
    return n.actor.display_name if n.actor else gettext("Someone")


def _assessment_path(n: Any) -> str:
    return _org_path("assessments:detail", n, assessment_code=n.assessment.code)


def _criterion(n: Any) -> Handoff:
    criterion, assessment = n.criterion, n.assessment
    facts = {
        "who": _who(n),
        "criterion": f"{criterion.code} {criterion.title}",
        "title": assessment.title,
    }
    if n.kind == Kind.CRITERION_UNASSIGNED:
        return Handoff(
            gettext("%(who)s unassigned you from %(criterion)s in “%(title)s”.") % facts,
            _assessment_path(n),
            gettext("Open the self-evaluation"),
        )
    path = _org_path("assessments:respond", n, assessment_code=assessment.code)
    return Handoff(
        gettext("%(who)s assigned %(criterion)s in “%(title)s” to you.") % facts,
        f"{path}?criterion={criterion.code}",
        gettext("Answer %(code)s") % {"code": criterion.code},
    )


def _review_step(n: Any) -> Handoff:
    facts = {"who": _who(n), "title": n.assessment.title}
    comment = n.detail.get("comment", "")
    if n.kind == Kind.ASSESSMENT_SUBMITTED:
        return Handoff(
            gettext("%(who)s submitted “%(title)s” for your review.") % facts,
            _assessment_path(n),
            gettext("Review it"),
            quote=comment,
            quote_label=gettext("Their note for the reviewer"),
        )
    if n.kind == Kind.ASSESSMENT_RETURNED:
        return Handoff(
            gettext("%(who)s returned “%(title)s” with comments.") % facts,
            _assessment_path(n),
            gettext("See what needs to change"),
            quote=comment,
            quote_label=gettext("Comments"),
        )
    return Handoff(
        gettext("%(who)s approved and signed off “%(title)s”.") % facts,
        _org_path("assessments:summary", n, assessment_code=n.assessment.code),
        gettext("Open the signed-off summary"),
        quote=comment,
        quote_label=gettext("Comment"),
        reference=n.detail.get("snapshot_sha256", ""),
    )


def _actions_headline(n: Any, count: int) -> str:
    facts = {"who": _who(n), "count": count, "origin": n.detail.get("origin", "")}
    if n.kind == Kind.ACTIONS_REASSIGNED:
        return (
            ngettext(
                "%(who)s reassigned %(count)d action to you.",
                "%(who)s reassigned %(count)d actions to you.",
                count,
            )
            % facts
        )
    if not facts["origin"]:
        return (
            ngettext(
                "%(who)s gave you %(count)d new action.",
                "%(who)s gave you %(count)d new actions.",
                count,
            )
            % facts
        )
    reason = n.detail.get("reason", "")
    if reason in REASONS:
        return str(REASONS[reason] if count == 1 else REASONS_PLURAL[reason]) % facts
    return (
        ngettext(
            "%(who)s gave you %(count)d new action from %(origin)s.",
            "%(who)s gave you %(count)d new actions from %(origin)s.",
            count,
        )
        % facts
    )


def _actions(n: Any) -> Handoff:
    listed = n.detail.get("actions", [])
    count = n.detail.get("count", len(listed))
    items = [
        Item(a["title"], _org_path("actionplans:detail", n, action_code=a["code"]), a["due"])
        for a in listed
    ]
    path = items[0].path if count == 1 and items else _org_path("reporting:my_work", n)
    label = gettext("Open the action") if count == 1 and items else gettext("Open my work")
    return Handoff(_actions_headline(n, count), path, label, items=items)


def _action_done(n: Any) -> Handoff:
    return Handoff(
        gettext("%(who)s marked “%(title)s” done.") % {"who": _who(n), "title": n.action.title},
        _org_path("actionplans:detail", n, action_code=n.action.code),
        gettext("Open the action"),
        quote=n.detail.get("comment", ""),
        quote_label=gettext("Their update"),
    )


def _questionnaire(n: Any) -> Handoff:
    review = n.review
    subcontractor = review.subcontractor
    return Handoff(
        gettext("%(name)s submitted its due diligence questionnaire (%(by)s).")
        % {
            "name": subcontractor.name,
            "by": n.detail.get("submitted_by", None) or _no_name(n),
        },
        _org_path(
            "subcontractors:review",
            n,
            subcontractor_code=subcontractor.code,
            review_code=review.code,
        ),
        gettext("Review the answers"),
    )


def _no_name(n: Any) -> str:
    # An empty name recorded stays empty, as it always has; only a missing one is worded.
    return "" if "submitted_by" in n.detail else gettext("no name given")


def _pack_ready(n: Any) -> Handoff:
    pack = n.pack
    facts = {"title": pack.assessment.title}
    if pack.is_draft:
        headline = gettext("The draft evidence pack of “%(title)s” you asked for is ready.")
    else:
        headline = gettext("The evidence pack of “%(title)s” you asked for is ready.")
    return Handoff(
        headline % facts,
        _org_path("reporting:pack_detail", n, pack_code=pack.code),
        gettext("Open the pack"),
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
