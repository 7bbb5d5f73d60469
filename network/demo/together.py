"""The demo's joint work: CoP-PwD's work plan and its campaign statement on rights at work.

At the Voice kick-off the grantee partners "came up with joint work plans and events" and "agreed to develop
public statements, joint campaigns, and petitions … under joint coordination". CoP-PwD keeps such a plan
(one action past its end date, so its owner's leader sees it flagged) and has published a statement on
rights at work signed by three member organisations. Built through the services; each part only if missing.
"""

from communities.models import Community
from events.models import Meeting
from members.models import Organisation, User
from network import services
from network.enums import ActionStatus
from network.models import Statement, WorkPlan
from proposals.models import Proposal

from .dates import day

PLAN_TITLE = "CoP-PwD joint work plan"
STATEMENT_TITLE = "Decent work for people with disabilities: a joint statement on rights at work"
STATEMENT_TEXT = """We, organisations of and for people with disabilities in Cambodia, call on employers, \
local authorities and the Ministry of Labour and Vocational Training to make decent work open to people \
with disabilities.

Too many workers with disabilities are paid less than their colleagues, have no written contract and do not \
know the protection the labour law gives them. Many are never invited to a job interview.

**We ask**

- that employers give workers with disabilities the same contracts, wages and social security as everyone else;
- that workplaces and training centres be made accessible, with reasonable accommodation;
- that the quota for employing people with disabilities be applied and reported on every year;
- that organisations of people with disabilities be heard when labour policies are written.

We will keep training youth with disabilities on their rights at work and bring their voices to employers \
and officials, together."""
DRAFT_TEXT = STATEMENT_TEXT.replace("the same contracts, wages and social security", "the same contracts and wages")
SIGNERS = [
    ("samphous@demo.example", "IDEA", "For the informal economy workers we represent."),
    ("malay@demo.example", "CFSWF", ""),
    ("narom@demo.example", "AUA", "Decent work is also about dignity."),
]

# objective, [(action, owner, supporters, start, end, status, progress, link)]
OBJECTIVES = [
    (
        "Joint events: bring youth with disabilities, employers and officials together",
        [
            (
                "Two-day training on rights at work for youth with disabilities",
                "IDEA",
                ["HAC"],
                -60,
                -45,
                ActionStatus.DONE,
                "38 youth trained; the plain-language guide is printed.",
                "proposal",
            ),
            (
                "Meeting with employers in Phnom Penh",
                "HAC",
                ["IDEA", "CFSWF"],
                -30,
                -5,
                ActionStatus.IN_PROGRESS,
                "Four employers said yes; the venue is still to be found.",
                "",
            ),
            (
                "Community forum with the commune councils of Kandal",
                "IHPP",
                ["HAC"],
                20,
                40,
                ActionStatus.PLANNED,
                "",
                "",
            ),
        ],
    ),
    (
        "Public statements and joint campaigns under joint coordination",
        [
            (
                "Draft, sign and publish the statement on rights at work",
                "IDEA",
                ["CFSWF", "AUA"],
                -40,
                -10,
                ActionStatus.DONE,
                "Published with three organisations signing.",
                "",
            ),
            (
                "Radio talks and a Facebook series on the labour law",
                "HAC",
                ["IDEA"],
                0,
                60,
                ActionStatus.PLANNED,
                "",
                "meeting",
            ),
        ],
    ),
]


def seed_work_plan() -> None:
    """CoP-PwD's work plan, unless a plan of that title exists. Run after communities, meetings and proposals."""
    community = Community.objects.filter(short_name="CoP-PwD").first()
    if community is None or WorkPlan.objects.filter(title=PLAN_TITLE).exists():
        return
    facilitator = User.objects.get(email="facilitator@demo.example")
    by_acronym = {organisation.acronym: organisation for organisation in Organisation.objects.exclude(acronym="")}
    proposal = Proposal.objects.filter(community=community).first()
    meeting = Meeting.objects.filter(community__isnull=True, starts_at__date__gte=day(0)).order_by("starts_at").first()
    plan = services.workplan_create(
        community=community,
        title=PLAN_TITLE,
        summary="What CoP-PwD agreed to do together after the Voice kick-off: joint events and joint campaigns.",
        by=facilitator,
    )
    for objective_title, actions in OBJECTIVES:
        objective = services.objective_save(plan=plan, title=objective_title)
        for title, owner, supporters, start, end, status, progress, link in actions:
            action = services.action_save(
                objective=objective,
                by=facilitator,
                title=title,
                owner=by_acronym[owner],
                supporters=[by_acronym[acronym] for acronym in supporters],
                starts_on=day(start),
                ends_on=day(end),
                status=status,
                proposal=proposal if link == "proposal" else None,
                meeting=meeting if link == "meeting" else None,
            )
            if progress:
                services.action_record_progress(action=action, by=facilitator, status=status, progress_note=progress)


def seed_statement() -> None:
    """CoP-PwD's published statement on rights at work, in two versions, unless it exists."""
    community = Community.objects.filter(short_name="CoP-PwD").first()
    if community is None or Statement.objects.filter(title=STATEMENT_TITLE).exists():
        return
    facilitator = User.objects.get(email="facilitator@demo.example")
    statement = services.statement_create(community=community, title=STATEMENT_TITLE, text=DRAFT_TEXT, by=facilitator)
    author = User.objects.get(email="samphous@demo.example")
    services.statement_update(
        statement=statement, title=STATEMENT_TITLE, text=STATEMENT_TEXT, base_version=1, by=author
    )
    services.statement_open(statement=statement, by=facilitator)
    for email, acronym, comment in SIGNERS:
        services.signature_create(
            statement=statement,
            organisation=Organisation.objects.get(acronym=acronym),
            by=User.objects.get(email=email),
            comment=comment,
        )
    services.statement_close(statement=statement, by=facilitator)
    services.statement_publish(statement=statement, by=facilitator)
