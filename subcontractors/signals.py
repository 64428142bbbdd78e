"""What the subcontractor register tells the rest of the product (see `assessments.signals`);
`reminders.handoffs` listens. This app imports no receiver."""

from django.dispatch import Signal

#: A subcontractor submitted its questionnaire. Argument: `review` (its `submitted_at` makes
#: each submission unique: a returned questionnaire may be submitted again).
questionnaire_submitted = Signal()
