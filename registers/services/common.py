from django.core.exceptions import ValidationError

from tenancy.models import Membership, Organisation


def require_member(organisation: Organisation, user, field: str = "owner") -> None:
    if (
        user is not None
        and not Membership.objects.for_organisation(organisation).filter(user=user).exists()
    ):
        raise ValidationError({field: f"Choose someone who is a member of {organisation}."})


def save_with_history(instance, by, exclude=None) -> None:
    instance.full_clean(exclude=exclude)
    instance._history_user = by  # the audit trail's "who", also outside a request
    instance.save()
