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
from .funding import (
    ConsortiumDocumentForm,
    ConsortiumForm,
    ConsortiumMessageForm,
    ConsortiumProposalForm,
    ConsortiumStepForm,
    InterestForm,
    OpportunityForm,
    OutcomeForm,
    PartnerInviteForm,
)
from .lessons import CaseAnalysisForm, LessonForm, LessonSearchForm
from .statements import SignatureForm, StatementForm
from .surveys import QuestionForm, SurveyAnswerForm, SurveyForm, SurveyResultsFilter
from .trade import EnquiryForm, EnquiryReplyForm
from .workplans import ActionForm, ObjectiveForm, ProgressForm, WorkPlanForm

__all__ = [
    "EnquiryForm",
    "EnquiryReplyForm",
    "SurveyForm",
    "QuestionForm",
    "SurveyAnswerForm",
    "SurveyResultsFilter",
    "CaseAnalysisForm",
    "LessonForm",
    "LessonSearchForm",
    "OpportunityForm",
    "InterestForm",
    "ConsortiumForm",
    "PartnerInviteForm",
    "ConsortiumMessageForm",
    "ConsortiumDocumentForm",
    "ConsortiumStepForm",
    "ConsortiumProposalForm",
    "OutcomeForm",
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
