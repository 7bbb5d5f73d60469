"""Widgets any app may use: the browser's own date and time pickers, with the value written the way they read it,
and a select of names, each marked with its language."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .language import script_lang


def _attributes(attrs: dict) -> str:
    """HTML attributes as Django's attrs.html writes them: False leaves one out, True writes its name alone."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


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

    def render(self, name, value, attrs=None, renderer=None):
        """The HTML of Django's select template, written here: through that template (one include per option) the
        directory's 500 organisations took most of the page's time."""
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>', option["value"], _attributes(option["attrs"]), option["label"]
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every part is built with format_html
