"""Who should reach each URL, written by hand and independently of the views.

The role matrix grades every view against this table, not against the view's own decorator, so a
view whose decorator is quietly loosened (or tightened) fails. Every URL name of ours must have an
entry; third-party URLs (allauth, the admin, static files) are classified in tests/urlwalk.py.

An organisation page maps to the permission from tenancy/roles.py that a role must hold to use it;
other pages map to who may reach them: USER (any signed-in person, their own data only), TOKEN
(whoever holds the secret link) or PUBLIC.
"""

from core.access import API, PUBLIC, TOKEN, USER
from tenancy.roles import Perm

EXPECTED_ACCESS: dict[str, Perm | str] = {
    # Signed-in person, their own data only, and public pages.
    "home": USER,
    "healthz": PUBLIC,
    "metrics": TOKEN,  # a bearer token from METRICS_TOKEN, in a header
    "accounts:preferences": USER,
    "portfolio:onboard": USER,
    "reminders:list": USER,
    "reminders:mark_all_read": USER,
    "reporting:cockpit": USER,
    # Secret links (no account).
    "invitation_accept": TOKEN,
    "questionnaire": TOKEN,
    "questionnaire_done": TOKEN,
    "questionnaire_document": TOKEN,
    "reporting:shared_pack": TOKEN,
    "reporting:shared_pack_check": TOKEN,  # whoever may open the pack may check a copy of it
    "reporting:privacy_links": PUBLIC,
    # The organisation and its people.
    "tenancy:org_home": Perm.VIEW_ORGANISATION,
    # Search within the organisation (each kind of result gated by its own page's permission).
    "search:results": Perm.VIEW_ORGANISATION,
    "tenancy:member_list": Perm.VIEW_MEMBERS,
    "tenancy:profile": Perm.EDIT_PROFILE,
    "tenancy:member_invite": Perm.MANAGE_MEMBERS,
    "tenancy:member_change_role": Perm.MANAGE_MEMBERS,
    "tenancy:member_remove": Perm.MANAGE_MEMBERS,
    "tenancy:member_safeguarding_lead": Perm.MANAGE_MEMBERS,
    "tenancy:invitation_resend": Perm.MANAGE_MEMBERS,
    "tenancy:invitation_revoke": Perm.MANAGE_MEMBERS,
    "tenancy:mfa_policy": Perm.MANAGE_MEMBERS,
    "sso:settings": Perm.MANAGE_SSO,
    "sso:sso_start": PUBLIC,
    "reminders:settings": Perm.MANAGE_COMPLIANCE_WORK,
    "frameworks:index": Perm.VIEW_ORGANISATION,
    "frameworks:subscriptions": Perm.MANAGE_SUBSCRIPTIONS,
    # Action plans.
    "actionplans:index": Perm.VIEW_ORGANISATION,
    "actionplans:export": Perm.VIEW_ORGANISATION,
    "actionplans:create": Perm.MANAGE_COMPLIANCE_WORK,
    "actionplans:bulk_reassign": Perm.MANAGE_COMPLIANCE_WORK,
    "actionplans:from_assessment": Perm.MANAGE_COMPLIANCE_WORK,
    "actionplans:detail": Perm.VIEW_ORGANISATION,
    "actionplans:edit": Perm.MANAGE_COMPLIANCE_WORK,
    "actionplans:progress": Perm.UPDATE_ASSIGNED_WORK,
    "actionplans:evidence_add": Perm.UPDATE_ASSIGNED_WORK,
    # Subcontractors.
    "subcontractors:index": Perm.VIEW_ORGANISATION,
    "subcontractors:export": Perm.VIEW_ORGANISATION,
    "subcontractors:create": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:own_questions": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:own_question_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:own_question_retire": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:detail": Perm.VIEW_ORGANISATION,
    "subcontractors:edit": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:review_start": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:review": Perm.VIEW_ORGANISATION,
    "subcontractors:review_send": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:review_decide": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:review_revoke_links": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:visit_create": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:visit": Perm.VIEW_ORGANISATION,
    "subcontractors:visit_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:visit_raise_actions": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:document_add": Perm.MANAGE_COMPLIANCE_WORK,
    "subcontractors:document_download": Perm.VIEW_CONTENT,  # not account managers without a grant
    "subcontractors:document_archive": Perm.MANAGE_COMPLIANCE_WORK,
    # Evidence packs, exports and dashboards.
    "reporting:pack_list": Perm.VIEW_PACKS,
    "tenancy:support_access": Perm.VIEW_MEMBERS,
    "tenancy:support_grant": Perm.MANAGE_SUPPORT_ACCESS,
    "tenancy:support_end": Perm.MANAGE_SUPPORT_ACCESS,
    "reporting:assessment_xlsx": Perm.VIEW_CONTENT,  # not account managers without a grant
    "reporting:pack_detail": Perm.VIEW_PACKS,
    "reporting:pack_status": Perm.VIEW_PACKS,
    "reporting:pack_retry": Perm.GENERATE_PACKS,
    "reporting:pack_download": Perm.VIEW_PACKS,
    "reporting:share_create": Perm.GENERATE_PACKS,
    "reporting:share_revoke": Perm.GENERATE_PACKS,
    "reporting:dashboard": Perm.VIEW_DASHBOARD,
    "reporting:my_work": Perm.UPDATE_ASSIGNED_WORK,
    # Self-evaluations.
    "assessments:index": Perm.VIEW_ORGANISATION,
    "assessments:new": Perm.MANAGE_COMPLIANCE_WORK,
    "assessments:detail": Perm.VIEW_ORGANISATION,
    "assessments:respond": Perm.VIEW_CONTENT,  # not account managers without a grant
    "assessments:response_update": Perm.UPDATE_ASSIGNED_WORK,
    "assessments:response_evidence_add": Perm.UPDATE_ASSIGNED_WORK,
    "assessments:assign": Perm.MANAGE_COMPLIANCE_WORK,
    "assessments:submit": Perm.MANAGE_COMPLIANCE_WORK,
    "assessments:review": Perm.APPROVE_ASSESSMENTS,
    "assessments:reopen": Perm.REOPEN_ASSESSMENTS,  # quality managers only
    "assessments:comment_resolve": Perm.MANAGE_COMPLIANCE_WORK,
    "assessments:summary": Perm.VIEW_CONTENT,  # not account managers without a grant
    # Evidence library.
    "evidence:list": Perm.VIEW_CONTENT,  # not account managers without a grant
    "evidence:add": Perm.UPDATE_ASSIGNED_WORK,
    "evidence:detail": Perm.VIEW_CONTENT,  # not account managers without a grant
    "evidence:edit": Perm.UPDATE_ASSIGNED_WORK,
    "evidence:download": Perm.VIEW_CONTENT,  # not account managers without a grant
    "evidence:archive": Perm.MANAGE_COMPLIANCE_WORK,
    # Registers, calendar, briefing and picker: reading and exporting a register is like reading
    # the plan (every member); changing it is compliance work; deciding on an event and verifying
    # the termly sample have their own permissions in the role table.
    "assessments:briefing": Perm.VIEW_CONTENT,  # not account managers without a grant
    "assessments:briefing_save": Perm.MANAGE_COMPLIANCE_WORK,
    "calendar_feed": TOKEN,
    "evidence:picker_search": Perm.UPDATE_ASSIGNED_WORK,
    "partners:area_create": Perm.MANAGE_COMPLIANCE_WORK,
    "partners:area_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "partners:contact": Perm.VIEW_ORGANISATION,
    "partners:contact_create": Perm.MANAGE_COMPLIANCE_WORK,
    "partners:contact_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "partners:contacts": Perm.VIEW_ORGANISATION,
    "partners:engagement": Perm.VIEW_ORGANISATION,
    "partners:engagement_create": Perm.MANAGE_COMPLIANCE_WORK,
    "partners:engagement_raise_action": Perm.MANAGE_COMPLIANCE_WORK,
    "partners:engagements": Perm.VIEW_ORGANISATION,
    "partners:index": Perm.VIEW_ORGANISATION,
    "registers:event": Perm.VIEW_ORGANISATION,
    "registers:event_checks": Perm.MANAGE_COMPLIANCE_WORK,
    "registers:event_decision": Perm.APPROVE_EVENTS,
    "registers:event_export": Perm.VIEW_ORGANISATION,
    "registers:event_export_xlsx": Perm.VIEW_ORGANISATION,
    "registers:event_outcome": Perm.REQUEST_EVENTS,
    "registers:event_request": Perm.REQUEST_EVENTS,
    "registers:events": Perm.VIEW_ORGANISATION,
    "registers:index": Perm.VIEW_ORGANISATION,
    "registers:risk": Perm.VIEW_ORGANISATION,
    "registers:risk_create": Perm.MANAGE_COMPLIANCE_WORK,
    "registers:risk_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "registers:risk_export": Perm.VIEW_ORGANISATION,
    "registers:risk_export_xlsx": Perm.VIEW_ORGANISATION,
    # The register's old import address, now a redirect to the shared import with risks chosen
    # (only those who may import risks are sent on; the shared import checks again).
    "registers:risk_import": Perm.MANAGE_COMPLIANCE_WORK,
    # The training matrix's old import address, now a redirect to the shared import with the
    # staff list chosen (staff and completions: whoever keeps the compliance records).
    "training_import:start": Perm.MANAGE_COMPLIANCE_WORK,
    # The shared spreadsheet import: quality managers (any list) and account managers (members
    # to invite, when onboarding); each job then needs its kind's own permission (object rule).
    "imports:start": Perm.IMPORT_SPREADSHEETS,
    "imports:mapping": Perm.IMPORT_SPREADSHEETS,
    "imports:preview": Perm.IMPORT_SPREADSHEETS,
    "imports:confirm": Perm.IMPORT_SPREADSHEETS,
    "registers:risk_raise_action": Perm.MANAGE_COMPLIANCE_WORK,
    "registers:risk_review": Perm.MANAGE_COMPLIANCE_WORK,
    "registers:risks": Perm.VIEW_ORGANISATION,
    "registers:sample": Perm.VIEW_ORGANISATION,
    "registers:sample_draw": Perm.VERIFY_EVENT_SAMPLES,
    "registers:sample_item_verify": Perm.VERIFY_EVENT_SAMPLES,
    "registers:samples": Perm.VIEW_ORGANISATION,
    "training:completion_create": Perm.MANAGE_COMPLIANCE_WORK,
    "training:completion_delete": Perm.MANAGE_COMPLIANCE_WORK,
    "training:course": Perm.VIEW_ORGANISATION,
    "training:course_create": Perm.MANAGE_COMPLIANCE_WORK,
    "training:course_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "training:courses": Perm.VIEW_ORGANISATION,
    "training:matrix": Perm.VIEW_ORGANISATION,
    "training:new_starters": Perm.VIEW_ORGANISATION,
    "training:overdue": Perm.VIEW_ORGANISATION,
    "training:session": Perm.MANAGE_COMPLIANCE_WORK,
    "training:staff": Perm.VIEW_ORGANISATION,
    "training:staff_create": Perm.MANAGE_COMPLIANCE_WORK,
    "training:staff_edit": Perm.MANAGE_COMPLIANCE_WORK,
    "training:staff_list": Perm.VIEW_ORGANISATION,
    # The IT filtering and monitoring log.
    "filtering:index": Perm.VIEW_ORGANISATION,
    "filtering:tests": Perm.VIEW_ORGANISATION,
    "filtering:test_create": Perm.MANAGE_COMPLIANCE_WORK,
    "filtering:test": Perm.VIEW_ORGANISATION,
    "filtering:test_raise_action": Perm.MANAGE_COMPLIANCE_WORK,
    "filtering:monitoring": Perm.VIEW_ORGANISATION,
    "filtering:monitoring_record": Perm.MANAGE_COMPLIANCE_WORK,
    "filtering:reviews": Perm.VIEW_ORGANISATION,
    "filtering:review_create": Perm.MANAGE_COMPLIANCE_WORK,
    "filtering:review": Perm.VIEW_ORGANISATION,
    "filtering:review_sign_off": Perm.SIGN_OFF_FILTERING_REVIEWS,
    # Referral figures: every member sees the suppressed trend; only the designated
    # safeguarding lead sees and enters the exact figures and keeps the list of sites.
    "referrals:index": Perm.VIEW_ORGANISATION,
    "referrals:figures": Perm.RECORD_REFERRAL_FIGURES,
    "referrals:record": Perm.RECORD_REFERRAL_FIGURES,
    "referrals:edit": Perm.RECORD_REFERRAL_FIGURES,
    "referrals:sites": Perm.RECORD_REFERRAL_FIGURES,
    "reviewcalendar:calendar": Perm.VIEW_ORGANISATION,
    "reviewcalendar:feed": Perm.VIEW_ORGANISATION,
    "subcontractors:authority": Perm.MANAGE_COMPLIANCE_WORK,
    # The REST API: its schema and docs page are public (they describe, never show, records);
    # its endpoints take an organisation's API key (their permissions per method are in
    # EXPECTED_API_ACCESS below); quality managers keep the keys.
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    "api:keys": Perm.MANAGE_API_KEYS,
    "api:key_revoke": Perm.MANAGE_API_KEYS,
    **dict.fromkeys(
        [
            "api:assessments",
            "api:assessment",
            "api:responses",
            "api:actions",
            "api:action",
            "api:progress",
            "api:evidence",
            "api:evidence_item",
            "api:subcontractors",
            "api:subcontractor",
            "api:risks",
            "api:risk",
            "api:events",
            "api:event",
        ],
        API,
    ),
}

# What each API endpoint should need, per method, written from what a key of each scope
# (tenancy.roles.API_KEY_SCOPES) should do: reading status is VIEW_ORGANISATION, reading
# narratives and evidence is VIEW_CONTENT, changing the plan and the registers is compliance work,
# recording progress is updating work, and asking for a speaker is requesting an event.
_READ = {"GET": Perm.VIEW_ORGANISATION}
EXPECTED_API_ACCESS: dict[str, dict[str, Perm]] = {
    "api:assessments": _READ,
    "api:assessment": _READ,
    "api:responses": {"GET": Perm.VIEW_CONTENT},
    "api:actions": {**_READ, "POST": Perm.MANAGE_COMPLIANCE_WORK},
    "api:action": {**_READ, "PATCH": Perm.MANAGE_COMPLIANCE_WORK},
    "api:progress": {**_READ, "POST": Perm.UPDATE_ASSIGNED_WORK},
    "api:evidence": {"GET": Perm.VIEW_CONTENT},
    "api:evidence_item": {"GET": Perm.VIEW_CONTENT},
    "api:subcontractors": _READ,
    "api:subcontractor": _READ,
    "api:risks": {**_READ, "POST": Perm.MANAGE_COMPLIANCE_WORK},
    "api:risk": {**_READ, "PATCH": Perm.MANAGE_COMPLIANCE_WORK},
    "api:events": {**_READ, "POST": Perm.REQUEST_EVENTS},
    "api:event": _READ,
}

# Organisation pages whose holders of the permission may still be refused some objects (403) by
# a per-object rule the view applies (tested in the app's own tests): anyone without
# MANAGE_COMPLIANCE_WORK may act only on what is theirs.
OBJECT_RULES: dict[str, str] = {
    "imports:mapping": "the kind's own permission",
    "imports:preview": "the kind's own permission",
    "imports:confirm": "the kind's own permission",
    "actionplans:progress": "owners only",
    "actionplans:evidence_add": "owners only",
    "assessments:response_update": "assigned criteria only",
    "assessments:response_evidence_add": "assigned criteria only",
    "evidence:edit": "what they own or uploaded (quality managers edit anything)",
}


def missing_entry_message(names: list[str], suggestions: dict[str, str]) -> str:
    lines = "\n".join(f'    "{name}": {suggestions[name]},' for name in sorted(names))
    return (
        "These URL names have no entry in EXPECTED_ACCESS in tests/expected_access.py. Add a "
        "line for each, saying who SHOULD reach the page (the value shown is what the view "
        "declares today; check it against tenancy/roles.py before copying it):\n" + lines
    )
