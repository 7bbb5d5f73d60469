"""Pages of partnerships: the list, the agreement with its health over time, the health review rounds, the
answer form for each partner, and the follow-up actions. Only partners, the facilitators of the partnership's
community and the coordinators see any of it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.loading import object_loader
from common.pagination import paginate
from common.permissions import permission_required

from .. import selectors, services
from ..domain.health import CHART_WIDTH, disagreements
from ..forms import (
    FollowUpActionForm,
    MeasureForm,
    PartnerForm,
    PartnershipForm,
    PartnershipUpdateForm,
    PrincipleForm,
    ReviewAnswerForm,
    ReviewOpenForm,
)
from ..models import FollowUpAction, HealthReview, Partner, Partnership, ReviewAnswer

by_pk = object_loader(Partnership.objects.select_related("community"))


def _review(partnership: Partnership, number: int) -> HealthReview:
    return get_object_or_404(HealthReview, partnership=partnership, number=number)


def _to_page(partnership: Partnership):
    return redirect(partnership.get_absolute_url())


@permission_required("communities.view_partnership_list")
def partnership_list(request):
    page = paginate(request, selectors.partnerships_for(viewer=request.user))
    return render(request, "communities/partnerships/partnership_list.html", {"page": page})


@permission_required("communities.add_partnership")
def partnership_create(request):
    form = PartnershipForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid() and (partnership := form.save()):
        messages.success(request, _("Partnership recorded. Now add its partners."))
        return redirect("partnerships:partner_create", pk=partnership.pk)
    return render(request, "communities/partnerships/partnership_form.html", {"form": form})


@permission_required("communities.view_partnership", fn=by_pk)
def partnership_detail(request, pk):
    partnership = selectors.partnership_page(pk=pk)
    reviews = list(partnership.reviews.all())
    history = selectors.partnership_health(partnership)
    scored = {round_.number for item in history for round_ in item.rounds if round_.scores}
    latest = next((review for review in reversed(reviews) if review.number in scored), None)
    open_review = next((review for review in reviews if review.is_open), None)
    answer_partners = [p for p in partnership.partners.all() if request.user.has_perm("communities.answer_review", p)]
    actions = partnership.actions.select_related("owner__organisation").order_by("done_at", "due_on", "pk")
    return render(
        request,
        "communities/partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "reviews": reviews,
            "history": history,
            "chart_width": CHART_WIDTH,
            "latest": latest,
            "disagreements": disagreements(history, latest.number) if latest else [],
            "open_review": open_review,
            "answer_partners": answer_partners,
            "actions": actions,
            "can_manage": request.user.has_perm("communities.manage_partnership", partnership),
            "action_form": FollowUpActionForm(partnership=partnership, by=request.user),
        },
    )


@permission_required("communities.manage_partnership", fn=by_pk)
def partnership_update(request, pk):
    partnership = by_pk(request, pk=pk)
    form = PartnershipUpdateForm(request.POST or None, partnership=partnership, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("Partnership saved."))
        return _to_page(partnership)
    return render(
        request, "communities/partnerships/partnership_update.html", {"form": form, "partnership": partnership}
    )


def _agreement_form(request, pk, form_class, *, done: str, title: str):
    """The page of one of the agreement's small forms (a partner, a principle, a measure of success)."""
    partnership = by_pk(request, pk=pk)
    form = form_class(request.POST or None, partnership=partnership, by=request.user)
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, done)
        if "another" in request.POST:
            return redirect(request.path)
        return _to_page(partnership)
    return render(
        request,
        "communities/partnerships/agreement_form.html",
        {"form": form, "partnership": partnership, "title": title},
    )


@permission_required("communities.manage_partnership", fn=by_pk)
def partner_create(request, pk):
    return _agreement_form(request, pk, PartnerForm, done=_("Partner added."), title=_("Add a partner"))


@permission_required("communities.manage_partnership", fn=by_pk)
def principle_create(request, pk):
    return _agreement_form(request, pk, PrincipleForm, done=_("Principle added."), title=_("Add a principle"))


@permission_required("communities.manage_partnership", fn=by_pk)
def measure_create(request, pk):
    return _agreement_form(
        request, pk, MeasureForm, done=_("Measure of success added."), title=_("Add a measure of success")
    )


@require_POST
@permission_required("communities.manage_partnership", fn=by_pk, form_page="partnerships:partnership_detail")
def partner_delete(request, pk, partner):
    partnership = by_pk(request, pk=pk)
    partner = get_object_or_404(Partner, pk=partner, partnership=partnership)
    try:
        services.partner_remove(partner=partner, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Partner removed."))
    return _to_page(partnership)


@permission_required("communities.manage_partnership", fn=by_pk)
def review_open(request, pk):
    partnership = by_pk(request, pk=pk)
    form = ReviewOpenForm(request.POST or None, partnership=partnership, by=request.user)
    if request.method == "POST" and form.is_valid() and (review := form.save()):
        messages.success(request, _("Review opened: each partner's representative has been asked to answer."))
        return redirect("partnerships:review_detail", pk=partnership.pk, number=review.number)
    return render(request, "communities/partnerships/review_open.html", {"form": form, "partnership": partnership})


@permission_required("communities.view_partnership", fn=by_pk)
def review_detail(request, pk, number):
    partnership = selectors.partnership_page(pk=pk)
    review = _review(partnership, number)
    history = selectors.partnership_health(partnership)
    answered = set(review.answers.values_list("partner_id", flat=True))
    return render(
        request,
        "communities/partnerships/review_detail.html",
        {
            "partnership": partnership,
            "review": review,
            "rows": [(item, next(r for r in item.rounds if r.number == number)) for item in history],
            "chart_width": CHART_WIDTH,
            "comments": selectors.review_comments(review),
            "partners": [(partner, partner.pk in answered) for partner in partnership.partners.all()],
            "can_manage": request.user.has_perm("communities.manage_partnership", partnership),
            "answer_partners": [
                p for p in partnership.partners.all() if request.user.has_perm("communities.answer_review", p)
            ],
        },
    )


def _answering_partner(request, partnership: Partnership) -> Partner:
    """The partner the person answers for: the one named by ?partner= among those they may answer for."""
    mine = [p for p in partnership.partners.all() if request.user.has_perm("communities.answer_review", p)]
    if not mine:
        raise PermissionDenied
    wanted = request.GET.get("partner", "")
    if wanted:
        chosen = next((p for p in mine if str(p.pk) == wanted), None)
        if chosen is None:
            raise Http404
        return chosen
    return mine[0]


@permission_required("communities.view_partnership", fn=by_pk)
def review_answer(request, pk, number):
    partnership = selectors.partnership_page(pk=pk)
    review = _review(partnership, number)
    partner = _answering_partner(request, partnership)
    answer = ReviewAnswer.objects.filter(review=review, partner=partner).prefetch_related("scores").first()
    if not review.is_open:
        messages.info(request, _("This review has closed; answers can no longer change."))
        return redirect("partnerships:review_detail", pk=partnership.pk, number=review.number)
    form = ReviewAnswerForm(
        request.POST or None,
        review=review,
        partner=partner,
        by=request.user,
        items=selectors.review_items(partnership),
        answer=answer,
    )
    if request.method == "POST" and form.is_valid() and form.save():
        messages.success(request, _("Thank you: your answer is saved. You may change it until the review closes."))
        return redirect("partnerships:review_detail", pk=partnership.pk, number=review.number)
    return render(
        request,
        "communities/partnerships/review_answer.html",
        {"form": form, "partnership": partnership, "review": review, "partner": partner, "answer": answer},
    )


@require_POST
@permission_required("communities.manage_partnership", fn=by_pk, form_page="partnerships:partnership_detail")
def review_close(request, pk, number):
    partnership = by_pk(request, pk=pk)
    services.review_close(review=_review(partnership, number), by=request.user)
    messages.success(request, _("Review closed."))
    return redirect("partnerships:review_detail", pk=partnership.pk, number=number)


@require_POST
@permission_required("communities.manage_partnership", fn=by_pk, form_page="partnerships:partnership_detail")
def action_create(request, pk):
    partnership = by_pk(request, pk=pk)
    latest = partnership.reviews.order_by("-number").first()
    form = FollowUpActionForm(request.POST, partnership=partnership, by=request.user, review=latest)
    if form.is_valid() and form.save():
        messages.success(request, _("Follow-up action added."))
        return redirect(partnership.get_absolute_url() + "#actions")
    errors = " ".join(" ".join(messages_) for messages_ in form.errors.values())
    messages.error(request, _("The action was not added: %(errors)s") % {"errors": errors})
    return redirect(partnership.get_absolute_url() + "#actions")


action_by_pk = object_loader(FollowUpAction.objects.select_related("owner", "partnership"), url_kwarg="action")


@require_POST
@permission_required("communities.complete_action", fn=action_by_pk, form_page="partnerships:partnership_detail")
def action_set_done(request, pk, action):
    action = action_by_pk(request, action=action)
    if action.partnership_id != pk:
        raise Http404
    services.action_set_done(action=action, by=request.user, done=request.POST.get("done") == "1")
    return redirect(action.partnership.get_absolute_url() + "#actions")
