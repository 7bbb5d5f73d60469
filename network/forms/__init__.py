from .board import (
    CaseStudyForm,
    ChallengeForm,
    MultipleFileField,
    MultipleFileInput,
    ReasonForm,
    ReplyEditForm,
    ReplyForm,
    ResourceForm,
    ScheduleForm,
)
from .statements import SignatureForm, StatementForm
from .workplans import ActionForm, ObjectiveForm, ProgressForm, WorkPlanForm

__all__ = [
    "ActionForm",
    "CaseStudyForm",
    "ChallengeForm",
    "MultipleFileField",
    "MultipleFileInput",
    "ObjectiveForm",
    "ProgressForm",
    "ReasonForm",
    "ReplyEditForm",
    "ReplyForm",
    "ResourceForm",
    "ScheduleForm",
    "SignatureForm",
    "StatementForm",
    "WorkPlanForm",
]
