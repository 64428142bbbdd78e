"""Calendar arithmetic the products' yearly cycles share."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.dates import MONTHS_3


def one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def short_date(day: date | None) -> str:
    """`day` as "3 Dec 2026" in the active language ("" for None): what Django's
    `date_format(day, "j M Y")` gives, without parsing the format on each call (30
    microseconds here; the portfolio prints 150 dates a page). Make a datetime local first."""
    return f"{day.day} {MONTHS_3[day.month].title()} {day.year}" if day else ""


def short_day_month(day: date) -> str:
    """`day` as "3 Dec" in the active language: Django's `date_format(day, "j M")`."""
    return f"{day.day} {MONTHS_3[day.month].title()}"


def short_date_time(moment: datetime, *, year: bool = True) -> str:
    """`moment` in local time as "3 Dec 2026, 14:05" ("3 Dec, 14:05" without the year):
    Django's `date_format(localtime(moment), "j M Y, H:i")` (or "j M, H:i")."""
    local = timezone.localtime(moment)
    day = short_date(local) if year else short_day_month(local)
    return f"{day}, {local:%H:%M}"
