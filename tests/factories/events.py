from datetime import time, timedelta

import factory
from django.utils import timezone

from events.enums import MeetingKind
from events.models import AgendaItem, Meeting, MeetingSeries


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = MeetingKind.MEETING
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(minutes=90))
    time_zone = "Asia/Phnom_Penh"
    online_url = "https://meet.example/network"


class PastMeetingFactory(MeetingFactory):
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))


class MeetingSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingSeries

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")
    rrule = "FREQ=MONTHLY;BYDAY=1FR"
    first_date = factory.LazyFunction(lambda: timezone.localdate())
    start_time = time(8, 30)
    duration_minutes = 90
    time_zone = "Asia/Phnom_Penh"
    online_url = "https://meet.example/monthly"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Item {n}")
    position = factory.Sequence(lambda n: n)
