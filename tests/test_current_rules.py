"""Nothing a user or an inspector reads presents Ofsted's retired grades as current, and the demo's
gaps become distinct, specific actions.

Since 10 November 2025 Ofsted's further education and skills inspections give report cards (no
overall grade; areas from exceptional to urgent improvement; safeguarding met or not met). The
EIF's four grades may only appear as history (an old inspection outcome), never as our scale.
"""

import re
from collections import Counter
from io import BytesIO

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.urls import reverse

from actionplans.gaps import gap_suggestions
from assessments.models import Assessment
from reporting.packs import render_pack_html, render_pdf
from tenancy.models import Organisation
from tenancy.scope import tenant_scope

pytestmark = pytest.mark.django_db

#: The four retired grades used as labels or as a scale: capitalised as labels, numbered, or in
#: the phrases that presented them as Ofsted's grading. (Ordinary prose such as Ofsted's 2016
#: finding that speaker vetting was "inadequate in some providers" is not a grade.)
RETIRED = re.compile(
    r"\b(Outstanding|Requires improvement|Inadequate)\b"
    r"|\b[1-4] (Good|Outstanding|Requires improvement|Inadequate|good|outstanding)\b"
    r"|\bgood or better\b|four grades|\brated (good|outstanding|inadequate)\b",
)
TAGS = re.compile(r"<[^>]+>")


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return TAGS.sub(" ", html)


def _pages(client, organisation, assessment) -> list[str]:
    kwargs = {"org_slug": organisation.slug, "assessment_code": assessment.code}
    urls = [
        reverse("assessments:detail", kwargs=kwargs),
        reverse("assessments:summary", kwargs=kwargs),
        reverse("assessments:briefing", kwargs=kwargs),
        reverse("reporting:dashboard", kwargs={"org_slug": organisation.slug}),
        reverse("frameworks:index", kwargs={"org_slug": organisation.slug}),
    ]
    respond = reverse("assessments:respond", kwargs=kwargs)
    urls += [f"{respond}?criterion={c.code}" for c in assessment.framework_version.criteria.all()]
    return urls


@pytest.mark.parametrize("slug", ["northfield-training", "riverside-college"])
def test_no_page_presents_the_retired_grades_as_current(demo_world, slug, client_for):
    organisation = Organisation.objects.get(slug=slug)
    user = get_user_model().objects.get(email=f"qm@{organisation.contact_email.split('@')[1]}")
    client = client_for(user)
    for assessment in Assessment.unscoped.filter(organisation=organisation):
        for url in _pages(client, organisation, assessment):
            page = client.get(url)
            assert page.status_code == 200, url
            found = RETIRED.findall(_visible(page.content.decode()))
            assert not found, f"{url} shows {found}"


def _assert_current(text: str, title: str) -> None:
    text = re.sub(r"\s+", " ", text)
    assert not RETIRED.findall(text), (title, RETIRED.findall(text)[:5])
    assert "own judgements, not Ofsted's" in text
    assert "Where this comes from" in text


def test_no_pack_presents_the_retired_grades_as_current(demo_world):
    """Every demo self-evaluation's pack, as the HTML WeasyPrint is given; the approved one's also
    as the PDF's own text (running headers and footers included). One PDF rather than one each:
    each render costs 10-30 s of CPU and adds nothing the HTML does not already show."""
    assessments = Assessment.unscoped.filter(
        organisation__slug__in=["northfield-training", "riverside-college"]
    ).order_by(F("approved_at").desc(nulls_last=True), "created_at")
    assert len(assessments) > 1
    for index, assessment in enumerate(assessments):
        with tenant_scope(assessment.organisation):
            html = render_pack_html(assessment)
            _assert_current(_visible(html), assessment.title)
            if index == 0:
                pdf, _ = render_pdf(html)
                pages = pypdf.PdfReader(BytesIO(pdf)).pages
                _assert_current(" ".join(p.extract_text() for p in pages), assessment.title)


def test_the_demo_gaps_become_actions_with_no_two_titles_alike(demo_world):
    for organisation in Organisation.objects.filter(
        slug__in=["northfield-training", "riverside-college"]
    ):
        with tenant_scope(organisation):
            for assessment in Assessment.objects.all():
                titles = [s.title.split(": ", 1)[1] for s in gap_suggestions(assessment)]
                repeated = [t for t, n in Counter(titles).items() if n > 1]
                assert titles and not repeated, (assessment.title, repeated)
