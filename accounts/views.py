from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.forms import EmailPreferencesForm
from core.access import user_view


@user_view
def preferences(request: HttpRequest) -> HttpResponse:
    form = EmailPreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # The confirmation is already in the language just chosen.
        translation.activate(user.language)
        messages.success(request, _("Your preferences are saved."))
        return redirect("accounts:preferences")
    status = 400 if form.errors else 200
    return render(request, "accounts/preferences.html", {"form": form}, status=status)
