"""Packs render on their own queue and worker, so reminders never wait behind a PDF: the task
routes, and every queue has its worker in the Procfile and in docker-compose.yml."""

import re
from pathlib import Path

import yaml
from django.conf import settings

from prevent_compliance.celery import app

ROOT = Path(__file__).resolve().parent.parent


def queue_of(task: str) -> str:
    return app.amqp.router.route({}, task)["queue"].name


def test_packs_go_to_their_own_queue_and_reminders_to_the_default_one():
    assert queue_of("reporting.tasks.generate_pack_task") == settings.PACKS_QUEUE == "packs"
    for task in (
        "reminders.tasks.send_notifications_task",
        "reminders.tasks.reminder_sweep_task",
        "reminders.tasks.notifications_prune_task",
    ):
        assert queue_of(task) == settings.CELERY_TASK_DEFAULT_QUEUE == "celery"


def worker_queues(commands: list[str]) -> list[str]:
    return [m for c in commands for m in re.findall(r"celery .*worker .*--queues (\S+)", c)]


def test_each_queue_has_a_worker_of_its_own_in_the_procfile_and_compose():
    procfile = (ROOT / "Procfile").read_text().splitlines()
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    commands = [s["command"] for s in compose.values() if isinstance(s.get("command"), str)]
    for found in (worker_queues(procfile), worker_queues(commands)):
        assert sorted(found) == ["celery", "packs"]  # one worker each, neither takes both
    assert sum("celery -A prevent_compliance beat" in line for line in procfile) == 1
