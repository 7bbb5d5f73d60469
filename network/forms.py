import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm, ServiceModelForm, SingleLineInputsMixin
from common.widgets import NamesSelect
from communities.models import Community
from events.enums import MeetingStatus
from events.models import Meeting
from members.models import FocusArea, Organisation

from . import services
from .models import Challenge, Resource
from .models.trade import MESSAGE_MAX
from .validators import validate_upload
from .visibility import visible_challenges


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field, each checked like a single upload."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned = [single(item, initial) for item in files]
        for upload in cleaned:
            validate_upload(upload)
        return cleaned


def new_client_key() -> str:
    return secrets.token_urlsafe(16)


class ChallengeForm(ServiceForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("The challenge"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What is happening, what you tried, what you would like to learn from peers. Markdown works; mention someone with @ and their name joined by hyphens, e.g. @dara-kim."
        ),
    )
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=Organisation.objects.none(), required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=FocusArea.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    community = forms.ModelChoiceField(
        label=_("Visible to"), queryset=Community.objects.none(), required=False, empty_label=_("The whole network")
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Office or OpenDocument files and images; 10 MB each at most."),
    )
    client_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, author, challenge=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.challenge = challenge
        self.fields["organisation"].queryset = Organisation.objects.filter(affiliations__person=author).distinct()
        self.fields["organisation"].empty_label = _("Myself")
        communities = Community.objects.all() if author.is_coordinator else Community.objects.with_member(author)
        self.fields["community"].queryset = communities
        if challenge is not None:
            del self.fields["community"]
            del self.fields["client_key"]
        elif not self.is_bound:
            self.initial["client_key"] = new_client_key()

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError(_("This cannot be empty."))
        return body

    def call_service(self):
        data = dict(self.cleaned_data)
        if self.challenge is not None:
            return services.challenge_update(challenge=self.challenge, by=self.author, **data)
        challenge, _created = services.challenge_create(author=self.author, **data)
        return challenge


class ReplyForm(ServiceForm):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 4}))
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    client_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, challenge, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.author = author
        if not self.is_bound:
            self.initial.setdefault("client_key", new_client_key())

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError(_("Write something before you send."))
        return body

    def call_service(self):
        parent_id = self.cleaned_data.get("parent")
        parent = self.challenge.replies.filter(pk=parent_id).first() if parent_id else None
        reply, _created = services.reply_create(
            challenge=self.challenge,
            author=self.author,
            body=self.cleaned_data["body"],
            parent=parent,
            client_key=self.cleaned_data.get("client_key") or "",
        )
        return reply


class ReplyEditForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 6}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ScheduleForm(ServiceForm):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    duration_minutes = forms.IntegerField(
        label=_("Minutes on the agenda"), required=False, min_value=1, max_value=600, initial=20
    )

    def __init__(self, *args, challenge, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge
        self.by = by
        meetings = Meeting.objects.filter(status=MeetingStatus.SCHEDULED, starts_at__gt=timezone.now()).order_by(
            "starts_at"
        )
        if challenge.community_id:
            meetings = meetings.filter(Q(community_id=challenge.community_id) | Q(community__isnull=True))
        else:
            meetings = meetings.filter(community__isnull=True)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%d %b %Y} · {m.title}"

    def call_service(self):
        """A ChallengeAgendaLink when `by` runs the meeting, otherwise an AgendaProposal waiting for them."""
        return services.challenge_put_forward(challenge=self.challenge, by=self.by, **self.cleaned_data)


class ResourceForm(ServiceModelForm):
    class Meta:
        model = Resource
        fields = [
            "kind",
            "title",
            "summary",
            "file",
            "url",
            "themes",
            "tags",
            "meeting",
            "community",
            "challenge",
            "is_public",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5}), "themes": forms.CheckboxSelectMultiple}
        help_texts = {"file": _("PDF, Office or OpenDocument files and images; at most 10 MB.")}

    def __init__(self, *args, by, **kwargs):
        """The choices are what the person may see (the service checks again): challenges they may open that
        no moderator hid, their communities, meetings of the network or of their communities. What the
        resource already points at stays a choice."""
        super().__init__(*args, **kwargs)
        self.by = by
        keep = {name: getattr(self.instance, f"{name}_id") for name in ("challenge", "community", "meeting")}
        challenges = visible_challenges(by).filter(is_hidden=False)
        communities = Community.objects.all() if by.is_coordinator else Community.objects.with_member(by)
        meetings = Meeting.objects.all()
        if not by.is_coordinator:
            meetings = meetings.filter(Q(community__isnull=True) | Q(community__in=Community.objects.with_member(by)))
        for name, queryset, model in [
            ("challenge", challenges, Challenge),
            ("community", communities, Community),
            ("meeting", meetings, Meeting),
        ]:
            if keep[name]:
                queryset = model.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk=keep[name]))
            self.fields[name].queryset = queryset
        self.fields["challenge"].queryset = self.fields["challenge"].queryset.order_by("-created_at")
        self.fields["meeting"].queryset = self.fields["meeting"].queryset.order_by("-starts_at")
        self.fields["meeting"].label_from_instance = lambda m: f"{timezone.localtime(m.starts_at):%d %b %Y} · {m.title}"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):
            validate_upload(upload)
        return upload

    def call_service(self) -> Resource:
        data = dict(self.cleaned_data)
        themes = data.pop("themes", [])
        upload = data.pop("file", None)
        if upload is False:
            data["file"] = ""
        elif upload and hasattr(upload, "content_type"):
            data["file"] = upload
        return services.resource_save(
            by=self.by, resource=self.instance if self.instance.pk else None, themes=themes, **data
        )


class CaseStudyForm(SingleLineInputsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The challenge, what peers suggested, what worked. Markdown."),
    )


class EnquiryForm(ServiceForm):
    """An enquiry about a member's listing, on behalf of one of the sender's organisations."""

    from_organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        widget=NamesSelect,
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you need, how many, by when, and where. The organisation's leaders answer here."),
    )

    def __init__(self, *args, offer, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer = offer
        self.by = by
        mine = Organisation.objects.filter(affiliations__person=by).exclude(pk=offer.organisation_id).order_by("name")
        self.fields["from_organisation"].queryset = mine
        first = mine.first()
        if first is not None:
            self.fields["from_organisation"].initial = first.pk

    def call_service(self):
        return services.enquiry_send(offer=self.offer, by=self.by, **self.cleaned_data)


class EnquiryReplyForm(ServiceForm):
    body = forms.CharField(label=_("Your reply"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, enquiry, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.by = by

    def call_service(self):
        return services.enquiry_reply(enquiry=self.enquiry, by=self.by, body=self.cleaned_data["body"])
