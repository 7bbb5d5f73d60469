"""The demo people and where they work, from the seed documents where they name them.

There is no service that creates an account outright (people sign up or accept an invitation, both by
e-mail), so the demo creates its accounts directly, verified, with the demo password.
"""

from allauth.account.models import EmailAddress

from members.enums import AffiliationRole, Role
from members.models import Affiliation, Organisation, User
from members.services import affiliation_add, expertise_tags_for

DEMO_PASSWORD = "demo-network-2026"
COORDINATOR = "coordinator@demo.example"

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

# What each demo login is for, as README.md lists them; the others are staff of the demo organisations.
WHAT_TO_TRY = {
    "coordinator@demo.example": "network coordinator (Live & Learn Cambodia)",
    "facilitator@demo.example": "Linking and Learning facilitator: the stakeholder register, the four communities",
    "leader@demo.example": "director of SRCLC: edits its profile, invites staff, may ask to join CoP-PwD",
    "member@demo.example": "programme officer at HelpAge Cambodia",
    "newcomer@demo.example": "signed up, waiting for approval",
    "srey@demo.example": "founder of CIPL, co-author of CoP-IP's approved proposal: expenses, reports",
    "bopha@demo.example": "country director of AGEF, in no community: reviewer of CoP-PwD's proposal",
}


def login_lines() -> list[str]:
    """One line per demo login: its e-mail, its role in the network and what to try with it."""
    lines = []
    for email, _name, role, acronym, position, _leader, _expertise in PEOPLE:
        what = WHAT_TO_TRY.get(email) or f"{position.lower()} at {acronym}"
        lines.append(f"  {email:<28} {str(role.label):<20} {what}")
    return lines


def seed_people() -> list[User]:
    """Create the demo accounts that are missing, with a verified e-mail address and their expertise.
    Returns every demo person, in the order of PEOPLE (the first five are the logins to print).
    An account that exists is left as it is, its password included.
    """
    people = []
    for email, name, role, _acronym, _position, _leader, expertise in PEOPLE:
        person = User.objects.filter(email=email).first()
        if person is None:
            person = User.objects.create_user(email=email, password=DEMO_PASSWORD, display_name=name, role=role)
            EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
            person.expertise.set(expertise_tags_for(expertise))
        people.append(person)
    return people


def seed_affiliations(*, by: User) -> None:
    """Place each demo person at their organisation, unless they are listed there already. Run after the
    organisations exist."""
    for email, _name, _role, acronym, position, leader, _expertise in PEOPLE:
        if not acronym:
            continue
        person = User.objects.get(email=email)
        organisation = Organisation.objects.get(acronym=acronym)
        if not Affiliation.objects.filter(person=person, organisation=organisation).exists():
            affiliation_add(
                organisation=organisation,
                person=person,
                position=position,
                role=AffiliationRole.LEADER if leader else AffiliationRole.STAFF,
                by=by,
            )
