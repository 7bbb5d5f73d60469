"""Writes about lessons learned: a group formed to analyse a case study, the lessons it records, and the
lessons an agenda item presents."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..enums import ResourceKind
from ..models import CaseAnalysis, Lesson, Resource

MAX_GROUP = 12


@transaction.atomic
def case_analysis_create(*, case: Resource, by, members: Iterable, question: str = "") -> CaseAnalysis:
    """Form a small group to analyse a case study; the person who forms it is in it.

    Side effects: the analysis and its group.
    """
    if case.kind != ResourceKind.CASE_STUDY:
        raise ValidationError(_("Only a case study can be analysed."))
    people = {person.pk: person for person in members}
    people[by.pk] = by
    if len(people) > MAX_GROUP:
        raise ValidationError({"members": _("Keep the group small: at most %(n)d people.") % {"n": MAX_GROUP}})
    analysis = CaseAnalysis.objects.create(case=case, question=question, opened_by=by)
    analysis.members.set(people.values())
    return analysis


@transaction.atomic
def lesson_record(
    *, by, statement: str, themes: Iterable, cases: Iterable[Resource], detail: str = "", analysis=None
) -> Lesson:
    """Record a lesson drawn from one or more case studies, tagged by theme.

    Side effects: the lesson with its themes and cases.
    """
    cases = list(cases)
    if analysis is not None and analysis.case not in cases:
        cases.append(analysis.case)
    if not cases or any(case.kind != ResourceKind.CASE_STUDY for case in cases):
        raise ValidationError({"cases": _("Link the lesson to the case studies it was drawn from.")})
    themes = list(themes)
    if not themes:
        raise ValidationError({"themes": _("Tag the lesson with at least one theme.")})
    lesson = Lesson.objects.create(statement=statement, detail=detail, analysis=analysis, recorded_by=by)
    lesson.themes.set(themes)
    lesson.cases.set(cases)
    return lesson


def lessons_present(*, agenda_item, lessons: Iterable[Lesson], by) -> None:
    """Set the lessons an agenda item presents. Side effects: the links between them."""
    agenda_item.lessons.set(lessons)
