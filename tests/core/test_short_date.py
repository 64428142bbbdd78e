"""`core.dates.short_date`, `short_day_month` and `short_date_time` write what Django's
`date_format` writes."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.dates import short_date, short_date_time, short_day_month


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_month_reads_as_djangos_format(language):
    days = [date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)]
    days += [date(1999, 12, 31), date(2028, 2, 29)]
    with translation.override(language):
        for day in days:
            assert short_date(day) == date_format(day, "j M Y")
            assert short_day_month(day) == date_format(day, "j M")


def test_welsh_months_are_welsh():
    with translation.override("cy"):
        welsh = {short_date(date(2026, month, 1)) for month in range(1, 13)}
    with translation.override("en"):
        english = {short_date(date(2026, month, 1)) for month in range(1, 13)}
    assert welsh != english


def test_no_date_is_an_empty_string():
    assert short_date(None) == ""


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_moment_reads_as_djangos_format_in_local_time(language):
    # Either side of the clocks changing, and a minute before midnight UTC in summer time.
    moments = [datetime(2026, 3, 28, 23, 59, tzinfo=UTC), datetime(2026, 7, 31, 23, 5, tzinfo=UTC)]
    moments += [datetime(2026, 12, 4, 9, 7, tzinfo=UTC)]
    with translation.override(language):
        for moment in moments:
            local = timezone.localtime(moment)
            assert short_date_time(moment) == date_format(local, "j M Y, H:i")
            assert short_date_time(moment, year=False) == date_format(local, "j M, H:i")
