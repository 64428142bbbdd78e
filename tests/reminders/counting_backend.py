"""An in-memory email backend that counts the connections opened (for the batch tests)."""

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class CountingBackend(LocmemBackend):
    opened = 0

    def open(self) -> bool:
        CountingBackend.opened += 1
        return True
