"""The three proposals the communities drafted in the consultation workshops, each taken through the
proposal workflow by its services: CoP-IP's is approved and being carried out (with expenses and a
progress report), CoP-PwD's is under review, CoP-OPA's is still a draft.

The workflow stamps every step with the time it runs; the demo then dates each step back to when it
happened in the story, counted from the day the demo is loaded, so the call is open and the draft can
be submitted. A proposal that exists is left as it is.
"""

from communities.models import Community
from members.models import Organisation, User
from proposals import services
from proposals.models import Call, Proposal, ReviewAnswer

from .budgets import A, C, F, M, P, T, V, add_budget_lines
from .dates import at, day
from .reviews import add_review, answer_reviewers, save_review_draft
from .spending import check_and_revise, record_spending
from .workflow import date_back

# Each proposal: the text, its activities (title, first day, days, place, organisation, outputs) and budget
# lines (category, activity number or None, description, unit, quantity, unit cost, currency, co-funding, source).
PROPOSALS = {
    "cop-ip": {
        "title": "Kuy voices: a day of performance and an exhibition on Kuy culture",
        "authors": ["srey@demo.example", "facilitator@demo.example"],
        "summary": "Kuy-speaking people perform their stories, songs and dances for one day in Preah Vihear, "
        "alongside an exhibition on Kuy culture; a reflection with elders, youth and stakeholders follows.",
        "early_summary": "A one-day performance of Kuy-speaking people and an exhibition on Kuy culture.",
        "problem": "Young Kuy people speak Khmer at school and at work; fewer of them speak Kuy, and the stories "
        "of their elders are not written down. Officials rarely hear Kuy people in their own language.",
        "objectives": "- Kuy elders and youth prepare and give a performance in Kuy\n"
        "- An exhibition shows Kuy culture to neighbours, officials and visitors\n"
        "- The community reflects on what it learnt and shares it with the network",
        "rightsholders": "Kuy-speaking indigenous people of three villages in Preah Vihear, with their elders "
        "and youth groups. They choose the stories and lead the performance.",
        "expected_reach": 300,
        "risks": "- Rain in the wet season: the hall is booked with a covered area\n"
        "- Travel costs of performers rise: co-funding from CIPL's own funds",
        "answers": [
            "Kuy elders choose the stories; youth groups rehearse them with a CIPL performer.",
            "How performance keeps a language alive; the community shares it at a monthly learning meeting.",
        ],
        "stakeholders": ["BBC Media Action", "Voice"],
        "activities": [
            (
                "One-day performance by Kuy-speaking people",
                -25,
                1,
                "Preah Vihear provincial hall",
                "CIPL",
                "A performance in Kuy seen by about 300 people; a video for KLAHAN9 SPACE.",
            ),
            (
                "Exhibition on Kuy culture",
                -25,
                8,
                "Preah Vihear provincial hall",
                "CIPL",
                "Twenty panels with photos and texts in Kuy and Khmer; a visitors' book.",
            ),
            (
                "Reflection with elders, youth and stakeholders",
                14,
                1,
                "Tbeng Meanchey",
                "WPM",
                "A short paper on what the community learnt, presented to the network.",
            ),
        ],
        "lines": [
            (V, 1, "Hall for the performance and the exhibition", "day", "8", "25.00", "USD", "0", ""),
            (P, 1, "Performers' fees", "person-day", "12", "25.00", "USD", "0", ""),
            (T, 1, "Transport of performers from the villages", "trip", "12", "61500", "KHR", "0", ""),
            (M, 2, "Printing the exhibition panels", "panel", "20", "123000", "KHR", "0", ""),
            (
                C,
                1,
                "Radio spots in Kuy and Khmer",
                "spot",
                "10",
                "20.00",
                "USD",
                "100.00",
                "BBC Media Action (KLAHAN9 SPACE)",
            ),
            (F, 3, "Meals at the reflection", "person", "40", "20500", "KHR", "0", ""),
            (A, None, "Bank fees and bookkeeping", "lump sum", "1", "60.00", "USD", "0", ""),
        ],
        "reflection": "Reflection with elders, youth and stakeholders",
    },
    "cop-pwd": {
        "title": "Rights at work for youth with disabilities",
        "authors": ["samphous@demo.example", "facilitator@demo.example"],
        "summary": "A two-day training on rights at work for youth with disabilities, followed by a campaign "
        "on the labour law with employers and local officials.",
        "problem": "Youth with disabilities who find work are often paid less, have no contract and do not know "
        "the protection the labour law gives them.",
        "objectives": "- 40 youth with disabilities know their rights at work\n"
        "- Employers and officials hear about the labour law from the youth themselves",
        "rightsholders": "Youth with disabilities in Phnom Penh and Kandal, with their organisations.",
        "expected_reach": 1200,
        "risks": "- Accessible venues are few: the venue is checked with the youth beforehand",
        "answers": [
            "Youth with disabilities co-design the training and are the campaign's speakers.",
            "How to make decent work inclusive; shared with CoP-OPA and the ILO.",
        ],
        "stakeholders": ["International Labour Organization"],
        "activities": [
            (
                "Training on rights at work for youth with disabilities",
                30,
                2,
                "Phnom Penh",
                "IDEA",
                "40 youth trained; a plain-language guide to the labour law.",
            ),
            (
                "Campaign on the labour law",
                35,
                60,
                "Phnom Penh and Kandal",
                "HAC",
                "Radio talks, a Facebook series and two meetings with employers.",
            ),
        ],
        "lines": [
            (V, 1, "Accessible training venue", "day", "2", "180.00", "USD", "0", ""),
            (P, 1, "Trainers", "person-day", "4", "80.00", "USD", "0", ""),
            (T, 1, "Accessible transport for participants", "person", "40", "41000", "KHR", "0", ""),
            (M, 1, "Plain-language guide, printing", "copy", "200", "8200", "KHR", "0", ""),
            (C, 2, "Radio talk shows", "show", "4", "150.00", "USD", "150.00", "ILO Decent Employment for Youth"),
            (C, 2, "Facebook series, boosting", "post", "10", "20.00", "USD", "0", ""),
        ],
    },
    "cop-opa": {
        "title": "Older people and people with disabilities speak up",
        "authors": ["member@demo.example", "facilitator@demo.example"],
        "summary": "A four-day training for older people's associations, a community forum with local "
        "authorities, a performance, and a reflection.",
        "problem": "Older people and people with disabilities are rarely asked about local plans and budgets.",
        "objectives": "- Leaders of older people's associations prepare their questions for the commune\n"
        "- A forum where the commune answers them",
        "rightsholders": "Older people and people with disabilities in four communes of Battambang.",
        "expected_reach": 500,
        "risks": "",
        "answers": ["Older people's associations run the forum.", ""],
        "stakeholders": ["Ministry of Social Affairs, Veterans and Youth Rehabilitation"],
        "activities": [
            ("Four-day training for older people's associations", 60, 4, "Battambang", "HAC", "60 leaders trained."),
            ("Community forum with local authorities", 70, 1, "Battambang", "HAC", "Answers from the commune."),
            ("Performance by older people", 80, 1, "Battambang", "HAC", ""),
            ("Reflection", 85, 1, "Battambang", "IDEA", ""),
        ],
        "lines": [
            (V, 1, "Training hall", "day", "4", "60.00", "USD", "0", ""),
            (F, 1, "Meals for the training", "person-day", "240", "16400", "KHR", "0", ""),
            (T, 2, "Transport to the forum", "person", "80", "20500", "KHR", "0", ""),
        ],
        # No KHR rate yet: the draft's checklist asks for it.
        "no_rates": True,
    },
}


def _save_text(proposal: Proposal, spec: dict, *, by: User, summary: str) -> None:
    sections = list(proposal.call.sections.order_by("position"))
    services.proposal_update(
        proposal=proposal,
        by=by,
        base_version=Proposal.objects.values_list("version", flat=True).get(pk=proposal.pk),
        title=spec["title"],
        summary=summary,
        problem=spec["problem"],
        objectives=spec["objectives"],
        rightsholders=spec["rightsholders"],
        expected_reach=spec["expected_reach"],
        risks=spec["risks"],
        section_answers={str(s.pk): text for s, text in zip(sections, spec["answers"], strict=True)},
        stakeholders=Organisation.objects.filter(name__in=spec["stakeholders"]),
    )


def _add_activities(proposal: Proposal, spec: dict, *, by: User, titles) -> None:
    organisations = {o.acronym or o.name: o for o in Organisation.objects.all()}
    for title, start, days, place, organisation, outputs in spec["activities"]:
        if title in titles:
            services.activity_save(
                proposal=proposal,
                by=by,
                title=title,
                description="",
                starts_on=day(start),
                ends_on=day(start + days - 1),
                place=place,
                responsible_organisation=organisations.get(organisation),
                expected_outputs=outputs,
            )


def _draft(call: Call, slug: str, *, early: bool = False) -> Proposal:
    """Start the community's proposal as its first author, with the co-author, text, activities and
    budget. An early draft lacks the reflection, which the coordinators ask for later."""
    spec = PROPOSALS[slug]
    first, *others = [User.objects.get(email=email) for email in spec["authors"]]
    proposal = services.proposal_create(
        call=call, community=Community.objects.get(slug=slug), title=spec["title"], by=first
    )
    for person in others:
        services.proposal_add_author(proposal=proposal, person=person, by=first)
    summary = spec.get("early_summary", spec["summary"]) if early else spec["summary"]
    _save_text(proposal, spec, by=first, summary=summary)
    titles = {activity[0] for activity in spec["activities"]} - ({spec.get("reflection")} if early else set())
    _add_activities(proposal, spec, by=first, titles=titles)
    add_budget_lines(proposal, spec, by=first, activities=titles | {None}, with_rates=not spec.get("no_rates"))
    return proposal


def _revise(proposal: Proposal, *, by: User) -> None:
    """Add what the coordinators asked for: the reflection, its budget line and the full summary."""
    spec = PROPOSALS[proposal.community.slug]
    _save_text(proposal, spec, by=by, summary=spec["summary"])
    reflection = spec["reflection"]
    _add_activities(proposal, spec, by=by, titles={reflection})
    add_budget_lines(proposal, spec, by=by, activities={reflection})


def seed_proposals(call: Call) -> list[Proposal]:
    """Take the missing demo proposals through the workflow, as their authors, the coordinator and the
    reviewers would. Run after seed_call(). Sends no e-mail of its own; the services' e-mails go out on
    commit, so seed_demo runs them with mail switched off."""
    coordinator = User.objects.get(email="coordinator@demo.example")
    made = {p.community.slug: p for p in call.proposals.select_related("community")}
    if "cop-ip" not in made:
        made["cop-ip"] = _seed_ip(call, coordinator)
    if "cop-pwd" not in made:
        made["cop-pwd"] = _seed_pwd(call, coordinator)
    if "cop-opa" not in made:
        proposal = _draft(call, "cop-opa")
        date_back(proposal, created=-10, versions=[-10, -10], changes=[])
        made["cop-opa"] = proposal
    return [made["cop-ip"], made["cop-pwd"], made["cop-opa"]]


def _seed_ip(call: Call, coordinator: User) -> Proposal:
    """CoP-IP: submitted, sent back once for a reflection, resubmitted, approved and under way."""
    srey = User.objects.get(email="srey@demo.example")
    ip = _draft(call, "cop-ip", early=True)
    services.proposal_submit(proposal=ip, by=srey)
    add_review(
        ip,
        User.objects.get(email="leader@demo.example"),
        coordinator,
        assigned=-58,
        scores=[5, 5, 4, 4],
        for_coordinators="Strong ownership by the Kuy elders; the budget is modest.",
        for_authors="A lovely idea. A reflection afterwards would help the community learn from it.",
    )
    revise = "Please add a reflection with the elders and youth after the exhibition, and say who pays the radio spots."
    services.proposal_request_revisions(proposal=ip, by=coordinator, message=revise)
    _revise(ip, by=User.objects.get(email="facilitator@demo.example"))
    answer_reviewers(
        ip,
        by=srey,
        notes=["Added: a reflection with the elders and youth of the three villages, a month after the exhibition."],
    )
    services.proposal_resubmit(proposal=ip, by=srey)
    approve = "Approved. Please send a progress report a month after the performance, with photos."
    services.proposal_approve(proposal=ip, by=coordinator, message=approve)
    services.proposal_start_implementation(proposal=ip, by=srey)
    date_back(
        ip,
        created=-70,
        # created, first text, submitted, revised, resubmitted
        versions=[-70, -70, -60, -47, -45],
        changes=[-60, -58, -50, -45, -40, -35],
        submitted=-45,
        decided=-40,
    )
    ReviewAnswer.objects.filter(assignment__proposal=ip).update(answered_at=at(-46, 9))
    record_spending(ip, by=srey)
    check_and_revise(ip, coordinator=coordinator, by=srey)
    return ip


def _seed_pwd(call: Call, coordinator: User) -> Proposal:
    """CoP-PwD: submitted and with its reviewer, who has not scored it yet: her draft, two scores of four,
    waits past its due date (yesterday), so the coordinators' deadlines show a late review."""
    samphous = User.objects.get(email="samphous@demo.example")
    pwd = _draft(call, "cop-pwd")
    services.proposal_submit(proposal=pwd, by=samphous)
    assignment = add_review(pwd, User.objects.get(email="bopha@demo.example"), coordinator, assigned=-15)
    save_review_draft(
        assignment,
        scores=[4, 3],
        for_authors="Clear about who takes part. Say how the sign-language interpreters are paid.",
        saved=-3,
    )
    date_back(pwd, created=-50, versions=[-50, -50, -20], changes=[-20, -15], submitted=-20)
    return pwd
