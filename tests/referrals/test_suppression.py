"""The one small-number rule: 0 shown, 1-4 "fewer than 5", 5 and over shown."""

import pytest

from referrals.suppression import NOT_RECORDED, SUPPRESSED, chart_value, is_suppressed, shown


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_one_to_four_are_fewer_than_five(count):
    assert shown(count) == str(SUPPRESSED) == "fewer than 5"
    assert is_suppressed(count)
    assert chart_value(count) is None


@pytest.mark.parametrize("count", [0, 5, 6, 17, 1000])
def test_zero_and_five_and_over_are_shown(count):
    assert shown(count) == str(count)
    assert not is_suppressed(count)
    assert chart_value(count) == count


def test_a_term_without_figures_is_not_recorded_not_zero():
    assert shown(None) == str(NOT_RECORDED)
    assert chart_value(None) is None


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        shown(-1)
