"""The risk register as a spreadsheet in the DfE 2023 FE template's column order, and back.

The export writes the template's columns; importing goes through the shared import
(`registers.importers.RiskImporter`), which checks each row with `_read_row` here.
"""

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from core.choices import label_spellings
from core.tabular import parse_date
from registers.models import Risk, RiskCategory, RiskStatus
from tenancy.models import Organisation
from tenancy.selectors import assignable_members

# The DfE template's columns, in its order, then the scores and review dates it leaves to us.
# They stay in English whatever the language: a file is read back by its headers. Messages name
# a column by its header, as the file has it.
TEMPLATE_COLUMNS = [
    "Category",
    "Risk",
    "Hazard",
    "Risk management",
    "Further action needed",
    "Lead officer",
    "Date for completion",
]
SCORE_COLUMNS = ["Likelihood", "Impact", "Likelihood after controls", "Impact after controls"]
EXPORT_COLUMNS = [
    *TEMPLATE_COLUMNS,
    "Likelihood",
    "Impact",
    "Rating",
    "Likelihood after controls",
    "Impact after controls",
    "Rating after controls",
    "Next review date",
    "Last reviewed",
    "Status",
    "Action in the plan",
]


def risk_export_row(risk: Risk) -> list:
    return [
        risk.get_category_display(),
        risk.risk,
        risk.hazard,
        risk.existing_controls,
        risk.further_action,
        risk.owner.display_name if risk.owner else "",
        risk.action_due,
        risk.likelihood,
        risk.impact,
        risk.get_rating_display(),
        risk.residual_likelihood,
        risk.residual_impact,
        risk.get_residual_rating_display(),
        risk.next_review_date,
        risk.last_reviewed_on,
        risk.get_status_display(),
        risk.action.title if risk.action else "",
    ]


class _RowReader:
    def __init__(self, organisation: Organisation, today: date) -> None:
        self.today = today
        members = list(assignable_members(organisation=organisation))
        self.by_email = {m.email.casefold(): m for m in members}
        self.by_name: dict[str, list] = {}
        for m in members:
            self.by_name.setdefault(" ".join(m.display_name.casefold().split()), []).append(m)
        self.categories = {}
        for choice in RiskCategory:
            self.categories[choice.value] = choice
            for name in label_spellings(choice):
                self.categories[" ".join(name.casefold().split())] = choice
        self.organisation = organisation

    def category(self, text: str):
        if not text:
            raise ValueError(gettext("Category is empty: use one of the template's areas."))
        found = self.categories.get(" ".join(text.casefold().split()))
        if found is None:
            names = "; ".join(str(c.label) for c in RiskCategory)
            raise ValueError(
                gettext("Category “%(text)s” is not one of: %(names)s.")
                % {"text": text, "names": names}
            )
        return found

    def officer(self, text: str):
        if not text:
            return None
        match = self.by_email.get(text.casefold())
        if match is None:
            people = self.by_name.get(" ".join(text.casefold().split()), [])
            if len(people) > 1:
                raise ValueError(
                    gettext("Lead officer “%(text)s”: two members have that name; use an email.")
                    % {"text": text}
                )
            match = people[0] if people else None
        if match is None:
            raise ValueError(
                gettext(
                    "Lead officer “%(text)s” is not a member of %(organisation)s; give a "
                    "member's name or email, or invite them first."
                )
                % {"text": text, "organisation": self.organisation}
            )
        return match

    @staticmethod
    def score(header: str, text: str, default: int | None = None) -> int:
        if not text and default is not None:
            return default
        if not re.fullmatch(r"[1-5]", text):
            raise ValueError(
                gettext("%(header)s “%(text)s” must be a whole number from 1 to 5.")
                % {"header": header, "text": text}
            )
        return int(text)

    @staticmethod
    def date(header: str, text: str) -> date | None:
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise ValueError(
                gettext("%(header)s “%(text)s” is not a date such as 31/03/2027.")
                % {"header": header, "text": text}
            ) from None


def _read_row(reader: _RowReader, values: dict[str, str]) -> tuple[dict, list[str]]:
    errors: list[str] = []
    result: dict = {}

    def take(name: str, function, *args) -> None:
        try:
            result[name] = function(*args)
        except ValueError as exc:
            errors.append(str(exc))

    take("category", reader.category, values["Category"])
    if not values["Risk"]:
        errors.append(gettext("Risk is empty: say what could happen."))
    elif len(values["Risk"]) > 300:
        errors.append(gettext("Risk is longer than 300 characters; move the detail to Hazard."))
    result.update(
        risk=values["Risk"][:300],
        hazard=values["Hazard"],
        existing_controls=values["Risk management"],
        further_action=values["Further action needed"],
    )
    take("owner", reader.officer, values["Lead officer"])
    take("action_due", reader.date, "Date for completion", values["Date for completion"])
    take("likelihood", reader.score, "Likelihood", values["Likelihood"])
    take("impact", reader.score, "Impact", values["Impact"])
    take(
        "residual_likelihood",
        reader.score,
        "Likelihood after controls",
        values["Likelihood after controls"],
        result.get("likelihood"),
    )
    take(
        "residual_impact",
        reader.score,
        "Impact after controls",
        values["Impact after controls"],
        result.get("impact"),
    )
    take("next_review_date", reader.date, "Next review date", values.get("Next review date", ""))
    if not result.get("next_review_date"):
        result["next_review_date"] = reader.today + timedelta(days=365)
    status = values.get("Status", "").casefold()
    if status and status not in ("open", "closed"):
        errors.append(
            gettext("Status “%(text)s” must be Open or Closed.") % {"text": values["Status"]}
        )
    result["status"] = RiskStatus.CLOSED if status == "closed" else RiskStatus.OPEN
    if not errors:
        errors.extend(_model_errors(reader.organisation, result))
    return result, errors


def _model_errors(organisation: Organisation, fields: dict) -> list[str]:
    try:
        Risk(organisation=organisation, **fields).full_clean()
    except ValidationError as exc:
        return [m for messages in exc.message_dict.values() for m in messages]
    return []
