"""Rendering an e-mail: subject, text and HTML from templates/emails/<name>.*, in the recipient's
language and time zone, with the headers every automatic message carries."""

from dataclasses import dataclass
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _plain_subject(template: str, context: dict) -> str:
    # A subject is plain text: "Live & Learn" stays "&" (no HTML escaping) and it is one line.
    compiled = engines["django"].get_template(template).template
    return " ".join(compiled.render(Context(context, autoescape=False)).split())


def _render_parts(
    template: str, context: dict, language: str | None, time_zone: str | None, *, html_context: dict | None = None
) -> tuple[str, str, str]:
    """Subject, text and HTML of templates/emails/<template>.* in a language and time zone."""
    site = {"site_url": settings.SITE_URL, "network_name": settings.NETWORK_NAME}
    context = {**site, **context}
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        timezone.override(time_zone or settings.TIME_ZONE),
    ):
        subject = _plain_subject(f"emails/{template}.subject.txt", context)
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", {**site, **html_context} if html_context else context)
    return subject, text, html


def _message(
    subject: str, text: str, html: str, *, to: str, unsubscribe_url: str, attachments
) -> EmailMultiAlternatives:
    headers = {"Auto-Submitted": "auto-generated", "Message-ID": make_msgid(domain=site_domain())}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def render_message(
    template: str,
    *,
    to: str,
    context: dict,
    language: str | None = None,
    time_zone: str | None = None,
    unsubscribe_url: str = "",
    attachments=(),
) -> EmailMultiAlternatives:
    """The message of templates/emails/<template>.subject.txt, .txt and .html for one recipient.

    Rendered in `language` and `time_zone` (the recipient's; the site's when not given), with
    Auto-Submitted, a Message-ID on the site's domain and, given an unsubscribe_url, one-click
    List-Unsubscribe. attachments are (filename, content, mimetype). No side effects: nothing is sent.
    """
    subject, text, html = _render_parts(template, context, language, time_zone)
    return _message(subject, text, html, to=to, unsubscribe_url=unsubscribe_url, attachments=attachments)


def render_for(person, template: str, *, context: dict, **options) -> EmailMultiAlternatives:
    """render_message for a person: their address, language and time zone. No side effects."""
    return render_message(
        template,
        to=person.email,
        context={"person": person, **context},
        language=person.language,
        time_zone=person.time_zone,
        **options,
    )


@dataclass(frozen=True)
class Rendered:
    """A part rendered for one reader, in both formats, to fill into a message (see Fragments.message)."""

    text: str
    html: SafeString


class Fragments:
    """What a batch's e-mails share, rendered once per language and time zone and reused for everyone
    in the batch who reads the same: parts (a digest's sections) and whole messages with a few personal
    values filled in (a reminder's greeting). No side effects.

    `key` names what is rendered (its items' ids, say): two readers with the same key, language and time
    zone get the same text.
    """

    def __init__(self):
        self._rendered: dict[tuple, object] = {}

    def render(self, template: str, *, key, context: dict, language: str | None, time_zone: str | None) -> SafeString:
        """templates/<template> (a part, not a whole message)."""
        language, time_zone = language or settings.LANGUAGE_CODE, time_zone or settings.TIME_ZONE
        memo = (template, language, time_zone, key)
        if memo not in self._rendered:
            context = {"site_url": settings.SITE_URL, "network_name": settings.NETWORK_NAME, **context}
            with translation.override(language), timezone.override(time_zone):
                # Rendered (and escaped, for HTML) by the template itself: safe to place as it is.
                self._rendered[memo] = mark_safe(render_to_string(template, context))  # noqa: S308
        return self._rendered[memo]

    def message(
        self,
        template: str,
        *,
        key,
        context: dict,
        personal: dict,
        person,
        unsubscribe_url: str = "",
        attachments=(),
    ) -> EmailMultiAlternatives:
        """render_for(person, template) where only `personal` differs from reader to reader: the
        templates are rendered once per language, time zone and key with a placeholder for each personal
        value (`person.name` is one: "Hello {{ person.name }}"), which is then filled in, escaped in the
        HTML part. A value may be Rendered, a part in both formats. A template that changed a placeholder
        (a filter on a personal value) is rendered for the reader in full instead."""
        language, time_zone = person.language or settings.LANGUAGE_CODE, person.time_zone or settings.TIME_ZONE
        values = {"name": person.name, **personal}
        memo = ("message", template, language, time_zone, key)
        if memo not in self._rendered:
            holders = {name: _PLACEHOLDER.format(name) for name in values}
            shared = {**context, **holders, "person": _StandIn(holders.pop("name"))}
            try:
                self._rendered[memo] = _render_parts(template, shared, language, time_zone)
            except _NotShared:
                self._rendered[memo] = None
        parts = self._rendered[memo]
        if parts is not None:
            subject, text, html = parts
            for name, value in values.items():
                holder = _PLACEHOLDER.format(name)
                plain, marked = (
                    (value.text, value.html) if isinstance(value, Rendered) else (value, conditional_escape(value))
                )
                subject, text, html = (
                    subject.replace(holder, plain),
                    text.replace(holder, plain),
                    html.replace(holder, marked),
                )
            if _HOLDER_MARK not in subject + text + html:
                return _message(
                    subject, text, html, to=person.email, unsubscribe_url=unsubscribe_url, attachments=attachments
                )
        # The template reads more of the person than their name, or a value held the mark: render in full.
        context = {**context, "person": person}
        text_context = {**context, **{n: v.text if isinstance(v, Rendered) else v for n, v in personal.items()}}
        html_context = {**context, **{n: v.html if isinstance(v, Rendered) else v for n, v in personal.items()}}
        subject, text, html = _render_parts(template, text_context, language, time_zone, html_context=html_context)
        return _message(subject, text, html, to=person.email, unsubscribe_url=unsubscribe_url, attachments=attachments)


# A character of Unicode's private use area, which HTML escaping leaves alone. Should a personal value
# hold it, the check after filling in finds it and the reader's message is rendered in full.
_HOLDER_MARK = "\ue000"
_PLACEHOLDER = _HOLDER_MARK + "{}\ue001"


class _NotShared(Exception):
    """A template read something of the person that is theirs alone: it cannot be rendered once for all.
    (Not an AttributeError, which the template engine would quietly turn into an empty string.)"""


class _StandIn:
    """The person as a shared rendering sees them: a placeholder for the name, and nothing else."""

    def __init__(self, name: str):
        self.name = name

    def __getattr__(self, attribute):
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        raise _NotShared(attribute)


def message_to_dict(message: EmailMultiAlternatives) -> dict:
    """What a queued message keeps in its ledger row, to be sent (and sent again) by a worker."""
    return {
        "subject": message.subject,
        "body": message.body,
        "html": next((content for content, mimetype in message.alternatives if mimetype == "text/html"), ""),
        "to": message.to,
        "headers": {k: v for k, v in message.extra_headers.items() if k != "Message-ID"},
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    headers = {**data.get("headers", {}), "Message-ID": make_msgid(domain=site_domain())}
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=data["to"],
        headers=headers,
    )
    if data.get("html"):
        message.attach_alternative(data["html"], "text/html")
    return message
