"""What the questionnaire says when its link cannot be used: one message per reason."""

from django.utils.translation import gettext_lazy as _

from core.links import LinkProblem

PROBLEMS = {
    "unknown": LinkProblem(
        404,
        _("This link is not valid"),
        _(
            "The link may have been copied incompletely, or it may be an old one. Use the link in "
            "the most recent email about the questionnaire, or ask the organisation that sent it "
            "for a new one."
        ),
    ),
    "revoked": LinkProblem(
        410,
        _("This link no longer works"),
        _(
            "{provider} has stopped this link working, usually because they have sent a newer "
            "one. Use the link in the most recent email, or ask {provider} for a new one."
        ),
    ),
    "expired": LinkProblem(
        410,
        _("This link has expired"),
        _(
            "Questionnaire links work for {days} days. Ask {provider} to send you a new one; "
            "anything you saved is kept."
        ),
    ),
    "submitted": LinkProblem(
        410,
        _("This questionnaire has been submitted"),
        _(
            "{provider} has your answers. They will be in touch if anything needs changing, and "
            "will send you a link if they return it to you."
        ),
    ),
    "accepted": LinkProblem(
        410,
        _("This questionnaire is complete"),
        _(
            "{provider} has reviewed and accepted your answers. Thank you; there is nothing more "
            "to do."
        ),
    ),
    "no_document": LinkProblem(
        404,
        _("This document is not available"),
        _(
            "It may have been removed from the questionnaire. Go back to the link in your email "
            "to see the documents you have uploaded."
        ),
    ),
}
