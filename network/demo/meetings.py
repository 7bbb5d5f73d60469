"""The demo calendar: the monthly first-Friday meeting over the past year and the next six months
(the next one with its agenda in Khmer), and the Voice consultation workshops of November and December 2023, made through the events services."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from communities.models import Community
from events import services
from events.enums import MeetingKind, MeetingStatus, MinutesStatus, RsvpResponse
from events.models import Attendance, Meeting, MeetingSeries, Minutes
from members.models import Organisation, User

PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")

TALKS = [
    ("Coping and Stress Management During the Time of COVID", "KCHP"),
    ("Funding sustainability: lessons from five years of local fundraising", "AGEF"),
    ("Working with the private sector", "IHPP"),
    ("Running a social enterprise beside the programmes", "BYA"),
    ("Child safeguarding policies that staff actually use", "SHCV"),
    ("Reaching elderly people with disabilities", "HAC"),
    ("Social security for informal economy workers", "CFSWF"),
    ("Keeping indigenous languages alive: the Kuy exhibition", "CIPL"),
    ("Leadership transitions in small NGOs", "SRCLC"),
    ("Community libraries along the Mekong", "MLN"),
    ("Peer support for people living with HIV", "AUA"),
    ("Women's leadership in community peacebuilding", "WPM"),
    ("Monitoring and evaluation on a small budget", "LLC"),
    ("Digital safety for NGO staff", "TSFS"),
]

# The agenda of the next monthly meeting, written in Khmer as members write to each other:
# (title, minutes, presenting organisation, description).
KHMER_AGENDA = [
    ("ស្វាគមន៍ និងព័ត៌មានថ្មីៗពីអង្គការសមាជិក", 15, None, ""),
    (
        "គោលនយោបាយការពារកុមារ៖ ពីឯកសារលើក្រដាស ទៅការអនុវត្តប្រចាំថ្ងៃ",
        40,
        "SHCV",
        "អង្គការ SHCV នឹងចែករំលែកពីរបៀបដែលពួកគេបណ្តុះបណ្តាលបុគ្គលិក និងអ្នកស្ម័គ្រចិត្តថ្មីៗ "
        "លើក្រមប្រតិបត្តិ ការរាយការណ៍ករណីសង្ស័យ និងការថតរូបកុមារដោយមានការយល់ព្រម។ "
        "សូមយកគោលនយោបាយការពារកុមាររបស់អង្គការលោកអ្នកមកជាមួយ ដើម្បីពិភាក្សាជាក្រុម។",
    ),
    ("ពិភាក្សាជាក្រុមតូចៗ៖ តើអ្វីជាឧបសគ្គក្នុងការអនុវត្តគោលនយោបាយនៅអង្គការរបស់យើង?", 25, None, ""),
    ("តម្រូវការបច្ចុប្បន្ន និងអ្នកធ្វើបទបង្ហាញសម្រាប់ខែក្រោយ", 10, None, ""),
]


# A guest presenter (not a member) on the second upcoming meeting: they get the agenda and an .ics by e-mail.
GUEST_ITEM = {
    "title": "Telling our stories on radio and social media",
    "duration_minutes": 20,
    "guest_name": "Sophea Lim",
    "guest_organisation": "BBC Media Action",
    "guest_email": "sophea.lim@bbc-media-action.example",
    "guest_language": "en",
}
# Guests without an account at past meetings: a partner, and a member NGO's new staff member.
GUESTS = [("Sophea Lim", "BBC Media Action"), ("Dara Chan", "AGEF")]


def seed_meetings():
    """Add what is missing of the demo calendar: the monthly series with agendas, attendance, minutes and
    answers to the next meeting, a community call tomorrow (kept tomorrow on every run, so a reminder is
    always due) and the two consultation workshops. Run after the communities exist.
    """
    coordinator = User.objects.get(email="coordinator@demo.example")
    organisations = {organisation.acronym: organisation for organisation in Organisation.objects.all()}
    leaders = {
        affiliation.organisation.acronym: affiliation.person
        for person in User.objects.prefetch_related("affiliations__organisation")
        for affiliation in person.affiliations.all()
    }
    today = timezone.localdate()
    first = (today - relativedelta(months=12)).replace(day=1)
    series = MeetingSeries.objects.filter(slug="monthly-learning-meeting").first()
    if series is None:
        series = services.series_create(
            by=coordinator,
            title="Monthly learning meeting",
            description="News from members, current needs, a presentation and discussion. "
            "We all get better, smarter, faster when we work together and share information.",
            kind=MeetingKind.MEETING,
            community=None,
            rrule="FREQ=MONTHLY;BYDAY=1FR",
            first_date=first,
            start_time=time(8, 30),
            duration_minutes=90,
            time_zone="Asia/Phnom_Penh",
            online_url="https://meet.jit.si/leadership-learning-network-monthly",
            venue="",
            months_ahead=6,
        )
    else:
        services.series_generate(series=series, since=series.first_date)

    people = list(User.objects.filter(role__in=["member", "coordinator"]).order_by("email"))
    meetings = list(series.meetings.order_by("starts_at"))
    now = timezone.now()
    upcoming = [meeting for meeting in meetings if meeting.starts_at > now]
    for index, meeting in enumerate(meetings):
        talk, acronym = TALKS[index % len(TALKS)]
        if upcoming and meeting == upcoming[0] and not meeting.agenda_items.exists():
            for title, minutes, presenting, description in KHMER_AGENDA:
                services.agenda_item_save(
                    meeting=meeting,
                    by=coordinator,
                    title=title,
                    duration_minutes=minutes,
                    presenter=leaders.get(presenting) if presenting else None,
                    presenter_organisation=organisations.get(presenting) if presenting else None,
                    description=description,
                )
        if not meeting.agenda_items.exists():
            services.agenda_item_save(
                meeting=meeting, by=coordinator, title="Welcome and news from members", duration_minutes=20
            )
            services.agenda_item_save(
                meeting=meeting,
                by=coordinator,
                title=talk,
                duration_minutes=40,
                presenter=leaders.get(acronym),
                presenter_organisation=organisations.get(acronym),
            )
            guest_meeting = len(upcoming) > 1 and meeting == upcoming[1]
            services.agenda_item_save(
                meeting=meeting,
                by=coordinator,
                title="Current needs and discussion",
                duration_minutes=10 if guest_meeting else 30,
            )
        if len(upcoming) > 1 and meeting == upcoming[1] and not meeting.agenda_items.exclude(guest_name="").exists():
            services.agenda_item_save(meeting=meeting, by=coordinator, **GUEST_ITEM)
        if meeting.ends_at <= now:
            present = [person for offset, person in enumerate(people) if (offset + index) % 3 != 0]
            if not Attendance.objects.filter(meeting=meeting).exists():
                Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.SCHEDULED)
                services.attendance_record(meeting=meeting, people=present, guests=GUESTS[: index % 3], by=coordinator)
            if not Minutes.objects.filter(meeting=meeting).exists():
                services.minutes_save(
                    meeting=meeting,
                    by=coordinator,
                    status=MinutesStatus.FINAL,
                    body=f"## News from members\n\n- {len(present)} people joined online.\n"
                    f"- Members shared updates on their programmes and upcoming activities.\n\n"
                    f"## {talk}\n\nThe presenters shared their experience; questions followed on how "
                    f"other members can apply it.\n\n## Current needs\n\n- Volunteers for next month's presentation.\n"
                    f"- Ideas for joint funding applications.",
                )
    if upcoming:
        for offset, person in enumerate(people[:6]):
            if not upcoming[0].rsvps.filter(person=person).exists():
                response = [RsvpResponse.YES, RsvpResponse.YES, RsvpResponse.MAYBE][offset % 3]
                needs = ["interpret_km_en"] if offset == 1 else []
                services.rsvp_set(meeting=upcoming[0], person=person, response=response, needs=needs)

    workshops = [
        (
            "First consultation workshop: project proposals, key activities and budgets",
            date(2023, 11, 8),
            date(2023, 11, 10),
            [
                ("Project proposals: what funders look for", None, "LLC"),
                ("Decent Employment for Youth in Cambodia", None, "ILO"),
                ("The KLAHAN9 SPACE project", None, "BBC Media Action"),
                ("The journey of CoP-Women", "narom@demo.example", "AUA"),
                ("Key activities and first budget plans in each community", None, None),
            ],
        ),
        (
            "Second consultation workshop: completing proposals and managing approved budgets",
            date(2023, 12, 13),
            date(2023, 12, 15),
            [
                ("Managing an approved budget", "sokunthea@demo.example", "LLC"),
                ("Working on proposals, budgets and activity plans", None, None),
                ("Communities present their agenda items", None, None),
            ],
        ),
    ]
    # A community call tomorrow, so that `manage.py send_due_mail` shows a reminder going out.
    opa = Community.objects.filter(slug="cop-opa").first()
    tomorrow = timezone.localdate() + timedelta(days=1)
    planning = Meeting.objects.filter(title="CoP-OPA: planning the community forum").first()
    if planning is not None and planning.ends_at < timezone.now():
        # Seeded on an earlier day: keep it tomorrow, so the demo always has a reminder due.
        starts_at = datetime.combine(tomorrow, time(14, 0), tzinfo=PHNOM_PENH)
        Meeting.objects.filter(pk=planning.pk).update(starts_at=starts_at, ends_at=starts_at + timedelta(minutes=90))
    if opa and planning is None:
        call = services.meeting_create(
            by=coordinator,
            title="CoP-OPA: planning the community forum",
            kind=MeetingKind.MEETING,
            community=opa,
            starts_at=datetime.combine(tomorrow, time(14, 0), tzinfo=PHNOM_PENH),
            ends_at=datetime.combine(tomorrow, time(15, 30), tzinfo=PHNOM_PENH),
            time_zone="Asia/Phnom_Penh",
            online_url="https://meet.jit.si/cop-opa-forum-planning",
            reminder_offsets=[24 * 60, 15],
        )
        services.agenda_item_save(meeting=call, by=coordinator, title="Venue and accessibility for the forum")
        services.agenda_item_save(meeting=call, by=coordinator, title="Who performs, who reflects")

    by_name = {organisation.name: organisation for organisation in organisations.values()}
    for title, first_day, last_day, items in workshops:
        workshop = Meeting.objects.filter(title=title).first()
        if workshop is None:
            workshop = services.meeting_create(
                by=coordinator,
                title=title,
                kind=MeetingKind.WORKSHOP,
                description="Linking and Learning consultation workshop for the Communities of Practice, "
                "facilitated by Live & Learn Cambodia.",
                starts_at=datetime.combine(first_day, time(8, 30), tzinfo=PHNOM_PENH),
                ends_at=datetime.combine(last_day, time(16, 30), tzinfo=PHNOM_PENH),
                time_zone="Asia/Phnom_Penh",
                venue="Phnom Penh",
            )
            for item_title, presenter_email, organisation_key in items:
                services.agenda_item_save(
                    meeting=workshop,
                    by=coordinator,
                    title=item_title,
                    presenter=User.objects.filter(email=presenter_email).first() if presenter_email else None,
                    presenter_organisation=organisations.get(organisation_key) or by_name.get(organisation_key),
                )
            Meeting.objects.filter(pk=workshop.pk).update(status=MeetingStatus.HELD)
    return series
