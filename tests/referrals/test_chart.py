"""The referral chart draws a suppressed figure as a dashed outline, never to its real height."""

import re

from reporting.charts import suppressed_bars

CONCERNS, REFERRALS = "#0b5566", "#b26a00"


def _match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found is not None, pattern
    return found.group(1)


def test_a_suppressed_figure_is_an_outline_to_five_and_its_text_says_fewer_than_five():
    svg = suppressed_bars(
        [
            (
                "Spr 25/26",
                [
                    ("Concerns raised", 12, "12", CONCERNS),
                    ("Referrals made", None, "fewer than 5", REFERRALS),
                ],
            ),
            (
                "Sum 25/26",
                [("Concerns raised", 0, "0", CONCERNS), ("Referrals made", 6, "6", REFERRALS)],
            ),
        ],
        "Prevent concerns raised and referrals made per term",
    )
    label = _match(r'aria-label="([^"]*)"', svg)
    assert label == (
        "Prevent concerns raised and referrals made per term: Spr 25/26: Concerns raised 12, "
        "Referrals made fewer than 5; Sum 25/26: Concerns raised 0, Referrals made 6"
    )
    twelve = float(_match(rf'height="([\d.]+)" fill="{CONCERNS}"><title>Spr', svg))
    outline = float(_match(r'height="([\d.]+)" fill="#ffffff" stroke="#b26a00"', svg))
    assert abs(outline - twelve * 5 / 12) < 0.2  # drawn up to 5, not its value
    assert "&lt;5</text>" in svg
