"""Rendering an e-mail: subject, text and HTML from templates/emails/<name>.*, in the recipient's
language and time zone, with the headers every automatic message carries."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation


def site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def _plain_subject(template: str, context: dict) -> str:
    # A subject is plain text: "Live & Learn" stays "&" (no HTML escaping) and it is one line.
    compiled = engines["django"].get_template(template).template
    return " ".join(compiled.render(Context(context, autoescape=False)).split())


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
    context = {"site_url": settings.SITE_URL, "network_name": settings.NETWORK_NAME, **context}
    with (
        translation.override(language or settings.LANGUAGE_CODE),
        timezone.override(time_zone or settings.TIME_ZONE),
    ):
        subject = _plain_subject(f"emails/{template}.subject.txt", context)
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
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
