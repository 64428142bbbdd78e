"""Share links bound to a recipient: a one-time code by email, lockout, throttled resends, the
recipient's name on every page, and the provider told (once) when a link is first opened."""

import re
from datetime import timedelta
from io import BytesIO

import pypdf
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reminders.models import Kind, Notification
from reporting.models import AccessEvent, PackAccess, PackShareLink, ShareCode
from reporting.services import share_access_record
from reporting.share_codes import CODE_ATTEMPTS
from tests.reporting.test_packs import person, ready_pack, share

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Alex Inspector", "alex.inspector@inspect.example"


@pytest.fixture
def northfield(demo_world, db):
    from tenancy.models import Organisation

    return Organisation.objects.get(slug="northfield-training")


@pytest.fixture
def bound(northfield, client_for):
    """A bound link's token and row, made by the quality manager."""
    qm = client_for(person("qm@northfield.demo.example"))
    response, token = share(
        qm, northfield, ready_pack(northfield), recipient_name=NAME, recipient_email=EMAIL
    )
    assert response.status_code == 201, response.content.decode()[:2000]
    return token, PackShareLink.unscoped.get(recipient_email=EMAIL)


def send(client, token):
    return client.post(f"/p/{token}/", {"action": "send"})


def verify(client, token, code):
    return client.post(f"/p/{token}/", {"action": "verify", "code": code})


def last_code(mailoutbox) -> str:
    found = re.search(r"\b(\d{6})\b", mailoutbox[-1].body)
    assert found is not None
    return found.group(1)


def events(link) -> list[str]:
    return list(
        PackAccess.unscoped.filter(link=link).order_by("pk").values_list("event", flat=True)
    )


def test_a_bound_link_needs_both_name_and_email(northfield, client_for):
    qm = client_for(person("qm@northfield.demo.example"))
    response, _ = share(qm, northfield, ready_pack(northfield), recipient_email=EMAIL)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter the name of the person it is for." in page and EMAIL in page  # kept


def test_a_wrong_code_is_refused_and_the_right_one_opens_the_pdf_naming_the_recipient(
    bound, client, mailoutbox
):
    token, link = bound
    page = client.get(f"/p/{token}/")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "a•••@inspect.example" in page.content.decode() and not mailoutbox  # no email on GET
    assert page["Referrer-Policy"] == "strict-origin"

    assert send(client, token).status_code == 200
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [EMAIL]
    code = last_code(mailoutbox)
    stored = ShareCode.unscoped.get(link=link)
    assert code not in stored.code_hash and len(stored.code_hash) == 64  # only a keyed hash
    assert stored.expires_at - timezone.now() <= timedelta(minutes=10)

    wrong = "000000" if code != "000000" else "111111"
    refused = verify(client, token, wrong)
    assert refused.status_code == 400 and "That code is not right" in refused.content.decode()
    assert client.get(f"/p/{token}/")["Content-Type"].startswith("text/html")  # still asks

    accepted = verify(client, token, code)
    assert accepted.status_code == 302 and accepted["Location"] == f"/p/{token}/"
    opened = client.get(f"/p/{token}/")
    assert opened.status_code == 200 and opened["Content-Type"] == "application/pdf"
    pages = [p.extract_text() for p in pypdf.PdfReader(BytesIO(opened.content)).pages]
    assert all(f"Shared with {NAME} <{EMAIL}>" in " ".join(p.split()) for p in pages)
    assert events(link) == ["code_sent", "code_wrong", "code_accepted", "opened"]
    assert verify(client, token, code).status_code == 302  # this browser is verified already

    other_browser = client.__class__()
    assert other_browser.get(f"/p/{token}/")["Content-Type"].startswith("text/html")
    assert "expired or been used" in verify(other_browser, token, code).content.decode()


def test_wrong_codes_lock_the_link_and_the_lock_lifts(bound, client, mailoutbox):
    token, link = bound
    send(client, token)
    code = last_code(mailoutbox)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(CODE_ATTEMPTS - 1):
        assert "not right" in verify(client, token, wrong).content.decode()
    locked = verify(client, token, wrong).content.decode()
    assert "Too many wrong codes" in locked
    assert "Too many wrong codes" in verify(client, token, code).content.decode()  # even right
    assert "Too many wrong codes" in send(client, token).content.decode()  # and none is sent
    assert len(mailoutbox) == 1
    link.refresh_from_db()
    assert link.is_locked and events(link)[-1] == AccessEvent.LOCKED
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        send(client, token)
        assert len(mailoutbox) == 2
        assert verify(client, token, last_code(mailoutbox)).status_code == 302


def test_a_code_expires_after_ten_minutes_and_resends_are_throttled(bound, client, mailoutbox):
    token, _ = bound
    send(client, token)
    throttled = send(client, token).content.decode()
    assert "A code was sent just now" in throttled and len(mailoutbox) == 1
    code = last_code(mailoutbox)
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert "expired or been used" in verify(client, token, code).content.decode()
        send(client, token)
        assert len(mailoutbox) == 2
        fresh = last_code(mailoutbox)
        if code != fresh:
            assert verify(client, token, code).status_code == 400  # the old code is spent
        assert verify(client, token, fresh).status_code == 302


def test_a_code_that_is_not_six_digits_is_refused_beside_the_field(bound, client, mailoutbox):
    token, link = bound
    send(client, token)
    response = verify(client, token, "12ab\x00")
    assert response.status_code == 400 and "Enter the 6 digits" in response.content.decode()
    assert ShareCode.unscoped.get(link=link).attempts == 0  # not counted as a try


def test_the_provider_is_told_once_when_a_link_is_first_opened(
    northfield, client_for, client, mailoutbox, django_capture_on_commit_callbacks
):
    qm = client_for(person("qm@northfield.demo.example"))
    _, token = share(qm, northfield, ready_pack(northfield), recipient="Lead inspector")
    link = PackShareLink.unscoped.get(pack=ready_pack(northfield), recipient="Lead inspector")
    stale = PackShareLink.unscoped.get(pk=link.pk)  # read before the first opening
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(f"/p/{token}/").status_code == 200
        assert client.get(f"/p/{token}/").status_code == 200
        share_access_record(link=stale, ip_address=None, user_agent="")  # a racing request
    notices = Notification.unscoped.filter(kind=Kind.PACK_LINK_OPENED, pack_share_link=link)
    recipients = set(notices.values_list("recipient__email", flat=True))
    assert recipients == {"qm@northfield.demo.example"}  # the creator is a quality manager
    assert notices.count() == 1 and notices.get().email_sent_at is not None
    notice_emails = [m for m in mailoutbox if "Evidence pack link opened" in m.subject]
    assert len(notice_emails) == 1 and notice_emails[0].to == ["qm@northfield.demo.example"]
    assert PackAccess.unscoped.filter(link=link, event=AccessEvent.OPENED).count() == 3
    bell = qm.get(reverse("reminders:list")).content.decode()
    assert "Link for Lead inspector" in bell and "first opened" in bell


def test_the_pack_page_shows_the_bound_link_and_its_log(bound, northfield, client_for, client):
    token, link = bound
    client.get(f"/p/{token}/")
    send(client, token)
    qm = client_for(person("qm@northfield.demo.example"))
    page = qm.get(
        reverse(
            "reporting:pack_detail",
            kwargs={"org_slug": northfield.slug, "pack_code": link.pack.code},
        )
    ).content.decode()
    assert NAME in page and "code needed" in page and "Code sent" in page


def test_the_privacy_notice_says_what_is_logged(client):
    page = client.get(reverse("reporting:privacy_links"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "IP address" in text and "365 days" in text and "Subcontractors" in text


def test_the_code_is_emailed_in_the_packs_own_language(bound, client, mailoutbox):
    """The inspector has no account, so no language of their own: a Welsh pack's code comes in
    Welsh, whatever the browser that asked for it."""
    from reporting.models import EvidencePack

    token, link = bound
    EvidencePack.unscoped.filter(pk=link.pack_id).update(language="cy")
    org = link.organisation.name

    assert send(client, token).status_code == 200
    [email] = mailoutbox
    assert email.subject.startswith(f"Eich cod i agor y pecyn tystiolaeth gan {org}: ")
    assert last_code(mailoutbox) in email.subject
    assert "Mae'n gweithio am 10 munud, unwaith." in email.body
    assert "Your code" not in email.body

    EvidencePack.unscoped.filter(pk=link.pack_id).update(language="en-gb")
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        assert send(client, token).status_code == 200
    assert mailoutbox[-1].subject.startswith(f"Your code to open the evidence pack from {org}: ")
