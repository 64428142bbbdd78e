"""A FieldCheckConstraint reports beside its field, and migrations see a plain CheckConstraint."""

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from core.constraints import FieldCheckConstraint
from subcontractors.models import Subcontractor


def _constraint(name: str) -> models.BaseConstraint:
    return next(c for c in Subcontractor._meta.constraints if c.name == name)


def test_migrations_see_a_plain_check_constraint_and_clones_keep_the_field():
    constraint = _constraint("subcontractors_medium_high_risk_has_reasons")
    assert isinstance(constraint, FieldCheckConstraint)
    path, _args, kwargs = constraint.deconstruct()
    assert path == "django.db.models.CheckConstraint" and "field" not in kwargs
    clone = constraint.clone()
    assert isinstance(clone, FieldCheckConstraint) and clone.field == "risk_reasons"
    assert clone == constraint


@pytest.mark.django_db
def test_a_violation_is_reported_against_its_field():
    subcontractor = Subcontractor(risk_rating="high", risk_reasons="")
    with pytest.raises(ValidationError) as caught:
        _constraint("subcontractors_medium_high_risk_has_reasons").validate(
            Subcontractor, subcontractor
        )
    assert caught.value.message_dict == {"risk_reasons": ["Say why the risk is medium or high."]}


@pytest.mark.django_db
def test_a_field_already_in_error_skips_the_check():
    subcontractor = Subcontractor(risk_rating="high", risk_reasons="")
    constraint = _constraint("subcontractors_medium_high_risk_has_reasons")
    assert constraint.validate(Subcontractor, subcontractor, exclude={"risk_reasons"}) is None
