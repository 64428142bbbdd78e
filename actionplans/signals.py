"""What the action plan tells the rest of the product as actions change hands.

Sent inside the service's transaction (see `assessments.signals`); `reminders.handoffs`
listens. This app imports no receiver.
"""

from django.dispatch import Signal

#: Actions were given to their owners in one go. Arguments: `actions` (the batch), `by`,
#: `reason` ("gaps", "visit" or "reassigned") and `origin` (the assessment or monitoring visit
#: they came from, or None).
actions_handed_over = Signal()

#: An action was marked done. Arguments: `action`, `update` (its `ProgressUpdate`), `by`.
action_marked_done = Signal()
