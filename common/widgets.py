"""The browser's own date and time pickers, with the value written the way they read it."""

from django import forms


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
