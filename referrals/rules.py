"""The checks on a term's figures: one definition, used by the form and the service."""

from datetime import date

from django.utils.translation import gettext, gettext_lazy

from registers.terms import Term, previous_term, term_of

MAX_COUNT = 100_000  # far above any provider's term; stops a mistyped figure

#: How many terms the DSL may enter or correct (this term and the five before it).
TERMS_OPEN = 6

WHOLE_NUMBER = gettext_lazy("Enter a whole number, 0 or more.")
NOT_NEGATIVE = gettext_lazy("Enter 0 or more: a count cannot be negative.")


def too_many() -> str:
    return gettext("Enter a number up to %(most)s.") % {"most": f"{MAX_COUNT:,}"}


def recent_terms(today: date, count: int = TERMS_OPEN) -> list[Term]:
    """This term and the ones before it, newest first."""
    terms = [term_of(today)]
    while len(terms) < count:
        terms.append(previous_term(terms[-1]))
    return terms


def consistency_errors(counts: dict[str, int]) -> dict[str, str]:
    """Field -> message for figures that cannot all be true at once (each beside its field)."""
    errors: dict[str, str] = {}
    concerns = counts["concerns_raised"]
    made = counts["referrals_made"]
    adopted = counts["referrals_adopted"]
    if made > concerns:
        errors["referrals_made"] = gettext(
            "Every referral starts as a concern: enter at most %(concerns)s, the concerns "
            "raised, or raise the concerns figure."
        ) % {"concerns": concerns}
    if adopted > made:
        errors["referrals_adopted"] = gettext(
            "Only a referral can be adopted: enter at most %(made)s, the referrals made."
        ) % {"made": made}
    if counts["channel_support"] > adopted:
        errors["channel_support"] = gettext(
            "Channel support follows adoption: enter at most %(adopted)s, the referrals adopted."
        ) % {"adopted": adopted}
    if adopted <= made and counts["no_further_action"] > made - adopted:
        errors["no_further_action"] = gettext(
            "Referrals adopted and those with no further action together cannot exceed the "
            "%(made)s referrals made: enter at most %(most)s."
        ) % {"made": made, "most": made - adopted}
    return errors


def count_errors(counts: dict[str, object]) -> dict[str, str]:
    """Whole numbers from 0 to MAX_COUNT (the form says the same for typed text)."""
    errors = {}
    for field, value in counts.items():
        if not isinstance(value, int) or isinstance(value, bool):
            errors[field] = str(WHOLE_NUMBER)
        elif value < 0:
            errors[field] = str(NOT_NEGATIVE)
        elif value > MAX_COUNT:
            errors[field] = too_many()
    return errors
