"""Invitation emails go through Celery after commit; a broker outage never breaks the request."""

import logging
import os
import time

import pytest
from django.core import mail
from django.urls import reverse

from prevent_compliance.celery import app as celery_app
from tenancy.models import Invitation
from tenancy.scope import tenant_scope
from tenancy.services import invitation_resend
from tests.markers import needs_redis


@pytest.mark.django_db
def test_inviting_succeeds_quickly_when_redis_is_down(
    broker, client_for, member, org, caplog, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    url = reverse("tenancy:member_invite", kwargs={"org_slug": org.slug})

    started = time.monotonic()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(url, {"email": "new@example.org", "role": "viewer"})
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 5, f"the request waited {elapsed:.1f}s on the broker"
    assert "Could not enqueue" in caplog.text
    invitation = Invitation.unscoped.get(email="new@example.org")
    assert invitation.email_sent_at is None  # shown as "Not sent yet" so it can be re-sent
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_unsent_invitation_can_be_resent_once_the_broker_is_back(
    broker, client_for, member, org, django_capture_on_commit_callbacks
):
    broker("redis://127.0.0.1:1/0")
    url = reverse("tenancy:member_invite", kwargs={"org_slug": org.slug})
    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(url, {"email": "later@example.org", "role": "viewer"})
    page = client_for(member).get(reverse("tenancy:member_list", kwargs={"org_slug": org.slug}))
    assert "Not sent yet" in page.content.decode()

    celery_app.conf.task_always_eager = True  # the broker is back (in-process here)
    invitation = Invitation.unscoped.get(email="later@example.org")
    with tenant_scope(org), django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation)
    assert [m.to for m in mail.outbox] == [["later@example.org"]]
    invitation.refresh_from_db()
    assert invitation.email_sent_at is not None


@pytest.mark.services
@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_delivers_the_invitation_email_once(broker, member, org):
    from celery.contrib.testing.worker import start_worker

    from tenancy.services import invitation_create

    broker(os.environ["REDIS_URL"])
    with start_worker(celery_app, perform_ping_check=False, shutdown_timeout=10):
        with tenant_scope(org):
            invitation = invitation_create(
                organisation=org, email="real@example.org", role="viewer", by=member
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            invitation.refresh_from_db()
            if invitation.email_sent_at:
                break
            time.sleep(0.2)
    assert invitation.email_sent_at is not None, "the worker did not send the email"
    assert [m.to for m in mail.outbox] == [["real@example.org"]]
