"""The demo partnership: CoP-PwD and the ILO, working for decent work for people with disabilities, with the
principles they agreed, how they measure success, and their first health review, answered and closed, with
the follow-up actions it led to. Built through the communities' services, then dated back."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from communities.enums import StandardPrinciple
from communities.models import Community, HealthReview, Partnership
from communities.services import action_add, partner_add, partnership_create, review_answer, review_close, review_open
from members.models import Organisation, User

NAME = "CoP-PwD and the ILO: decent work for people with disabilities"
# partner (acronym), role, contribution, representative's e-mail
PARTNERS = [
    (
        "IDEA",
        "Lead of the community's work on decent employment",
        "Reaches informal workers with disabilities; hosts the joint trainings.",
        "samphous@demo.example",
    ),
    ("HAC", "Member", "Brings older workers with disabilities and its OPA network.", "member@demo.example"),
    (
        "ILO",
        "Technical adviser",
        "Decent Employment for Youth in Cambodia: labour-law expertise and employer contacts. Its answers are "
        "given in the review call and recorded by the facilitator.",
        "facilitator@demo.example",
    ),
]
CUSTOM_PRINCIPLE = "Decisions are taken together"
MEASURES = [
    ("People with disabilities placed in decent jobs", "Count from the partners' records each quarter."),
    ("Joint activities held as planned", "Activities of the joint work plan held on time."),
]
# partner acronym: scores in order (equity, transparency, mutual benefit, decisions together, jobs, activities)
FIRST_REVIEW = {
    "IDEA": ([4, 3, 4, 3, 2, 4], {4: "We learned of the employer fair a week before; tell us earlier."}),
    "HAC": ([3, 2, 4, 3, 2, 3], {1: "We have not seen how the training budget was spent."}),
    "ILO": ([4, 4, 5, 2, 3, 4], {3: "Plans were changed between meetings without asking all of us."}),
}
ACTIONS = [
    ("Share the training budget and its spending with every partner each quarter", "IDEA", 30),
    ("Agree changes to the joint plan in the monthly meeting, not between meetings", "ILO", 45),
]


def seed_partnerships(*, by: User) -> None:
    """The CoP-PwD partnership with the ILO and its first review, unless there is a partnership of that name."""
    if Partnership.objects.filter(name=NAME).exists():
        return
    community = Community.objects.get(short_name="CoP-PwD")
    facilitator = User.objects.get(email="facilitator@demo.example")
    partnership = partnership_create(
        by=facilitator,
        name=NAME,
        goal="More people with disabilities in decent work, through joint training, job matching and one voice "
        "to government on inclusive labour law.",
        community=community,
        standard_principles=list(StandardPrinciple.values),
        custom_principles=[CUSTOM_PRINCIPLE],
        measures=MEASURES,
    )
    partners = {}
    for acronym, role, contribution, email in PARTNERS:
        partners[acronym] = partner_add(
            partnership=partnership,
            by=facilitator,
            organisation=Organisation.objects.get(acronym=acronym),
            role=role,
            contribution=contribution,
            representative=User.objects.get(email=email),
        )
    review = review_open(partnership=partnership, by=facilitator)
    principles = list(partnership.principles.order_by("pk"))
    measures = list(partnership.measures.order_by("pk"))
    for acronym, (scores, comments) in FIRST_REVIEW.items():
        partner = partners[acronym]
        given = [(score, comments.get(i, "")) for i, score in enumerate(scores)]
        review_answer(
            review=review,
            partner=partner,
            by=partner.representative,
            principle_scores={p.pk: given[i] for i, p in enumerate(principles)},
            measure_scores={m.pk: given[len(principles) + i] for i, m in enumerate(measures)},
        )
    review_close(review=review, by=facilitator)
    today = timezone.localdate()
    opened = today - relativedelta(months=5)
    HealthReview.objects.filter(pk=review.pk).update(opened_on=opened, closes_on=opened + datetime.timedelta(days=21))
    Partnership.objects.filter(pk=partnership.pk).update(next_review_on=opened + relativedelta(months=6))
    for description, owner, days in ACTIONS:
        action_add(
            partnership=partnership,
            by=facilitator,
            description=description,
            owner=partners[owner],
            due_on=today + datetime.timedelta(days=days),
            review=review,
        )
