"""The demo's Prevent registers as data: each provider's risks and its speakers and events.
`demo.seed_registers` builds them through the real services. Days are relative to today;
people are named by their demo address's local part ("qm", "staff", "leader").
"""

from typing import Any, NamedTuple


class RiskSpec(NamedTuple):
    category: str
    risk: str
    hazard: str
    controls: str
    further_action: str  # empty: none yet
    lead: str
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int


COLLEGE_RISKS = [
    RiskSpec(
        "national",
        "Learners are drawn into extreme right-wing online communities",
        "CTLP and national picture: rising referrals of 16-18 year olds for online extreme "
        "right-wing content; learners on our IT and gaming courses spend long periods online.",
        "Online safety in tutorials; filtering and monitoring alerts to the DSL team.",
        "Tutors deliver the ETF 'online radicalisation' session to every 16-18 group by half term.",
        "qm",
        4,
        5,
        3,
        4,
    ),
    RiskSpec(
        "local",
        "Community tension after protests outside a hotel housing asylum seekers",
        "Protests in the town centre over the summer; learners from both communities attend.",
        "Tutorial discussion guidance; DSL briefed by the local authority Prevent coordinator.",
        "Run a staff briefing with the LA Prevent coordinator on the local picture.",
        "qm",
        3,
        4,
        2,
        4,
    ),
    RiskSpec(
        "leadership",
        "Governors cannot challenge Prevent performance",
        "New governors since the last annual report; no Prevent item at the board this year.",
        "Safeguarding link governor; annual safeguarding report to the board.",
        "Add a termly Prevent dashboard to the quality and standards committee.",
        "leader",
        2,
        3,
        2,
        2,
    ),
    RiskSpec(
        "training",
        "New sessional staff teach before completing Prevent training",
        "About 40 sessional staff join each September, many starting within a week.",
        "Home Office e-learning in the induction checklist; HR reports completions monthly.",
        "",
        "qm",
        3,
        3,
        2,
        3,
    ),
    RiskSpec(
        "online",
        "Learners' own devices bypass filtering on college Wi-Fi",
        "Mobile data and VPN apps; the guest network is less filtered than the staff one.",
        "Web filtering on all networks; VPN apps blocked; monitoring alerts reviewed daily.",
        "Test the filtering against the UK Safer Internet Centre checks each term.",
        "staff",
        3,
        4,
        2,
        3,
    ),
    RiskSpec(
        "premises",
        "Extremist leaflets or stickers left on the main campus",
        "Open campus with three public entrances; stickers found twice last year.",
        "Site team remove and photograph materials and report them to the DSL.",
        "",
        "staff",
        2,
        3,
        2,
        2,
    ),
    RiskSpec(
        "speakers",
        "Student union books speakers without the college's checks",
        "The union runs its own society events, some online and some off site.",
        "External speaker policy covers the union; requests go through the event log.",
        "Train the union officers on the speaker process in freshers' week.",
        "qm",
        3,
        4,
        2,
        3,
    ),
    RiskSpec(
        "welfare",
        "Multi-faith room used without agreed rules",
        "Room open all day; no booking system; concern raised about a leaflet left there.",
        "Chaplaincy team oversee the room; rules displayed on the door.",
        "Agree room rules with learner faith representatives and publish them.",
        "staff",
        2,
        3,
        1,
        3,
    ),
    RiskSpec(
        "subcontractors",
        "Subcontracted adult provision does not follow our Prevent policy",
        "Two subcontractors deliver adult skills in community venues.",
        "Annual due diligence questionnaire and monitoring visits cover Prevent.",
        "Include a Prevent question set in every monitoring visit.",
        "qm",
        2,
        4,
        2,
        3,
    ),
    RiskSpec(
        "workplaces",
        "Apprentices on employers' premises cannot reach the DSL team",
        "Apprentices spend four days a week with employers; some work night shifts.",
        "DSL contact card in the apprentice handbook; assessors ask about welfare each visit.",
        "Add the DSL's out-of-hours route to the apprentice app.",
        "staff",
        3,
        3,
        2,
        2,
    ),
]
ITP_RISKS = [
    RiskSpec(
        "national",
        "Apprentices exposed to online radicalisation while learning remotely",
        "Most off-the-job training is online; apprentices aged 16-24 in warehousing and logistics.",
        "Prevent module in induction; coaches discuss online safety at progress reviews.",
        "",
        "qm",
        4,
        4,
        4,
        4,
    ),
    RiskSpec(
        "local",
        "Far-right recruitment at distribution sites where apprentices work",
        "Stickers and leaflets reported at two employer sites in the region.",
        "Coaches raise concerns with the DSL; employer Prevent contacts on file.",
        "",
        "qm",
        3,
        5,
        3,
        5,
    ),
    RiskSpec(
        "leadership",
        "The directors rely on the Prevent lead alone",
        "Small senior team; the Prevent lead is also the quality manager.",
        "Monthly safeguarding report to the directors.",
        "A second director completes the DSL training.",
        "leader",
        2,
        4,
        2,
        3,
    ),
    RiskSpec(
        "training",
        "Coaches miss Prevent refresher training",
        "Coaches are field-based and often miss team training days.",
        "Online refresher assigned each year.",
        "Track refresher completion in the CRM.",
        "qm",
        3,
        3,
        2,
        3,
    ),
    RiskSpec(
        "online",
        "Filtering does not cover apprentices' own laptops",
        "Apprentices use their own devices on employers' networks.",
        "Acceptable use agreement at enrolment.",
        "",
        "staff",
        3,
        3,
        3,
        2,
    ),
    RiskSpec(
        "subcontractors",
        "Subcontractors' staff are not Prevent trained",
        "Three subcontractors deliver functional skills.",
        "Annual due diligence questionnaire asks for training records.",
        "Check training certificates at each monitoring visit.",
        "qm",
        2,
        4,
        2,
        3,
    ),
    RiskSpec(
        "workplaces",
        "Employers do not know how to raise a Prevent concern",
        "Line managers see apprentices daily; few have had any Prevent briefing.",
        "Employer handbook has the DSL's details.",
        "Send employers the two-page Prevent briefing with each new apprentice.",
        "staff",
        3,
        4,
        2,
        4,
    ),
]


class SpeakerSpec(NamedTuple):
    """A speaker already approved and held (half last term, half this term)."""

    title: str
    speaker: str
    organisation: str
    format: str
    expected_numbers: int


# Riverside: a speaker refused 70 days ago who asks again under another title (pending, with
# conditions proposed), and a request not yet checked. Fields as `event_request` takes them.
ON_SITE: dict[str, Any] = {"format": "on_site", "venue": "Lecture theatre", "expected_numbers": 90}
REFUSED_REQUEST: dict[str, Any] = {
    "days": -70,
    "title": "Truth about the West",
    "speaker_name": "Jay Carver",
    "speaker_organisation": "Independent online commentator",
    "topic": "Identity and nationhood",
    "audience": "Level 3 public services learners",
    **ON_SITE,
}
REFUSED_CHECK_NOTES = (
    "Open-source search found videos that incite hatred against Muslims; the previous host "
    "cancelled after complaints."
)
REFUSED_REASONS = "Recent content breaches our code of conduct; no mitigation suffices."
REPEAT_REQUEST: dict[str, Any] = {
    "days": 24,
    "title": "Nation, identity and you",
    "speaker_name": "jay carver",
    "speaker_organisation": "Independent online commentator",
    "topic": "A discussion on identity",
    "audience": "Level 3 public services learners",
    **ON_SITE,
}
REPEAT_CONDITIONS = ["independent_chair", "balanced_panel", "script_in_advance", "recorded"]
UNCHECKED_REQUEST: dict[str, Any] = {
    "days": 38,
    "title": "Mental health in sport",
    "speaker_name": "Chris Adeyemi",
    "speaker_organisation": "Leeds Rhinos Foundation",
    "topic": "Resilience and wellbeing",
    "audience": "Sport learners",
    **ON_SITE,
}
# Northfield: one request waiting for its checks.
UPCOMING_REQUEST: dict[str, Any] = {
    "days": 21,
    "title": "Careers in cyber security",
    "speaker_name": "Aisha Karim",
    "speaker_organisation": "NCSC CyberFirst",
    "topic": "Routes into cyber security for logistics apprentices",
    "format": "online",
    "venue": "Teams",
    "audience": "Level 3 apprentices",
    "expected_numbers": 30,
}

SPEAKERS: dict[str, list[SpeakerSpec]] = {
    "riverside": [
        SpeakerSpec(
            "Careers in the armed forces", "Sgt Kelly Morgan", "British Army", "on_site", 80
        ),
        SpeakerSpec(
            "Remembering Srebrenica", "Dr Amira Hodžić", "Remembering Srebrenica", "on_site", 120
        ),
        SpeakerSpec(
            "Debate: free speech on campus",
            "Prof. Martin Ellis",
            "University of Leeds",
            "on_site",
            60,
        ),
        SpeakerSpec(
            "Knife crime and county lines", "PC Dev Patel", "West Yorkshire Police", "on_site", 200
        ),
        SpeakerSpec("Women in engineering", "Sana Iqbal", "Siemens", "online", 45),
        SpeakerSpec(
            "Faith and public life",
            "Imam Yusuf Rahman",
            "Bradford Council for Mosques",
            "on_site",
            40,
        ),
        SpeakerSpec(
            "Climate activism panel", "Jo Fletcher", "Extinction Rebellion Leeds", "off_site", 30
        ),
        SpeakerSpec("Apprenticeship showcase", "Laura Chen", "Arup", "on_site", 150),
    ],
    "northfield": [
        SpeakerSpec(
            "Staying safe online at work",
            "DC Hannah Price",
            "Regional Cyber Crime Unit",
            "online",
            60,
        ),
        SpeakerSpec("Warehouse safety and wellbeing", "Mark Davies", "Usdaw", "online", 35),
        SpeakerSpec(
            "Volunteering in the community", "Rev. Sarah Cole", "Churches Together", "on_site", 20
        ),
        SpeakerSpec("Leadership for team leaders", "Ben Osei", "CMI", "online", 25),
    ],
}
