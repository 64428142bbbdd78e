"""Demo data for trying the product and for benchmarks. Safe to run again (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from demo.seed_scale import Shape, seed_scale
from demo.world import seed_all


class Command(BaseCommand):
    help = "Create the demo organisations, users and records (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=["small", "large"],
            default="small",
            help="'large' adds the benchmark dataset (docs in demo/seed_scale.py): minutes.",
        )
        parser.add_argument(
            "--organisations",
            type=int,
            default=Shape.organisations,
            help="How many regular organisations 'large' builds (default %(default)s).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a live system).",
        )

    def handle(self, *args, scale: str, organisations: int, force: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo users with a known password while DEBUG is off. "
                "Use --force if this really is a demo or test system."
            )
        with transaction.atomic():
            summary = seed_all(password=settings.DEMO_PASSWORD)
        if scale == "large":  # one transaction per organisation, so a stopped run resumes
            shape = Shape(organisations=organisations)
            summary += seed_scale(password=settings.DEMO_PASSWORD, shape=shape)
        for line in summary:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready ({scale}). Password: see DEMO_PASSWORD.")
        )
