"""`{% load markup %}`: the `markdown` filter, user text rendered and sanitised."""

from django import template
from django.utils.safestring import mark_safe

from common.markup import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, mentions=None):
    """Render user-written Markdown as sanitised HTML; `{{ body|markdown:mentions }}` links the @handles
    that the mapping (handle to address) names."""
    return mark_safe(render_markdown(text, mentions))  # noqa: S308 - sanitised by nh3 in render_markdown
