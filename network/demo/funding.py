"""The demo's funding opportunity from the network's story: the ILO's decent-employment call, and a
consortium of three member organisations preparing an application to it."""

from decimal import Decimal

from members.models import FocusArea, Organisation, Region, RightsholderGroup, User
from network.models import FundingOpportunity
from network.services import funding

from .dates import day

TITLE = "Decent Employment for Youth and Persons with Disabilities: grants to civil society"
# lead, then the partners and their roles; each organisation's leader acts for it.
LEAD = ("IDEA", "samphous@demo.example")
PARTNERS = [
    ("CFSWF", "malay@demo.example", "Outreach to food and service workers; social security know-how"),
    ("AUA", "narom@demo.example", "Peer educators; inclusion of people living with HIV"),
]
STEPS = [
    ("Concept note (2 pages)", "samphous@demo.example", 7),
    ("Budget in USD with each partner's share", "malay@demo.example", 12),
    ("Letters of support from the three boards", "narom@demo.example", 15),
]


def _organisation(acronym):
    found = Organisation.objects.filter(acronym=acronym)
    return found.first() if found.count() == 1 else None


def seed_funding() -> None:
    """Post the ILO call and its consortium when the call is missing and the demo's organisations and
    leaders are there; otherwise change nothing."""
    if FundingOpportunity.objects.filter(title=TITLE).exists():
        return
    coordinator = User.objects.filter(email="coordinator@demo.example").first()
    lead = _organisation(LEAD[0])
    lead_leader = User.objects.filter(email=LEAD[1]).first()
    partners = [
        (_organisation(acronym), User.objects.filter(email=email).first(), role) for acronym, email, role in PARTNERS
    ]
    if coordinator is None or lead is None or lead_leader is None or any(None in partner for partner in partners):
        return
    call = funding.opportunity_save(
        by=coordinator,
        donor="International Labour Organization (ILO)",
        title=TITLE,
        url="https://www.ilo.org/",
        deadline=day(24),
        amount_min=Decimal("20000"),
        amount_max=Decimal("60000"),
        currency="USD",
        summary="Projects that open decent jobs to young people and persons with disabilities: skills, "
        "job placement with employers, and **social security** registration for informal workers.",
        how_to_apply="1. Send a concept note of two pages.\n2. Shortlisted applicants send a full proposal and budget.\n"
        "3. Consortia of local organisations are welcome; name one lead.",
        themes=list(FocusArea.objects.filter(slug__in=["labour-rights", "disability", "youth", "social-protection"])),
        regions=list(Region.objects.filter(slug__in=["kh-phnom-penh", "kh-siem-reap", "kh-battambang"])),
        rightsholder_groups=list(
            RightsholderGroup.objects.filter(slug__in=["youth", "people-with-disabilities", "informal-economy-workers"])
        ),
    )
    funding.opportunity_set_featured(opportunity=call, featured=True, by=coordinator)
    consortium = funding.consortium_create(opportunity=call, lead=lead, by=lead_leader)
    for organisation, leader, role in partners:
        partner = funding.consortium_invite(consortium=consortium, organisation=organisation, role=role, by=lead_leader)
        funding.consortium_partner_answer(partner=partner, accept=True, by=leader)
    people = {person.email: person for person in User.objects.filter(email__in=[email for _t, email, _d in STEPS])}
    for title, email, offset in STEPS:
        funding.consortium_step_add(
            consortium=consortium, title=title, owner=people[email], due_on=day(offset), by=lead_leader
        )
    funding.consortium_message_post(
        consortium=consortium,
        author=lead_leader,
        body="Thank you both for joining. I will draft the concept note this week; please send me your "
        "target numbers (young people, persons with disabilities) by Friday.",
    )
