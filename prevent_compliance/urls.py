from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from core.views import healthz, metrics_view
from reviewcalendar.urls import feed_urlpatterns
from subcontractors.urls import questionnaire_urlpatterns
from tenancy.views.home import home
from tenancy.views.invitations import invitation_accept_view

admin.site.login = secure_admin_login(admin.site.login)  # admin login goes through allauth
admin.site.site_header = "Prevent Compliance administration"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("sso.urls")),
    path("admin/", admin.site.urls),
    path(
        "invitations/<uuid:invitation_code>/<str:token>/",
        invitation_accept_view,
        name="invitation_accept",
    ),
    path("", include("tenancy.urls")),
    path("", include("portfolio.urls")),
    path("", include("reminders.urls")),
    path("", include("actionplans.urls")),
    path("", include("subcontractors.urls")),
    path("", include(questionnaire_urlpatterns)),
    path("", include("registers.urls")),
    path("", include("training.urls")),
    path("", include("filtering.urls")),
    path("", include("partners.urls")),
    path("", include("referrals.urls")),
    path("", include("reviewcalendar.urls")),
    path("", include(feed_urlpatterns)),
    path("", include("reporting.urls")),
    path("", include("frameworks.urls")),
    path("", include("assessments.urls")),
    path("", include("evidence.urls")),
    path("", include("search.urls")),
    path("", include("training.import_urls")),
    path("", include("imports.urls")),
    path("", include("api.urls")),
]
