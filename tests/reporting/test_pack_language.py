"""A pack is written in the language chosen when it is generated (issue 18): English or Welsh,
offered in the person's own language first; its dates and the footer saying who each copy is for
follow it, whoever later downloads or opens the copy."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats, timezone, translation

from reporting.models import EvidencePack
from reporting.stamp import shared_with_line
from tests.reporting.test_pack_options import generate, pages_of
from tests.reporting.test_packs import approved, person, share

pytestmark = pytest.mark.django_db

WELSH_NOT_SHARED = "Heb ei rannu: copi a lawrlwythwyd gan y darparwr"


@pytest.fixture
def northfield(demo_world, db):
    from tenancy.models import Organisation

    return Organisation.objects.get(slug="northfield-training")


def _speaking(email: str, language: str):
    user = person(email)
    user.language = language
    user.save(update_fields=["language"])
    return user


def _checked_language(client, org) -> str:
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": org.slug, "assessment_code": approved(org).code},
    )
    form = client.get(url).context["form"]
    return str(form["language"].value())


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_the_form_offers_the_persons_own_language_first(northfield, client_for, language):
    qm = client_for(_speaking("qm@northfield.demo.example", language))
    assert _checked_language(qm, northfield) == language


def test_a_post_without_a_language_gets_the_persons_own(
    northfield, client_for, django_capture_on_commit_callbacks
):
    qm = client_for(_speaking("qm@northfield.demo.example", "cy"))
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": northfield.slug, "assessment_code": approved(northfield).code},
    )
    with django_capture_on_commit_callbacks(execute=False):
        response = qm.post(url, {"staff_names": "names", "history": "include"})
    assert response.status_code == 302
    assert EvidencePack.unscoped.filter(organisation=northfield).latest("created_at").language == (
        "cy"
    )


def test_an_unknown_language_is_refused_beside_the_field(northfield, client_for):
    qm = client_for(person("qm@northfield.demo.example"))
    url = reverse(
        "reporting:pack_list",
        kwargs={"org_slug": northfield.slug, "assessment_code": approved(northfield).code},
    )
    before = EvidencePack.unscoped.count()
    response = qm.post(url, {"staff_names": "roles", "history": "include", "language": "fr"})
    assert response.status_code == 400
    assert response.context["form"].errors["language"]
    assert response.context["form"]["staff_names"].value() == "roles"  # what was chosen stays
    assert EvidencePack.unscoped.count() == before


def test_a_welsh_pack_has_welsh_dates_and_footers_whoever_downloads_it(
    northfield, client_for, client, django_capture_on_commit_callbacks
):
    # Mid-month, so the month the pack prints is the month it was generated in.
    mid_month = timezone.localtime().replace(day=15, hour=12) + timedelta(days=31)
    with time_machine.travel(mid_month.replace(day=15), tick=True):
        _generate_share_and_check(
            northfield, client_for, client, django_capture_on_commit_callbacks
        )


def _generate_share_and_check(northfield, client_for, client, capture) -> None:
    qm = client_for(person("qm@northfield.demo.example"))  # English-speaking: the choice decides
    pack = generate(qm, northfield, capture, language="cy", staff_names="names")
    assert pack.language == "cy"
    with translation.override("cy"):
        welsh_month = formats.date_format(timezone.localdate(), "F")
    assert welsh_month != formats.date_format(timezone.localdate(), "F")

    url = reverse(
        "reporting:pack_download", kwargs={"org_slug": northfield.slug, "pack_code": pack.code}
    )
    pages = pages_of(qm.get(url).content)
    assert pages and all(WELSH_NOT_SHARED in page for page in pages)
    assert all(f"Tudalen {n} o {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert welsh_month in " ".join(pages)

    _, token = share(qm, northfield, pack, recipient="Arolygydd arweiniol, Estyn")
    opened = pages_of(client.get(f"/p/{token}/").content)
    expected = "Wedi'i rannu drwy ddolen, ar gyfer Arolygydd arweiniol, Estyn"
    assert all(expected in page for page in opened)

    listed = qm.get(
        reverse(
            "reporting:pack_list",
            kwargs={"org_slug": northfield.slug, "assessment_code": pack.assessment.code},
        )
    ).content.decode()
    assert '<span lang="cy">Cymraeg</span>' in listed


def test_the_footer_line_follows_the_language_it_is_given():
    assert shared_with_line() == "Not shared: a copy downloaded by the provider"
    assert shared_with_line(language="cy") == WELSH_NOT_SHARED
    assert shared_with_line(recipient_name="Ann Lee", language="cy") == "Wedi'i rannu gyda Ann Lee"
    with translation.override("cy"):  # the pack's language, not the viewer's
        assert shared_with_line(label="Lead inspector") == "Shared by link, for Lead inspector"


def test_a_welsh_pack_names_the_levels_in_welsh(demo_world, db):
    from assessments.models import Assessment
    from reporting.packs import build_pack_context
    from tenancy.scope import tenant_scope

    # A self-evaluation on a framework version whose scale has Welsh (the built-in 2026.3).
    assessment = next(
        a
        for a in Assessment.unscoped.select_related("framework_version", "organisation")
        if all(
            (level.get("cy") or {}).get("label") for level in a.framework_version.scale["levels"]
        )
        and a.responses.exclude(level=None).exists()
    )
    with tenant_scope(assessment.organisation_id), translation.override("cy"):
        responses = build_pack_context(assessment)["data"]["responses"]
        welsh = {o.value: o.label for o in assessment.framework_version.levels}
    english = {o["value"]: o["label"] for o in assessment.framework_version.scale["levels"]}
    rated = [r for r in responses if r["level"]]
    assert rated and all(r["level_label"] == welsh[r["level"]] for r in rated)
    assert all(r["level_label"] != english[r["level"]] for r in rated)
