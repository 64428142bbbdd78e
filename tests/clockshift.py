"""Run the whole suite with the clock moved ahead, so a date bomb fails the day it is written.

`pytest --clock-shift-days=400` (or TEST_CLOCK_SHIFT_DAYS=400) starts one time-machine travel at
session start, ticking from "now + shift"; tests that freeze or travel themselves nest inside it.
Only Python's clock moves: browsers and the database server keep real time, so the shifted run
is for the non-browser suite (`-m "not browser"`).
"""

import datetime as dt
import os

import pytest
import time_machine

ENV_NAME = "TEST_CLOCK_SHIFT_DAYS"
_state: dict[str, time_machine.travel] = {}


def addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock-shift-days",
        type=int,
        default=None,
        help=f"run with the clock this many days ahead (default: ${ENV_NAME} or 0)",
    )


def shift_days(config: pytest.Config) -> int:
    option = config.getoption("--clock-shift-days")
    if option is not None:
        return option
    raw = os.environ.get(ENV_NAME, "").strip()
    try:
        return int(raw) if raw else 0
    except ValueError as exc:
        raise pytest.UsageError(f"{ENV_NAME} must be a whole number of days, not {raw!r}") from exc


def start(config: pytest.Config) -> None:
    days = shift_days(config)
    if not days:
        return
    shifted = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=days)
    traveller = time_machine.travel(shifted, tick=True)
    traveller.start()
    _state["traveller"] = traveller


def stop() -> None:
    traveller = _state.pop("traveller", None)
    if traveller is not None:
        traveller.stop()


def header(config: pytest.Config) -> str | None:
    days = shift_days(config)
    if not days:
        return None
    return f"clock shifted {days:+d} days: today is {dt.date.today().isoformat()}"
