"""Calendar entries as an iCalendar (RFC 5545) file, built with the `icalendar` package."""

from datetime import datetime, timedelta

from django.conf import settings
from icalendar import Calendar, Event

from reviewcalendar.selectors import Entry


def entries_to_ics(entries: list[Entry], *, name: str, stamp: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Prevent Compliance//Review calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}-{entry.day.isoformat()}@prevent-compliance")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", f"{entry.kind_label}: {entry.title}")
        event.add("url", f"{settings.SITE_URL}{entry.path}")
        if entry.person:
            event.add("description", f"Responsible: {entry.person}")
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy meeting
        calendar.add_component(event)
    return calendar.to_ical()
