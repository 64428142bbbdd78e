"""Dates in tests come from here: a fixed day to freeze the clock at, or days from today.

No test may depend on the real date (`make test-future` runs the suite 400 days ahead).
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 25)  # a Wednesday: the day tests that freeze the clock live on


def frozen_on(day: date, hour: int = 9) -> time_machine.travel:
    """Stop the clock at `hour` o'clock in London on `day` (a context manager or decorator)."""
    return time_machine.travel(datetime.combine(day, time(hour, 0), tzinfo=LONDON), tick=False)


def days_from_today(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def iso_days_from_today(days: int) -> str:
    """The same date as a form field sends it (YYYY-MM-DD)."""
    return days_from_today(days).isoformat()
