from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from core.forms import DateInput, MemberChoiceField
from core.uploads import ACCEPT_ATTRIBUTE, ACCEPTED_SUMMARY, inspect_upload
from evidence.models import EvidenceItem, EvidenceKind, Sensitivity, sees_restricted
from evidence.selectors import EvidenceStatus
from evidence.services import is_web_address
from tenancy.models import Organisation
from tenancy.selectors import assignable_members, not_assignable_message

SENSITIVITY_CHOICES = [
    (
        Sensitivity.NORMAL,
        gettext_lazy("Normal: everyone at the organisation can see it, and packs list it"),
    ),
    (
        Sensitivity.RESTRICTED,
        gettext_lazy("Restricted: only the designated safeguarding lead and senior leaders"),
    ),
]
SENSITIVITY_HELP = gettext_lazy(
    "Restrict anything that could reveal a learner's beliefs, a referral or police "
    "involvement. Restricted items are never listed to quality managers without the "
    "designation, contributors, viewers or your account manager, and never appear in a pack; "
    "every download is logged. Case records themselves belong in your safeguarding system."
)

KIND_CHOICES = [
    (EvidenceKind.FILE, gettext_lazy("Upload a file")),
    (EvidenceKind.LINK, gettext_lazy("Link to a document")),
]


class SearchInput(forms.TextInput):
    input_type = "search"


def _owner_field(organisation: Organisation, **kwargs) -> MemberChoiceField:
    return MemberChoiceField(
        queryset=assignable_members(organisation=organisation),
        error_messages={
            "invalid_choice": not_assignable_message(organisation),
            "required": gettext("Choose who is responsible for keeping it current."),
        },
        **kwargs,
    )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What are you adding?"),
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        initial=EvidenceKind.FILE,
        error_messages={
            "required": gettext_lazy("Choose whether you are uploading a file or adding a link.")
        },
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        allow_empty_file=True,  # inspect_upload says so, naming the file
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    url = forms.URLField(
        label=gettext_lazy("Web address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=gettext_lazy(
            "For example, the page on your intranet or SharePoint where it is kept."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter a web address, like https://www.example.org/policy.")
        },
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("For example, “Prevent risk assessment 2026/27”."),
        error_messages={"required": gettext_lazy("Enter a title.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What it shows, or where it came from."),
    )
    effective_date = forms.DateField(
        label=gettext_lazy("Effective date"),
        widget=DateInput(),
        initial=timezone.localdate,
        help_text=gettext_lazy(
            "The date the document took effect, which may be before you upload it."
        ),
        error_messages={
            "required": gettext_lazy("Enter the date the document took effect."),
            "invalid": gettext_lazy("Enter a real date, for example 1/9/2026."),
        },
    )
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": gettext_lazy("Enter a real date, for example 31/8/2027.")},
    )

    def __init__(
        self,
        *args,
        organisation: Organisation,
        access=None,
        item: EvidenceItem | None = None,
        with_owner: bool = True,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.item = item
        if sees_restricted(access):  # only they may set or lift "restricted" (tenancy.roles)
            self.fields["sensitivity"] = forms.ChoiceField(
                label=gettext("Who can see it"),
                choices=SENSITIVITY_CHOICES,
                widget=forms.RadioSelect,
                initial=Sensitivity.NORMAL,
                help_text=SENSITIVITY_HELP,
                error_messages={"required": gettext("Choose who can see it.")},
            )
        if with_owner:
            self.fields["owner"] = _owner_field(
                organisation,
                label=gettext("Owner"),
                empty_label=gettext("Choose a person"),
                help_text=gettext("The person responsible for keeping it current."),
            )
        self.order_fields(["kind", "file", "url", "title", "description", "owner"])
        limit = settings.EVIDENCE_MAX_UPLOAD_MB
        file_hint = gettext("%(accepted)s, up to %(limit)s MB.") % {
            "accepted": ACCEPTED_SUMMARY,
            "limit": limit,
        }
        if item is not None and item.is_file and item.file:
            file_hint = gettext("Leave empty to keep “%(name)s”. %(hint)s") % {
                "name": item.original_filename,
                "hint": file_hint,
            }
        self.fields["file"].help_text = file_hint
        self.fields["valid_until"].help_text = gettext(
            "Leave empty if it does not expire. It is flagged %(days)s days before this date."
        ) % {"days": settings.EVIDENCE_EXPIRY_WARNING_DAYS}

    @property
    def keeps_current_file(self) -> bool:
        return self.item is not None and self.item.is_file and bool(self.item.file)

    @property
    def file_was_dropped(self) -> bool:
        """A file was sent but the form is shown again: browsers never refill a file input."""
        return self.is_bound and bool(self.errors) and bool(self.files.get("file"))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.cleaned_data.get("kind") != EvidenceKind.FILE or not upload:
            return None
        inspect_upload(upload)  # raises a ValidationError saying what is wrong
        return upload

    def clean_url(self) -> str:
        url = self.cleaned_data.get("url", "").strip()
        if self.cleaned_data.get("kind") != EvidenceKind.LINK:
            return ""
        if url and not is_web_address(url):
            raise ValidationError(gettext("Enter a web address starting with https:// or http://."))
        return url

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        needs_file = not cleaned.get("file") and not self.keeps_current_file
        if kind == EvidenceKind.FILE and "file" not in self.errors and needs_file:
            self.add_error("file", gettext("Choose a file to upload."))
        if kind == EvidenceKind.LINK and "url" not in self.errors and not cleaned.get("url"):
            self.add_error("url", gettext("Enter the web address of the document."))
        effective, until = cleaned.get("effective_date"), cleaned.get("valid_until")
        if effective and until and until < effective:
            self.add_error(
                "valid_until", gettext("“Valid until” must be on or after the effective date.")
            )
        return cleaned

    @classmethod
    def initial_for(cls, item: EvidenceItem) -> dict:
        return {
            "kind": item.kind,
            "url": item.url,
            "title": item.title,
            "description": item.description,
            "owner": item.owner_id,
            "effective_date": item.effective_date,
            "valid_until": item.valid_until,
            "sensitivity": item.sensitivity,
        }


class EvidenceFilterForm(forms.Form):
    search = forms.CharField(
        label=gettext_lazy("Search"), required=False, max_length=200, widget=SearchInput
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Show"), required=False, choices=EvidenceStatus.CHOICES
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _owner_field(
            organisation, label=gettext("Owner"), required=False, empty_label=gettext("Anyone")
        )

    def filters(self) -> dict:
        """The filters to apply; anything invalid in the query string is ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "search": data.get("search", "") or "",
            "status": data.get("status", "") or "",
            "owner": data.get("owner"),
        }


class EvidenceQuickForm(EvidenceForm):
    """A new file or link added where it is needed (a benchmark, an action) and linked there in
    one step: the library's own form and checks, owned by the person adding it, without the
    description. `form_id` ties every control to a form elsewhere in the page (HTML's `form`
    attribute), for a page whose picker sits inside another form."""

    def __init__(self, *args, form_id: str = "", **kwargs) -> None:
        super().__init__(*args, with_owner=False, **kwargs)  # owned by the person adding it
        del self.fields["description"]
        self.fields["title"].help_text = gettext("How it will be listed in the evidence library.")
        for field in self.fields.values():
            if form_id:
                field.widget.attrs["form"] = form_id

    def service_kwargs(self, *, owner) -> dict:
        """The `evidence.services.evidence_create` arguments for what was sent."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "file": data.get("file"),
            "url": data.get("url", ""),
            "owner": owner,
            "effective_date": data["effective_date"],
            "valid_until": data.get("valid_until"),
            "sensitivity": data.get("sensitivity") or None,
        }
