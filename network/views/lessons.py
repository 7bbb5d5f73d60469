"""Pages of lessons learned: the register across the network, a case analysis with its group and lessons,
and choosing the lessons an agenda item presents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.loading import object_loader
from common.pagination import paginate, query_without_page
from common.permissions import permission_required
from events.models import AgendaItem

from .. import selectors, services
from ..enums import ResourceKind
from ..forms import CaseAnalysisForm, LessonForm, LessonSearchForm
from ..models import CaseAnalysis

analysis_by_pk = object_loader(CaseAnalysis.objects.select_related("case"))


@permission_required("network.view_lesson_list")
def lesson_list(request):
    form = LessonSearchForm(request.GET or None)
    text, theme = "", None
    if form.is_bound:
        if form.is_valid():
            text, theme = form.cleaned_data["text"], form.cleaned_data["theme"]
        else:
            messages.warning(request, _("That search could not be used; all lessons are shown."))
    page = paginate(request, selectors.lessons_register(request.user, text=text, theme=theme))
    return render(
        request,
        "network/lessons/lesson_list.html",
        {"form": form, "page": page, "query": query_without_page(request.GET)},
    )


@permission_required("network.add_caseanalysis")
def case_analysis_create(request, case):
    case = get_object_or_404(selectors.visible_resources(request.user).filter(kind=ResourceKind.CASE_STUDY), pk=case)
    form = CaseAnalysisForm(request.POST or None, case=case, by=request.user)
    if request.method == "POST" and form.is_valid() and (analysis := form.save()):
        messages.success(request, _("The group is formed. Record the lessons it draws here."))
        return redirect(analysis)
    return render(request, "network/lessons/case_analysis_form.html", {"form": form, "case": case})


@permission_required("network.view_caseanalysis", fn=analysis_by_pk)
def case_analysis_detail(request, pk):
    analysis = analysis_by_pk(request, pk=pk)
    form = LessonForm(request.POST or None, analysis=analysis, by=request.user)
    if request.method == "POST":
        if not request.user.has_perm("network.add_lesson", analysis):
            raise PermissionDenied
        if form.is_valid() and form.save():
            messages.success(request, _("Lesson recorded."))
            return redirect(analysis)
    return render(
        request,
        "network/lessons/case_analysis_detail.html",
        {
            "analysis": analysis,
            "members": analysis.members.all(),
            "lessons": analysis.lessons.prefetch_related("themes"),
            "form": form,
        },
    )


@permission_required("network.view_lesson_list")
def lesson_present(request, item):
    """The lessons an agenda item presents, chosen by those who run its meeting."""
    agenda_item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=item)
    if not request.user.has_perm("events.change_meeting", agenda_item.meeting):
        raise PermissionDenied
    register = selectors.lessons_register(request.user)
    if request.method == "POST":
        wanted = {value for value in request.POST.getlist("lesson") if value.isascii() and value.isdigit()}
        chosen = list(register.filter(pk__in=[int(v) for v in wanted if len(v) < 12]))
        services.lessons_present(agenda_item=agenda_item, lessons=chosen, by=request.user)
        messages.success(request, _("The agenda item presents the lessons chosen."))
        return redirect(agenda_item.meeting)
    page = paginate(request, register)
    return render(
        request,
        "network/lessons/lesson_present.html",
        {"item": agenda_item, "page": page, "chosen": set(agenda_item.lessons.values_list("pk", flat=True))},
    )
