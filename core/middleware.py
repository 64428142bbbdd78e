"""A last line of defence for text that reaches the database without passing through a form."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.forms import NUL_CHARACTER_MESSAGE


class NulCharacterMiddleware:
    """PostgreSQL refuses text containing NUL; answer 400 with an explanation, never a 500.

    Every form field already refuses NUL with a message beside it (Django's CharField validator,
    worded by `core.forms.NUL_CHARACTER_MESSAGE`); this catches anything a view read itself.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ValueError) and "NUL (0x00)" in str(exception):
            context = {"message": NUL_CHARACTER_MESSAGE}
            return render(request, "400_nul_character.html", context, status=400)
        return None
