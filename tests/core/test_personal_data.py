"""The personal-data guard's detectors, one by one, and its precision and recall on the corpus."""

import pytest

from core.personal_data import (
    DOB,
    EMAIL,
    NAME,
    NI_NUMBER,
    PHONE,
    POSTCODE,
    ULN,
    NameIndex,
    finding_key,
    scan,
)
from tests.core.corpus import evaluate, table

NAMES = NameIndex(["Priya Shah", "Daniel Okafor", "Cher", ""])


def found(text: str, names: NameIndex = NAMES) -> list[tuple[str, str]]:
    return [(f.category, f.matched) for f in scan(text, names)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ULN 1234567890 was referred.", [(ULN, "1234567890")]),
        ("ULN: 6201 934 875", [(ULN, "6201 934 875")]),
        ("Learner 5738291046 was discussed.", [(ULN, "5738291046")]),
        ("Contract 1000234567 was renewed.", []),
        ("UKPRN 10012345", []),
        ("12345678901 is eleven digits", []),
    ],
)
def test_unique_learner_numbers(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Born 03/04/2009.", [(DOB, "03/04/2009")]),
        ("DOB 5th March 2008", [(DOB, "5th March 2008")]),
        ("Date of birth: 2007-09-30", [(DOB, "2007-09-30")]),
        ("14/02/2009 (DOB)", [(DOB, "14/02/2009")]),
        ("Review due 14/02/2027.", []),
        ("Born in the community; reviewed on 3 March 2026.", []),
    ],
)
def test_dates_of_birth_need_a_birth_cue(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Email j.smith@college.ac.uk", [(EMAIL, "j.smith@college.ac.uk")]),
        ("Contact safeguarding@college.ac.uk", []),
        ("counter.extremism@education.gov.uk", []),
        ("prevent-team@northfield.ac.uk or dsl2@northfield.ac.uk", []),
        ("kayleigh2008@gmail.com", [(EMAIL, "kayleigh2008@gmail.com")]),
    ],
)
def test_email_addresses_except_role_mailboxes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mum on 07700 900123.", [(PHONE, "07700 900123")]),
        ("Call +44 (0)121 496 0000", [(PHONE, "+44 (0)121 496 0000")]),
        ("Phone (0161) 496 0753", [(PHONE, "(0161) 496 0753")]),
        ("Anti-terrorism hotline 0800 789 321", []),
        ("Childline 0800 1111, NSPCC 0808 800 5000", []),
        ("2026/27 and 2027-2028", []),
    ],
)
def test_uk_phone_numbers_except_public_helplines(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lives at LS6 2QJ.", [(POSTCODE, "LS6 2QJ")]),
        ("SW1A 2AA", [(POSTCODE, "SW1A 2AA")]),
        ("Benchmark C3.2 and room B12", []),
    ],
)
def test_postcodes(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NI JK 12 34 56 A", [(NI_NUMBER, "JK 12 34 56 A")]),
        ("AB123456C", [(NI_NUMBER, "AB123456C")]),
        ("HMRC's specimen QQ 12 34 56 C", []),
        ("Prefix GB123456A is never issued", []),
    ],
)
def test_national_insurance_numbers(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Priya Shah referred a learner.", [(NAME, "Priya Shah")]),
        ("The concern about P. Shah was passed on.", [(NAME, "P. Shah")]),
        ("We referred K. Nowak to Channel.", [(NAME, "K. Nowak")]),
        ("Mrs Ahmed's daughter was radicalised.", [(NAME, "Mrs Ahmed")]),
        ("Priya Shah, our DSL, presented the annual report.", []),
        ("Plan B. Staff raised a concern.", []),
        ("Cher referred a learner.", []),  # one-word names are too often ordinary words
        ("priya shah referred", []),  # lower case: not written as a name
    ],
)
def test_names_near_referral_and_concern_words(text, expected):
    assert found(text) == expected


def test_overlaps_keep_the_longer_or_more_specific_finding():
    assert found("Email priya.shah@northfield.ac.uk about the concern") == [
        (EMAIL, "priya.shah@northfield.ac.uk")
    ]
    assert found("") == []


def test_a_finding_carries_its_context_and_a_key_of_its_sentence():
    text = "First sentence. Then ULN 1234567890 was referred. Another one."
    (finding,) = scan(text)
    assert finding.before.endswith("Then ULN ") and finding.after.startswith(" was referred")
    assert finding.reason == "Looks like a Unique Learner Number (10 digits)."
    assert finding.key == finding_key(ULN, "1234567890", "Then ULN 1234567890 was referred")
    # The same text in the same sentence elsewhere has the same key; another sentence does not.
    assert scan("Then ULN 1234567890  was\nreferred")[0].key != finding.key
    assert scan("Then ULN 1234567890 was referred. Other text.")[0].key == finding.key


def test_precision_and_recall_on_the_corpus_meet_their_floors():
    report = evaluate()
    assert report.sentences >= 150
    print("\n" + table(report))
    assert report.overall.precision >= 0.9
    assert report.overall.recall >= 0.9
    for category, score in report.by_category.items():
        assert score.tp + score.fn >= 5, category  # every category is exercised
        assert score.precision >= 0.9, category
        # Names of people outside the organisation can only be caught by their form (a title,
        # an initial); a learner's first name alone is not.
        assert score.recall >= (0.8 if category == NAME else 0.9), category


@pytest.mark.parametrize(
    "piece",
    ["a%", "born 01/01/2008 ", "Priya Shah referred ", "ULN ", "0" * 7 + " ", "a@b", "J. Smith "],
)
def test_long_odd_input_is_scanned_in_linear_time(piece):
    """No pattern backtracks badly: 100,000 characters of one repeated piece finish quickly
    (a generous bound: a quadratic pattern would take minutes)."""
    import time

    text = piece * (100_000 // len(piece))
    started = time.perf_counter()
    scan(text, NAMES)
    assert time.perf_counter() - started < 10
