from django.urls import path

from reporting.views import cockpit, dashboard, exports, my_work, packs, shared

app_name = "reporting"

org = "o/<slug:org_slug>/"
pack = org + "packs/<uuid:pack_code>/"

urlpatterns = [
    # Evidence packs
    path(org + "assessments/<uuid:assessment_code>/packs/", packs.pack_list, name="pack_list"),
    path(
        org + "assessments/<uuid:assessment_code>/export.xlsx",
        exports.assessment_xlsx,
        name="assessment_xlsx",
    ),
    path(pack, packs.pack_detail, name="pack_detail"),
    path(pack + "status/", packs.pack_status, name="pack_status"),
    path(pack + "retry/", packs.pack_retry_view, name="pack_retry"),
    path(pack + "download/", packs.pack_download, name="pack_download"),
    path(pack + "share/", packs.share_create, name="share_create"),
    path(pack + "shares/<uuid:share_code>/revoke/", packs.share_revoke, name="share_revoke"),
    path("p/<str:token>/", shared.shared_pack, name="shared_pack"),
    path("p/<str:token>/check/", shared.shared_pack_check, name="shared_pack_check"),
    path("privacy/shared-links/", shared.privacy_links, name="privacy_links"),
    # Dashboards
    path(org + "dashboard/", dashboard.dashboard, name="dashboard"),
    path(org + "my-work/", my_work.my_work, name="my_work"),
    path("portfolio/", cockpit.cockpit, name="cockpit"),
]
