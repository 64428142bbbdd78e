"""Small helpers every demo builder uses."""

from django.contrib.auth import get_user_model

from tenancy.models import Organisation


def person(organisation: Organisation, local: str):
    """The demo person `local@<the organisation's domain>`, e.g. person(org, "qm")."""
    domain = organisation.contact_email.split("@")[1]
    return get_user_model().objects.get(email=f"{local}@{domain}")


def backdate(row, **fields) -> None:
    """Set timestamps as if `row` had been made earlier (no history row, no signals)."""
    type(row).objects.for_organisation(row.organisation_id).filter(pk=row.pk).update(**fields)
