import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.mail import mail_queue, register_kind, render_message

from .enums import Role

ACCOUNT_MAIL = register_kind("account", label=_("Account e-mail"))


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is closed unless OPEN_SIGNUP is on; those who sign up wait for approval. allauth's
    e-mails go the one way every e-mail of the portal goes."""

    def is_open_for_signup(self, request):
        return settings.OPEN_SIGNUP

    def save_user(self, request, user, form, commit=True):
        user.role = Role.PENDING
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """An address confirmation, a password reset or another of allauth's e-mails, in allauth's words
        (its templates and their translations) and in the reader's language, through common.mail: the
        headers of every automatic message, an HTML part, a row in the delivery ledger, and a worker
        that sends it after the request's change commits, retrying a busy server. A failing mail server
        never answers the request with an error page.

        Side effects: one pending Delivery row of kind account; after commit, the task that sends it.
        """
        request = allauth_context.request
        person = context.get("user")
        person = person if getattr(person, "pk", None) else None
        language = (person.language if person else "") or translation.get_language() or settings.LANGUAGE_CODE
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        with translation.override(language):
            words = self.render_mail(template_prefix, email, context)
        message = render_message(
            "account",
            to=email,
            context={"subject": words.subject, "body": words.body},
            language=language,
            time_zone=person.time_zone if person else None,
        )
        occasion = f"{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}"
        mail_queue(message=message, kind=ACCOUNT_MAIL, occasion=occasion, recipient=person)
