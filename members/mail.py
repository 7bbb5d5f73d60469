"""Sending e-mail from templates, in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(*, template: str, to: list[str], context: dict, language: str | None = None, headers=None):
    """Render templates/emails/<template>.subject.txt, .txt and .html and send one message.

    Side effect: one e-mail through the configured backend.
    """
    context = {"site_url": settings.SITE_URL, "network_name": settings.NETWORK_NAME, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}.subject.txt", context).strip()
        text = render_to_string(f"emails/{template}.txt", context)
        html = render_to_string(f"emails/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return message
