def save_with_history(instance, by, exclude=None) -> None:
    instance.full_clean(exclude=exclude)
    instance._history_user = by  # the audit trail's "who", also outside a request
    instance.save()
