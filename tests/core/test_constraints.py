"""A FieldCheckConstraint reports beside its field, and migrations see a plain CheckConstraint."""

import pytest
from django.core.exceptions import ValidationError

from core.constraints import FieldCheckConstraint
from subcontractors.models import Subcontractor


def _constraint(name: str) -> FieldCheckConstraint:
    found = next(c for c in Subcontractor._meta.constraints if c.name == name)
    assert isinstance(found, FieldCheckConstraint)
    return found


def test_migrations_see_a_plain_check_constraint_and_clones_keep_the_field():
    constraint = _constraint("subcontractors_medium_high_risk_has_reasons")
    assert isinstance(constraint, FieldCheckConstraint)
    path, _args, kwargs = constraint.deconstruct()
    assert path == "django.db.models.CheckConstraint" and "field" not in kwargs
    clone = constraint.clone()
    assert isinstance(clone, FieldCheckConstraint) and clone.field == "risk_reasons"
    assert clone == constraint


@pytest.mark.django_db
def test_a_violation_is_reported_against_its_field_unless_that_field_is_already_in_error():
    constraint = _constraint("subcontractors_medium_high_risk_has_reasons")
    subcontractor = Subcontractor(risk_rating="high", risk_reasons="")
    with pytest.raises(ValidationError) as caught:
        constraint.validate(Subcontractor, subcontractor)
    assert caught.value.message_dict == {"risk_reasons": ["Say why the risk is medium or high."]}
    # full_clean excludes a field that already failed, so its message is not shown twice.
    constraint.validate(Subcontractor, subcontractor, exclude={"risk_reasons"})
