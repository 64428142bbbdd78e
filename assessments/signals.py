"""What a self-evaluation tells the rest of the product as its work changes hands.

Sent inside the service's transaction, so a receiver's rows (`reminders.handoffs` creates the
notifications) commit or roll back with the change; anything it emails goes after commit.
This app imports no receiver: `reminders` connects itself when it starts.
"""

from django.dispatch import Signal

#: A criterion's assignee changed. Arguments: `assessment`, `criterion`, `assignment` (the
#: row, or None once nobody is assigned), `previous` and `assignee` (users or None), `by`.
criterion_assignment_changed = Signal()

#: A review step was recorded. Argument: `event` (a `ReviewEvent`: submitted, returned or
#: approved; its pk makes the step unique).
review_step_recorded = Signal()
