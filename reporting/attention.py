"""The order of the account manager's cockpit, kept as one stored score per provider.

Computing every provider's figures takes a dozen subqueries per provider, so a portfolio of
1,000 took seconds (issue 17). The score that orders the page is stored instead
(`ProviderAttention`) and the page reads one page of providers in that order; their figures
are then computed live, so what the page shows is never stale, only which providers it shows
first may lag behind by at most ATTENTION_TTL:

- a provider's score is forgotten when its actions, self-evaluations, members, invitations,
  subcontractors, reviews or subscriptions change, and the next page view computes it again
  for that provider alone;
- a score older than ATTENTION_TTL, or computed for another day (overdue work depends on the
  date), is computed again when the page is next viewed: this catches what the signals cannot
  see (bulk updates, last activity from responses and evidence) and keeps the page right with
  no worker at all;
- beat refreshes every provider's score every few minutes (`attention_refresh_task`), so in
  production the page finds them fresh and computes none.
"""

from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from reporting.cockpit import provider_rows
from reporting.models import ProviderAttention
from tenancy.models import Organisation
from tenancy.selectors import organisation_list_for_account_manager, with_set_up_figures

ATTENTION_TTL = timedelta(minutes=10)


def attention_refresh(organisations: QuerySet[Organisation], *, today: date | None = None) -> int:
    """Compute and store the score of each of `organisations`; returns how many."""
    today = today or timezone.localdate()
    now = timezone.now()
    scores = [
        ProviderAttention(
            organisation=row.organisation,
            score=row.score,
            computed_on=today,
            computed_at=now,
        )
        for row in provider_rows(
            with_set_up_figures(
                Organisation.objects.filter(pk__in=organisations.values("pk"))
            ).order_by("pk"),
            today=today,
        )
    ]  # in the order of the providers' ids, so two refreshes lock rows in the same order
    ProviderAttention.unscoped.bulk_create(  # every provider at once: `.unscoped`
        scores,
        update_conflicts=True,
        unique_fields=["organisation"],
        update_fields=["score", "computed_on", "computed_at", "updated_at"],
    )
    return len(scores)


def providers_by_attention(*, user, today: date | None = None) -> QuerySet[Organisation]:
    """The account manager's providers, those needing attention first (then by name), by the
    stored scores; scores missing, expired or computed for another day are computed first."""
    today = today or timezone.localdate()
    providers = organisation_list_for_account_manager(user=user)
    fresh = ProviderAttention.unscoped.filter(  # the providers listed above only: `.unscoped`
        organisation=OuterRef("pk"),
        computed_on=today,
        computed_at__gte=timezone.now() - ATTENTION_TTL,
    )
    stale = providers.filter(~Exists(fresh))
    if stale.exists():
        attention_refresh(stale, today=today)
    score = ProviderAttention.unscoped.filter(organisation=OuterRef("pk")).values("score")[:1]
    return providers.annotate(attention_score=Subquery(score)).order_by(
        F("attention_score").desc(nulls_last=True), Lower("name"), "pk"
    )


def providers_needing_attention(providers: QuerySet[Organisation]) -> int:
    """How many of `providers_by_attention`'s providers have a score above nought."""
    return providers.filter(**{"attention_score__gt": 0}).count()


def attention_forget(organisation_id: int) -> None:
    """Drop this provider's stored score, in the transaction that changed its work: if that
    rolls back, so does this (and the score still matches the work)."""
    ProviderAttention.unscoped.filter(organisation_id=organisation_id).delete()


def _forget_for(sender, instance, **kwargs) -> None:
    organisation_id = getattr(instance, "organisation_id", None)
    if organisation_id is not None:
        attention_forget(organisation_id)


def connect_signals() -> None:
    """What changes a provider's score (see the module's docstring for what this leaves out)."""
    from actionplans.models import Action
    from assessments.models import Assessment
    from frameworks.models import Subscription
    from subcontractors.models import DueDiligenceReview, Subcontractor
    from tenancy.models import Invitation, Membership

    for model in (
        Action,
        Assessment,
        Subscription,
        Subcontractor,
        DueDiligenceReview,
        Invitation,
        Membership,
    ):
        uid = f"reporting.attention.{model.__name__}"
        post_save.connect(_forget_for, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_forget_for, sender=model, dispatch_uid=f"{uid}.delete")
