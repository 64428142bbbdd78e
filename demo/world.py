"""Everything `seed_demo` creates, in dependency order. Tests use it as their shared world."""

from demo.seed import seed_foundation, seed_large
from demo.seed_actions import seed_actions, seed_actions_large
from demo.seed_assessments import seed_assessments, seed_assessments_large, seed_frameworks
from demo.seed_packs import seed_packs
from demo.seed_registers import seed_registers
from demo.seed_subcontractors import seed_subcontractors
from tenancy.models import Organisation


def seed_all(*, password: str, scale: str = "small", packs: bool = True) -> list[str]:
    """`packs=False` skips rendering the demo PDFs (browser tests that don't need them)."""
    lines = seed_foundation(password=password)
    lines += seed_frameworks()
    lines += seed_assessments()
    lines += seed_actions()
    lines += seed_subcontractors()
    lines += seed_registers()
    if scale == "large":
        lines += seed_large(password=password)
        large = Organisation.objects.filter(slug__startswith="large-provider-")
        lines += seed_assessments_large(organisations=large)
        lines += seed_actions_large(organisations=large)
    if packs:  # last, so the PDFs include everything above
        lines += seed_packs()
    return lines
