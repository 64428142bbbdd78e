from datetime import timedelta

import factory
from django.utils import timezone
from guardian.shortcuts import assign_perm

from actionplans.models import Action, ActionStatus, Priority, ProgressUpdate
from actionplans.services import OWNER_PERMISSION
from tests.factories import OrganisationFactory


class ActionFactory(factory.django.DjangoModelFactory):
    """An action, its owner holding the per-object permission the service would grant.

    `due_in=n` sets the due date n days from today (negative: overdue).
    """

    class Meta:
        model = Action

    class Params:
        due_in = 30

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Action {n:03d}")
    owner = None
    due_date = factory.LazyAttribute(lambda o: timezone.localdate() + timedelta(days=o.due_in))
    priority = Priority.MEDIUM
    status = ActionStatus.NOT_STARTED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        action = model_class(*args, **kwargs)
        if action.status == ActionStatus.DONE and action.completed_on is None:
            action.completed_on = timezone.localdate()
        action.save()
        if action.owner is not None:
            assign_perm(OWNER_PERMISSION, action.owner, action)
        return action


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    organisation = factory.SelfAttribute("action.organisation")
    comment = factory.Sequence(lambda n: f"Progress note {n}")
    status = ActionStatus.IN_PROGRESS

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        update = model_class(*args, **kwargs)
        update.save()
        return update
