"""Hand-written self-assessment content for the demo providers: what a Prevent lead at a small
apprenticeship provider and at a general FE college would actually write.

Each entry: benchmark code -> (level, RAG, what we do well, areas for improvement, evidence
titles). Benchmarks without an entry are answered from the framework (see seed_assessments).
Referral content is counts only: no learner is ever described.
"""

ITP = {
    "C1.1": (
        2,
        "green",
        "Our operations director, Amira Shah, is the accountable senior leader; the DSL, "
        "Daniel Okafor, is our Prevent lead with one day a week protected for safeguarding. "
        "Both are named in the policy and on the staff intranet, and the managing director "
        "is the link director for safeguarding.",
        "Train a second deputy: with a team of 14, one absence leaves us thin.",
        ["Prevent and safeguarding policy"],
    ),
    "C1.3": (
        3,
        "amber",
        "We have a Prevent action plan with owners and dates, reviewed at the monthly "
        "operations meeting.",
        "Half the actions are still 'review policy' or 'complete training'; they are not "
        "linked to the risks in our risk assessment, which is itself overdue for review.",
        ["Directors' meeting minutes: termly Prevent report"],
    ),
    "C1.4": (
        2,
        "green",
        "Directors receive a Prevent report each term: training completion, the action plan, "
        "and counts of concerns and referrals. In March they questioned why assessors' "
        "completion lagged and asked for a date, which was met.",
        "Add learner-voice results to the termly report so directors see impact, not only "
        "activity.",
        ["Directors' meeting minutes: termly Prevent report", "Prevent referral and concerns log"],
    ),
    "C2.2": (
        3,
        "amber",
        "Speaker requests for our two training centres go through the log, and the DSL "
        "approves each one.",
        "Two employer-run events where our apprentices spoke were not in the log, and the "
        "checks on one guest speaker were recorded after the event.",
        ["External speaker log"],
    ),
    "C3.1": (
        2,
        "green",
        "We know the Prevent leads for Newcastle, Gateshead and Sunderland and the DfE "
        "regional coordinator; contact details were checked in September.",
        "Many apprentices work for employers in Durham and Northumberland, where we have no "
        "named contact yet.",
        ["Police Prevent officer liaison record"],
    ),
    "C4.2": (
        3,
        "amber",
        "Completion is tracked in our training system and reported monthly: 86% of staff are "
        "up to date.",
        "6 of 14 new starters have completed both parts of the Home Office course; assessors "
        "who work remotely lag behind.",
        ["Staff Prevent training completion report"],
    ),
    "C4.4": (
        2,
        "amber",
        "The DSL completed the Home Office referrals module and attends the regional "
        "coordinator's termly network.",
        "The DSL refresher certificate expires next month and the deputy has no enhanced "
        "training yet.",
        ["DSL Prevent refresher training certificate"],
    ),
    "C6.1": (
        3,
        "red",
        "Our risk assessment is on the DfE FE template and covers our two centres.",
        "It is 13 months old, says nothing about apprentices in employers' workplaces or "
        "online delivery, and the local picture predates the regional coordinator's latest "
        "briefing.",
        ["Prevent risk assessment (DfE template)"],
    ),
    "C6.6": (
        2,
        "green",
        "Staff tell the DSL the same day; the DSL refers to the local authority Prevent team "
        "on the national referral form. The pathway poster is in both centres and in the "
        "apprentice app. Last year: 2 concerns, 1 referral (counts only).",
        "Test the route with assessors who visit workplaces: two could not say who covers "
        "when the DSL is away.",
        [
            "Prevent referral pathway poster",
            "Prevent and safeguarding policy",
            "Prevent referral and concerns log",
        ],
    ),
    "C7.2": (
        2,
        "green",
        "Filtering is tested each term with SWGfL Test Filtering on the centre network and "
        "loan laptops; the October results were clean.",
        "The annual review with the link director is due in January and is not yet booked.",
        ["Filtering test log (SWGfL Test Filtering)"],
    ),
    "C9.1": (
        3,
        "amber",
        "Apprentice induction covers British values with workplace examples.",
        "After induction British values are left to individual coaches; progress reviews do "
        "not return to them.",
        ["Apprentice induction workbook: Prevent, British values and online safety"],
    ),
    "C9.2": (
        2,
        "green",
        "In the spring apprentice survey 91% knew how to report a concern and 84% could name "
        "the DSL; coaches check this at each review.",
        "Apprentices in hospitality were least sure how to report from work; add a "
        "workplace example to their induction.",
        ["Apprentice voice survey"],
    ),
    "C10.1": (
        3,
        "amber",
        "New employer agreements include a Prevent and safeguarding section and a named "
        "workplace contact.",
        "Older agreements for 31 apprentices have neither; they are being reissued at each "
        "employer's next review.",
        ["Employer agreement template (Prevent and safeguarding section)"],
    ),
    "C10.3": (
        2,
        "green",
        "Every 10-weekly progress review has a Prevent, online safety and wellbeing item with "
        "prompts for the stage of the programme; coaches record the apprentice's answer.",
        "Reviews rarely involve the line manager on this item; invite them at the next round.",
        ["Apprentice progress review template"],
    ),
}

COLLEGE = {
    "C1.1": (
        1,
        "green",
        "The vice principal for students is the accountable leader; the head of safeguarding "
        "leads on Prevent with two deputies on each campus. The corporation appointed a link "
        "governor for safeguarding and Prevent, who meets the Prevent lead each half term.",
        "Keep the link governor's visits on the governance calendar when the role changes "
        "hands in July.",
        ["Governors' safeguarding and Prevent report, autumn term"],
    ),
    "C1.4": (
        2,
        "green",
        "The corporation's quality and standards committee receives a Prevent report each "
        "term. In the autumn, governors challenged the rise in online concerns and asked for "
        "the filtering review to come to them.",
        "Minutes record questions but not always the answer followed up; add an action log.",
        ["Governors' safeguarding and Prevent report, autumn term"],
    ),
    "C2.1": (
        2,
        "green",
        "The speakers and events policy covers curriculum events, students' union societies, "
        "online events and lettings, with approvals set by risk.",
        "Society organisers in the students' union were unsure of the online-event rules; "
        "brief them at the start of each term.",
        ["Students' union speaker and society events protocol", "External speaker log"],
    ),
    "C2.5": (
        3,
        "amber",
        "Evening and weekend lettings use an agreement with Prevent conditions, and the "
        "lettings office checks hirers before booking.",
        "The sports hall lettings run by the leisure contractor are not checked the same way, "
        "and rules on leaflets are not in the agreement.",
        ["Lettings agreement with Prevent conditions and hirer checks"],
    ),
    "C3.2": (
        2,
        "green",
        "An information-sharing protocol with the local authority covers Prevent, and the "
        "school-link protocol sets out how we share concerns about 14 to 16 learners with "
        "their schools.",
        "Refresh the school-link protocol for the two new partner schools.",
        ["14 to 16 school-link learners: safeguarding protocol with partner schools"],
    ),
    "C4.3": (
        2,
        "green",
        "The police Prevent officer ran live sessions on local risks and the referral route "
        "for every curriculum area this year, with scenarios from our own campuses.",
        "Agency and sessional staff missed the sessions; add a recorded version to their "
        "induction.",
        ["Staff Prevent training completion report"],
    ),
    "C6.1": (
        3,
        "amber",
        "The risk assessment uses the DfE FE template and covers all three campuses, the "
        "14 to 16 provision and high-needs learners.",
        "It is past its review date and does not yet reflect the local authority's latest "
        "briefing on online radicalisation among 16 to 18 year olds.",
        ["Prevent risk assessment (DfE template)"],
    ),
    "C6.5": (
        2,
        "green",
        "Students reach the safeguarding team through tutors, the student app and drop-ins "
        "on each campus; counselling has a two-week wait at most.",
        "Evening adult learners use the service least; promote it at adult induction.",
        ["Student voice survey: feeling safe, Prevent and British values"],
    ),
    "C6.6": (
        1,
        "green",
        "Staff report concerns to the safeguarding team the same day; the DSL refers to the "
        "local authority Prevent team on the national referral form and works with "
        "children's services for under-18s. The log stays in the safeguarding case system; "
        "governors see termly counts only.",
        "Carry on auditing a sample of concerns each term against the procedure.",
        ["Prevent referral pathway poster", "Prevent and safeguarding policy"],
    ),
    "C6.7": (
        2,
        "green",
        "The multi-faith prayer room on the main campus has published rules on booking, use "
        "and materials; the chaplaincy coordinator manages it and works with the "
        "safeguarding team.",
        "The new campus has no quiet space yet; agree one with estates before September.",
        ["Prayer and reflection room guidelines"],
    ),
    "C7.3": (
        2,
        "green",
        "Monitoring alerts go to the safeguarding team within the hour; each is logged with "
        "the action taken. The annual filtering and monitoring review was signed by the vice "
        "principal and the link governor in October.",
        "Alerts from the library's guest network are not yet routed to the team.",
        ["Filtering and monitoring annual review"],
    ),
    "C9.2": (
        2,
        "green",
        "In the autumn student voice survey 88% of 16 to 18 students knew how to report a "
        "concern; learning walks found students able to explain online risks in their own "
        "words.",
        "Adult evening learners scored lowest (64%); add a short session to adult induction.",
        ["Student voice survey: feeling safe, Prevent and British values"],
    ),
    "C9.3": (
        2,
        "green",
        "Course representatives meet the vice principal each term; 'you said, we did' "
        "posters followed the survey (for example, more staff on the gates at lunchtime).",
        "Representatives from the 14 to 16 provision do not attend yet.",
        ["Student voice survey: feeling safe, Prevent and British values"],
    ),
    "C8.1": (
        3,
        "amber",
        "Due diligence checks Harbour Lane's policy, DSL, training and risk assessment before "
        "the contract each year.",
        "Its specified-authority status is not yet recorded with its basis, and its funding "
        "from other leads is unknown.",
        [],
    ),
}

#: Evidence -> the benchmarks it evidences: fallback answers link evidence by topic only.
TOPICS = {
    "Prevent and safeguarding policy": ["C1.2", "C2.1", "C6.6", "C7.1", "C5.1"],
    "Prevent risk assessment (DfE template)": ["C6.1", "C6.2", "C6.3", "C6.4", "C3.4"],
    "Staff Prevent training completion report": ["C4.1", "C4.2", "C4.3"],
    "External speaker log": ["C2.2", "C2.3", "C2.4"],
    "DSL Prevent refresher training certificate": ["C4.4"],
    "Prevent referral pathway poster": ["C6.6"],
    "Directors' meeting minutes: termly Prevent report": ["C1.3", "C1.4", "C5.2"],
    "Filtering test log (SWGfL Test Filtering)": ["C7.2", "C7.4"],
    "Apprentice voice survey": ["C1.5", "C9.2", "C9.3", "C7.5"],
    "Apprentice induction workbook: Prevent, British values and online safety": [
        "C9.1",
        "C10.2",
        "C7.5",
    ],
    "Employer agreement template (Prevent and safeguarding section)": ["C10.1"],
    "Apprentice progress review template": ["C10.3", "C10.4"],
    "Governors' safeguarding and Prevent report, autumn term": ["C1.1", "C1.4", "C1.3"],
    "Lettings agreement with Prevent conditions and hirer checks": ["C2.5"],
    "Prayer and reflection room guidelines": ["C6.7"],
    "14 to 16 school-link learners: safeguarding protocol with partner schools": [
        "C3.2",
        "C6.5",
    ],
    "Filtering and monitoring annual review": ["C7.2", "C7.3"],
    "Student voice survey: feeling safe, Prevent and British values": ["C1.5", "C9.2", "C9.3"],
    "Students' union speaker and society events protocol": ["C2.1", "C2.2", "C9.4"],
}
