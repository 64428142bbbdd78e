"""Where app code may still go round the tenant scope (`Model.unscoped`, `_default_manager`,
`_base_manager`), checked by tests/test_unscoped_allowlist.py.

Everything else says `Model.objects` inside a scope, `Model.objects.for_organisation(org)`
outside one, or runs as a task under `@with_tenant_scope(...)` (tenancy/scope.py). An entry is
`"path::function": how many uses`, for a query that must cross tenants, with the reason.

To regenerate (after merging, or when a use is removed): `.venv/bin/python -m
tests.unscoped_usage` prints the current uses in this format; paste them below and keep or
write the reasons. The list may only shrink without a reason.

Not app code, so not checked: `benchmarks/` and `scripts/` (measurement and screenshot scripts
that build worlds for every tenant), `tests/`, migrations.
"""

ALLOWED: dict[str, int] = {
    # -- The scope machinery itself.
    # The task decorator finds the row's organisation before any scope exists.
    "tenancy/scope.py::_row_organisation_id": 1,
    # -- A person's own rows, across every organisation they belong to.
    "tenancy/mfa.py::mfa_required": 1,  # any membership of an organisation requiring MFA
    "tenancy/selectors.py::membership_list_for_user": 1,  # the organisation switcher
    "tenancy/selectors.py::organisations_reachable_by": 1,  # member of which organisations
    "reminders/selectors.py::notifications_for": 1,  # the bell: own notifications, every org
    # -- The account manager's cockpit: one row per assigned provider (correlated subqueries).
    "tenancy/selectors.py::with_set_up_figures": 2,
    "reporting/cockpit.py::_latest": 1,  # each assigned provider's latest row
    "reporting/cockpit.py::provider_rows": 4,
    # The stored order of the cockpit (one score per provider), read and written for the
    # providers the account manager's list gives, and refreshed for every provider by beat.
    "reporting/attention.py::attention_refresh": 1,
    "reporting/attention.py::providers_by_attention": 2,
    "reporting/attention.py::attention_forget": 1,  # a provider's own row, from its signals
    "reporting/cockpit.py::cockpit_rows_detail": 2,  # the latest assessments of those providers
    "reporting/cockpit.py::subcontractor_annotations": 1,
    "reporting/cockpit.py::referral_annotations": 1,  # last term recorded? (never the figures)
    # -- Found by a token or code before the organisation is known.
    "tenancy/views/invitations.py::_invitation": 1,  # an invitation by its code and token
    "reviewcalendar/services.py::feed_for_token": 1,
    "reporting/views/shared.py::_share_link": 1,  # a share link by its token: no organisation yet
    "api/authentication.py::ApiKeyAuthentication.authenticate": 1,  # the API key, by its hash
    # Single sign-on: the email's domain (or the sign-in's session) names the connection, and
    # so the organisation, before anyone is signed in.
    "sso/selectors.py::connection_for_domain": 1,
    "sso/selectors.py::connection_by_code": 1,
    # The link's own row by its pk (core cannot name the tenant subclass's scoped manager).
    "core/secret_links.py::SecretLink.mark_used": 1,
    # -- Sweeps over every tenant; each row's work then runs in its own organisation's scope.
    "reminders/sweep.py::unsent_notification_ids": 1,
    "reminders/delivery.py::_deliver": 1,  # the sweep's batch mixes tenants
    "reminders/delivery.py::_recipient_still_has_access": 1,  # each row's own organisation
    "reminders/retention.py::notifications_prune": 2,
    # Retention: every tenant's packs and links past PACK_RETENTION_DAYS (rows locked with
    # SKIP LOCKED, by pk), and the evidence items whose old files are swept (is it current?).
    "reporting/retention.py::_kill_links": 2,
    "reporting/retention.py::packs_retention_sweep": 4,
    "evidence/retention.py::_superseded_before": 1,
    "reporting/services.py::pack_recover_stalled": 1,
    # -- Subcontractors: the daily cycle and the questionnaire emails it hands to workers.
    "subcontractors/cycle.py::claim_chasers": 4,  # every organisation's chasers, inserted at once
    "subcontractors/cycle.py::reviews_due_for_reissue": 3,  # the sweep (correlated subqueries)
    "subcontractors/delivery.py::unsent_email_ids": 1,  # every organisation's unsent emails
    "subcontractors/delivery.py::claim_questionnaire_email": 1,  # by id from the broker
    "subcontractors/delivery.py::deliver_questionnaire_emails": 1,  # read once claimed, by id
    "subcontractors/links.py::link_for_token": 1,  # the token is the credential
    # The register's overdue rule, also counted by the cockpit across providers (correlated).
    "subcontractors/selectors.py::review_overdue_q": 1,
    # -- The demo seed's closing line counts what every demo provider now holds.
    "demo/seed_registers.py::seed_registers": 1,
    "demo/seed_subcontractors.py::seed_subcontractors": 1,
}
