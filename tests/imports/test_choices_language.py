"""Choice cells in an imported file (issue 18): the English labels the exports and templates
write are read whatever language the importer reads the site in; with Welsh active the Welsh
labels are read too. The training matrix's role groups and the subcontractors' regions, which
match labels of their own, behave the same."""

import pytest
from django.utils.translation import override

from imports.checks import RowCheck, RowResult
from subcontractors.importers import _regions
from subcontractors.models import FundingStream, Region
from training.import_fields import role_group_for
from training.models import RoleGroup


def _row(**values) -> RowCheck:
    return RowCheck(RowResult(2, values), {})


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_english_labels_are_read_in_either_language(language):
    with override(language):
        row = _row(stream="Advanced Learner Loans", regions="North East; Yorkshire and the Humber")
        assert row.choice("stream", FundingStream) == FundingStream.ADVANCED_LEARNER_LOANS
        assert _regions(_row(delivery_regions=row.raw("regions"))) == [
            Region.NORTH_EAST,
            Region.YORKSHIRE_HUMBER,
        ]
        assert role_group_for("Support staff") == RoleGroup.SUPPORT
        assert role_group_for("Board and governors") == RoleGroup.BOARD
        assert not row.result.errors


def test_welsh_labels_are_read_with_welsh_active():
    with override("cy"):
        row = _row(stream="Prentisiaethau", delivery_regions="Llundain, De-orllewin Lloegr")
        assert row.choice("stream", FundingStream) == FundingStream.APPRENTICESHIPS
        assert _regions(row) == [Region.LONDON, Region.SOUTH_WEST]
        assert role_group_for("Tiwtoriaid ac aseswyr") == RoleGroup.TUTORS
        assert not row.result.errors


def test_an_unknown_choice_names_the_labels_as_text():
    with override("cy"):
        row = _row(stream="Nothing")
        row.choice("stream", FundingStream)
    assert "Prentisiaethau" in row.result.errors[0].message


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_headers_are_guessed_from_the_english_labels_in_either_language(language):
    from core.tabular import guess_mapping
    from imports.preview import synonyms
    from imports.registry import get_importer

    risks, staff = get_importer("risks"), get_importer("staff")
    assert risks is not None and staff is not None
    with override(language):
        mapping = guess_mapping(["Risk", "Risk management", "Lead officer"], synonyms(risks))
        assert (mapping["risk"], mapping["existing_controls"], mapping["owner"]) == (0, 1, 2)
        mapping = guess_mapping(["Surname", "First name", "Role group"], synonyms(staff))
        assert (mapping["last_name"], mapping["first_name"], mapping["role_group"]) == (0, 1, 2)
    with override("cy"):  # and the Welsh label too, with Welsh active
        mapping = guess_mapping(["Rheoli risg"], synonyms(risks))
        assert mapping["existing_controls"] == 0
