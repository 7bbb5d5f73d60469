"""Pages of surveys: the list, building a draft, opening and closing it, answering it (an anonymous answer
changes only through its private link), the results with their charts, filters and CSV, and the trend of a
meeting series' feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.csv import csv_response
from common.loading import object_loader
from common.pagination import paginate
from common.permissions import permission_required
from events.models import MeetingSeries

from .. import selectors, services
from ..enums import QuestionKind, SurveyState
from ..forms import QuestionForm, SurveyAnswerForm, SurveyForm, SurveyResultsFilter
from ..models import Question, Survey

by_pk = object_loader(Survey.objects.select_related("community", "meeting"))
series_by_pk = object_loader(MeetingSeries)


@permission_required("network.view_survey_list")
def survey_list(request):
    page = paginate(request, selectors.surveys_for(viewer=request.user))
    return render(request, "network/surveys/survey_list.html", {"page": page})


@permission_required("network.add_survey")
def survey_create(request):
    form = SurveyForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid() and (survey := form.save()):
        messages.success(request, _("Survey saved as a draft. Add or change its questions, then open it."))
        return redirect(survey)
    return render(request, "network/surveys/survey_form.html", {"form": form})


def _detail(request, survey, question_form=None):
    manages = request.user.has_perm("network.manage_survey", survey)
    return render(
        request,
        "network/surveys/survey_detail.html",
        {
            "survey": survey,
            "questions": survey.questions.prefetch_related("choices"),
            "manages": manages,
            "may_answer": survey.is_open and request.user.has_perm("network.answer_survey", survey),
            "answered": survey.participations.filter(person=request.user).exists(),
            "responses": survey.responses.count() if manages else None,
            "question_form": question_form
            or (
                QuestionForm(survey=survey, by=request.user) if manages and survey.state == SurveyState.DRAFT else None
            ),
        },
    )


@permission_required("network.view_survey", fn=by_pk)
def survey_detail(request, pk):
    return _detail(request, by_pk(request, pk=pk))


@require_POST
@permission_required("network.manage_survey", fn=by_pk, form_page="network:survey_detail")
def question_create(request, pk):
    survey = by_pk(request, pk=pk)
    form = QuestionForm(request.POST, survey=survey, by=request.user)
    if form.is_valid() and form.save():
        messages.success(request, _("Question added."))
        return redirect(survey.get_absolute_url() + "#questions")
    return _detail(request, survey, question_form=form)


@require_POST
@permission_required("network.manage_survey", fn=by_pk, form_page="network:survey_detail")
def question_delete(request, pk, question):
    survey = by_pk(request, pk=pk)
    question = get_object_or_404(Question, pk=question, survey=survey)
    try:
        services.question_delete(question=question, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(survey.get_absolute_url() + "#questions")


@require_POST
@permission_required("network.manage_survey", fn=by_pk, form_page="network:survey_detail")
def survey_open(request, pk):
    survey = by_pk(request, pk=pk)
    try:
        services.survey_open(survey=survey, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The survey is open; those it asks are invited by e-mail."))
    return redirect(survey)


@require_POST
@permission_required("network.manage_survey", fn=by_pk, form_page="network:survey_detail")
def survey_close(request, pk):
    survey = services.survey_close(survey=by_pk(request, pk=pk), by=request.user)
    messages.success(request, _("The survey is closed."))
    return redirect(survey)


@permission_required("network.answer_survey", fn=by_pk)
def survey_answer(request, pk):
    survey = by_pk(request, pk=pk)
    if not survey.is_open:
        messages.info(request, _("This survey is closed."))
        return redirect(survey)
    secret = (request.POST.get("key") or request.GET.get("key") or "")[:64] if survey.anonymous else ""
    answered = survey.participations.filter(person=request.user).exists()
    if survey.anonymous and answered and not secret:
        messages.info(request, _("You have answered this survey. Use the private link you kept to change your answer."))
        return redirect(survey)
    questions = list(survey.questions.prefetch_related("choices"))
    initial = services.answers_of(survey, person=request.user, secret=secret)
    affiliation = request.user.affiliations.select_related("organisation").first()
    form = SurveyAnswerForm(
        request.POST or None,
        survey=survey,
        person=request.user,
        questions=questions,
        secret=secret,
        organisation=None if survey.anonymous else (affiliation.organisation if affiliation else None),
        initial={f"q{pk}": value for pk, value in initial.items()},
    )
    if request.method == "POST" and form.is_valid() and (result := form.save()):
        if result.secret:
            link = request.build_absolute_uri(f"{survey.get_absolute_url()}answer/?key={result.secret}")
            return render(request, "network/surveys/survey_thanks.html", {"survey": survey, "link": link})
        messages.success(request, _("Thank you: your answer is saved. You may change it until the survey closes."))
        return redirect(survey)
    return render(
        request,
        "network/surveys/survey_answer.html",
        {"survey": survey, "form": form, "secret": secret, "changing": bool(initial)},
    )


def _filtered(request, survey):
    """The responses the results page counts, and the filter form (ignored, with a message, when invalid)."""
    filters = SurveyResultsFilter(request.GET or None)
    if survey.anonymous or not request.GET:
        return selectors.filtered_responses(survey), filters
    if not filters.is_valid():
        messages.warning(request, _("That filter could not be used; all answers are shown."))
        return selectors.filtered_responses(survey), filters
    return (
        selectors.filtered_responses(
            survey,
            organisation_kind=filters.cleaned_data["organisation_kind"],
            community=filters.cleaned_data["community"],
        ),
        filters,
    )


@permission_required("network.manage_survey", fn=by_pk)
def survey_results(request, pk):
    survey = by_pk(request, pk=pk)
    responses, filters = _filtered(request, survey)
    total, results = selectors.survey_results(survey, responses)
    return render(
        request,
        "network/surveys/survey_results.html",
        {
            "survey": survey,
            "total": total,
            "results": results,
            "filters": None if survey.anonymous else filters,
            "chart_width": selectors.SURVEY_CHART_WIDTH,
            "query": request.GET.urlencode(),
        },
    )


@permission_required("network.manage_survey", fn=by_pk)
def survey_export_csv(request, pk):
    survey = by_pk(request, pk=pk)
    responses, _filters = _filtered(request, survey)
    questions = list(survey.questions.all())
    head = [] if survey.anonymous else [_("Name"), _("Organisation")]
    rows = [head + [question.wording for question in questions]]
    responses = responses.select_related("respondent", "organisation").prefetch_related(
        "answers__choice", "answers__question"
    )
    for response in responses.order_by("pk"):
        given = {}
        for answer in response.answers.all():
            if answer.question.kind == QuestionKind.SCALE:
                value = answer.number
            elif answer.choice_id:
                value = answer.choice.wording
            else:
                value = answer.text
            given.setdefault(answer.question_id, []).append(str(value))
        who = [] if survey.anonymous else [getattr(response.respondent, "name", ""), str(response.organisation or "")]
        rows.append(who + ["; ".join(given.get(question.pk, [])) for question in questions])
    return csv_response(f"survey-{survey.pk}.csv", rows)


@permission_required("events.change_meetingseries", fn=series_by_pk)
def feedback_trend(request, pk):
    series = series_by_pk(request, pk=pk)
    points = selectors.feedback_trend(series)
    return render(
        request,
        "network/surveys/feedback_trend.html",
        {"series": series, "points": points, "chart_width": selectors.SURVEY_CHART_WIDTH},
    )
