"""The dashboards' SVG charts carry a text alternative, and the pages put no inline styles or
scripts in the markup (the Content-Security-Policy forbids them)."""

import re

import pytest
from django.urls import reverse

from reporting import charts
from tests.factories import account_manager_for
from tests.reporting import dashboard_builders as build

pytestmark = pytest.mark.django_db

SVG = re.compile(r"<svg\b[^>]*>", re.S)


def chart_tags(html: str) -> list[str]:
    return [tag for tag in SVG.findall(html) if 'class="chart' in tag]


def assert_accessible(tag: str) -> None:
    assert 'role="img"' in tag, tag
    label = re.search(r'aria-label="([^"]*)"', tag)
    assert label and label.group(1).strip(), tag


def test_the_chart_builders_give_each_chart_a_role_a_label_and_a_title():
    segments = [charts.Segment("Done", 2, "#1f6f43"), charts.Segment("Blocked", 1, "#b26a00")]
    for svg in (
        charts.stacked_bar(segments, "Actions"),
        charts.stacked_bar(segments, "Actions", width=160, height=14, show_values=False),
        charts.heatmap([("C1", [("C1.1: 2 Good", "#8cc78f")])], "Levels"),
        charts.bars([("2025/26", 67, "#0b5566")], "Trend", "%"),
    ):
        assert_accessible(SVG.search(svg).group(0))
        assert "<title>" in svg


def test_a_compact_bar_has_no_numbers_drawn_inside_it():
    svg = charts.stacked_bar(
        [charts.Segment("Done", 9, "#1f6f43")], "Actions", width=160, show_values=False
    )
    assert "<text" not in svg
    assert 'aria-label="Actions: Done 9"' in svg


def test_labels_from_data_cannot_break_out_of_the_attribute():
    svg = charts.stacked_bar([charts.Segment('"><script>', 1, "#1f6f43")], 'Say "hi"')
    assert "<script>" not in svg
    assert 'aria-label="Say &quot;hi&quot;: &quot;&gt;&lt;script&gt; 1"' in svg


def _no_inline_code(html: str) -> None:
    assert " style=" not in html
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_every_chart_on_the_dashboard_has_a_text_alternative(org, member, client_for):
    build.subscribe(org)
    build.cycle(org, member, "2025/26 self-assessment", {"C1.1": (2, "green")}, days_ago=300)
    build.cycle(org, member, "2026/27 self-assessment", {"C1.1": (3, "amber"), "C2.1": "na"})
    build.actions(org, [member], 6, criteria=[build.criterion("C1")])
    response = client_for(member).get(reverse("reporting:dashboard", kwargs={"org_slug": org.slug}))
    html = response.content.decode()
    tags = chart_tags(html)
    # Levels heatmap, profile, evidence confidence, actions by status and the trend.
    assert len(tags) >= 4
    for tag in tags:
        assert_accessible(tag)
    assert 'aria-label="Actions by status: Done 1, In progress 2, Not started 2, Blocked 1"' in html
    # The numbers are also on the page as text.
    assert re.search(r"<strong>1</strong> done", html)
    _no_inline_code(html)


def test_every_chart_on_the_cockpit_has_a_text_alternative(org, member, client_for):
    build.subscribe(org)
    build.cycle(org, member, "2026/27 self-assessment", {"C1.1": (1, "green")})
    response = client_for(account_manager_for(org)).get(reverse("reporting:cockpit"))
    html = response.content.decode()
    tags = chart_tags(html)
    assert len(tags) == 1
    assert_accessible(tags[0])
    _no_inline_code(html)
