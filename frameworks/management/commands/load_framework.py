from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frameworks.library import LibraryError
from frameworks.services import LIBRARY_DIR, framework_load_outcome


class Command(BaseCommand):
    help = "Load framework library files (YAML). Without paths, loads the built-in library."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path)

    def handle(self, *args, paths: list[Path], **options) -> None:
        for path in paths or sorted(LIBRARY_DIR.glob("*.yaml")):
            try:
                version, state = framework_load_outcome(text=path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            except LibraryError as exc:
                details = "\n".join(f"  {problem}" for problem in exc.problems)
                raise CommandError(f"{path} was not loaded:\n{details}") from exc
            self.stdout.write(f"{path.name}: {version} {state}")
