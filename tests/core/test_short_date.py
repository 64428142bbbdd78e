"""`core.dates.short_date` and `short_day_month` write what Django's `date_format` writes."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format

from core.dates import short_date, short_day_month


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
