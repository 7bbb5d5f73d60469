"""The demo board: a dozen challenges from the seeds' world, with replies and an accepted answer."""

from datetime import timedelta

from django.utils import timezone

from communities.models import Community
from members.models import FocusArea, User
from network import services
from network.models import Challenge, Reply

# author, organisation acronym, title, themes, body, replies [(author, body)], accepted reply index
CHALLENGES = [
    (
        "leader@demo.example",
        "SRCLC",
        "How do we keep funding after our main donor leaves?",
        ["education"],
        "Our main donor ends its grant next year; it pays 60% of our budget. We have started asking local businesses, "
        "but the amounts are small. **How did you make your funding more sustainable?**",
        [
            (
                "bopha@demo.example",
                "We built a monthly giving programme with former students and their families. It took two years, "
                "but it now covers our teachers' salaries. Start small and report back to every giver.",
            ),
            (
                "sokunthea@demo.example",
                "Map your costs first: which ones could a social enterprise, a government programme or "
                "a business partnership carry? Different costs suit different funders.",
            ),
        ],
        0,
    ),
    (
        "bopha@demo.example",
        "AGEF",
        "Working with the private sector without losing our mission",
        ["education", "women"],
        "A hotel group offers to fund scholarships if girls do internships with them. Good opportunity, but how do we make "
        "sure the girls' education comes first?",
        [
            (
                "malay@demo.example",
                "Put the conditions in a written agreement: hours, pay, supervision, and the right to end it.",
            )
        ],
        None,
    ),
    (
        "samphous@demo.example",
        "IDEA",
        "Starting a social enterprise beside our programmes",
        ["social-enterprise", "labour-rights"],
        "Our members want a cooperative laundry service. Who has run a social enterprise next to an NGO, and how did you "
        "separate the money?",
        [
            (
                "leader@demo.example",
                "We set up a separate company that pays a share of profits to the NGO. Keep the books apart from day one.",
            )
        ],
        None,
    ),
    (
        "narom@demo.example",
        "AUA",
        "Staff stress and burnout since COVID",
        ["health-and-hiv"],
        "Our peer workers carry heavy stories. Since COVID, sick leave has doubled. What helps your staff cope?",
        [
            (
                "member@demo.example",
                "Monthly group supervision with an outside counsellor made a real difference for us.",
            ),
            ("bopha@demo.example", "We have a 'no calls after 6 pm' rule, and we mean it."),
        ],
        None,
    ),
    (
        "member@demo.example",
        "HAC",
        "Reaching elderly people with disabilities in remote villages",
        ["elderly-people", "disability"],
        "Many older people with disabilities never reach our centres. How do you find and reach them?",
        [
            (
                "samphous@demo.example",
                "Village older people's associations know every household. Train one volunteer per village.",
            )
        ],
        None,
    ),
    (
        "srey@demo.example",
        "CIPL",
        "Recording Kuy songs before the elders are gone",
        ["indigenous-peoples", "arts-and-culture"],
        "We want to record Kuy songs and stories. What equipment and consent process do you use?",
        [],
        None,
    ),
    (
        "malay@demo.example",
        "CFSWF",
        "Explaining social security to informal workers",
        ["social-protection", "labour-rights"],
        "Workers do not trust the registration process. What materials worked for you?",
        [],
        None,
    ),
    (
        "leader@demo.example",
        "SRCLC",
        "Child safeguarding policy: how do we train volunteers?",
        ["child-wellbeing"],
        "Our policy exists on paper. Short-term volunteers do not read it. Ideas for a training that sticks?",
        [],
        None,
    ),
    (
        "bopha@demo.example",
        "AGEF",
        "Measuring results on a small budget",
        ["education"],
        "Donors ask for outcome data. We have no M&E officer. What simple tools do you use?",
        [
            (
                "sokunthea@demo.example",
                "A one-page results framework and a quarterly phone survey of 20 families goes a long way.",
            )
        ],
        None,
    ),
    (
        "narom@demo.example",
        "AUA",
        "Sharing premises with another NGO",
        ["health-and-hiv"],
        "Rent in Phnom Penh keeps rising. Has anyone shared an office, and what did you agree on?",
        [],
        None,
    ),
    (
        "samphous@demo.example",
        "IDEA",
        "Getting local authorities to attend our forums",
        ["governance-and-advocacy"],
        "Commune officials accept invitations and then do not come. How do you get duty-bearers to the table?",
        [],
        None,
    ),
    (
        "member@demo.example",
        "HAC",
        "Digital skills for older people",
        ["elderly-people"],
        "Families want their grandparents on video calls. Has anyone run phone classes for older people?",
        [],
        None,
    ),
]


def seed_challenges():
    """Post the demo challenges that are missing, with their replies and accepted answers, dated back over
    the last weeks, and the community challenge of CoP-OPA. Challenges that exist are left as they are."""
    people = {person.email: person for person in User.objects.all()}
    now = timezone.now()
    for index, (email, acronym, title, themes, body, replies, accepted) in enumerate(CHALLENGES):
        author = people[email]
        if Challenge.objects.filter(title=title).exists():
            continue
        organisation = author.affiliations.filter(organisation__acronym=acronym).first()
        challenge, _created = services.challenge_create(
            author=author,
            title=title,
            body=body,
            organisation=organisation.organisation if organisation else None,
            themes=list(FocusArea.objects.filter(slug__in=themes)),
        )
        posted = now - timedelta(days=3 * (len(CHALLENGES) - index))
        Challenge.objects.filter(pk=challenge.pk).update(created_at=posted, last_activity_at=posted)
        made = []
        for offset, (replier, text) in enumerate(replies):
            reply, _created = services.reply_create(challenge=challenge, author=people[replier], body=text)
            Reply.objects.filter(pk=reply.pk).update(created_at=posted + timedelta(hours=5 * (offset + 1)))
            made.append(reply)
        if accepted is not None:
            services.reply_set_accepted(reply=made[accepted], by=author)
    community = Community.objects.filter(slug="cop-opa").first()
    if community and not community.challenges.exists():
        services.challenge_create(
            author=people["member@demo.example"],
            title="Planning the community forum for older people",
            body="Which venue and format made your community forums accessible for older people with disabilities?",
            community=community,
        )
