"""Forms for the partner pages. Services make the final checks; these give clear messages."""

from django import forms
from django.core.validators import EmailValidator, RegexValidator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.forms import owner_field
from core.forms import MemberChoiceField, date_field, model_choice_field, not_in_the_past
from evidence.picker import EvidenceChoiceField, pickable_evidence
from partners.models import (
    EMAIL_MESSAGE,
    PHONE_MESSAGE,
    PHONE_PATTERN,
    DeliveryArea,
    EngagementKind,
    PartnerContact,
    PartnerKind,
)
from partners.services import NO_UPLOAD_FOR_BRIEFINGS
from registers.models import Risk, RiskStatus
from tenancy.models import Organisation
from tenancy.selectors import assignable_members, not_assignable_message

NO_CASE_DETAILS = _(
    "In general terms. No learner's name or case details: Prevent cases stay in the "
    "safeguarding case system."
)
RESTRICTED_MATERIAL = _(
    "Restricted partner material, such as a Counter-Terrorism Local Profile, is not uploaded "
    "here and there is no file to attach for a briefing: record that it was received, by whom, "
    "and what it changed."
)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.area.name}: {obj.organisation_name} ({obj.get_kind_display()})"


def _areas(organisation: Organisation):
    return DeliveryArea.objects.for_organisation(organisation).order_by("name")


class AreaForm(forms.Form):
    name = forms.CharField(
        label=_("Delivery area"),
        max_length=120,
        help_text=_("A region you deliver in, such as “Greater Manchester” or “Lancashire”."),
        error_messages={"required": _("Give the delivery area a name.")},
    )


class ContactForm(forms.Form):
    area = AreaChoiceField(
        label=_("Delivery area"),
        queryset=None,
        empty_label=_("Choose an area"),
        error_messages={"required": _("Choose the delivery area this partner covers.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of partner"),
        choices=[("", _("Choose a kind")), *PartnerKind.choices],
        error_messages={"required": _("Choose the kind of partner.")},
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_(
            "For example “Lancashire County Council” or “Counter Terrorism Policing North West”."
        ),
        error_messages={"required": _("Give the partner organisation's name.")},
    )
    contact_name = forms.CharField(label=_("Contact name"), max_length=150, required=False)
    role = forms.CharField(
        label=_("Role"), max_length=150, required=False, help_text=_("Their job title.")
    )
    email = forms.CharField(
        label=_("Email"),
        max_length=254,
        required=False,
        widget=forms.EmailInput,
        validators=[EmailValidator(message=EMAIL_MESSAGE)],
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        validators=[RegexValidator(PHONE_PATTERN, PHONE_MESSAGE)],
        help_text=_("A UK number, such as 0161 234 5678."),
    )
    next_review_date = date_field(
        _("Planned next contact"),
        required=False,
        help_text=_("It appears in the review calendar."),
    )
    is_current = forms.BooleanField(
        label=_("Current contact"),
        required=False,
        initial=True,
        help_text=_("Untick when they move on; past engagements stay in the log."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "area").queryset = _areas(organisation)
        self.fields["owner"] = MemberChoiceField(
            queryset=assignable_members(organisation=organisation),
            required=False,
            label=gettext("Relationship kept by"),
            empty_label=gettext("Nobody yet"),
            error_messages={"invalid_choice": not_assignable_message(organisation)},
        )
        self.order_fields(["area", "kind", "organisation_name", "contact_name", "role"])

    @staticmethod
    def initial_for(contact: PartnerContact) -> dict:
        names = ("kind", "organisation_name", "contact_name", "role", "email", "phone")
        initial = {name: getattr(contact, name) for name in names}
        return initial | {
            "area": contact.area_id,
            "owner": contact.owner_id,
            "next_review_date": contact.next_review_date,
            "is_current": contact.is_current,
        }

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean_phone(self) -> str:
        return " ".join(self.cleaned_data["phone"].split())


class EngagementForm(forms.Form):
    contact = ContactChoiceField(
        label=_("Partner"),
        queryset=None,
        empty_label=_("Choose a partner"),
        error_messages={"required": _("Choose the partner you engaged with.")},
    )
    occurred_on = date_field(
        _("Date"), required=True, required_message=_("Give the date it happened.")
    )
    kind = forms.ChoiceField(
        label=_("Kind of engagement"),
        choices=EngagementKind.choices,
        widget=forms.RadioSelect,
        help_text=RESTRICTED_MATERIAL,
        error_messages={"required": _("Choose what kind of engagement it was.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_CASE_DETAILS,
        error_messages={"required": _("Say briefly what it covered.")},
    )
    what_changed = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("In the risk assessment, training or practice. Needed for a briefing."),
    )
    risk: forms.ModelChoiceField[Risk] = forms.ModelChoiceField(
        label=_("Risk it changed"),
        queryset=None,
        required=False,
        empty_label=_("None"),
        help_text=_("A risk in the Prevent risk register this led you to add or review."),
    )
    # Chosen with the evidence picker's search ({% evidence_picker %}), never the library
    # listed; restricted material is never linked to a partner engagement (nor named here).
    evidence = EvidenceChoiceField(
        label=_("Evidence (not for briefings)"),
        normal_only=True,
        help_text=_(
            "An item already in the evidence library, such as meeting notes. Never restricted "
            "material."
        ),
    )
    raise_action = forms.BooleanField(
        label=_("It led to an action: add it to the action plan"),
        required=False,
    )
    action_title = forms.CharField(label=_("Action to take"), max_length=300, required=False)
    action_due = date_field(_("Action due"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "contact").queryset = (
            PartnerContact.objects.for_organisation(organisation)
            .filter(is_current=True)
            .select_related("area")
            .order_by("area__name", "kind", "organisation_name")
        )
        model_choice_field(self, "risk").queryset = Risk.objects.for_organisation(
            organisation
        ).filter(status=RiskStatus.OPEN)
        model_choice_field(self, "evidence").queryset = pickable_evidence(
            organisation=organisation, access=None, normal_only=True
        )
        self.fields["received_by"] = MemberChoiceField(
            queryset=assignable_members(organisation=organisation),
            label=gettext("Received by"),
            required=False,
            empty_label=gettext("Choose a person"),
            help_text=gettext("For a briefing: who received it."),
            error_messages={"invalid_choice": not_assignable_message(organisation)},
        )
        self.fields["action_owner"] = owner_field(
            organisation, label=gettext("Action owner"), required=False
        )
        self.order_fields(
            ["contact", "occurred_on", "kind", "received_by", "summary", "what_changed"]
        )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("kind") == EngagementKind.BRIEFING and data.get("evidence"):
            self.add_error("evidence", NO_UPLOAD_FOR_BRIEFINGS)
        if data.get("raise_action"):
            if not (data.get("action_title") or "").strip():
                self.add_error("action_title", gettext("Say what the action is."))
            if not data.get("action_owner") and "action_owner" not in self.errors:
                self.add_error("action_owner", gettext("Choose who owns the action."))
            if not data.get("action_due") and "action_due" not in self.errors:
                self.add_error("action_due", gettext("Give the date the action is due."))
        return data


class RaiseActionForm(forms.Form):
    action_title = forms.CharField(
        label=_("Action"),
        max_length=300,
        error_messages={"required": _("Say what the action is.")},
    )
    action_due = date_field(
        _("Due date"), required=True, required_message=_("Give the date it is due.")
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action_owner"] = owner_field(
            organisation, label=gettext("Owner"), empty_label=gettext("Choose a person")
        )
        self.order_fields(["action_title", "action_owner", "action_due"])

    def clean_action_due(self):
        return not_in_the_past(self.cleaned_data["action_due"])


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = AreaChoiceField(
        label=_("Delivery area"),
        queryset=None,
        required=False,
        empty_label=_("All areas"),
        to_field_name="code",
    )

    def __init__(self, *args, organisation: Organisation, kinds, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "area").queryset = _areas(organisation)
        self.fields["kind"] = forms.ChoiceField(
            label=gettext("Kind"), choices=[("", gettext("Any kind")), *kinds], required=False
        )

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": (data.get("q") or "").strip(),
            "area": data.get("area"),
            "kind": data.get("kind") or "",
        }
