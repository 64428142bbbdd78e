from django.http import HttpRequest

from reminders.selectors import notifications_for


def unread_notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:  # lazy: one query, only on pages that show the bell
        return notifications_for(user).filter(read_at=None).count()

    return {"unread_notification_count": count}
