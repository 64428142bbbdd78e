"""The demo's Prevent partners as data: each provider's delivery areas, its partners in each and
a year of engagements. `demo.seed_partners` builds them through the real services. Days are
relative to today; people are named by their demo address's local part ("qm", "leader").

Northfield Training delivers apprenticeships across three regions: Greater Manchester is well
covered, its Lancashire local authority lead was last engaged 13 months ago, and West
Yorkshire (a newer region) has only the DfE coordinator, so the signals and the "last contact"
page flag it. Two briefings were received this year; one led to an action.
"""

from typing import NamedTuple


class ContactSpec(NamedTuple):
    key: str  # how engagements below name it
    area: str
    kind: str
    organisation_name: str
    contact_name: str
    role: str
    email: str
    phone: str
    next_contact_in: int  # days from today


class EngagementSpec(NamedTuple):
    contact: str
    days_ago: int
    kind: str
    summary: str
    what_changed: str
    received_by: str = ""  # local part, for briefings
    action: str = ""  # an action title raised in the same step
    action_due_in: int = 30
    risk: str = ""  # the text of a risk in the demo risk register


NORTHFIELD_AREAS = ["Greater Manchester", "Lancashire", "West Yorkshire"]
NORTHFIELD_CONTACTS = [
    ContactSpec(
        "gm_la",
        "Greater Manchester",
        "la_lead",
        "Manchester City Council",
        "Aisha Rahman",
        "Prevent Education Officer",
        "prevent@manchester.example.gov.uk",
        "0161 234 5000",
        60,
    ),
    ContactSpec(
        "gm_police",
        "Greater Manchester",
        "police",
        "Counter Terrorism Policing North West",
        "",
        "Prevent Engagement Team",
        "prevent.engagement@ctpnw.example.police.uk",
        "0161 856 0000",
        90,
    ),
    ContactSpec(
        "nw_dfe",
        "Greater Manchester",
        "dfe",
        "Department for Education",
        "Helen Park",
        "Regional FE and HE Prevent Coordinator (North West)",
        "helen.park@education.example.gov.uk",
        "07700 900123",
        45,
    ),
    ContactSpec(
        "lancs_la",
        "Lancashire",
        "la_lead",
        "Lancashire County Council",
        "Mark Ellison",
        "Prevent Coordinator",
        "prevent@lancashire.example.gov.uk",
        "01772 530000",
        14,
    ),
    ContactSpec(
        "lancs_police",
        "Lancashire",
        "police",
        "Lancashire Constabulary",
        "",
        "Prevent Team",
        "prevent@lancashire.example.police.uk",
        "01772 614444",
        120,
    ),
    ContactSpec(
        "yh_dfe",
        "West Yorkshire",
        "dfe",
        "Department for Education",
        "Owen Clarke",
        "Regional FE and HE Prevent Coordinator (Yorkshire and the Humber)",
        "owen.clarke@education.example.gov.uk",
        "07700 900456",
        30,
    ),
]
NORTHFIELD_ENGAGEMENTS = [
    EngagementSpec(
        "lancs_la",
        395,
        "meeting",
        "Introductory meeting on apprentices based with Preston and Blackburn employers.",
        "Added the Lancashire Prevent referral route to the coaches' handbook.",
    ),
    EngagementSpec(
        "gm_la",
        330,
        "meeting",
        "Greater Manchester FE and skills Prevent network: local priorities for the year.",
        "Coaches' team meeting now has a standing Prevent item each month.",
    ),
    EngagementSpec(
        "gm_police",
        200,
        "briefing",
        "Counter-Terrorism Local Profile briefing for education partners (verbal, restricted "
        "material not shared).",
        "Raised the risk of far-right recruitment at distribution sites; coaches' refresher to "
        "cover it.",
        received_by="qm",
        action="Add the distribution-site recruitment picture to the coaches' Prevent refresher",
        action_due_in=21,
        risk="Far-right recruitment at distribution sites where apprentices work",
    ),
    EngagementSpec(
        "nw_dfe",
        120,
        "advice",
        "Asked how to check subcontractors' Prevent arrangements before contracts are renewed.",
        "Decided to add a Prevent section to the due diligence checklist.",
    ),
    EngagementSpec(
        "nw_dfe",
        75,
        "advice",
        "Asked what filtering is expected on apprentices' own laptops used for remote learning.",
        "Reviewed the online risk; apprentices get a safe-browsing guide at induction.",
        risk="Filtering does not cover apprentices' own laptops",
    ),
    EngagementSpec(
        "gm_police",
        45,
        "training",
        "Prevent engagement officer ran a session on spotting and reporting concerns for coaches.",
        "Coaches asked for a one-page referral flowchart; the Prevent lead produced it.",
    ),
    EngagementSpec(
        "nw_dfe",
        20,
        "briefing",
        "Regional coordinator's termly update on national and regional themes.",
        "No change needed: the risk register already covers the themes raised.",
        received_by="leader",
    ),
    EngagementSpec(
        "yh_dfe",
        150,
        "meeting",
        "Introductory call about apprentices placed with Leeds and Bradford employers.",
        "Coordinator to introduce the West Yorkshire local authority and police Prevent teams.",
    ),
]

RIVERSIDE_AREAS = ["Riverside borough", "Northshire adult learning centres"]
RIVERSIDE_CONTACTS = [
    ContactSpec(
        "rb_la",
        "Riverside borough",
        "la_lead",
        "Riverside Borough Council",
        "Sam Whitfield",
        "Prevent Lead",
        "prevent@riverside.example.gov.uk",
        "01632 960100",
        40,
    ),
    ContactSpec(
        "rb_police",
        "Riverside borough",
        "police",
        "Northshire Police",
        "",
        "Prevent Team",
        "prevent@northshire.example.police.uk",
        "01632 960200",
        70,
    ),
    ContactSpec(
        "rb_dfe",
        "Riverside borough",
        "dfe",
        "Department for Education",
        "Ruth Adeyemi",
        "Regional FE and HE Prevent Coordinator",
        "ruth.adeyemi@education.example.gov.uk",
        "07700 900789",
        25,
    ),
    ContactSpec(
        "rb_scp",
        "Riverside borough",
        "other",
        "Riverside Safeguarding Partnership",
        "",
        "Education subgroup",
        "scp@riverside.example.gov.uk",
        "",
        100,
    ),
    ContactSpec(
        "ns_la",
        "Northshire adult learning centres",
        "la_lead",
        "Northshire County Council",
        "Imran Qureshi",
        "Prevent Coordinator",
        "prevent@northshire.example.gov.uk",
        "01632 960300",
        55,
    ),
    ContactSpec(
        "ns_police",
        "Northshire adult learning centres",
        "police",
        "Northshire Police",
        "",
        "Prevent Team (county)",
        "prevent@northshire.example.police.uk",
        "01632 960200",
        80,
    ),
]
RIVERSIDE_ENGAGEMENTS = [
    EngagementSpec(
        "rb_la",
        300,
        "meeting",
        "Borough Prevent partnership board: the college's annual referral report (counts only).",
        "Board asked for learner-voice results on feeling safe; added to next year's report.",
    ),
    EngagementSpec(
        "rb_dfe",
        240,
        "advice",
        "Asked for advice on a student union request to host a speaker with contested views.",
        "The speaker policy now says the Prevent lead decides student union bookings.",
        action="Amend the speaker policy so student union bookings come to the Prevent lead",
        action_due_in=45,
    ),
    EngagementSpec(
        "ns_la",
        210,
        "meeting",
        "Met the county coordinator about the adult learning centres' local picture.",
        "Centre managers added to the county Prevent network mailing list.",
    ),
    EngagementSpec(
        "rb_police",
        150,
        "training",
        "Prevent officer co-delivered the staff development day session on local risks.",
        "Training evaluation showed better confidence in referral; repeated for new staff.",
    ),
    EngagementSpec(
        "rb_la",
        90,
        "briefing",
        "Local authority summary of the Counter-Terrorism Local Profile for education settings "
        "(restricted document seen, not copied).",
        "Reviewed the community tension risk and raised its likelihood; tutors briefed.",
        received_by="leader",
        action="Brief curriculum managers on the updated local community tension picture",
        action_due_in=14,
        risk="Community tension after protests outside a hotel housing asylum seekers",
    ),
    EngagementSpec(
        "rb_scp",
        60,
        "meeting",
        "Safeguarding partnership education subgroup: online harms and young people.",
        "Online safety tutorial refreshed with the partnership's local examples.",
    ),
    EngagementSpec(
        "ns_police",
        30,
        "advice",
        "Asked the county Prevent team about stickers found near an adult learning centre.",
        "Reported through the police route; premises risk reviewed.",
        risk="Extremist leaflets or stickers left on the main campus",
    ),
]
