from django.urls import path

from partners.views import contacts, engagements, overview

app_name = "partners"

prefix = "o/<slug:org_slug>/registers/partners/"  # a register: under "Registers" in the menu
contact = prefix + "contacts/<uuid:contact_code>/"
engagement = prefix + "log/<uuid:engagement_code>/"

urlpatterns = [
    path(prefix, overview.partner_index, name="index"),
    path(prefix + "areas/new/", overview.area_create_view, name="area_create"),
    path(prefix + "areas/<uuid:area_code>/edit/", overview.area_edit, name="area_edit"),
    path(prefix + "contacts/", contacts.contact_index, name="contacts"),
    path(prefix + "contacts/new/", contacts.contact_create_view, name="contact_create"),
    path(contact, contacts.contact_detail, name="contact"),
    path(contact + "edit/", contacts.contact_edit, name="contact_edit"),
    path(prefix + "log/", engagements.engagement_index, name="engagements"),
    path(prefix + "log/new/", engagements.engagement_create_view, name="engagement_create"),
    path(engagement, engagements.engagement_detail, name="engagement"),
    path(
        engagement + "action/",
        engagements.engagement_raise_action_view,
        name="engagement_raise_action",
    ),
]
