"""The demo network's organisations: the members, from the seed documents where they name them,
and the facilitating organisation. Added through the directory's service, as a coordinator would.
"""

import datetime

from django.utils.text import slugify

from members.enums import OrganisationKind
from members.models import FocusArea, Organisation, Region, RightsholderGroup, User
from members.services import organisation_create

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


def add_organisation(*, by: User, name, acronym, kind, focus, groups, regions, mission, **fields) -> Organisation:
    """The organisation called `name`, added to the directory through its service unless it is there already."""
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is not None:
        return organisation
    return organisation_create(
        by=by,
        name=name,
        acronym=acronym,
        kind=kind,
        mission=mission,
        focus_areas=list(FocusArea.objects.filter(slug__in=focus)),
        rightsholder_groups=list(RightsholderGroup.objects.filter(slug__in=groups)),
        regions=list(Region.objects.filter(slug__in=[f"kh-{region}" for region in regions])),
        **fields,
    )


def _contact(acronym: str) -> dict:
    slug = slugify(acronym)
    return {"email": f"info@{slug}.example", "phone": "+855 23 000 000", "website": f"https://{slug}.example/"}


def seed_organisations(*, by: User) -> None:
    """Add the member and facilitating organisations that are missing from the directory, recorded as
    added by `by` (the demo coordinator)."""
    rows = [(row, datetime.date(2017, 3 + index % 9, 1)) for index, row in enumerate(CLLC_MEMBERS)]
    rows += [(row, datetime.date(2021, 10, 21)) for row in VOICE_GRANTEES]
    for (name, acronym, focus, groups, regions, mission), joined in rows:
        add_organisation(
            by=by,
            name=name,
            acronym=acronym,
            kind=OrganisationKind.MEMBER,
            focus=focus,
            groups=groups,
            regions=regions,
            mission=mission,
            joined_on=joined,
            **_contact(acronym),
        )
    name, acronym, focus, groups, regions, mission = FACILITATOR
    add_organisation(
        by=by,
        name=name,
        acronym=acronym,
        kind=OrganisationKind.FACILITATOR,
        focus=focus,
        groups=groups,
        regions=regions,
        mission=mission,
        joined_on=datetime.date(2021, 10, 21),
        **_contact(acronym),
    )
