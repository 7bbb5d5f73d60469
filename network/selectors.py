"""Reads for the board, the resource centre, notifications and the dashboard."""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils import timezone

from common.fragments import cached, person_scope
from communities.enums import MembershipStatus
from communities.models import Community
from communities.selectors import active_community_ids
from members.enums import AffiliationRole
from members.models import Affiliation, Organisation, User
from proposals import selectors as proposal_selectors
from proposals.domain.budget import spending_report
from proposals.models import Proposal

from .enums import (
    AgendaProposalStatus,
    ChallengeStatus,
    PartnerStatus,
    QuestionKind,
    StatementStatus,
    SurveyPurpose,
    SurveyState,
)
from .models import (
    Action,
    AgendaProposal,
    Answer,
    Attachment,
    Challenge,
    ChallengeAgendaLink,
    Consortium,
    ConsortiumMessage,
    ConsortiumPartner,
    ConsortiumStep,
    Enquiry,
    EnquiryMessage,
    Follow,
    FundingOpportunity,
    HelpfulVote,
    Lesson,
    Notification,
    OpportunityFollow,
    OpportunityInterest,
    Question,
    Reply,
    Resource,
    Response,
    Statement,
    Survey,
    WorkPlan,
)
from .models.surveys import SCALE_MAX, SCALE_MIN
from .rules import consortium_organisation_ids
from .services.notifications import mention_handle, mentioned_people
from .visibility import visible_challenges

# Columns a list never shows: the search vector (1-12 KB a row) and the texts' copies with Khmer words spaced.
LIST_DEFERRED = ("search_vector", "title_words", "body_words")


def count_of(queryset):
    """A correlated subquery counting `queryset`'s rows (filtered on OuterRef): computed only for the rows
    a page shows, where Count over a join counts every row before the LIMIT."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def mention_links(*texts: str) -> dict[str, str]:
    """The @handles in these texts that name a member, mapped to that person's page; one query, none when
    no text mentions anyone. A handle naming nobody is left out, so it stays plain text."""
    links = {}
    for person in mentioned_people(" ".join(texts)):
        url = person.get_absolute_url()
        links.setdefault(mention_handle(person), url)
        links.setdefault(person.email.split("@")[0].lower(), url)
    return links


def visible_replies_of_challenge():
    return Reply.objects.filter(challenge=OuterRef("pk"), is_hidden=False)


def challenge_list(user):
    return (
        visible_challenges(user)
        .defer(*LIST_DEFERRED)
        .select_related("author", "organisation", "community")
        .prefetch_related("themes")
        .defer("body_html")  # a list shows no challenge in full
        .annotate(
            reply_count=count_of(visible_replies_of_challenge()),
            accepted_count=count_of(Reply.objects.filter(challenge=OuterRef("pk"), is_accepted=True)),
        )
    )


# Threads (a top-level reply with its answers) per page of a challenge: a challenge with 500 replies would
# otherwise be a page of about a megabyte.
REPLY_THREADS_PER_PAGE = 50


def challenge_detail(*, pk: int, user):
    """The challenge with what its page shows but the replies (see reply_threads). A section with no rows
    costs no query: `has_themes`, `has_attachments`, `has_resources`, `has_agenda_links` say which exist (the
    template asks them before the rows), and only those are prefetched.
    """
    challenge = (
        visible_challenges(user)
        .filter(pk=pk)
        .select_related("author", "organisation", "community", "hidden_by")
        .annotate(
            follower_count=count_of(Follow.objects.filter(challenge=OuterRef("pk"))),
            following=Exists(Follow.objects.filter(challenge=OuterRef("pk"), person=user.pk)),
            has_themes=Exists(Challenge.themes.through.objects.filter(challenge=OuterRef("pk"))),
            has_attachments=Exists(Attachment.objects.filter(challenge=OuterRef("pk"))),
            has_resources=Exists(Resource.objects.filter(challenge=OuterRef("pk"))),
            has_agenda_links=Exists(ChallengeAgendaLink.objects.filter(challenge=OuterRef("pk"))),
            has_waiting_agenda=Exists(
                AgendaProposal.objects.filter(challenge=OuterRef("pk"), status=AgendaProposalStatus.PENDING)
            ),
            has_accepted=Exists(Reply.objects.filter(challenge=OuterRef("pk"), is_accepted=True, is_hidden=False)),
        )
        .first()
    )
    if challenge is None:
        return None
    waiting = AgendaProposal.objects.filter(status=AgendaProposalStatus.PENDING).select_related("meeting")
    links = ChallengeAgendaLink.objects.select_related("agenda_item__meeting__minutes")
    wanted = [
        ("themes", challenge.has_themes),
        ("attachments", challenge.has_attachments),
        ("resources", challenge.has_resources),
        (Prefetch("agenda_links", queryset=links), challenge.has_agenda_links),
        # Shown to the challenge's author only.
        (
            Prefetch("agenda_proposals", queryset=waiting, to_attr="waiting_agenda_proposals"),
            challenge.has_waiting_agenda and challenge.author_id == user.pk,
        ),
    ]
    prefetch_related_objects([challenge], *[lookup for lookup, needed in wanted if needed])
    if not hasattr(challenge, "waiting_agenda_proposals"):
        challenge.waiting_agenda_proposals = []
    return challenge


def _replies_shown(user):
    """Replies with what network/_reply.html shows; the helpful votes counted for the shown rows only."""
    return (
        Reply.objects.select_related("author", "hidden_by")
        .annotate(
            helpful_count=count_of(HelpfulVote.objects.filter(reply=OuterRef("pk"))),
            voted=Exists(HelpfulVote.objects.filter(reply=OuterRef("pk"), person=user.pk)),
        )
        .order_by("created_at", "pk")
    )


def reply_thread_page_of(*, challenge, reply_pk) -> int | None:
    """The page of the challenge on which the reply's thread is, or None when the challenge has no such reply.

    Threads are shown oldest first, a page of REPLY_THREADS_PER_PAGE; an answer is on its parent's page.
    """
    target = Reply.objects.filter(challenge=challenge, pk=reply_pk).values("pk", "parent_id").first()
    if target is None:
        return None
    root = Reply.objects.filter(pk=target["parent_id"] or target["pk"])
    earlier = Reply.objects.filter(challenge=challenge, parent__isnull=True).filter(
        Q(created_at__lt=Subquery(root.values("created_at")))
        | Q(created_at=Subquery(root.values("created_at")), pk__lt=target["parent_id"] or target["pk"])
    )
    return earlier.count() // REPLY_THREADS_PER_PAGE + 1


def reply_threads(*, challenge, user, number) -> tuple[Page, list, list]:
    """The page `number` of the challenge's threads, as (page, [(reply, [answers])], accepted replies on
    other pages). Hidden replies are in it (the template shows a note). Queries: the count, the page's replies
    and answers together, their authors' organisations, and the accepted replies on other pages if any.
    """
    replies = _replies_shown(user)
    roots = Reply.objects.filter(challenge=challenge, parent__isnull=True).order_by("created_at", "pk")
    page = Paginator(roots.values_list("pk", flat=True), REPLY_THREADS_PER_PAGE).get_page(number)
    # The page's slice stays a subquery: the threads and their answers come in one query.
    on_page = page.object_list
    rows = list(replies.filter(challenge=challenge).filter(Q(pk__in=on_page) | Q(parent_id__in=on_page)))
    root_ids = [reply.pk for reply in rows if reply.parent_id is None]
    accepted = []
    if challenge.has_accepted:
        accepted = list(
            replies.filter(challenge=challenge, is_accepted=True, is_hidden=False)
            .exclude(pk__in=root_ids)
            .exclude(parent_id__in=root_ids)
        )
    people_at = Affiliation.objects.select_related("organisation")
    prefetch_related_objects(rows + accepted, Prefetch("author__affiliations", queryset=people_at))
    for reply in rows + accepted:
        reply.challenge = challenge  # its address names the challenge: no query for it
    children = {}
    for reply in rows:
        if reply.parent_id:
            children.setdefault(reply.parent_id, []).append(reply)
    threads = [(reply, children.get(reply.pk, [])) for reply in rows if reply.parent_id is None]
    return page, threads, accepted


def agenda_proposals_to_decide(user):
    """The proposals waiting for an answer for the meetings the person runs: every meeting for
    coordinators, their communities' meetings for facilitators; soonest meeting first."""
    proposals = (
        AgendaProposal.objects.filter(status=AgendaProposalStatus.PENDING)
        .select_related("challenge__author", "challenge__organisation", "challenge__community", "meeting__community")
        .select_related("proposed_by")
        .order_by("meeting__starts_at", "created_at", "pk")
    )
    if user.is_coordinator:
        return proposals
    return proposals.filter(meeting__community__in=Community.objects.facilitated_by(user))


def challenges_waiting_in_themes(user, limit: int = 5):
    """Open challenges without a reply yet, in the themes of the person's organisations."""
    themes = user.affiliations.values("organisation__focus_areas")
    in_themes = Challenge.themes.through.objects.filter(challenge=OuterRef("pk"), focusarea__in=themes)
    return (
        challenge_list(user)
        .filter(status=ChallengeStatus.OPEN, is_hidden=False)
        .filter(Exists(in_themes), ~Exists(visible_replies_of_challenge()))
        .exclude(author=user)
        .order_by("-created_at")[:limit]
    )


def visible_resources(user):
    resources = Resource.objects.all()
    if not user.is_authenticated:
        return resources.filter(is_public=True)
    if not user.is_coordinator:
        resources = resources.filter(
            Q(community__isnull=True) | Q(community_id__in=active_community_ids(user)) | Q(is_public=True)
        )
    return resources


def resource_list(user):
    return (
        visible_resources(user)
        .select_related("created_by", "meeting", "community", "challenge")
        .prefetch_related("themes")
        .defer("summary_html")
    )


def notifications_for(user):
    return Notification.objects.filter(recipient=user).select_related(
        "actor", "challenge", "reply__challenge", "meeting", "enquiry"
    )


def unread_count(user) -> int:
    """The person's unread notifications, for the bell of every page: kept in the cache until notify() or
    notifications_mark_read() changes them."""
    return cached(
        "unread-count",
        scopes=[person_scope(user)],
        compute=lambda: Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    )


# Work plans and statements -----------------------------------------------------------------------------------


def workplan_list():
    """Every work plan with its community and how many of its actions there are and are overdue."""
    actions = Action.objects.filter(objective__plan=OuterRef("pk"))
    return WorkPlan.objects.select_related("community").annotate(
        action_count=count_of(actions), overdue_count=count_of(actions.overdue(timezone.localdate()))
    )


def _action_rows():
    return Action.objects.select_related(
        "owner", "objective", "meeting", "challenge", "proposal", "resource", "progress_by"
    ).prefetch_related(Prefetch("supporters", queryset=Organisation.objects.only("pk", "name", "acronym", "slug")))


def workplan_objectives(plan):
    """The plan's objectives, each with its actions and everything a row of an action shows."""
    return plan.objectives.prefetch_related(Prefetch("actions", queryset=_action_rows()))


def workplan_actions(plan):
    """The plan's actions in the order they start, for the timeline and the export."""
    return _action_rows().filter(objective__plan=plan).order_by("starts_on", "ends_on", "pk")


def statement_list(user):
    """The statements a person may open: published ones for anyone; for members every statement open or
    closed too, and drafts of their communities (all drafts for coordinators)."""
    statements = Statement.objects.select_related("community").defer("text")
    if not (user.is_authenticated and user.is_network_member):
        return statements.filter(status=StatementStatus.PUBLISHED)
    if user.is_coordinator:
        return statements
    return statements.filter(~Q(status=StatementStatus.DRAFT) | Q(community_id__in=active_community_ids(user)))


def statement_signatures(statement):
    """The organisations signing a statement now, in the order they signed."""
    return statement.signatures.active().select_related("organisation", "signed_by")


# --- funding opportunities and consortia ---------------------------------------------------------


def opportunity_list(user):
    """Opportunities with what a list card shows: themes, whether the reader follows each, how many
    organisations are interested. Featured first, then the nearest deadline. A read."""
    return (
        FundingOpportunity.objects.defer("summary", "how_to_apply")
        .prefetch_related("themes")
        .annotate(
            followed=Exists(OpportunityFollow.objects.filter(opportunity=OuterRef("pk"), person=user.pk)),
            interest_count=count_of(OpportunityInterest.objects.filter(opportunity=OuterRef("pk"))),
        )
        .order_by("-is_featured", "deadline", "pk")
    )


def opportunity_detail(*, pk: int):
    """One opportunity with its lists, interested organisations and consortia (with their organisations)."""
    return (
        FundingOpportunity.objects.select_related("posted_by")
        .prefetch_related(
            "themes",
            "regions",
            "rightsholder_groups",
            Prefetch("interests", queryset=OpportunityInterest.objects.select_related("organisation")),
            Prefetch(
                "consortia__partners",
                queryset=ConsortiumPartner.objects.select_related("organisation"),
            ),
            "consortia__lead",
        )
        .filter(pk=pk)
        .first()
    )


def consortium_detail(*, pk: int):
    """A consortium with everything its private space shows."""
    return (
        Consortium.objects.select_related("opportunity", "lead", "proposal__call")
        .prefetch_related(
            Prefetch("partners", queryset=ConsortiumPartner.objects.select_related("organisation")),
            Prefetch("messages", queryset=ConsortiumMessage.objects.select_related("author")),
            "documents",
            Prefetch("steps", queryset=ConsortiumStep.objects.select_related("owner")),
        )
        .filter(pk=pk)
        .first()
    )


def consortium_invitations_for(user):
    """Invitations waiting for an answer from an organisation the person leads. A read."""
    return ConsortiumPartner.objects.filter(
        status=PartnerStatus.INVITED,
        organisation__affiliations__person=user.pk,
        organisation__affiliations__role=AffiliationRole.LEADER,
    ).select_related("organisation", "consortium__lead", "consortium__opportunity")


def proposals_to_link(user):
    """The proposals a person may link a won consortium to: any for a coordinator; otherwise those of the
    communities they are an active member of (whose budgets they follow). A read."""
    proposals = Proposal.objects.select_related("community").order_by("title", "pk")
    if user.is_coordinator:
        return proposals
    return proposals.filter(community_id__in=active_community_ids(user))


@dataclass
class GrantTracking:
    """A won consortium's proposal in the portal, with its budget against actual when the reader may see it."""

    proposal: Proposal
    sees_budget: bool
    spending: object = None  # the overall Spending row (approved, spent) once the proposal is funded
    currency: str = ""


def grant_tracking(*, consortium, user) -> GrantTracking | None:
    """What the consortium's page shows of the linked proposal: the budget page's link for those who may open
    it, and the approved total and spent so far for those who may see its spending (one query for the lines
    with their expenses, however many there are). None when no proposal is linked."""
    proposal = consortium.proposal
    if proposal is None:
        return None
    tracking = GrantTracking(proposal=proposal, sees_budget=user.has_perm("proposals.view_proposal", proposal))
    if tracking.sees_budget and user.has_perm("proposals.view_spending_proposal", proposal):
        lines = proposal_selectors.baseline_with_spending(proposal=proposal)
        tracking.currency = proposal.call.currency
        tracking.spending = spending_report(baseline_lines=lines, currency=tracking.currency).overall
    return tracking


def consortium_people(consortium):
    """People who work at the consortium's organisations: the owners a checklist step may have. A read."""
    return (
        User.objects.network_members()
        .filter(affiliations__organisation_id__in=consortium_organisation_ids(consortium))
        .distinct()
        .order_by("display_name", "email")
    )


# --- surveys ---------------------------------------------------------------------------------------

SURVEY_CHART_WIDTH = 300
# Texts shown per question on the results page; the CSV has them all.
TEXTS_SHOWN = 50


def surveys_for(*, viewer) -> QuerySet:
    """Surveys the person runs (all for coordinators) or is asked by and may still answer, newest first,
    with whether they answered."""
    facilitated = Community.objects.facilitated_by(viewer).values("pk")
    runs = Q(community__in=facilitated) | Q(meeting__community__in=facilitated)
    asked = Q(state=SurveyState.OPEN) & (
        Q(audience="network")
        | Q(community__in=active_community_ids(viewer))
        | Q(meeting__attendances__person=viewer)
        | Q(meeting__rsvps__person=viewer, meeting__rsvps__response="yes")
    )
    surveys = Survey.objects.all() if viewer.is_coordinator else Survey.objects.filter(runs | asked)
    return (
        surveys.filter(pk__in=surveys.values("pk"))
        .select_related("community", "meeting")
        .annotate(answered=Count("participations", filter=Q(participations__person=viewer), distinct=True))
        .order_by("-created_at", "-pk")
    )


@dataclass
class Bar:
    label: str
    count: int
    width: float = 0


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)
    more_texts: int = 0

    @property
    def chart_height(self) -> int:
        return len(self.bars) * 14


def filtered_responses(survey: Survey, *, organisation_kind: str = "", community: Community | None = None) -> QuerySet:
    """The survey's responses, narrowed to an organisation type or a community's members (never for an
    anonymous survey, whose responses know no one)."""
    responses = Response.objects.filter(survey=survey)
    if survey.anonymous:
        return responses
    if organisation_kind:
        responses = responses.filter(organisation__kind=organisation_kind)
    if community is not None:
        responses = responses.filter(
            respondent__community_memberships__community=community,
            respondent__community_memberships__status=MembershipStatus.ACTIVE,
        )
    return responses


def survey_results(survey: Survey, responses: QuerySet) -> tuple[int, list[QuestionResult]]:
    """(number of responses, one result per question). Five queries, whatever the number of answers."""
    questions = list(survey.questions.prefetch_related("choices"))
    total = responses.count()
    answers = Answer.objects.filter(response__in=responses.values("pk"))
    results = {q.pk: QuestionResult(q) for q in questions}
    for row in answers.values("question_id").annotate(n=Count("response_id", distinct=True)):
        results[row["question_id"]].answered = row["n"]
    choice_counts = {
        row["choice_id"]: row["n"]
        for row in answers.filter(choice__isnull=False).values("choice_id").annotate(n=Count("pk"))
    }
    scale_counts: dict = {}
    for row in answers.filter(number__isnull=False).values("question_id", "number").annotate(n=Count("pk")):
        scale_counts[(row["question_id"], row["number"])] = row["n"]
    texts = answers.exclude(text="").order_by("question_id", "response_id").values_list("question_id", "text")
    for question_id, text in texts.iterator():
        result = results[question_id]
        if len(result.texts) < TEXTS_SHOWN:
            result.texts.append(text)
        else:
            result.more_texts += 1
    for question in questions:
        result = results[question.pk]
        if question.has_choices:
            result.bars = [Bar(choice.wording, choice_counts.get(choice.pk, 0)) for choice in question.choices.all()]
        elif question.kind == QuestionKind.SCALE:
            result.bars = [Bar(str(n), scale_counts.get((question.pk, n), 0)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
            counted = sum(bar.count for bar in result.bars)
            if counted:
                result.mean = round(sum(int(bar.label) * bar.count for bar in result.bars) / counted, 1)
        highest = max((bar.count for bar in result.bars), default=0) or 1
        for bar in result.bars:
            bar.width = round(bar.count / highest * SURVEY_CHART_WIDTH, 1)
    return total, [results[q.pk] for q in questions]


@dataclass
class FeedbackPoint:
    meeting_title: str
    starts_at: object
    mean: float
    answers: int
    width: float = 0


def feedback_trend(series) -> list[FeedbackPoint]:
    """The mean usefulness (the feedback survey's first question, a scale) of each of a series' meetings
    that has feedback, oldest first. One query."""
    rows = (
        Answer.objects.filter(
            question__survey__meeting__series=series,
            question__survey__purpose=SurveyPurpose.FEEDBACK,
            question__kind=QuestionKind.SCALE,
            question__position=0,
        )
        .values("question__survey__meeting__title", "question__survey__meeting__starts_at")
        .annotate(mean=Avg("number"), n=Count("pk"))
        .order_by("question__survey__meeting__starts_at")
    )
    points = [
        FeedbackPoint(
            row["question__survey__meeting__title"],
            row["question__survey__meeting__starts_at"],
            round(float(row["mean"]), 1),
            row["n"],
        )
        for row in rows
    ]
    for point in points:
        point.width = round(point.mean / SCALE_MAX * SURVEY_CHART_WIDTH, 1)
    return points


# --- lessons learned -------------------------------------------------------------------------------


def lessons_register(user, *, text: str = "", theme=None) -> QuerySet:
    """Lessons drawn from at least one case the person may see, newest first, each with its themes and only
    those of its cases the person may see; narrowed by words in the lesson and by a theme."""
    visible = visible_resources(user)
    lessons = Lesson.objects.filter(pk__in=Lesson.objects.filter(cases__in=visible).values("pk"))
    if text:
        lessons = lessons.filter(Q(statement__icontains=text) | Q(detail__icontains=text))
    if theme is not None:
        lessons = lessons.filter(themes=theme)
    return lessons.prefetch_related("themes", Prefetch("cases", queryset=visible.order_by("title"))).order_by(
        "-created_at", "-pk"
    )


# --- members doing business with each other -------------------------------------------------------


def enquiries_of(user):
    """The enquiries a person asked, and those sent to the organisations they lead, newest activity first,
    each with its offer, both organisations and its number of messages."""
    led = user.affiliations.filter(role=AffiliationRole.LEADER).values("organisation_id")
    return (
        Enquiry.objects.filter(Q(author=user) | Q(organisation_id__in=led))
        .select_related("offer", "organisation", "from_organisation", "author")
        .annotate(message_count=count_of(EnquiryMessage.objects.filter(enquiry=OuterRef("pk"))))
        .order_by("-last_message_at", "-pk")
    )


def enquiry_detail(*, pk: int):
    """One enquiry with its messages and their authors, or None."""
    return (
        Enquiry.objects.select_related("offer__organisation", "organisation", "from_organisation", "author")
        .prefetch_related(Prefetch("messages", queryset=EnquiryMessage.objects.select_related("author")))
        .filter(pk=pk)
        .first()
    )


def enquiries_by_quarter(*, quarters: int = 8) -> list[dict]:
    """Enquiries between members in each of the last `quarters` quarters (in the network's time zone), oldest
    first, quarters without any as 0: how many, from how many organisations, to how many, and how many
    were answered by the organisation asked."""
    today = timezone.localdate()
    this_quarter = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    first = this_quarter - relativedelta(months=3 * (quarters - 1))
    since = datetime.combine(first, time(), tzinfo=timezone.get_current_timezone())
    answered = EnquiryMessage.objects.filter(enquiry=OuterRef("pk")).exclude(author=OuterRef("author"))
    rows = (
        Enquiry.objects.filter(created_at__gte=since)
        .annotate(quarter=TruncQuarter("created_at"), answered=Exists(answered))
        .values("quarter")
        .annotate(
            count=Count("pk"),
            asking=Count("from_organisation", distinct=True),
            asked=Count("organisation", distinct=True),
            replied=Count("pk", filter=Q(answered=True)),
        )
        .order_by()
    )
    found = {(row["quarter"].date() if hasattr(row["quarter"], "date") else row["quarter"]): row for row in rows}
    result, quarter = [], first
    while quarter <= this_quarter:
        row = found.get(quarter, {})
        result.append(
            {
                "start": quarter,
                "number": (quarter.month - 1) // 3 + 1,
                "count": row.get("count", 0),
                "asking": row.get("asking", 0),
                "asked": row.get("asked", 0),
                "replied": row.get("replied", 0),
            }
        )
        quarter += relativedelta(months=3)
    return result
