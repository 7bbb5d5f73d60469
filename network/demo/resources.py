"""The demo resources: three shared links and a case study drawn from the answered funding challenge."""

from members.models import FocusArea, User
from network import services
from network.enums import ResourceKind
from network.models import Challenge, Resource

from .challenges import CHALLENGES

RESOURCES = [
    (
        "Local fundraising guide for Cambodian NGOs",
        ResourceKind.LINK,
        "https://www.example.org/local-fundraising-guide",
        ["education"],
        True,
    ),
    (
        "Template: child safeguarding policy",
        ResourceKind.LINK,
        "https://www.example.org/safeguarding-template",
        ["child-wellbeing"],
        False,
    ),
    (
        "Social enterprise checklist",
        ResourceKind.LINK,
        "https://www.example.org/social-enterprise-checklist",
        ["social-enterprise"],
        False,
    ),
]


def seed_resources():
    """Share the demo resources that are missing, and the case study of the first challenge once it is
    answered. Run after seed_challenges()."""
    coordinator = User.objects.get(email="coordinator@demo.example")
    for title, kind, url, themes, public in RESOURCES:
        if not Resource.objects.filter(title=title).exists():
            services.resource_save(
                by=coordinator,
                kind=kind,
                title=title,
                url=url,
                is_public=public,
                summary="Shared at a monthly learning meeting.",
                themes=list(FocusArea.objects.filter(slug__in=themes)),
            )
    answered = Challenge.objects.filter(title=CHALLENGES[0][2]).first()
    if answered and not answered.resources.exists():
        services.case_study_from_challenge(
            challenge=answered,
            by=coordinator,
            summary="A school lost its main donor. Peers suggested a monthly giving programme with former students "
            "and mapping which costs suit which funders. **What worked:** starting small and reporting to every giver.",
        )
