"""The demo network's communities of practice and their communities of stakeholders.

In Voice Cambodia the grantee partners formed communities of practice around rightsholder groups,
facilitated by Live & Learn Cambodia, each linked with media, UN agencies, donors and government.
Dara Kim (leader@demo.example) is deliberately in none of them, so he can try asking to join.
Built through the communities' services (members ask to join and the facilitator approves), then
dated back to when it happened.
"""

import datetime

from communities.enums import StakeholderRole
from communities.models import Community, CommunityOrganisation, Membership, StakeholderLink
from communities.services import (
    community_create,
    membership_approve,
    membership_request,
    organisation_add,
    stakeholder_link_create,
)
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


def _community(short_name, name, themes, groups, purpose, *, by: User, facilitator: User) -> Community:
    community = Community.objects.filter(short_name=short_name).first()
    if community is None:
        community = community_create(
            by=by,
            name=name,
            short_name=short_name,
            purpose=purpose,
            themes=FocusArea.objects.filter(slug__in=themes),
            rightsholder_groups=RightsholderGroup.objects.filter(slug__in=groups),
            facilitators=[facilitator],
        )
        Community.objects.filter(pk=community.pk).update(created_at=STARTED)
        community.memberships.update(created_at=STARTED, decided_at=STARTED)
    return community


def _link(community, organisation, *, by: User, role, note, since) -> None:
    if not StakeholderLink.objects.filter(community=community, organisation=organisation).exists():
        stakeholder_link_create(
            community=community, organisation=organisation, role=role, note=note, started_on=since, by=by
        )


def seed_communities(*, by: User) -> list[Community]:
    """Add the four demo communities and what is missing of their organisations, members, requests and
    stakeholder links, as `by` (the coordinator) and their facilitator would. Run after the people and
    organisations exist. Nothing that exists is changed.
    """
    organisations = {org.acronym: org for org in Organisation.objects.exclude(acronym="")}
    facilitator = User.objects.get(email=FACILITATOR)
    voice = Organisation.objects.get(name="Voice")
    by_short_name = {}
    for short_name, name, themes, groups, purpose, acronyms in COMMUNITIES:
        community = _community(short_name, name, themes, groups, purpose, by=by, facilitator=facilitator)
        for acronym in acronyms:
            organisation = organisations[acronym]
            if not CommunityOrganisation.objects.filter(community=community, organisation=organisation).exists():
                organisation_add(community=community, organisation=organisation, joined_on=STARTED.date(), by=by)
        _link(
            community,
            voice,
            by=by,
            role=StakeholderRole.FUNDER,
            note="Grant facility of the grantee partners.",
            since=VOICE_FUNDS_SINCE,
        )
        by_short_name[short_name] = community

    for short_name, email, joined in MEMBERS:
        community, person = by_short_name[short_name], User.objects.get(email=email)
        if not Membership.objects.filter(community=community, person=person).exists():
            membership = membership_request(community=community, person=person)
            membership_approve(membership=membership, by=facilitator)
            Membership.objects.filter(pk=membership.pk).update(created_at=_at(joined), decided_at=_at(joined))
    for short_name, email, message in REQUESTS:
        community, person = by_short_name[short_name], User.objects.get(email=email)
        if not Membership.objects.filter(community=community, person=person).exists():
            membership = membership_request(community=community, person=person, message=message)
            Membership.objects.filter(pk=membership.pk).update(created_at=_at(datetime.date(2024, 2, 5)))
    for short_name, stakeholder, role, note, since in STAKEHOLDER_LINKS:
        organisation = Organisation.objects.get(name=stakeholder)
        _link(by_short_name[short_name], organisation, by=by, role=role, note=note, since=since)
    return list(by_short_name.values())
