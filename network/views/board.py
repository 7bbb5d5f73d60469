from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import serve_private
from common.loading import object_loader
from common.pagination import page_number, paginate, query_without_page
from common.params import id_param
from common.permissions import permission_required

from .. import selectors, services
from ..filters import SORTS, ChallengeFilter
from ..forms import CaseStudyForm, ChallengeForm, ReasonForm, ReplyEditForm, ReplyForm, ScheduleForm
from ..models import AgendaProposal, Challenge, ChallengeAgendaLink, Reply
from ..search import mark_challenges

challenge_by_pk = object_loader(Challenge)
# The page showing the forms of the POST-only views below: sign-in after an expired session leads back to it.
CHALLENGE_PAGE = "network:challenge_detail"


@permission_required("network.view_challenge_list")
def challenge_list(request):
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in SORTS else "newest"
    filterset = ChallengeFilter(request.GET or None, queryset=selectors.challenge_list(request.user))
    page = paginate(request, filterset.sorted_qs(sort))
    if filterset.is_valid() and filterset.form.cleaned_data.get("q"):
        mark_challenges(page.object_list, filterset.form.cleaned_data["q"])
    query = query_without_page(request.GET)
    tab_query = request.GET.copy()
    tab_query.pop("sort", None)
    return render(
        request,
        "network/challenge_list.html",
        {
            "filter": filterset,
            "page": page,
            "sort": sort,
            "query": query,
            "tab_query": query_without_page(tab_query),
        },
    )


def _simple_form(
    request, form, *, heading, back, intro="", submit_label="", unhide=False, hidden=(), previewable=False
):
    preview = request.POST.get("body", "") if previewable and _wants_preview(request) else None
    return render(
        request,
        "network/simple_form.html",
        {
            "form": form,
            "heading": heading,
            "back_url": back.get_absolute_url(),
            "back_label": str(back),
            "intro": intro,
            "submit_label": submit_label,
            "unhide": unhide,
            "hidden": hidden,
            "previewable": previewable,
            "preview": preview,
            "mentions": selectors.mention_links(preview) if preview else {},
        },
    )


def _challenge_or_404(request, pk):
    challenge = selectors.challenge_detail(pk=pk, user=request.user)
    if challenge is None:
        raise Http404
    return challenge


@permission_required("network.view_challenge", fn=challenge_by_pk)
def challenge_detail(request, pk):
    return _challenge_page(request, pk)


def _challenge_page(request, pk, reply_form=None, status=200, preview=None):
    challenge = _challenge_or_404(request, pk)
    # Opening the challenge is reading what its notifications announced.
    services.notifications_mark_read(person=request.user, challenge=challenge)
    # A link to a reply (?reply=<id>#reply-<id>, see Reply.get_absolute_url) opens the page its thread is on.
    number = page_number(request)
    reply_pk = request.GET.get("reply", "")
    if reply_pk.isascii() and reply_pk.isdigit() and len(reply_pk) < 12:
        number = selectors.reply_thread_page_of(challenge=challenge, reply_pk=int(reply_pk)) or number
    page, threads, accepted_elsewhere = selectors.reply_threads(challenge=challenge, user=request.user, number=number)
    context = {
        "challenge": challenge,
        "mentions": selectors.mention_links(preview) if preview else {},
        "preview": preview,
        "page": page,
        "threads": threads,
        "accepted_elsewhere": accepted_elsewhere,
        "reply_form": reply_form or ReplyForm(challenge=challenge, author=request.user),
        "schedule_form": ScheduleForm(challenge=challenge, by=request.user)
        if request.user.has_perm("network.schedule_challenge", challenge)
        else None,
    }
    return render(request, "network/challenge_detail.html", context, status=status)


@permission_required("network.view_challenge", fn=challenge_by_pk)
def attachment_download(request, pk, attachment_pk):
    """A challenge's attachment, to whoever may open the challenge (so not once it is hidden from them)."""
    challenge = challenge_by_pk(request, pk)
    attachment = get_object_or_404(challenge.attachments, pk=attachment_pk)
    return serve_private(request, attachment.file, filename=attachment.name)


@permission_required("network.add_challenge")
def challenge_create(request):
    form = ChallengeForm(request.POST or None, request.FILES or None, author=request.user)
    if _wants_preview(request):
        return _challenge_form_preview(request, form)
    if request.method == "POST" and form.is_valid():
        challenge = form.save()
        if challenge is not None:
            messages.success(request, _("Your challenge is posted. Peers can reply now."))
            return redirect(challenge)
    return render(request, "network/challenge_form.html", {"form": form})


def _wants_preview(request) -> bool:
    """The form's Preview button: show the text as it will look, save nothing."""
    return request.method == "POST" and "preview" in request.POST


def _challenge_form_preview(request, form, challenge=None):
    form.is_valid()  # shows what is still missing; saves nothing
    title, body = request.POST.get("title", ""), request.POST.get("body", "")
    return render(
        request,
        "network/challenge_form.html",
        {
            "form": form,
            "challenge": challenge,
            "preview": {"title": title, "body": body, "files_dropped": bool(request.FILES)},
            "mentions": selectors.mention_links(title, body),
        },
    )


@permission_required("network.change_challenge", fn=challenge_by_pk)
def challenge_update(request, pk):
    challenge = challenge_by_pk(request, pk)
    initial = {
        "title": challenge.title,
        "body": challenge.body,
        "organisation": challenge.organisation,
        "themes": challenge.themes.all(),
    }
    form = ChallengeForm(
        request.POST or None, request.FILES or None, initial=initial, author=request.user, challenge=challenge
    )
    if _wants_preview(request):
        return _challenge_form_preview(request, form, challenge)
    if request.method == "POST" and form.is_valid() and form.save() is not None:
        messages.success(request, _("Your changes are saved."))
        return redirect(challenge)
    return render(request, "network/challenge_form.html", {"form": form, "challenge": challenge})


@require_POST
@permission_required("network.reply_challenge", fn=challenge_by_pk, form_page=CHALLENGE_PAGE)
def reply_create(request, pk):
    challenge = challenge_by_pk(request, pk)
    form = ReplyForm(request.POST, challenge=challenge, author=request.user)
    if _wants_preview(request):
        form.is_valid()  # shows what is still missing; saves nothing
        return _challenge_page(request, pk, reply_form=form, preview=request.POST.get("body", ""))
    if form.is_valid():
        reply = form.save()
        if reply is not None:
            return redirect(reply)
    return _challenge_page(request, pk, reply_form=form, status=400)


def _reply(request, pk, reply_pk, perm):
    reply = get_object_or_404(Reply.objects.select_related("challenge", "author"), pk=reply_pk, challenge_id=pk)
    if not request.user.has_perm("network.view_challenge", reply.challenge) or not request.user.has_perm(perm, reply):
        raise PermissionDenied
    return reply


@permission_required("network.view_challenge", fn=challenge_by_pk)
def reply_update(request, pk, reply_pk):
    reply = _reply(request, pk, reply_pk, "network.change_reply")
    form = ReplyEditForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and not _wants_preview(request) and form.is_valid():
        try:
            services.reply_update(reply=reply, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your reply is saved."))
            return redirect(reply)
    return _simple_form(request, form, heading=_("Edit your reply"), back=reply.challenge, previewable=True)


@require_POST
@permission_required("network.accept_reply", fn=challenge_by_pk, form_page=CHALLENGE_PAGE)
def reply_accept(request, pk, reply_pk):
    reply = get_object_or_404(Reply, pk=reply_pk, challenge_id=pk)
    try:
        services.reply_set_accepted(reply=reply, by=request.user, accepted=request.POST.get("accepted") != "0")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reply)


@require_POST
@permission_required("network.view_challenge", fn=challenge_by_pk, form_page=CHALLENGE_PAGE)
def reply_vote(request, pk, reply_pk):
    reply = get_object_or_404(Reply, pk=reply_pk, challenge_id=pk)
    if not request.user.has_perm("network.add_challenge"):
        raise PermissionDenied
    try:
        services.reply_toggle_vote(reply=reply, person=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reply)


@require_POST
@permission_required("network.view_challenge", fn=challenge_by_pk, form_page=CHALLENGE_PAGE)
def challenge_follow(request, pk):
    challenge = challenge_by_pk(request, pk)
    following = services.challenge_toggle_follow(challenge=challenge, person=request.user)
    messages.success(
        request, _("You follow this challenge.") if following else _("You no longer follow this challenge.")
    )
    return redirect(challenge)


@require_POST
@permission_required("network.change_challenge", fn=challenge_by_pk, form_page=CHALLENGE_PAGE)
def challenge_status(request, pk):
    challenge = challenge_by_pk(request, pk)
    try:
        services.challenge_set_status(challenge=challenge, status=request.POST.get("status", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(challenge)


@permission_required("network.schedule_challenge", fn=challenge_by_pk)
def challenge_schedule(request, pk):
    """Those who run a meeting put the challenge on its agenda; its author proposes it to them."""
    challenge = _challenge_or_404(request, pk)
    form = ScheduleForm(request.POST or None, challenge=challenge, by=request.user)
    if request.method == "POST" and form.is_valid():
        result = form.save()
        if isinstance(result, ChallengeAgendaLink):
            meeting = result.agenda_item.meeting
            messages.success(request, _("The challenge is on the agenda of %(meeting)s.") % {"meeting": meeting.title})
            return redirect(challenge)
        if isinstance(result, AgendaProposal):
            messages.success(
                request,
                _("You proposed the challenge for %(meeting)s. Those who run the meeting will answer.")
                % {"meeting": result.meeting.title},
            )
            return redirect(challenge)
    if request.user.is_coordinator:
        heading, submit_label = _("Put this challenge on a meeting's agenda"), _("Add to the agenda")
        intro = _("It becomes an agenda item presented by its author; the author and followers are told.")
    else:
        heading, submit_label = _("Propose this challenge for a meeting's agenda"), _("Propose for the agenda")
        intro = _(
            "Those who run the meeting decide: it reaches the agenda when they accept, and you are told their "
            "answer. For a meeting you run yourself, it goes on the agenda at once."
        )
    return _simple_form(request, form, heading=heading, back=challenge, intro=intro, submit_label=submit_label)


def _moderate(request, post, challenge):
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "unhide":
            services.post_unhide(post=post, by=request.user)
            messages.success(request, _("The post is visible again."))
            return redirect(challenge)
        if form.is_valid():
            services.post_hide(post=post, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The post is hidden; its author sees your reason."))
            return redirect(challenge)
    return _simple_form(
        request,
        form,
        heading=_("Hide this post") if not post.is_hidden else _("This post is hidden"),
        back=challenge,
        intro=_("Members no longer see it; its author sees it with your reason."),
        submit_label=_("Hide"),
        unhide=post.is_hidden,
    )


@permission_required("network.moderate")
def challenge_moderate(request, pk):
    challenge = challenge_by_pk(request, pk)
    return _moderate(request, challenge, challenge)


@permission_required("network.moderate")
def reply_moderate(request, pk, reply_pk):
    reply = get_object_or_404(Reply.objects.select_related("challenge"), pk=reply_pk, challenge_id=pk)
    return _moderate(request, reply, reply.challenge)


@permission_required("network.view_challenge", fn=challenge_by_pk)
def report(request, pk):
    challenge = challenge_by_pk(request, pk)
    reply_pk = id_param(request.POST, "reply") if request.method == "POST" else id_param(request.GET, "reply")
    reply = challenge.replies.filter(pk=reply_pk).first() if reply_pk else None
    if not request.user.has_perm("network.report_post"):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_create(
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            challenge=None if reply else challenge,
            reply=reply,
        )
        messages.success(request, _("Thank you. The coordinators will look at it."))
        return redirect(challenge)
    return _simple_form(
        request,
        form,
        heading=_("Report a post"),
        back=challenge,
        intro=_("Tell the coordinators what is wrong. They decide whether to hide it."),
        submit_label=_("Send the report"),
        hidden=[("reply", reply.pk)] if reply else [],
    )


@permission_required("network.make_case_study")
def case_study_create(request, pk):
    challenge = challenge_by_pk(request, pk)
    form = CaseStudyForm(request.POST or None, initial={"title": challenge.title})
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.case_study_from_challenge(challenge=challenge, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The case study is in the resource centre."))
            return redirect(resource)
    return _simple_form(
        request,
        form,
        heading=_("Keep this challenge as a case study"),
        back=challenge,
        intro=_("The case study goes to the resource centre with the challenge's themes and a link back."),
        submit_label=_("Create the case study"),
    )
