"""The demo network's communities of practice and their communities of stakeholders.

In Voice Cambodia the grantee partners formed communities of practice around rightsholder groups,
facilitated by Live & Learn Cambodia, each linked with media, UN agencies, donors and government.
Dara Kim (leader@demo.example) is deliberately in none of them, so he can try asking to join.
"""

import datetime

from django.utils.text import slugify

from communities.enums import MembershipRole, MembershipStatus, StakeholderRole
from communities.models import Community, CommunityOrganisation, Membership, StakeholderLink
from members.models import FocusArea, Organisation, RightsholderGroup, User

STARTED = datetime.datetime(2021, 11, 15, 2, 0, tzinfo=datetime.UTC)

# short name, name, themes, rightsholder groups, purpose, member organisations (acronyms)
COMMUNITIES = [
    (
        "CoP-Women",
        "Community of Practice on Women's Rights and Leadership",
        ["women", "governance-and-advocacy", "labour-rights"],
        ["women"],
        "Women-led and women's rights organisations share how they build women's leadership, "
        "defend women workers and make their voices heard in local and national dialogue.",
        ["AUA", "WPM", "CFSWF"],
    ),
    (
        "CoP-PwD",
        "Community of Practice on the Rights of People with Disabilities",
        ["disability", "social-protection", "labour-rights"],
        ["people-with-disabilities"],
        "Organisations working with people with disabilities learn together how to make social protection, "
        "decent work and public services inclusive, and speak with one voice to government.",
        ["HAC", "IDEA", "IHPP"],
    ),
    (
        "CoP-IP",
        "Community of Practice of Indigenous Peoples",
        ["indigenous-peoples", "arts-and-culture", "education"],
        ["indigenous-peoples"],
        "Indigenous peoples' organisations and their allies exchange ways to keep languages and culture alive "
        "and to claim land, education and participation rights.",
        ["CIPL", "WPM"],
    ),
    (
        "CoP-OPA",
        "Community of Practice on Older People and People with Disabilities",
        ["elderly-people", "disability", "social-protection"],
        ["older-people", "people-with-disabilities"],
        "Older people's associations and disability organisations learn from each other's community-based "
        "approaches to care, income security and inclusion in local planning.",
        ["HAC", "IDEA"],
    ),
]

FACILITATOR = "facilitator@demo.example"
# community, e-mail, joined
MEMBERS = [
    ("CoP-Women", "narom@demo.example", datetime.date(2021, 12, 1)),
    ("CoP-PwD", "samphous@demo.example", datetime.date(2021, 12, 3)),
    ("CoP-IP", "srey@demo.example", datetime.date(2021, 12, 6)),
    ("CoP-OPA", "member@demo.example", datetime.date(2022, 1, 10)),
]
# community, e-mail, message: a request waiting for the facilitator
REQUESTS = [
    (
        "CoP-Women",
        "malay@demo.example",
        "Most of our members in food and service work are women; we would like to learn from AUA and WPM.",
    ),
]

# community, stakeholder name, role, note, since
STAKEHOLDER_LINKS = [
    (
        "CoP-IP",
        "BBC Media Action",
        StakeholderRole.MEDIA_PARTNER,
        "KLAHAN9 SPACE tells stories of indigenous communities in their own words.",
        datetime.date(2023, 11, 8),
    ),
    (
        "CoP-Women",
        "BBC Media Action",
        StakeholderRole.MEDIA_PARTNER,
        "Stories of women leaders for KLAHAN9 SPACE.",
        datetime.date(2023, 11, 8),
    ),
    (
        "CoP-PwD",
        "International Labour Organization",
        StakeholderRole.TECHNICAL_ADVISER,
        "Advises on disability inclusion in decent employment and social security.",
        datetime.date(2023, 11, 8),
    ),
    (
        "CoP-OPA",
        "Ministry of Social Affairs, Veterans and Youth Rehabilitation",
        StakeholderRole.GOVERNMENT_COUNTERPART,
        "Counterpart for the national ageing and disability policies.",
        datetime.date(2022, 6, 1),
    ),
]
VOICE_FUNDS_SINCE = datetime.date(2021, 10, 21)


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(3, 0), tzinfo=datetime.UTC)


def seed_communities() -> list[Community]:
    """Create or refresh the four demo communities. Run after seed_members(), whose people and
    organisations they use. Running it again gives the same data.
    """
    organisations = {org.acronym: org for org in Organisation.objects.exclude(acronym="")}
    facilitator = User.objects.get(email=FACILITATOR)
    voice = Organisation.objects.get(name="Voice")
    by_short_name = {}
    for short_name, name, themes, groups, purpose, acronyms in COMMUNITIES:
        community, _ = Community.objects.update_or_create(
            slug=slugify(short_name),
            defaults={
                "name": name,
                "short_name": short_name,
                "purpose": purpose,
                "is_active": True,
                "created_at": STARTED,
            },
        )
        community.themes.set(FocusArea.objects.filter(slug__in=themes))
        community.rightsholder_groups.set(RightsholderGroup.objects.filter(slug__in=groups))
        for acronym in acronyms:
            CommunityOrganisation.objects.update_or_create(
                community=community,
                organisation=organisations[acronym],
                defaults={"joined_on": STARTED.date()},
            )
        _membership(community, facilitator, MembershipRole.FACILITATOR, MembershipStatus.ACTIVE, STARTED)
        StakeholderLink.objects.update_or_create(
            community=community,
            organisation=voice,
            defaults={
                "role": StakeholderRole.FUNDER,
                "note": "Grant facility of the grantee partners.",
                "started_on": VOICE_FUNDS_SINCE,
            },
        )
        by_short_name[short_name] = community

    for short_name, email, joined in MEMBERS:
        person = User.objects.get(email=email)
        _membership(by_short_name[short_name], person, MembershipRole.MEMBER, MembershipStatus.ACTIVE, _at(joined))
    for short_name, email, message in REQUESTS:
        person = User.objects.get(email=email)
        _membership(
            by_short_name[short_name],
            person,
            MembershipRole.MEMBER,
            MembershipStatus.REQUESTED,
            None,
            message=message,
            created_at=_at(datetime.date(2024, 2, 5)),
        )
    for short_name, stakeholder, role, note, since in STAKEHOLDER_LINKS:
        StakeholderLink.objects.update_or_create(
            community=by_short_name[short_name],
            organisation=Organisation.objects.get(name=stakeholder),
            defaults={"role": role, "note": note, "started_on": since},
        )
    return list(by_short_name.values())


def _membership(community, person, role, status, decided_at, message="", created_at=None):
    Membership.objects.update_or_create(
        community=community,
        person=person,
        defaults={
            "role": role,
            "status": status,
            "message": message,
            "created_at": created_at or decided_at,
            "decided_at": decided_at,
        },
    )
