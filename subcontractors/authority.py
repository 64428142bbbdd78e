"""Recording whether a subcontractor is a specified authority in its own right.

Recorded, never derived: the subcontractor declares it (in the questionnaire) or the lead verifies
it, with its basis and the date checked. A "funded over £100,000" basis needs the total from all
lead providers and the funders, since one contract cannot show it.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from core.forms import date_field
from subcontractors.forms import PoundsField
from subcontractors.models import (
    AuthorityBasis,
    AuthoritySource,
    AuthorityStatus,
    ReviewItem,
    Subcontractor,
)

FIELDS = (
    "specified_authority",
    "authority_source",
    "authority_basis",
    "funding_all_leads",
    "funders",
    "authority_checked_on",
    "authority_note",
)


def authority_problems(values: dict, today: date) -> dict[str, str]:
    """The rule, once: what a recorded status must carry."""
    problems = {}
    if values.get("specified_authority", AuthorityStatus.UNKNOWN) == AuthorityStatus.UNKNOWN:
        return problems
    if not values.get("authority_source"):
        problems["authority_source"] = gettext(
            "Say whether the subcontractor declared it or you verified it."
        )
    if not values.get("authority_basis"):
        problems["authority_basis"] = gettext("Choose the basis for the status.")
    checked = values.get("authority_checked_on")
    if not checked:
        problems["authority_checked_on"] = gettext("Enter the date it was checked.")
    elif checked > today:
        problems["authority_checked_on"] = gettext("The date checked cannot be in the future.")
    if values.get("authority_basis") == AuthorityBasis.FUNDED_OVER_100K:
        if values.get("funding_all_leads") is None:
            problems["funding_all_leads"] = gettext(
                "Enter its total funding from all lead providers."
            )
        elif (
            values["funding_all_leads"] <= Decimal("100000")
            and values.get("specified_authority") == AuthorityStatus.YES
        ):
            problems["funding_all_leads"] = gettext(
                "This basis needs more than £100,000 in total from all lead providers."
            )
        if not (values.get("funders") or "").strip():
            problems["funders"] = gettext(
                "Name the funders: DfE, or which mayoral or combined authority."
            )
    if (
        values.get("authority_basis") == AuthorityBasis.OTHER
        and not (values.get("authority_note") or "").strip()
    ):
        problems["authority_note"] = gettext("Explain the basis in the note.")
    return problems


@transaction.atomic
def subcontractor_authority_record(
    *, subcontractor: Subcontractor, today: date, by, **values
) -> Subcontractor:
    problems = authority_problems(values, today)
    if problems:
        raise ValidationError(problems)
    if values["specified_authority"] == AuthorityStatus.UNKNOWN:
        values = {key: "" for key in FIELDS if key not in ("funding_all_leads", "funders")} | {
            "specified_authority": AuthorityStatus.UNKNOWN,
            "authority_checked_on": None,
            "funding_all_leads": values.get("funding_all_leads"),
            "funders": values.get("funders", ""),
            "authority_note": values.get("authority_note", ""),
        }
    for key in FIELDS:
        setattr(subcontractor, key, values.get(key, getattr(subcontractor, key)))
    subcontractor.save(update_fields=[*FIELDS, "updated_at"])
    return subcontractor


class AuthorityForm(forms.Form):
    specified_authority = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=AuthorityStatus.choices, widget=forms.RadioSelect
    )
    authority_source = forms.ChoiceField(
        label=gettext_lazy("Established how"),
        required=False,
        choices=[("", gettext_lazy("Choose")), *AuthoritySource.choices],
    )
    authority_basis = forms.ChoiceField(
        label=gettext_lazy("Basis"),
        required=False,
        choices=AuthorityBasis.choices,
        widget=forms.RadioSelect,
    )
    funding_all_leads = PoundsField(
        label=gettext_lazy("Its funding from all lead providers this funding year (£)"),
        required=False,
        help_text=gettext_lazy(
            "The total it receives as a subcontractor from every lead, not only you."
        ),
    )
    funders = forms.CharField(
        label=gettext_lazy("Funders"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("For example: DfE; Greater Manchester Combined Authority."),
    )
    authority_checked_on = date_field(gettext_lazy("Date checked"), required=False)
    authority_note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )

    @staticmethod
    def initial_for(subcontractor: Subcontractor) -> dict:
        return {key: getattr(subcontractor, key) for key in FIELDS}

    @staticmethod
    def initial_from_declaration(item: ReviewItem, declared_on: date) -> dict:
        """The subcontractor's declaration in a review, to record as declared (or to verify)."""
        return {
            "specified_authority": item.declared_authority,
            "authority_source": AuthoritySource.DECLARED,
            "authority_basis": item.declared_basis,
            "funding_all_leads": item.declared_funding_all_leads,
            "funders": item.declared_funders,
            "authority_checked_on": declared_on,
            "authority_note": item.notes,
        }
