"""The demo stakeholder register: media, UN agencies, the donor and government counterparts,
with their contact people and the interactions the seed documents record.
"""

import datetime

from members.enums import InteractionKind, OrganisationKind, StakeholderType
from members.models import Organisation, User
from members.services import contact_person_save, interaction_record

from .organisations import add_organisation

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


def seed_stakeholders(*, by: User) -> None:
    """Add the stakeholders that are missing, each with its contact people and interactions.
    A stakeholder already in the register is left as it is, with its contacts and log."""
    for name, acronym, stakeholder_type, mission, contacts, interactions in STAKEHOLDERS:
        if Organisation.objects.filter(name=name).exists():
            continue
        stakeholder = add_organisation(
            by=by,
            name=name,
            acronym=acronym,
            kind=OrganisationKind.STAKEHOLDER,
            stakeholder_type=stakeholder_type,
            focus=[],
            groups=[],
            regions=[],
            mission=mission,
        )
        for contact_name, position in contacts:
            contact_person_save(organisation=stakeholder, by=by, name=contact_name, position=position)
        for happened_on, kind, summary in interactions:
            interaction_record(organisation=stakeholder, by=by, happened_on=happened_on, kind=kind, summary=summary)
