"""What each role may do: the one table the whole product checks.

Roles live on the membership row. Account managers (our staff) are not members; they reach the
providers assigned to them with the `ACCOUNT_MANAGER` entry below.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Labels stay English strings (stored choices, exports); holder_label translates on display.
    QUALITY_MANAGER = "quality_manager", gettext_noop("Quality manager")
    SENIOR_LEADER = "senior_leader", gettext_noop("Senior leader")
    CONTRIBUTOR = "contributor", gettext_noop("Contributor")
    VIEWER = "viewer", gettext_noop("Viewer")


ROLE_DESCRIPTIONS: dict[str, str] = {
    Role.QUALITY_MANAGER: gettext_noop(
        "Runs the organisation's compliance work and manages its people."
    ),
    Role.SENIOR_LEADER: gettext_noop(
        "Reviews and approves self-evaluations; reads everything; updates the actions and items "
        "given to them."
    ),
    Role.CONTRIBUTOR: gettext_noop("Updates the items and actions assigned to them."),
    Role.VIEWER: gettext_noop("Reads everything; changes nothing."),
}


class Perm(StrEnum):
    VIEW_ORGANISATION = "view_organisation"
    VIEW_MEMBERS = "view_members"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_COMPLIANCE_WORK = "manage_compliance_work"
    UPDATE_ASSIGNED_WORK = "update_assigned_work"
    APPROVE_ASSESSMENTS = "approve_assessments"
    MANAGE_SUBSCRIPTIONS = "manage_subscriptions"
    VIEW_DASHBOARD = "view_dashboard"
    GENERATE_PACKS = "generate_packs"
    REQUEST_EVENTS = "request_events"
    APPROVE_EVENTS = "approve_events"
    VERIFY_EVENT_SAMPLES = "verify_event_samples"
    EDIT_PROFILE = "edit_profile"
    RECORD_REFERRAL_FIGURES = "record_referral_figures"
    # See, download, and mark or lift "restricted" on evidence (evidence.models.sees_restricted):
    # only holders may set the restriction, since anyone else could not see the item afterwards.
    VIEW_RESTRICTED_EVIDENCE = "view_restricted_evidence"
    SIGN_OFF_FILTERING_REVIEWS = "sign_off_filtering_reviews"
    # Read the provider's content: narratives, evidence files, packs' sources (see below).
    VIEW_CONTENT = "view_content"
    MANAGE_SUPPORT_ACCESS = "manage_support_access"
    VIEW_PACKS = "view_packs"  # open evidence packs (GENERATE_PACKS makes and shares them)
    # Create, list and revoke the organisation's API keys (api.models.ApiKey).
    MANAGE_API_KEYS = "manage_api_keys"
    # Reopen an approved self-evaluation as a new revision (the signed-off one stays as it is).
    REOPEN_ASSESSMENTS = "reopen_assessments"
    # Link the organisation's email domain and identity provider for single sign-on (sso).
    MANAGE_SSO = "manage_sso"
    # Start a spreadsheet import (imports): which lists a holder may import then follows each
    # importer's own permission (actions, subcontractors and evidence links: compliance work;
    # members to invite: managing people).
    IMPORT_SPREADSHEETS = "import_spreadsheets"


ACCOUNT_MANAGER = "account_manager"


class Designation(models.TextChoices):
    """A duty a member holds on top of their role (stored on the membership)."""

    SAFEGUARDING_LEAD = "safeguarding_lead", _("Designated safeguarding lead")


#: The roles a designation may be given to. Statutory safeguarding guidance expects the
#: designated safeguarding lead to be a senior member of staff.
DESIGNATION_ROLES: dict[str, frozenset[str]] = {
    Designation.SAFEGUARDING_LEAD: frozenset({Role.QUALITY_MANAGER, Role.SENIOR_LEADER}),
}

#: What a designation adds to the holder's role.
DESIGNATION_PERMISSIONS: dict[str, frozenset[Perm]] = {
    # Exact referral and concern counts, and restricted evidence, are the DSL's.
    Designation.SAFEGUARDING_LEAD: frozenset(
        {Perm.RECORD_REFERRAL_FIGURES, Perm.VIEW_RESTRICTED_EVIDENCE}
    ),
}

PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.QUALITY_MANAGER: frozenset(
        {
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_MEMBERS,
            Perm.MANAGE_MEMBERS,
            Perm.EDIT_PROFILE,
            Perm.MANAGE_COMPLIANCE_WORK,
            Perm.UPDATE_ASSIGNED_WORK,
            Perm.VIEW_DASHBOARD,
            Perm.GENERATE_PACKS,
            Perm.REQUEST_EVENTS,
            # The Prevent lead (often the quality manager) may decide on events too; small
            # providers have nobody else. Samples are verified by senior leaders only.
            Perm.APPROVE_EVENTS,
            Perm.VIEW_CONTENT,
            Perm.MANAGE_SUPPORT_ACCESS,
            Perm.VIEW_PACKS,
            Perm.MANAGE_API_KEYS,
            Perm.REOPEN_ASSESSMENTS,
            Perm.MANAGE_SSO,
            Perm.IMPORT_SPREADSHEETS,
        }
    ),
    Role.SENIOR_LEADER: frozenset(
        {
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_MEMBERS,
            Perm.APPROVE_ASSESSMENTS,
            # Senior leaders own strategic actions (and, under DfE's filtering standards, the
            # filtering work), so they may be given work and record progress on it.
            Perm.UPDATE_ASSIGNED_WORK,
            Perm.VIEW_DASHBOARD,
            Perm.GENERATE_PACKS,
            Perm.REQUEST_EVENTS,
            Perm.APPROVE_EVENTS,
            Perm.VERIFY_EVENT_SAMPLES,
            # Senior leaders are accountable for safeguarding, so see what the DSL restricts.
            Perm.VIEW_RESTRICTED_EVIDENCE,
            # DfE's filtering and monitoring standards: a named senior leader is responsible.
            Perm.SIGN_OFF_FILTERING_REVIEWS,
            Perm.VIEW_CONTENT,
            Perm.VIEW_PACKS,
        }
    ),
    # Any member of staff may ask for a speaker or event and write how it went.
    Role.CONTRIBUTOR: frozenset(
        {
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_MEMBERS,
            Perm.UPDATE_ASSIGNED_WORK,
            Perm.REQUEST_EVENTS,
            Perm.VIEW_CONTENT,
        }
    ),
    Role.VIEWER: frozenset({Perm.VIEW_ORGANISATION, Perm.VIEW_MEMBERS, Perm.VIEW_CONTENT}),
    # Account managers onboard providers and help them set up, so they may invite and manage
    # people, but they do not do or approve the provider's own compliance work. They see
    # status, figures and dates, not content: VIEW_CONTENT comes only with a live support
    # grant (SUPPORT_ACCESS below, resolved in tenancy.access).
    ACCOUNT_MANAGER: frozenset(
        {
            Perm.VIEW_ORGANISATION,
            Perm.VIEW_MEMBERS,
            Perm.MANAGE_MEMBERS,
            Perm.EDIT_PROFILE,
            Perm.MANAGE_SUBSCRIPTIONS,
            Perm.VIEW_DASHBOARD,
            # Sets single sign-on up with the provider, and is the way back in when it breaks
            # ("single sign-on only" turned off; sso.services.sso_only_turn_off).
            Perm.MANAGE_SSO,
            # Onboarding: brings the provider's staff list in as invitations (members only).
            Perm.IMPORT_SPREADSHEETS,
        }
    ),
}


#: What an organisation's API key may do (api.models.ApiKey.scope): a fixed set, whoever made
#: it. A key is a holder like a role (`holder_can("api_key_read", ...)`), never a member: it
#: reads status and content (not restricted evidence, which is the DSL's and senior leaders'),
#: and a read-and-write key also does compliance work (actions, their progress, the registers).
#: It never manages people, approves, signs off or sees exact referral figures.
API_KEY_READ = "api_key_read"
API_KEY_READ_WRITE = "api_key_read_write"
_API_READ = frozenset({Perm.VIEW_ORGANISATION, Perm.VIEW_CONTENT})
API_KEY_SCOPES: dict[str, frozenset[Perm]] = {
    API_KEY_READ: _API_READ,
    API_KEY_READ_WRITE: _API_READ
    | {Perm.MANAGE_COMPLIANCE_WORK, Perm.UPDATE_ASSIGNED_WORK, Perm.REQUEST_EVENTS},
}


def holder_perms(holder: str, designations: Iterable[str] = ()) -> frozenset[Perm]:
    """Everything `holder` (a role, ACCOUNT_MANAGER or an API key's scope) may do, with its
    designations' extras.

    A designation only counts on a role it may be given to, so a demoted lead loses its powers
    even before the designation is cleared.
    """
    perms = PERMISSIONS.get(holder) or API_KEY_SCOPES.get(holder, frozenset())
    for designation in designations:
        if holder in DESIGNATION_ROLES.get(designation, frozenset()):
            perms = perms | DESIGNATION_PERMISSIONS[designation]
    return perms


def holder_can(holder: str, perm: Perm, designations: Iterable[str] = ()) -> bool:
    return perm in holder_perms(holder, designations)


# What a live support grant adds (a quality manager's grant, for a reason, up to
# SUPPORT_MAX_DAYS; tenancy.support). Only account managers hold grants.
SUPPORT_ACCESS: dict[str, frozenset[Perm]] = {
    ACCOUNT_MANAGER: frozenset({Perm.VIEW_CONTENT, Perm.VIEW_PACKS})
}


def roles_that_can(perm: Perm) -> list[Role]:
    """The membership roles whose table entry holds `perm` (designations aside), in table order."""
    return [role for role in Role if perm in PERMISSIONS.get(role, frozenset())]


#: What lets a member be given work (own an action, answer a criterion, keep evidence current):
#: the permission to update their assigned work. `tenancy.selectors.assignable_members` uses it.
TAKES_ON_WORK = Perm.UPDATE_ASSIGNED_WORK


def holder_label(holder: str) -> str:
    """The holder's role, in the active language."""
    if holder == ACCOUNT_MANAGER:
        return gettext("Account manager")
    if holder in API_KEY_SCOPES:
        return gettext("API key")
    return gettext(Role(holder).label)


def role_description(holder: str) -> str:
    """What the role does, in the active language ("" for holders without one)."""
    description = ROLE_DESCRIPTIONS.get(holder, "")
    return gettext(description) if description else ""
