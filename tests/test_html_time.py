"""`html_datetime`: the one formatter for <time datetime> values (HTML allows at most three
digits of fractions of a second; Django's `|date:"c"` gives six)."""

from datetime import UTC, date, datetime

from django.template import Context, Template

from core.templatetags.html_time import html_datetime


def test_an_aware_datetime_is_local_time_to_the_second_with_its_offset():
    summer = datetime(2026, 7, 1, 9, 30, 15, 123456, tzinfo=UTC)
    assert html_datetime(summer) == "2026-07-01T10:30:15+01:00"  # Europe/London in July
    winter = datetime(2026, 12, 1, 9, 30, 15, 999999, tzinfo=UTC)
    assert html_datetime(winter) == "2026-12-01T09:30:15+00:00"


def test_a_naive_datetime_keeps_no_offset_and_a_date_is_a_date():
    assert html_datetime(datetime(2026, 12, 1, 9, 30, 15, 5)) == "2026-12-01T09:30:15"
    assert html_datetime(date(2026, 12, 1)) == "2026-12-01"


def test_nothing_gives_an_empty_value():
    assert html_datetime(None) == ""
    assert html_datetime("") == ""


def test_templates_load_it_by_name():
    template = Template('{% load html_time %}<time datetime="{{ when|html_datetime }}">')
    rendered = template.render(Context({"when": datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=UTC)}))
    assert rendered == '<time datetime="2026-01-02T03:04:05+00:00">'
