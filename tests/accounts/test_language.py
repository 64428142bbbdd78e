"""Each person chooses English or Welsh on their preferences page (issue 18); the shell, the
sign-in page and the organisation's home then speak it, and nobody else's pages change."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.actionplans.factories import ActionFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

#: Welsh the shell and the home page show (each a msgstr of locale/cy/LC_MESSAGES/django.po).
WELSH_SHELL = [
    "Neidio i'r prif gynnwys",  # skip link
    "Allgofnodi",  # account menu
    "Eich dewisiadau",
    "Hysbysiadau",  # the bell
    "Trosolwg",  # main navigation
    "Hunanwerthusiadau",
    "Dewislen",  # the small-screen menu button
    "Mae Prevent Compliance yn helpu darparwyr addysg bellach",  # footer
]
WELSH_HOME = ["Beth sydd angen eich sylw nawr", "Eich camau gweithredu", "Eich rôl: cyfrannwr"]


def _choose(client: Client, language: str):
    return client.post(
        reverse("accounts:preferences"),
        {"name": "Casey Contributor", "language": language, "receives_optional_emails": "on"},
    )


def test_a_person_who_chose_welsh_sees_the_shell_and_home_in_welsh(org, contributor, client_for):
    ActionFactory(organisation=org, owner=contributor, due_in=-3)
    client = client_for(contributor)
    assert _choose(client, "cy").status_code == 302
    contributor.refresh_from_db()
    assert contributor.language == "cy"

    response = client.get(org.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy">' in page
    assert response["Content-Language"] == "cy"
    for text in WELSH_SHELL + WELSH_HOME:
        assert text in page, text
    assert "Skip to main content" not in page
    assert "What needs you now" not in page


def test_the_choice_persists_across_sessions_and_the_confirmation_is_in_welsh(
    contributor, client_for
):
    client = client_for(contributor)
    confirmed = client.get(_choose(client, "cy")["Location"]).content.decode()
    assert "Mae eich dewisiadau wedi&#x27;u cadw." in confirmed
    assert re.search(r'<input type="radio" name="language" value="cy"[^>]* checked', confirmed)

    later = client_for(contributor)  # a new sign-in, no cookie from before
    page = later.get(reverse("accounts:preferences")).content.decode()
    assert '<html lang="cy">' in page
    assert "<h1>Eich dewisiadau</h1>" in page


def test_english_stays_the_default_and_others_are_unaffected(org, contributor, qm, client_for):
    _choose(client_for(contributor), "cy")
    page = client_for(qm).get(org.get_absolute_url()).content.decode()
    assert '<html lang="en-GB">' in page
    assert "Skip to main content" in page and "What needs you now" in page
    assert "Neidio i'r prif gynnwys" not in page
    qm.refresh_from_db()
    assert qm.language == "en-gb"


def test_a_welsh_speaker_can_switch_back_to_english(org, contributor, client_for):
    client = client_for(contributor)
    _choose(client, "cy")
    assert _choose(client, "en-gb").status_code == 302
    page = client.get(org.get_absolute_url()).content.decode()
    assert '<html lang="en-GB">' in page and "What needs you now" in page


def test_an_invalid_language_is_refused_beside_the_field_and_typing_kept(contributor, client_for):
    client = client_for(contributor)
    response = client.post(
        reverse("accounts:preferences"),
        {"name": "Casey Typed This", "language": "fr", "receives_optional_emails": "on"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert '<ul class="errorlist" id="id_language_error">' in page
    assert "Choose English or Cymraeg (Welsh)." in page
    assert 'value="Casey Typed This"' in page
    contributor.refresh_from_db()
    assert contributor.language == "en-gb"


def test_a_form_without_the_language_keeps_the_persons_choice(contributor, client_for):
    client = client_for(contributor)
    _choose(client, "cy")
    response = client.post(reverse("accounts:preferences"), {"name": "Casey Contributor"})
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert contributor.language == "cy"


def test_visitors_not_signed_in_get_their_browsers_language(db):
    login = reverse("account_login")
    welsh = Client(HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en;q=0.5").get(login)
    assert welsh.status_code == 200
    page = welsh.content.decode()
    assert '<html lang="cy">' in page
    assert "<h1>Mewngofnodi</h1>" in page and "Cyfeiriad e-bost" in page
    assert "Cyfrinair" in page and "Mewngofnodi sengl" in page

    english = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(login).content.decode()
    assert '<html lang="en-GB">' in english and "<h1>Sign in</h1>" in english
    french = Client(HTTP_ACCEPT_LANGUAGE="fr-FR").get(login).content.decode()
    assert "<h1>Sign in</h1>" in french  # neither: English, the default


def test_the_sign_in_error_is_in_welsh(contributor):
    client = Client(HTTP_ACCEPT_LANGUAGE="cy")
    response = client.post(
        reverse("account_login"), {"login": contributor.email, "password": "not-the-password"}
    )
    page = response.content.decode()
    assert response.status_code == 200  # allauth's answer to a wrong password
    assert "Mae problem wedi codi" in page
    assert "Nid yw&#x27;r cyfeiriad e-bost a/neu&#x27;r cyfrinair a roesoch yn gywir." in page


def test_signing_in_switches_to_the_persons_language_at_once(contributor):
    contributor.language = "cy"
    contributor.save(update_fields=["language"])
    client = Client(HTTP_ACCEPT_LANGUAGE="en-GB")  # an English browser
    response = client.post(
        reverse("account_login"),
        {"login": contributor.email, "password": PASSWORD},
        follow=True,
    )
    page = response.content.decode()
    assert '<html lang="cy">' in page
    assert "Rydych wedi mewngofnodi fel Casey Contributor." in page
