from django.urls import include, path

from tenancy.views import home, members, profile, support

app_name = "tenancy"

organisation_urls = [
    path("", home.org_home, name="org_home"),
    path("profile/", profile.organisation_profile, name="profile"),
    path("members/", members.member_list, name="member_list"),
    path("members/invite/", members.member_invite, name="member_invite"),
    path("members/two-factor/", members.mfa_policy, name="mfa_policy"),
    path("support-access/", support.support_access, name="support_access"),
    path("support-access/grant/", support.support_grant, name="support_grant"),
    path("support-access/<uuid:grant_code>/end/", support.support_end, name="support_end"),
    path("members/<uuid:member_code>/role/", members.member_change_role, name="member_change_role"),
    path(
        "members/<uuid:member_code>/safeguarding-lead/",
        members.member_safeguarding_lead,
        name="member_safeguarding_lead",
    ),
    path("members/<uuid:member_code>/remove/", members.member_remove, name="member_remove"),
    path(
        "invitations/<uuid:invitation_code>/resend/",
        members.invitation_resend_view,
        name="invitation_resend",
    ),
    path(
        "invitations/<uuid:invitation_code>/revoke/",
        members.invitation_revoke_view,
        name="invitation_revoke",
    ),
]

urlpatterns = [
    path("o/<slug:org_slug>/", include(organisation_urls)),
]
