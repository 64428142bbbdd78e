"""Live register signals: the registry that links framework benchmarks to registers.

A framework file names, per benchmark, the signals that inform it (`signals:
[risk_register.review]`). The app that keeps a register (`registers`) registers a function per
signal key when Django starts; the respond page and the judgement checks ask this registry for
the live state without importing the app above them.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

SIGNAL_KEY = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")


@dataclass(frozen=True)
class Register:
    """A live register a benchmark can cite as evidence instead of an uploaded file."""

    key: str  # the part of a signal key before the dot, e.g. "risk_register"
    title: "_StrOrPromise"  # gettext_lazy's: a module constant, shown in the active language
    url_name: str  # a URL name taking org_slug


@dataclass(frozen=True)
class Signal:
    key: str
    register: Register
    summary: str  # "Risk register last reviewed 14 months ago"
    warnings: tuple[str, ...] = field(default_factory=tuple)  # contradict a strong level

    @property
    def ok(self) -> bool:
        return not self.warnings


SignalFunction = Callable[..., Signal]  # (organisation, today) -> Signal

_REGISTERS: dict[str, Register] = {}
_SIGNALS: dict[str, SignalFunction] = {}


def register_signal(key: str, register: Register) -> Callable[[SignalFunction], SignalFunction]:
    if not SIGNAL_KEY.match(key) or not key.startswith(register.key + "."):
        raise ValueError(f"Signal key {key!r} must look like {register.key}.<name>.")

    def decorator(function: SignalFunction) -> SignalFunction:
        _REGISTERS[register.key] = register
        _SIGNALS[key] = function
        return function

    return decorator


def known_signal_keys() -> frozenset[str]:
    return frozenset(_SIGNALS)


def register_for(key: str) -> Register | None:
    return _REGISTERS.get(key.split(".", 1)[0])


def registers_for(signal_keys: Iterable[str]) -> list[Register]:
    """The registers behind these signals, once each, in first-mentioned order."""
    found: dict[str, Register] = {}
    for key in signal_keys:
        register = register_for(key)
        if register is not None:
            found.setdefault(register.key, register)
    return list(found.values())


def all_registers() -> list[Register]:
    return list(_REGISTERS.values())


def signals_for(organisation, keys: Iterable[str], today: date) -> dict[str, Signal]:
    """Compute each distinct known signal once (a page asks for a criterion's worth at a time)."""
    return {
        key: _SIGNALS[key](organisation=organisation, today=today)
        for key in dict.fromkeys(keys)
        if key in _SIGNALS
    }
