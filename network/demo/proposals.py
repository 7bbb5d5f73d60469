"""The demo call for proposals and the three proposals the communities drafted in the consultation
workshops: CoP-IP's is approved and being carried out (with expenses and a progress report),
CoP-PwD's is under review, CoP-OPA's is still a draft.

Dates are counted from the day the demo is loaded, so the call is open and the draft can be
submitted. Rows are found by their natural keys and updated, so running it again gives the same data.
"""

import copy
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from communities.models import Community
from members.models import Organisation, User
from proposals.domain.money import convert
from proposals.enums import ActivityStatus, BudgetCategory, ProposalStatus, ReportKind, VersionKind
from proposals.models import (
    ActivityProgress,
    BaselineLine,
    BudgetLine,
    Call,
    CallSection,
    ExchangeRate,
    Expense,
    KeyActivity,
    ProgressReport,
    Proposal,
    ProposalVersion,
    ReviewAssignment,
    ReviewCriterion,
    ReviewScore,
    StatusChange,
)
from proposals.services.drafting import content_of

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
KHR_PER_USD = Decimal("4100")
V, P, T, M, F, C, A = (
    BudgetCategory.VENUE,
    BudgetCategory.PERSONNEL,
    BudgetCategory.TRAVEL,
    BudgetCategory.MATERIALS,
    BudgetCategory.MEALS,
    BudgetCategory.COMMUNICATION,
    BudgetCategory.ADMINISTRATION,
)

SECTIONS = [
    "How do rightsholders lead the project?",
    "What will the community of practice learn, and share with the network?",
]
CRITERIA = [
    ("Relevance to rightsholders", 30),
    ("Participation and ownership", 25),
    ("Feasibility", 25),
    ("Value for money", 20),
]


def _day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def _at(offset: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(_day(offset), datetime.time(hour, 0), tzinfo=PHNOM_PENH)


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


def _organisations():
    return {organisation.acronym or organisation.name: organisation for organisation in Organisation.objects.all()}


def _seed_call(coordinator) -> Call:
    call, _ = Call.objects.update_or_create(
        slug="voice-small-grants-2024",
        defaults={
            "title": "Voice Linking and Learning small grants 2024",
            "description": "Small grants for the communities of practice to carry out the key activities they "
            "planned in the consultation workshops.\n\n- Up to **5,000 USD** a proposal\n"
            "- Budgets in USD or KHR, with the exchange rate you used\n"
            "- Activities led by rightsholders",
            "opens_at": _at(-75, 8),
            "closes_at": _at(45, 17),
            "original_closes_at": None,
            "time_zone": "Asia/Phnom_Penh",
            "budget_ceiling": Decimal("5000.00"),
            "currency": "USD",
            "created_by": coordinator,
        },
    )
    call.eligible_communities.set(Community.objects.filter(slug__in=PROPOSALS))
    for position, heading in enumerate(SECTIONS, start=1):
        CallSection.objects.update_or_create(call=call, position=position, defaults={"heading": heading})
    for position, (title, weight) in enumerate(CRITERIA, start=1):
        ReviewCriterion.objects.update_or_create(
            call=call, position=position, defaults={"title": title, "weight": weight}
        )
    return call


def _seed_proposal(call, slug, spec, *, status, created, coordinator) -> Proposal:
    community = Community.objects.get(slug=slug)
    authors = list(User.objects.filter(email__in=spec["authors"]).order_by("email"))
    sections = list(call.sections.order_by("position"))
    proposal, _ = Proposal.objects.update_or_create(
        call=call,
        community=community,
        defaults={
            "title": spec["title"],
            "summary": spec["summary"],
            "problem": spec["problem"],
            "objectives": spec["objectives"],
            "rightsholders": spec["rightsholders"],
            "expected_reach": spec["expected_reach"],
            "risks": spec["risks"],
            "section_answers": {str(s.pk): text for s, text in zip(sections, spec["answers"], strict=True)},
            "status": status,
            "created_by": User.objects.get(email=spec["authors"][0]),
            "created_at": _at(created),
        },
    )
    proposal.authors.set(authors)
    proposal.stakeholders.set(Organisation.objects.filter(name__in=spec["stakeholders"]))
    organisations = _organisations()
    activities = []
    for title, start, days, place, organisation, outputs in spec["activities"]:
        activity, _ = KeyActivity.objects.update_or_create(
            proposal=proposal,
            title=title,
            defaults={
                "starts_on": _day(start),
                "ends_on": _day(start + days - 1),
                "place": place,
                "responsible_organisation": organisations.get(organisation),
                "expected_outputs": outputs,
                "description": "",
            },
        )
        activities.append(activity)
    proposal.activities.exclude(pk__in=[a.pk for a in activities]).delete()
    for position, (category, activity, description, unit, quantity, cost, currency, co_funding, source) in enumerate(
        spec["lines"], start=1
    ):
        BudgetLine.objects.update_or_create(
            proposal=proposal,
            position=position,
            defaults={
                "category": category,
                "activity": activities[activity - 1] if activity else None,
                "description": description,
                "unit": unit,
                "quantity": Decimal(quantity),
                "unit_cost": Decimal(cost),
                "currency": currency,
                "co_funding": Decimal(co_funding),
                "co_funding_source": source,
            },
        )
    proposal.budget_lines.filter(position__gt=len(spec["lines"])).delete()
    if spec.get("no_rates"):
        proposal.exchange_rates.all().delete()
    else:
        ExchangeRate.objects.update_or_create(
            proposal=proposal,
            currency="KHR",
            defaults={"rate": KHR_PER_USD, "set_by": authors[0], "set_at": _at(created)},
        )
    return proposal


def _versions(proposal, steps, authors):
    """steps: (days ago, kind, early?) in order; an early version lacks the reflection and has the first summary."""
    content = content_of(proposal)
    for number, (offset, kind, early) in enumerate(steps, start=1):
        text = copy.deepcopy(content)
        if early:
            spec = PROPOSALS[proposal.community.slug]
            text["fields"]["summary"] = spec.get("early_summary", spec["summary"])
            reflection = spec.get("reflection")
            if reflection:
                text["activities"] = [line for line in text["activities"] if reflection not in line]
                text["budget"] = [line for line in text["budget"] if reflection not in line]
        ProposalVersion.objects.update_or_create(
            proposal=proposal,
            number=number,
            defaults={
                "kind": kind,
                "content": text,
                "saved_by": authors[number % len(authors)],
                "saved_at": _at(offset, 10),
            },
        )
    proposal.versions.filter(number__gt=len(steps)).delete()
    Proposal.objects.filter(pk=proposal.pk).update(version=len(steps))


def _history(proposal, changes):
    """changes: (days ago, from, to, by, message)."""
    proposal.status_changes.all().delete()
    StatusChange.objects.bulk_create(
        [
            StatusChange(proposal=proposal, from_status=old, to_status=new, by=by, message=message, at=_at(offset, 11))
            for offset, old, new, by, message in changes
        ]
    )


def _review(proposal, reviewer, coordinator, *, assigned, scores=None, for_coordinators="", for_authors=""):
    assignment, _ = ReviewAssignment.objects.update_or_create(
        proposal=proposal,
        reviewer=reviewer,
        defaults={
            "assigned_by": coordinator,
            "assigned_at": _at(assigned),
            "submitted_at": _at(assigned + 4) if scores else None,
            "comment_for_coordinators": for_coordinators,
            "comment_for_authors": for_authors,
        },
    )
    for criterion, score in zip(proposal.call.criteria.order_by("position"), scores or [], strict=False):
        ReviewScore.objects.update_or_create(assignment=assignment, criterion=criterion, defaults={"score": score})
    return assignment


def _baseline(proposal):
    rates = {"USD": Decimal(1), "KHR": KHR_PER_USD}
    lines = []
    for line in proposal.budget_lines.select_related("activity").order_by("position"):
        rate = rates[line.currency]
        baseline, _ = BaselineLine.objects.update_or_create(
            proposal=proposal,
            position=line.position,
            defaults={
                "category": line.category,
                "activity_title": line.activity.title if line.activity else "",
                "description": line.description,
                "unit": line.unit,
                "quantity": line.quantity,
                "unit_cost": line.unit_cost,
                "currency": line.currency,
                "rate": rate,
                "co_funding": line.co_funding,
                "co_funding_source": line.co_funding_source,
                "approved_amount": convert(line.total, rate) - convert(line.co_funding, rate),
            },
        )
        lines.append(baseline)
    return lines


def seed_proposals() -> list[Proposal]:
    """Create or refresh the demo call and its three proposals. Run after seed_communities()."""
    coordinator = User.objects.get(email="coordinator@demo.example")
    facilitator = User.objects.get(email="facilitator@demo.example")
    call = _seed_call(coordinator)

    # CoP-IP: submitted, sent back once for a reflection, resubmitted, approved and under way.
    ip = _seed_proposal(
        call,
        "cop-ip",
        PROPOSALS["cop-ip"],
        status=ProposalStatus.IN_IMPLEMENTATION,
        created=-70,
        coordinator=coordinator,
    )
    srey = User.objects.get(email="srey@demo.example")
    _versions(
        ip,
        [
            (-70, VersionKind.SAVED, True),
            (-60, VersionKind.SUBMITTED, True),
            (-47, VersionKind.SAVED, False),
            (-45, VersionKind.RESUBMITTED, False),
        ],
        [srey, facilitator],
    )
    revise = "Please add a reflection with the elders and youth after the exhibition, and say who pays the radio spots."
    approve = "Approved. Please send a progress report a month after the performance, with photos."
    _history(
        ip,
        [
            (-60, ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, srey, ""),
            (-58, ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, coordinator, ""),
            (-50, ProposalStatus.UNDER_REVIEW, ProposalStatus.REVISIONS_REQUESTED, coordinator, revise),
            (-45, ProposalStatus.REVISIONS_REQUESTED, ProposalStatus.RESUBMITTED, srey, ""),
            (-40, ProposalStatus.RESUBMITTED, ProposalStatus.APPROVED, coordinator, approve),
            (-35, ProposalStatus.APPROVED, ProposalStatus.IN_IMPLEMENTATION, srey, ""),
        ],
    )
    Proposal.objects.filter(pk=ip.pk).update(submitted_at=_at(-45, 11), decided_at=_at(-40, 11))
    _review(
        ip,
        User.objects.get(email="leader@demo.example"),
        coordinator,
        assigned=-58,
        scores=[5, 5, 4, 4],
        for_coordinators="Strong ownership by the Kuy elders; the budget is modest.",
        for_authors="A lovely idea. A reflection afterwards would help the community learn from it.",
    )
    lines = {line.description: line for line in _baseline(ip)}
    expenses = [
        (-30, "Hall for the performance and the exhibition", "200.00", "USD", "1", "Hall rental, 8 days"),
        (-26, "Performers' fees", "300.00", "USD", "1", "Fees of 12 performers"),
        (-26, "Transport of performers from the villages", "738000", "KHR", "4100", "Minibus from three villages"),
        (-22, "Printing the exhibition panels", "2542000", "KHR", "4100", "20 panels, printer in Siem Reap"),
    ]
    for offset, line, amount, currency, rate, description in expenses:
        Expense.objects.update_or_create(
            proposal=ip,
            description=description,
            defaults={
                "line": lines[line],
                "spent_on": _day(offset),
                "amount": Decimal(amount),
                "currency": currency,
                "rate": Decimal(rate),
                "amount_in_call_currency": convert(Decimal(amount), Decimal(rate)),
                "recorded_by": srey,
                "recorded_at": _at(offset, 16),
            },
        )
    report, _ = ProgressReport.objects.update_or_create(
        proposal=ip,
        kind=ReportKind.PROGRESS,
        period="The first month",
        defaults={
            "narrative": "About **320 people** came to the performance, among them the deputy provincial governor. "
            "Elders told three stories in Kuy; the youth groups danced.\n\n"
            "- The exhibition is open until the end of the week\n"
            "- Printing the panels cost more than planned: the printer was in Siem Reap\n"
            "- The reflection is planned for next month",
            "submitted_by": srey,
            "submitted_at": _at(-10, 15),
        },
    )
    progress = [ActivityStatus.COMPLETED, ActivityStatus.IN_PROGRESS, ActivityStatus.NOT_STARTED]
    for activity, status in zip(ip.activities.order_by("starts_on", "pk"), progress, strict=True):
        ActivityProgress.objects.update_or_create(
            report=report, activity=activity, defaults={"status": status, "note": ""}
        )

    # CoP-PwD: submitted and with its reviewer, who has not scored it yet.
    pwd = _seed_proposal(
        call, "cop-pwd", PROPOSALS["cop-pwd"], status=ProposalStatus.UNDER_REVIEW, created=-50, coordinator=coordinator
    )
    samphous = User.objects.get(email="samphous@demo.example")
    _versions(pwd, [(-50, VersionKind.SAVED, False), (-20, VersionKind.SUBMITTED, False)], [samphous, facilitator])
    _history(
        pwd,
        [
            (-20, ProposalStatus.DRAFT, ProposalStatus.SUBMITTED, samphous, ""),
            (-15, ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, coordinator, ""),
        ],
    )
    Proposal.objects.filter(pk=pwd.pk).update(submitted_at=_at(-20, 11), decided_at=None)
    _review(pwd, User.objects.get(email="bopha@demo.example"), coordinator, assigned=-15)

    # CoP-OPA: a draft, still without the KHR rate.
    opa = _seed_proposal(
        call, "cop-opa", PROPOSALS["cop-opa"], status=ProposalStatus.DRAFT, created=-10, coordinator=coordinator
    )
    vuthy = User.objects.get(email="member@demo.example")
    _versions(opa, [(-10, VersionKind.SAVED, False)], [vuthy])
    _history(opa, [])
    Proposal.objects.filter(pk=opa.pk).update(submitted_at=None, decided_at=None)
    return [ip, pwd, opa]
