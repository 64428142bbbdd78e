"""Account managers see figures, not content, unless a quality manager grants support access:
for a reason and a limited time, every page opened logged and shown, ending by itself."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from assessments.models import Assessment, Status
from evidence.models import EvidenceItem, EvidenceKind
from reporting.models import EvidencePack, PackStatus
from tenancy.models import Organisation, SupportGrant, SupportPageView
from tenancy.roles import ACCOUNT_MANAGER, Perm, holder_can

pytestmark = pytest.mark.django_db


@pytest.fixture
def northfield(demo_world, db):
    return Organisation.objects.get(slug="northfield-training")


def person(email):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)


def content_urls(org) -> dict[str, str]:
    """A narrative page, an evidence file download and a pack of Northfield's."""
    assessment = Assessment.unscoped.get(organisation=org, status=Status.APPROVED)
    item = EvidenceItem.unscoped.filter(organisation=org, kind=EvidenceKind.FILE).first()
    pack = EvidencePack.unscoped.filter(organisation=org, status=PackStatus.READY).first()
    assert item is not None and pack is not None
    slug = org.slug
    return {
        "summary": reverse(
            "assessments:summary", kwargs={"org_slug": slug, "assessment_code": assessment.code}
        ),
        "evidence": reverse("evidence:list", kwargs={"org_slug": slug}),
        "download": reverse(
            "evidence:download", kwargs={"org_slug": slug, "evidence_code": item.code}
        ),
        "pack": reverse("reporting:pack_detail", kwargs={"org_slug": slug, "pack_code": pack.code}),
        "pack_pdf": reverse(
            "reporting:pack_download", kwargs={"org_slug": slug, "pack_code": pack.code}
        ),
    }


def statuses(client, urls) -> dict[str, int]:
    return {name: client.get(url).status_code for name, url in urls.items()}


def grant(qm_client, org, days=3, reason="Help setting up the evidence library"):
    am = person("am@demo.example")
    return qm_client.post(
        reverse("tenancy:support_grant", kwargs={"org_slug": org.slug}),
        {"account_manager": am.pk, "reason": reason, "days": days},
    )


def test_the_role_table_gives_account_managers_no_content_without_a_grant():
    assert not holder_can(ACCOUNT_MANAGER, Perm.VIEW_CONTENT)
    assert not holder_can(ACCOUNT_MANAGER, Perm.VIEW_PACKS)
    assert holder_can(ACCOUNT_MANAGER, Perm.VIEW_DASHBOARD)


def test_content_is_refused_without_a_grant_shown_with_one_and_refused_after_it_ends(
    northfield, client_for
):
    am = client_for(person("am@demo.example"))
    qm = client_for(person("qm@northfield.demo.example"))
    urls = content_urls(northfield)
    dashboard = reverse("reporting:dashboard", kwargs={"org_slug": northfield.slug})
    assert am.get(dashboard).status_code == 200  # figures, always
    assert set(statuses(am, urls).values()) == {403}

    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert grant(qm, northfield).status_code == 302
        assert set(statuses(am, urls).values()) == {200}
        live = SupportGrant.unscoped.get(organisation=northfield, ended_at=None)
        opened = set(SupportPageView.unscoped.filter(grant=live).values_list("path", flat=True))
        assert opened == set(urls.values())
        page = qm.get(reverse("tenancy:support_access", kwargs={"org_slug": northfield.slug}))
        text = page.content.decode()
        assert urls["download"] in text and "Help setting up the evidence library" in text

        clock.shift(timedelta(days=3, minutes=1))  # no job runs: the clock alone ends it
        am = client_for(person("am@demo.example"))  # signed in afresh (sessions end too)
        assert set(statuses(am, urls).values()) == {403}
        assert SupportPageView.unscoped.filter(grant=live).count() == len(urls)


def test_a_quality_manager_can_end_it_early(northfield, client_for):
    am = client_for(person("am@demo.example"))
    qm = client_for(person("qm@northfield.demo.example"))
    urls = content_urls(northfield)
    grant(qm, northfield, days=14)
    assert am.get(urls["evidence"]).status_code == 200
    live = SupportGrant.unscoped.get(organisation=northfield, ended_at=None)
    end = reverse(
        "tenancy:support_end", kwargs={"org_slug": northfield.slug, "grant_code": live.code}
    )
    assert qm.post(end).status_code == 302
    assert am.get(urls["evidence"]).status_code == 403
    live.refresh_from_db()
    assert live.ended_by == person("qm@northfield.demo.example")


def test_grants_need_a_reason_and_at_most_fourteen_days_and_a_quality_manager(
    northfield, client_for
):
    qm = client_for(person("qm@northfield.demo.example"))
    too_long = grant(qm, northfield, days=15)
    assert too_long.status_code == 400 and "less than or equal to 14" in too_long.content.decode()
    no_reason = grant(qm, northfield, reason="  ")
    assert no_reason.status_code == 400
    leader = client_for(person("leader@northfield.demo.example"))
    assert grant(leader, northfield).status_code == 403
    assert not SupportGrant.unscoped.filter(organisation=northfield, ended_at=None).exists()


def test_pages_without_content_are_not_logged(northfield, client_for):
    am = client_for(person("am@demo.example"))
    assert am.get(reverse("reporting:dashboard", kwargs={"org_slug": northfield.slug}))
    assert not SupportPageView.unscoped.filter(organisation=northfield).exists()
