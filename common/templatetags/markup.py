"""`{% load markup %}`: the `markdown` filter, for the preview of text not saved yet. Saved text is rendered once,
when it is saved, and stored as HTML (common.fields.MarkdownHTMLField): pages print that, never this filter."""

from django import template
from django.utils.safestring import mark_safe

from common.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, mentions=None):
    """Render user-written Markdown as sanitised HTML; `{{ body|markdown:mentions }}` links the @handles
    that the mapping (handle to address) names."""
    return mark_safe(render_markdown(text, mentions))  # noqa: S308 - sanitised by nh3 in render_markdown
