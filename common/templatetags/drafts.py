"""`{% load drafts %}`: `{% restore_draft form %}` fills a form again with what was typed before the session ended."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from common.drafts import draft_restore

register = template.Library()


@register.simple_tag(takes_context=True)
def restore_draft(context, form):
    """Put the draft kept for this page into `form` (see common.drafts) and say so; nothing when there is none.

    Used at the top of templates/_form.html, so every form rendered with it picks its draft up.
    """
    request = context.get("request")
    draft = draft_restore(request, form) if request is not None else None
    if draft is None:
        return ""
    notice = _("We kept what you typed; check it and send it again.")
    if draft["files"]:
        # Uploads cannot be kept in a session: say so rather than let them go missing unnoticed.
        files = _("Files are not kept: attach them again.")
        return format_html('<p class="message message-info draft-notice" role="status">{} {}</p>', notice, files)
    return format_html('<p class="message message-info draft-notice" role="status">{}</p>', notice)
