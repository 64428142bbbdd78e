"""The questionnaire's pages in the language its sender chose (`DueDiligenceReview.language`).

The subcontractor has no account, so no language of their own: the one the lead provider chose
for the emails is the one their link opens in, whatever the browser asks for. A link that opens
nothing keeps the browser's language (Accept-Language), as every page for visitors does.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from core.languages import respond_in
from subcontractors.links import link_for_token


def in_questionnaire_language(  # the view takes `link`: the link the token opens, or None
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        link = link_for_token(token)  # once: the view is given it
        if link is None:
            return view(request, token, *args, link=None, **kwargs)
        return respond_in(
            link.review.language, lambda: view(request, token, *args, link=link, **kwargs)
        )

    return wrapper
