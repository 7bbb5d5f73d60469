from django import template
from django.utils.html import format_html

from common.language import lang_span as span_with_lang
from common.language import script_lang

register = template.Library()


@register.filter
def lang_attr(text):
    """The lang attribute (` lang="km"` or ` lang="en"`) for the element that holds this user text.

    Written inside the opening tag, right after its name: `<h1{{ challenge.title|lang_attr }}>`.
    Text without letters gets no attribute, so it keeps the language of the page around it.
    """
    language = script_lang(text, default="")
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def lang_span(text):
    """User text inside a translated sentence, wrapped in a span with its lang attribute.

    For `{% blocktranslate with title=meeting.title|lang_span %}`, where no element of its own
    holds the text. The text is escaped; text without letters, or in the page's own language,
    is returned escaped, unwrapped.
    """
    return span_with_lang(text)
