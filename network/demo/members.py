"""The demo network's organisations and people, from the seed documents where they name them."""

import datetime

from allauth.account.models import EmailAddress
from django.utils.text import slugify

from members.enums import AffiliationRole, InteractionKind, OrganisationKind, Role, StakeholderType
from members.models import (
    Affiliation,
    ContactPerson,
    ExpertiseTag,
    FocusArea,
    Interaction,
    Organisation,
    Region,
    RightsholderGroup,
    User,
)

DEMO_PASSWORD = "demo-network-2026"
# The Voice Linking and Learning kick-off: the demo people have been members since then.
MEMBERS_SINCE = datetime.datetime(2021, 10, 21, 2, 0, tzinfo=datetime.UTC)

# name, acronym, focus areas, rightsholder groups, regions, mission
CLLC_MEMBERS = [
    (
        "Siem Reap Children's Learning Centre",
        "SRCLC",
        ["education", "child-wellbeing"],
        ["children"],
        ["siem-reap"],
        "Free after-school classes in Khmer, English and computing for children from rural villages.",
    ),
    (
        "Angkor Girls' Education Fund",
        "AGEF",
        ["education", "women"],
        ["children", "women"],
        ["siem-reap", "oddar-meanchey"],
        "Scholarships, bicycles and mentoring so that girls finish secondary school.",
    ),
    (
        "Tonle Sap Floating Schools",
        "TSFS",
        ["education"],
        ["children", "rural-communities"],
        ["kampong-chhnang", "pursat"],
        "Classrooms on the lake for children of fishing families.",
    ),
    (
        "Khmer Women's Voice Centre",
        "KWVC",
        ["women", "governance-and-advocacy"],
        ["women"],
        ["phnom-penh", "kandal"],
        "Leadership training and legal aid for women facing violence.",
    ),
    (
        "Battambang Youth Arts",
        "BYA",
        ["arts-and-culture", "youth", "social-enterprise"],
        ["youth"],
        ["battambang"],
        "Circus, music and visual arts for young people, financed in part by a social enterprise.",
    ),
    (
        "Kampot Community Health Partners",
        "KCHP",
        ["health-and-hiv", "child-wellbeing"],
        ["children", "women"],
        ["kampot", "kep"],
        "Mother and child health education through village health volunteers.",
    ),
    (
        "Mekong Literacy Network",
        "MLN",
        ["education"],
        ["children", "youth"],
        ["kratie", "stung-treng"],
        "Community libraries and reading clubs along the Mekong.",
    ),
    (
        "Safe Haven Children's Village",
        "SHCV",
        ["child-wellbeing"],
        ["children"],
        ["phnom-penh"],
        "Family-based care and reintegration for children without parental care.",
    ),
]

VOICE_GRANTEES = [
    (
        "Independent Democratic Informal Economy Association",
        "IDEA",
        ["labour-rights", "social-protection"],
        ["informal-economy-workers"],
        ["phnom-penh"],
        "Organises informal economy workers and improves the working conditions and rights of domestic workers.",
    ),
    (
        "HelpAge Cambodia",
        "HAC",
        ["elderly-people", "disability", "social-protection"],
        ["older-people", "people-with-disabilities"],
        ["battambang", "kampong-cham", "phnom-penh"],
        "Inclusion of older people and older people with disabilities through older people's associations.",
    ),
    (
        "Impact Hub Phnom Penh",
        "IHPP",
        ["social-enterprise", "youth"],
        ["youth"],
        ["phnom-penh"],
        "Supports social entrepreneurs and organises the NOW-Us! Award.",
    ),
    (
        "Cambodian Food and Service Workers Federation",
        "CFSWF",
        ["labour-rights", "social-protection"],
        ["informal-economy-workers", "women"],
        ["phnom-penh", "siem-reap"],
        "Makes the national social security law transparent and inclusive for food and service workers.",
    ),
    (
        "ARV Users Association",
        "AUA",
        ["health-and-hiv", "women"],
        ["people-living-with-hiv", "women"],
        ["phnom-penh", "battambang"],
        "Peer support and advocacy by and for people living with HIV.",
    ),
    (
        "Women Peace Makers Organization",
        "WPM",
        ["women", "governance-and-advocacy"],
        ["women", "youth"],
        ["phnom-penh", "ratanakiri"],
        "Peacebuilding, dialogue and women's leadership in communities.",
    ),
    (
        "Conserve Indigenous Peoples Languages Organisation",
        "CIPL",
        ["indigenous-peoples", "arts-and-culture", "education"],
        ["indigenous-peoples"],
        ["preah-vihear", "kampong-thom", "mondulkiri"],
        "Keeps indigenous languages such as Kuy alive through education, performance and exhibitions.",
    ),
]

FACILITATOR = (
    "Live & Learn Cambodia",
    "LLC",
    ["education", "environment-and-climate", "governance-and-advocacy"],
    [],
    ["phnom-penh"],
    "Linking and Learning facilitator of Voice in Cambodia; runs capacity-strengthening sessions.",
)

# name, acronym, type, mission, contacts [(name, position)], interactions [(date, kind, summary)]
STAKEHOLDERS = [
    (
        "BBC Media Action",
        "",
        StakeholderType.MEDIA,
        "Media for development; the KLAHAN9 SPACE project tells stories of diverse groups, indigenous communities among them.",
        [("Sophea Meas", "Project manager, KLAHAN9 SPACE")],
        [
            (
                datetime.date(2023, 11, 8),
                InteractionKind.PRESENTATION,
                "BBC Media Action introduced the KLAHAN9 SPACE project at the consultation workshop of 8 to 10 November 2023.",
            )
        ],
    ),
    (
        "International Labour Organization",
        "ILO",
        StakeholderType.UN_AGENCY,
        "UN agency for the world of work.",
        [("Rithy Heng", "National project coordinator")],
        [
            (
                datetime.date(2023, 11, 8),
                InteractionKind.PRESENTATION,
                "ILO presented Decent Employment for Youth in Cambodia at the consultation workshop of 8 to 10 November 2023.",
            )
        ],
    ),
    (
        "Voice",
        "",
        StakeholderType.DONOR,
        "Grant facility supporting rightsholder groups to amplify their voices.",
        [("Grant officer Cambodia", "Grants")],
        [],
    ),
    (
        "Ministry of Social Affairs, Veterans and Youth Rehabilitation",
        "MoSVY",
        StakeholderType.GOVERNMENT,
        "Government counterpart for social protection, older people and people with disabilities.",
        [],
        [],
    ),
    (
        "Ministry of Education, Youth and Sport",
        "MoEYS",
        StakeholderType.GOVERNMENT,
        "Government counterpart for education.",
        [],
        [],
    ),
]

# e-mail, name, role, organisation acronym, position, leader?, expertise
PEOPLE = [
    (
        "coordinator@demo.example",
        "Sokha Chan",
        Role.COORDINATOR,
        "LLC",
        "Network coordinator",
        False,
        ["facilitation", "monitoring and evaluation"],
    ),
    (
        "facilitator@demo.example",
        "Norah Lay",
        Role.MEMBER,
        "LLC",
        "Linking and Learning facilitator",
        False,
        ["facilitation", "communications"],
    ),
    ("leader@demo.example", "Dara Kim", Role.MEMBER, "SRCLC", "Director", True, ["education", "fundraising"]),
    (
        "member@demo.example",
        "Vuthy Sok",
        Role.MEMBER,
        "HAC",
        "Programme officer",
        False,
        ["older people's associations"],
    ),
    ("newcomer@demo.example", "Chenda Pich", Role.PENDING, None, "", False, []),
    ("narom@demo.example", "Narom Chhun", Role.MEMBER, "AUA", "Executive director", True, ["peer support", "advocacy"]),
    (
        "sokunthea@demo.example",
        "Heng Sokunthea",
        Role.MEMBER,
        "LLC",
        "Operation manager",
        True,
        ["budgeting", "grant management"],
    ),
    (
        "samphous@demo.example",
        "Von Samphous",
        Role.MEMBER,
        "IDEA",
        "Programme manager",
        True,
        ["informal economy", "advocacy"],
    ),
    ("malay@demo.example", "Tim Malay", Role.MEMBER, "CFSWF", "President", True, ["social protection", "labour law"]),
    ("srey@demo.example", "Srey Leak", Role.MEMBER, "CIPL", "Founder", True, ["Kuy language", "performance"]),
    (
        "bopha@demo.example",
        "Bopha Ros",
        Role.MEMBER,
        "AGEF",
        "Country director",
        True,
        ["girls' education", "fundraising"],
    ),
]


def _organisation(name, acronym, kind, focus, groups, regions, mission, stakeholder_type="", joined=None):
    organisation, _ = Organisation.objects.update_or_create(
        name=name,
        defaults={
            "slug": slugify(acronym or name)[:60],
            "acronym": acronym,
            "kind": kind,
            "stakeholder_type": stakeholder_type,
            "mission": mission,
            "joined_on": joined,
        },
    )
    if kind != OrganisationKind.STAKEHOLDER and not organisation.email:
        organisation.email = f"info@{slugify(acronym or name)}.example"
        organisation.phone = "+855 23 000 000"
        organisation.website = f"https://{slugify(acronym or name)}.example/"
        organisation.save(update_fields=["email", "phone", "website"])
    organisation.focus_areas.set(FocusArea.objects.filter(slug__in=focus))
    organisation.rightsholder_groups.set(RightsholderGroup.objects.filter(slug__in=groups))
    organisation.regions.set(Region.objects.filter(slug__in=[f"kh-{r}" for r in regions]))
    return organisation


def seed_members():
    """Create or refresh the demo organisations, people and stakeholders. Returns the people."""
    by_acronym = {}
    for index, row in enumerate(CLLC_MEMBERS):
        by_acronym[row[1]] = _organisation(
            *row[:2], OrganisationKind.MEMBER, *row[2:], joined=datetime.date(2017, 3 + index % 9, 1)
        )
    for row in VOICE_GRANTEES:
        by_acronym[row[1]] = _organisation(
            *row[:2], OrganisationKind.MEMBER, *row[2:], joined=datetime.date(2021, 10, 21)
        )
    by_acronym["LLC"] = _organisation(
        *FACILITATOR[:2], OrganisationKind.FACILITATOR, *FACILITATOR[2:], joined=datetime.date(2021, 10, 21)
    )
    for name, acronym, stakeholder_type, mission, contacts, interactions in STAKEHOLDERS:
        stakeholder = _organisation(name, acronym, OrganisationKind.STAKEHOLDER, [], [], [], mission, stakeholder_type)
        for contact_name, position in contacts:
            ContactPerson.objects.update_or_create(
                organisation=stakeholder, name=contact_name, defaults={"position": position}
            )
        for happened_on, kind, summary in interactions:
            Interaction.objects.get_or_create(
                organisation=stakeholder, happened_on=happened_on, kind=kind, summary=summary
            )

    people = []
    for email, name, role, acronym, position, leader, expertise in PEOPLE:
        person, _ = User.objects.update_or_create(
            email=email, defaults={"display_name": name, "role": role, "is_active": True}
        )
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=person, email=email, defaults={"verified": True, "primary": True})
        if acronym:
            Affiliation.objects.update_or_create(
                person=person,
                organisation=by_acronym[acronym],
                defaults={"position": position, "role": AffiliationRole.LEADER if leader else AffiliationRole.STAFF},
            )
        tags = [ExpertiseTag.objects.get_or_create(slug=slugify(tag), defaults={"name": tag})[0] for tag in expertise]
        person.expertise.set(tags)
        people.append(person)
    return people
