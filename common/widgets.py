"""Widgets any app may use: the browser's own date and time pickers, with the value written the way they read it,
and a select of names, each marked with its language."""

from django import forms

from .language import script_lang


class DateInput(forms.DateInput):
    """<input type="date">: the value is written as 2026-12-31 whatever the language of the page."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    """<input type="time">: the value is written as 17:30, hours and minutes."""

    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


class NamesSelect(forms.Select):
    """A select whose options are names as people wrote them (communities, organisations, series) or as they
    are known abroad (time zones left untranslated): each option carries the language of its label's script,
    so a screen reader reads an English name in a Khmer page with the English voice, and the reverse."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        language = script_lang(option["label"], default="")
        if language and value not in ("", None):
            option["attrs"]["lang"] = language
        return option
