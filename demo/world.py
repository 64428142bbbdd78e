"""Everything `seed_demo` creates, in dependency order. Tests use it as their shared world."""

from django.db.models import F

from demo.seed import seed_foundation
from demo.seed_actions import seed_actions
from demo.seed_api import seed_api_keys
from demo.seed_assessments import seed_assessments, seed_frameworks
from demo.seed_filtering import seed_filtering
from demo.seed_imports import seed_import_jobs, seed_imports
from demo.seed_packs import seed_packs
from demo.seed_partners import seed_partners
from demo.seed_referrals import seed_referral_figures
from demo.seed_registers import seed_registers
from demo.seed_subcontractors import seed_subcontractors
from demo.seed_training import seed_training
from reminders.models import Notification
from tenancy.models import Organisation


def seed_all(*, password: str, packs: bool = True) -> list[str]:
    """`packs=False` skips rendering the demo PDFs (browser tests that don't need them).

    The benchmark dataset (`seed_demo --scale large`) is `demo.seed_scale`, built on top.
    """
    lines = seed_foundation(password=password)
    lines += seed_frameworks()
    lines += seed_imports()  # a staff spreadsheet import waiting for confirmation
    lines += seed_import_jobs()  # an action plan import (the shared component) waiting too
    lines += seed_assessments()
    lines += seed_actions()
    lines += seed_subcontractors()
    lines += seed_registers()
    lines += seed_training()
    lines += seed_filtering()
    lines += seed_partners()
    lines += seed_referral_figures()
    lines += seed_api_keys()
    if packs:  # last, so the PDFs include everything above
        lines += seed_packs()
    return lines + _as_if_emailed()


def _as_if_emailed() -> list[str]:
    """The hand-offs the seed made (criteria assigned, a self-evaluation approved, actions
    raised) are in the bells as if their emails had gone: seeding emails nobody."""
    count = 0
    for organisation in Organisation.objects.all():
        unsent = Notification.objects.for_organisation(organisation).filter(email_sent_at=None)
        count += unsent.update(email_sent_at=F("created_at"))
    return [f"{count} notifications in the bells (seeding sends no email)"]
