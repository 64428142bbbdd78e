"""The DSL's forms: a term, a site from the provider's list and five whole numbers. No free
text, so nothing can name a learner."""

from datetime import date
from typing import TYPE_CHECKING, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from referrals.models import MEASURES, Site
from referrals.rules import (
    MAX_COUNT,
    NOT_NEGATIVE,
    WHOLE_NUMBER,
    consistency_errors,
    recent_terms,
    too_many,
)
from registers.terms import Term
from tenancy.models import Organisation

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


def count_field(label: "_StrOrPromise", help_text: "_StrOrPromise") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=0,
        max_value=MAX_COUNT,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-count"}),
        error_messages={
            "required": gettext("Enter a number: 0 if there were none."),
            "invalid": WHOLE_NUMBER,
            "min_value": NOT_NEGATIVE,
            "max_value": too_many(),
        },
    )


class CountsForm(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for m in MEASURES:
            self.fields[m.field] = count_field(m.label, m.help)

    def counts(self) -> dict[str, int]:
        return {m.field: self.cleaned_data[m.field] for m in MEASURES}

    def count_fields(self) -> list:
        return [self[m.field] for m in MEASURES]

    def clean(self) -> dict:
        data = super().clean() or {}
        if all(isinstance(data.get(m.field), int) for m in MEASURES):
            for field, message in consistency_errors(self.counts()).items():
                self.add_error(field, message)
        return data


class RecordForm(CountsForm):
    term = forms.ChoiceField(
        label=_("Term"), error_messages={"required": _("Choose the term these figures are for.")}
    )
    site: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Site"),
        empty_label=_("Whole organisation"),
        help_text=_("Record a term for the whole organisation or site by site, not both."),
        error_messages={"invalid_choice": _("Choose one of your sites.")},
    )

    def __init__(self, *args, organisation: Organisation, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.terms = {t.start.isoformat(): t for t in recent_terms(today)}
        term_field = cast(forms.ChoiceField, self.fields["term"])
        term_field.choices = [
            ("", gettext("Choose a term")),
            *((k, t.label) for k, t in self.terms.items()),
        ]
        sites = cast(forms.ModelChoiceField, self.fields["site"])
        sites.queryset = Site.objects.for_organisation(organisation).order_by("name")
        self.order_fields(["term", "site"])

    def chosen_term(self) -> Term:
        return self.terms[self.cleaned_data["term"]]


class SiteForm(forms.Form):
    name = forms.CharField(
        label=_("Site name"),
        max_length=80,
        help_text=_("A campus, centre or delivery area, as your safeguarding team names it."),
        error_messages={"required": _("Enter the site's name.")},
    )
