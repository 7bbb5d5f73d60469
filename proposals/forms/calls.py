import re

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.forms import ServiceForm
from common.widgets import DateInput, NamesSelect, TimeInput
from common.zones import time_zone_choices
from communities.models import Community
from members.models import User

from .. import services
from ..models import Call, ReviewCriterion
from .base import combine, currency_field, money_field

CRITERION_LINE = re.compile(r"^(?P<title>.+?)\s*[|:]\s*(?P<weight>\d+)\s*$")
# Its validators bound a weight to what the model allows and its column holds.
WEIGHT = ReviewCriterion._meta.get_field("weight")


class CallForm(ServiceForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the call funds and for whom. Markdown: **bold**, lists with -."),
    )
    open_date = forms.DateField(label=_("Opens on"), widget=DateInput)
    open_time = forms.TimeField(label=_("at"), widget=TimeInput, initial="08:00")
    close_date = forms.DateField(label=_("Closes on"), widget=DateInput)
    close_time = forms.TimeField(label=_("at"), widget=TimeInput, initial="17:00")
    time_zone = forms.ChoiceField(
        label=_("Time zone of these times"), choices=time_zone_choices, initial=settings.TIME_ZONE, widget=NamesSelect
    )
    eligible_communities = forms.ModelMultipleChoiceField(
        label=_("Communities that may propose"),
        queryset=Community.objects.filter(is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    budget_ceiling = money_field(_("Budget ceiling"), help_text=_("The most a proposal may ask for."))
    currency = currency_field()
    sections = forms.CharField(
        label=_("Proposal sections"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Headings or questions every proposal answers, one a line."),
    )
    criteria = forms.CharField(
        label=_("Review criteria"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One a line as “criterion | weight”, for example “Relevance to rightsholders | 30”."),
    )
    review_days = forms.IntegerField(
        required=False,
        label=_("Days to review"),
        min_value=1,
        max_value=90,
        initial=14,
        help_text=_("A review is due this many days after the reviewer is asked."),
    )
    report_every_months = forms.IntegerField(
        required=False,
        label=_("Months between progress reports"),
        min_value=0,
        max_value=12,
        initial=3,
        help_text=_("Counted from the project's start; 3 for quarterly reports, 0 for none."),
    )
    final_report_days = forms.IntegerField(
        required=False,
        label=_("Days for the final report"),
        min_value=1,
        max_value=180,
        initial=30,
        help_text=_("The final report is due this many days after the project ends."),
    )

    def __init__(self, *args, by: User, call: Call | None = None, **kwargs):
        self.by = by
        self.instance = call
        if call is not None and "initial" not in kwargs:
            opens = timezone.localtime(call.opens_at, call.zone)
            closes = timezone.localtime(call.closes_at, call.zone)
            kwargs["initial"] = {
                "title": call.title,
                "description": call.description,
                "open_date": opens.date(),
                "open_time": opens.time(),
                "close_date": closes.date(),
                "close_time": closes.time(),
                "time_zone": call.time_zone,
                "eligible_communities": list(call.eligible_communities.all()),
                "budget_ceiling": call.budget_ceiling,
                "currency": call.currency,
                "sections": "\n".join(section.heading for section in call.sections.all()),
                "criteria": "\n".join(f"{c.title} | {c.weight}" for c in call.criteria.all()),
                "review_days": call.review_days,
                "report_every_months": call.report_every_months,
                "final_report_days": call.final_report_days,
            }
        super().__init__(*args, **kwargs)

    def clean_sections(self):
        return [line.strip() for line in self.cleaned_data["sections"].splitlines() if line.strip()]

    def clean_criteria(self):
        criteria = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            match = CRITERION_LINE.match(line.strip())
            if not match or int(match["weight"]) < 1:
                raise forms.ValidationError(
                    gettext("Line %(number)s: write “criterion | weight” with a weight of 1 or more.")
                    % {"number": number}
                )
            WEIGHT.run_validators(int(match["weight"]))
            criteria.append((match["title"].strip(), int(match["weight"])))
        if not criteria:
            raise forms.ValidationError(gettext("Give at least one criterion."))
        return criteria

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if all(cleaned.get(key) for key in ["open_date", "open_time", "close_date", "close_time"]):
            cleaned["opens_at"] = combine(cleaned["open_date"], cleaned["open_time"], zone)
            cleaned["closes_at"] = combine(cleaned["close_date"], cleaned["close_time"], zone)
            if cleaned["closes_at"] <= cleaned["opens_at"]:
                self.add_error("close_date", gettext("The call must close after it opens."))
        return cleaned

    def call_service(self) -> Call:
        data = self.cleaned_data
        fields = {
            "title": data["title"],
            "description": data["description"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "time_zone": data["time_zone"],
            "eligible_communities": data["eligible_communities"],
            "budget_ceiling": data["budget_ceiling"],
            "currency": data["currency"],
            "sections": data["sections"],
            "criteria": data["criteria"],
            "review_days": data["review_days"],
            "report_every_months": data["report_every_months"],
            "final_report_days": data["final_report_days"],
        }
        return services.call_save(call=self.instance, by=self.by, **fields)


class CallExtendForm(ServiceForm):
    close_date = forms.DateField(label=_("New closing date"), widget=DateInput)
    close_time = forms.TimeField(label=_("at"), widget=TimeInput)

    def __init__(self, *args, call: Call, by: User, **kwargs):
        self.call_to_extend = call
        self.by = by
        closes = timezone.localtime(call.closes_at, call.zone)
        kwargs.setdefault("initial", {"close_date": closes.date(), "close_time": closes.time()})
        super().__init__(*args, **kwargs)
        self.fields["close_time"].help_text = _("In the call's time zone, %(zone)s.") % {"zone": call.time_zone}

    def call_service(self) -> Call:
        closes_at = combine(
            self.cleaned_data["close_date"], self.cleaned_data["close_time"], self.call_to_extend.time_zone
        )
        return services.call_extend(call=self.call_to_extend, closes_at=closes_at, by=self.by)
