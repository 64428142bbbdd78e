"""The questionnaire's pages in the language its sender chose (`DueDiligenceReview.language`).

The subcontractor has no account, so no language of their own: the one the lead provider chose
for the emails is the one their link opens in, whatever the browser asks for. A link that opens
nothing keeps the browser's language (Accept-Language), as every page for visitors does.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from subcontractors.links import link_for_token


def in_questionnaire_language(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args: Any, **kwargs: Any) -> HttpResponse:
        link = link_for_token(token)
        if link is None:
            return view(request, token, *args, **kwargs)
        with translation.override(link.review.language or settings.LANGUAGE_CODE):
            response = view(request, token, *args, **kwargs)
            response["Content-Language"] = translation.get_language()
        return response

    return wrapper
