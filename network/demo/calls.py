"""The demo call for proposals: Voice's small grants of 2024, open from 75 days before the demo was
loaded until 45 days after it, made through the call service as a coordinator would."""

from decimal import Decimal

from communities.models import Community
from members.models import User
from proposals.models import Call
from proposals.services import call_save

from .dates import at

TITLE = "Voice Linking and Learning small grants 2024"
SECTIONS = [
    "How do rightsholders lead the project?",
    "What will the community of practice learn, and share with the network?",
]
CRITERIA = [
    ("Relevance to rightsholders", 30),
    ("Participation and ownership", 25),
    ("Feasibility", 25),
    ("Value for money", 20),
]
ELIGIBLE = ["cop-ip", "cop-pwd", "cop-opa"]


def seed_call(*, by: User) -> Call:
    """The demo call, opened by `by` (the coordinator) unless a call of that title exists."""
    call = Call.objects.filter(title=TITLE).first()
    if call is not None:
        return call
    return call_save(
        by=by,
        title=TITLE,
        description="Small grants for the communities of practice to carry out the key activities they "
        "planned in the consultation workshops.\n\n- Up to **5,000 USD** a proposal\n"
        "- Budgets in USD or KHR, with the exchange rate you used\n"
        "- A progress report each month from the start, and a final report a month after the end\n"
        "- Activities led by rightsholders",
        opens_at=at(-75, 8),
        closes_at=at(45, 17),
        time_zone="Asia/Phnom_Penh",
        eligible_communities=Community.objects.filter(slug__in=ELIGIBLE),
        budget_ceiling=Decimal("5000.00"),
        currency="USD",
        sections=SECTIONS,
        criteria=CRITERIA,
        review_days=14,
        # Small grants run for weeks, not years: a progress report each month, the final one a month after.
        report_every_months=1,
        final_report_days=30,
    )
