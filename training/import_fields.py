"""What a staff or completions spreadsheet may contain: the fields, the header names each is
guessed from, the words a file may use for a role group, and the checks on a chosen mapping.

HR systems and learning platforms name their columns in many ways ("Employee No", "Forename",
"Date Completed"), so the columns are guessed from these names and the person can change each
one before anything is checked (see `training.imports`).
"""

from dataclasses import dataclass

from core.choices import source_label
from core.tabular import normalise_header
from training.import_models import ImportKind
from training.models import RoleGroup

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    synonyms: tuple[str, ...]
    required: bool = False
    hint: str = ""


STAFF_NUMBER = Field(
    "staff_number",
    "Staff number",
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
    hint="Your HR or payroll number: the surest way to match a person again.",
)
EMAIL = Field(
    "email", "Email", ("email", "email address", "work email", "e mail", "mail", "user email")
)
NAME = Field(
    "name",
    "Full name",
    ("full name", "name", "staff name", "employee name", "display name", "learner name", "user"),
    hint="Or map first name and surname instead.",
)
FIRST_NAME = Field("first_name", "First name", ("first name", "forename", "given name", "first"))
LAST_NAME = Field("last_name", "Surname", ("surname", "last name", "family name", "last"))

STAFF_FIELDS = (
    STAFF_NUMBER,
    NAME,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    Field(
        "role_group",
        "Role group",
        ("role group", "staff group", "role", "job role", "job title", "position", "post"),
        required=True,
        hint="Words such as Tutor, Assessor, Board member, DSL or Support.",
    ),
    Field("site", "Site", ("site", "campus", "location", "centre", "center", "office", "base")),
    Field(
        "start_date",
        "Start date",
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
        "Leaving date",
        ("leaving date", "date left", "leave date", "leaver date", "end date", "termination date"),
        hint="Empty for people still in post.",
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
        "Course",
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
        hint="Matched to the course catalogue, ignoring capitals.",
    ),
    Field(
        "completed_on",
        "Date completed",
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
    Field("score", "Score (%)", ("score", "score %", "result", "percentage", "mark", "grade")),
)
FIELDS: dict[str, tuple[Field, ...]] = {
    ImportKind.STAFF: STAFF_FIELDS,
    ImportKind.COMPLETIONS: COMPLETION_FIELDS,
}


def synonyms(kind: str) -> dict[str, tuple[str, ...]]:
    return {f.key: f.synonyms for f in FIELDS[kind]}


def check_mapping(kind: str, mapping: dict[str, int | None]) -> dict[str, str]:
    """Problems with a chosen mapping, by field key ("" for the mapping as a whole)."""
    problems: dict[str, str] = {}
    fields = FIELDS[kind]
    for field in fields:
        if field.required and mapping.get(field.key) is None:
            problems[field.key] = f"Choose the column that holds the {field.label.lower()}."
    has_name = mapping.get("name") is not None
    has_parts = mapping.get("first_name") is not None and mapping.get("last_name") is not None
    if kind == ImportKind.STAFF and not (has_name or has_parts):
        problems["name"] = "Choose the column with the full name, or both first name and surname."
    if (
        kind == ImportKind.COMPLETIONS
        and not (has_name or has_parts or mapping.get("staff_number") is not None)
        and mapping.get("email") is None
    ):
        problems["staff_number"] = (
            "Choose at least one column that says who completed the course: staff number, "
            "email or name."
        )
    used: dict[int, str] = {}
    for field in fields:
        column = mapping.get(field.key)
        if column is None:
            continue
        if column in used:
            problems[field.key] = f"This column is already chosen for {used[column]}."
        else:
            used[column] = field.label.lower()
    return problems


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
        names = " or ".join(sorted(str(RoleGroup(g).label) for g in found))
        raise ValueError(f"“{text}” could be {names}: write one of {labels}.")
    raise ValueError(
        f"“{text}” is not a role group this matrix knows. Use one of {labels} "
        "(or words such as Tutor, Assessor, Board member, DSL, Support)."
    )
