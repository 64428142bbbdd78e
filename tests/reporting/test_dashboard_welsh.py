"""The dashboard's charts speak the reader's language: titles, legends and segment words are
built in Python (reporting.charts), so they are translated where they are drawn."""

import pytest
from django.urls import reverse

from tests.reporting import dashboard_builders as build

pytestmark = pytest.mark.django_db


def test_a_person_who_chose_welsh_sees_the_dashboard_charts_in_welsh(org, member, client_for):
    member.language = "cy"
    member.save(update_fields=["language"])
    build.subscribe(org)
    build.cycle(org, member, "2025/26 self-assessment", {"C1.1": (2, "green")}, days_ago=300)
    build.cycle(org, member, "2026/27 self-assessment", {"C1.1": (3, "amber"), "C2.1": "na"})
    build.actions(org, [member], 6, criteria=[build.criterion("C1")])
    response = client_for(member).get(reverse("reporting:dashboard", kwargs={"org_slug": org.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Camau gweithredu yn ôl statws: Wedi'i wneud 1, Ar waith 2, Heb ddechrau 2, "
        "Wedi'i rwystro 1" in html
    )
    assert "Hyder yn y dystiolaeth (RAG) ar gyfer y meincnodau sy'n berthnasol" in html
    assert "Lefel pob meincnod yn ôl maen prawf yn 2026/27 self-assessment" in html
    assert "Meincnodau a raddiwyd nad ydynt ar lefel bwlch" in html
    for english in ("Actions by status", "Evidence confidence (RAG)", "Level of each benchmark"):
        assert english not in html, english
