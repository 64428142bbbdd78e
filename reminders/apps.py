from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders and notifications"

    def ready(self) -> None:
        from accounts.preferences import register_optional_emails
        from reminders.handoffs import connect
        from reminders.models import HANDOFF_KINDS

        connect()
        register_optional_emails([(kind.value, EMAIL_LABELS[kind]) for kind in HANDOFF_KINDS])


#: How each hand-off reads on the preferences page ("Email me when work ... :").
EMAIL_LABELS = {
    "criterion_assigned": _("A criterion of a self-evaluation is assigned to me"),
    "criterion_unassigned": _("A criterion I was answering is given to someone else or nobody"),
    "assessment_submitted": _("A self-evaluation is submitted for my review (senior leaders)"),
    "assessment_returned": _("A self-evaluation I lead or answer is returned with comments"),
    "assessment_approved": _("A self-evaluation I lead is approved"),
    "actions_assigned": _("Actions are raised for me from gaps or a monitoring visit"),
    "actions_reassigned": _("Actions are reassigned to me"),
    "action_done": _("An action is marked done (quality managers)"),
    "questionnaire_submitted": _("A subcontractor submits the questionnaire I sent"),
    "pack_ready": _("An evidence pack I asked for is ready"),
}
