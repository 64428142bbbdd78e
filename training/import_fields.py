"""What a staff or completions spreadsheet may contain: the fields, the header names each is
guessed from, the words a file may use for a role group, and the rules on a chosen mapping.

HR systems and learning platforms name their columns in many ways ("Employee No", "Forename",
"Date Completed"), so the columns are guessed from these names and the person can change each
one before anything is checked (the shared import, `imports`; the importers are
`training.importers`).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.choices import source_label
from core.tabular import normalise_header
from imports.registry import Field
from training.models import RoleGroup

MAX_IMPORT_ROWS = 5000
STAFF, COMPLETIONS = "staff", "completions"


STAFF_NUMBER = Field(
    "staff_number",
    _("Staff number"),
    (
        "staff number",
        "staff no",
        "staff id",
        "employee number",
        "employee no",
        "employee id",
        "payroll number",
        "payroll no",
        "person number",
        "person id",
        "hr number",
        "id",
    ),
    hint=_("Your HR or payroll number: the surest way to match a person again."),
)
EMAIL = Field(
    "email", _("Email"), ("email", "email address", "work email", "e mail", "mail", "user email")
)
NAME = Field(
    "name",
    _("Full name"),
    ("full name", "name", "staff name", "employee name", "display name", "learner name", "user"),
    hint=_("Or map first name and surname instead."),
)
FIRST_NAME = Field("first_name", _("First name"), ("first name", "forename", "given name", "first"))
LAST_NAME = Field("last_name", _("Surname"), ("surname", "last name", "family name", "last"))

STAFF_FIELDS = (
    STAFF_NUMBER,
    NAME,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    Field(
        "role_group",
        _("Role group"),
        ("role group", "staff group", "role", "job role", "job title", "position", "post"),
        required=True,
        hint=_("Words such as Tutor, Assessor, Board member, DSL or Support."),
    ),
    Field("site", _("Site"), ("site", "campus", "location", "centre", "center", "office", "base")),
    Field(
        "start_date",
        _("Start date"),
        (
            "start date",
            "date started",
            "employment start date",
            "started",
            "hire date",
            "date joined",
            "joined",
            "start",
        ),
        required=True,
    ),
    Field(
        "leaving_date",
        _("Leaving date"),
        ("leaving date", "date left", "leave date", "leaver date", "end date", "termination date"),
        hint=_("Empty for people still in post."),
    ),
)
COMPLETION_FIELDS = (
    STAFF_NUMBER,
    EMAIL,
    NAME,
    FIRST_NAME,
    LAST_NAME,
    Field(
        "course",
        _("Course"),
        (
            "course",
            "course name",
            "course title",
            "training",
            "training course",
            "module",
            "learning item",
            "activity",
            "title",
        ),
        required=True,
        hint=_("Matched to the course catalogue, ignoring capitals."),
    ),
    Field(
        "completed_on",
        _("Date completed"),
        (
            "date completed",
            "completion date",
            "completed on",
            "completed date",
            "date of completion",
            "completed",
            "date",
        ),
        required=True,
    ),
    Field("score", _("Score (%)"), ("score", "score %", "result", "percentage", "mark", "grade")),
)
FIELDS: dict[str, tuple[Field, ...]] = {STAFF: STAFF_FIELDS, COMPLETIONS: COMPLETION_FIELDS}


def who_problems(kind: str, mapping: dict[str, int | None]) -> dict[str, str]:
    """The training lists' own rules on a chosen mapping, by field key (the shared import
    checks the required fields and that each column is chosen once): a staff list needs the
    full name or both first name and surname; a completions list needs at least one column
    saying who (staff number, email or name)."""
    has_name = mapping.get("name") is not None
    has_parts = mapping.get("first_name") is not None and mapping.get("last_name") is not None
    if kind == STAFF and not (has_name or has_parts):
        return {
            "name": gettext("Choose the column with the full name, or both first name and surname.")
        }
    if (
        kind == COMPLETIONS
        and not (has_name or has_parts or mapping.get("staff_number") is not None)
        and mapping.get("email") is None
    ):
        return {
            "staff_number": gettext(
                "Choose at least one column that says who completed the course: staff number, "
                "email or name."
            )
        }
    return {}


# Words HR systems use for a job, and the role group each belongs to. Matched whole (after
# lower-casing and tidying spaces), then as whole words inside a longer title.
ROLE_WORDS: dict[str, str] = {
    **{w: RoleGroup.BOARD for w in ("board", "board member", "governor", "trustee", "chair")},
    **{
        w: RoleGroup.BOARD
        for w in ("governors", "trustees", "non executive director", "board and governors")
    },
    **{
        w: RoleGroup.SENIOR_LEADERS
        for w in (
            "senior leader",
            "senior leaders",
            "slt",
            "senior leadership team",
            "principal",
            "vice principal",
            "chief executive",
            "ceo",
            "managing director",
            "director",
            "head of quality",
        )
    },
    **{
        w: RoleGroup.DSL
        for w in (
            "dsl",
            "deputy dsl",
            "ddsl",
            "designated safeguarding lead",
            "safeguarding lead",
            "safeguarding officer",
            "prevent lead",
            "dsl and prevent lead",
        )
    },
    **{
        w: RoleGroup.TUTORS
        for w in (
            "tutor",
            "tutors",
            "assessor",
            "assessors",
            "trainer",
            "teacher",
            "lecturer",
            "skills coach",
            "coach",
            "instructor",
            "iqa",
            "internal quality assurer",
            "teaching",
            "tutors and assessors",
        )
    },
    **{
        w: RoleGroup.SUPPORT
        for w in (
            "support",
            "support staff",
            "admin",
            "administrator",
            "administration",
            "receptionist",
            "finance",
            "hr",
            "it",
            "learner support",
            "business support",
            "caretaker",
            "technician",
        )
    },
    **{
        w: RoleGroup.SUBCONTRACTOR
        for w in ("subcontractor", "subcontractor staff", "subcontracted", "partner staff")
    },
}
for _group in RoleGroup:
    ROLE_WORDS[_group.value.replace("_", " ")] = _group
    ROLE_WORDS[normalise_header(source_label(_group))] = _group


def role_group_for(text: str) -> str:
    """The role group a file's word means; ValueError in plain words when it is unknown."""
    words = normalise_header(text)
    if words in ROLE_WORDS:
        return ROLE_WORDS[words]
    for group in RoleGroup:  # the active language's label (English ones are in ROLE_WORDS)
        if words == normalise_header(str(group.label)):
            return group
    found = {g for w, g in ROLE_WORDS.items() if f" {w} " in f" {words} "}
    if len(found) == 1:
        return found.pop()
    labels = "; ".join(str(g.label) for g in RoleGroup)
    if found:
        names = (" " + gettext("or") + " ").join(sorted(str(RoleGroup(g).label) for g in found))
        raise ValueError(
            gettext("“%(text)s” could be %(groups)s: write one of %(labels)s.")
            % {"text": text, "groups": names, "labels": labels}
        )
    raise ValueError(
        gettext(
            "“%(text)s” is not a role group this matrix knows. Use one of %(labels)s (or words "
            "such as Tutor, Assessor, Board member, DSL, Support)."
        )
        % {"text": text, "labels": labels}
    )
