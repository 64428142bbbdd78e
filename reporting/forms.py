from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.languages import current_language

if TYPE_CHECKING:
    from reporting.copy_check import CopyCheck


class ShareForm(forms.Form):
    recipient = forms.CharField(
        label=_("Who is it for?"),
        max_length=200,
        required=False,
        help_text=_("For your records, e.g. “Lead inspector, Ofsted”."),
    )
    recipient_name = forms.CharField(
        label=_("Their name"),
        max_length=150,
        required=False,
        help_text=_(
            "To bind the link to one person: it then asks for a code sent to their email, "
            "and the PDF names them on every page."
        ),
    )
    recipient_email = forms.EmailField(label=_("Their email address"), required=False)
    days = forms.IntegerField(
        label=_("Link works for (days)"),
        min_value=1,
        max_value=90,
        initial=settings.PACK_SHARE_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PackOptionsForm(forms.Form):
    """What goes into a new pack. A POST without a choice (a script, an old page) gets the
    defaults: the full pack with names (`with_defaults`)."""

    DEFAULTS = {"staff_names": "names", "history": "include"}

    staff_names = forms.ChoiceField(
        label=_("Staff in the pack"),
        choices=[
            ("names", _("Names (for example “Daniel Okafor”)")),
            ("roles", _("Role titles instead of names (for example “Quality manager”)")),
        ],
        initial="names",
        widget=forms.RadioSelect,
        help_text=_(
            "Role titles replace every member's name and email address everywhere in the "
            "pack: the lead, owners, approvers and the change history."
        ),
    )
    history = forms.ChoiceField(
        label=_("Change-history appendix"),
        choices=[
            ("include", _("Include it")),
            ("leave_out", _("Leave it out")),
        ],
        initial="include",
        widget=forms.RadioSelect,
        help_text=_(
            "Who reviewed and signed off the self-evaluation, and each benchmark's first "
            "and final saved judgement."
        ),
    )

    language = forms.ChoiceField(
        label=_("Language of the pack"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_(
            "The pack's own text, dates and footers; what people wrote stays as they wrote it."
        ),
    )

    @classmethod
    def blank(cls) -> "PackOptionsForm":
        """The form as first shown: the pack in the language the person is using."""
        return cls(initial={"language": current_language()})

    @classmethod
    def with_defaults(cls, data) -> "PackOptionsForm":
        return cls({**cls.DEFAULTS, "language": current_language(), **data.dict()})


class CopyCheckForm(forms.Form):
    """The share page's "check a copy": the PDF an inspector received, checked by content."""

    copy = forms.FileField(
        label=_("The evidence pack PDF you received"),
        allow_empty_file=True,  # inspect_upload says so, naming the file
        error_messages={"required": _("Choose the PDF you want to check.")},
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, refusal: str = "", **kwargs) -> None:
        """`refusal`: why no file may be checked now (the link's hourly limit), shown beside
        the field before the file is read."""
        super().__init__(*args, **kwargs)
        self.fields["copy"].help_text = gettext(
            "A PDF of up to %(size)s MB. It is checked here and not kept."
        ) % {"size": settings.EVIDENCE_MAX_UPLOAD_MB}
        self.refusal = refusal
        self.result: CopyCheck | None = None

    def clean_copy(self):
        from core.uploads import PDF, clean_filename, detect, inspect_upload
        from reporting.copy_check import UnreadablePdf, check_copy

        if self.refusal:
            raise forms.ValidationError(self.refusal)
        upload = self.cleaned_data["copy"]
        shown = f"“{clean_filename(upload.name)}”" if upload.name else gettext("The file")
        head = upload.read(1024)
        upload.seek(0)
        if head and not head.startswith(b"%PDF-"):
            detected = detect(head, upload, is_text=False)
            what = detected.file_type.label if detected.file_type else detected.what
            if what:
                message = gettext(
                    "%(file)s is not a PDF (it looks like %(what)s). "
                    "Choose the evidence pack's PDF file."
                ) % {"file": shown, "what": what}
            else:
                message = gettext("%(file)s is not a PDF. Choose the evidence pack's PDF file.") % {
                    "file": shown
                }
            raise forms.ValidationError(message)
        if inspect_upload(upload).file_type != PDF:  # size, emptiness, active content
            raise forms.ValidationError(
                gettext("%(file)s is not a PDF. Choose the evidence pack's PDF.") % {"file": shown}
            )
        try:
            self.result = check_copy(upload.read())
        except UnreadablePdf:
            raise forms.ValidationError(
                gettext(
                    "%(file)s could not be read as a PDF: it may be damaged or cut short. Download "
                    "the pack again from the link and check that copy."
                )
                % {"file": shown}
            ) from None
        return upload
