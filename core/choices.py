"""Model choices' labels used as data rather than shown.

Choice labels are translatable (`gettext_lazy`), so a label is a lazy object that becomes
whatever language is active when it is forced. Code that matches what people typed into a
spreadsheet against the labels must keep accepting the English the files have always used,
whoever uploads them; these helpers give that English, and the active language's wording too.
"""

from collections.abc import Iterable

from django.db.models import Choices
from django.utils import translation


def source_label(choice: Choices) -> str:
    """The label as written in the code (English), whatever language is active."""
    with translation.override(None):
        return str(choice.label)


def label_spellings(choice: Choices) -> tuple[str, ...]:
    """The English label and, when it differs, the active language's: what an import accepts."""
    english, shown = source_label(choice), str(choice.label)
    return (english,) if shown == english else (english, shown)


def labels_by_value(choices: Iterable[Choices]) -> dict[str, str]:
    """Each choice's label in the active language, forced now (for rows written later)."""
    return {str(c.value): str(c.label) for c in choices}
