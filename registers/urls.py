from django.urls import path

from registers.views import events, risk_import, risks, samples

app_name = "registers"

prefix = "o/<slug:org_slug>/registers/"
risk = prefix + "risks/<uuid:risk_code>/"
event = prefix + "events/<uuid:event_code>/"
sample = prefix + "samples/<uuid:sample_code>/"

urlpatterns = [
    path(prefix, risks.registers_index, name="index"),
    path(prefix + "risks/", risks.risk_index, name="risks"),
    path(prefix + "risks/export.csv", risks.risk_export, {"fmt": "csv"}, name="risk_export"),
    path(prefix + "risks/export.xlsx", risks.risk_export, {"fmt": "xlsx"}, name="risk_export_xlsx"),
    path(prefix + "risks/new/", risks.risk_create_view, name="risk_create"),
    # The old import address: redirects to the shared import with risks chosen.
    path(prefix + "risks/import/", risk_import.risk_import_view, name="risk_import"),
    path(risk, risks.risk_detail, name="risk"),
    path(risk + "edit/", risks.risk_edit, name="risk_edit"),
    path(risk + "review/", risks.risk_review_view, name="risk_review"),
    path(risk + "action/", risks.risk_raise_action_view, name="risk_raise_action"),
    path(prefix + "events/", events.event_index, name="events"),
    path(prefix + "events/export.csv", events.event_export, {"fmt": "csv"}, name="event_export"),
    path(
        prefix + "events/export.xlsx",
        events.event_export,
        {"fmt": "xlsx"},
        name="event_export_xlsx",
    ),
    path(prefix + "events/new/", events.event_request_view, name="event_request"),
    path(event, events.event_detail, name="event"),
    path(event + "checks/", events.event_checks, name="event_checks"),
    path(event + "decision/", events.event_decision, name="event_decision"),
    path(event + "outcome/", events.event_outcome, name="event_outcome"),
    path(prefix + "samples/", samples.sample_index, name="samples"),
    path(prefix + "samples/draw/", samples.sample_draw_view, name="sample_draw"),
    path(sample, samples.sample_detail, name="sample"),
    path(
        sample + "items/<uuid:sample_item_code>/verify/",
        samples.sample_item_verify_view,
        name="sample_item_verify",
    ),
]
