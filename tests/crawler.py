"""The machinery of the hostile crawler (tests/test_hostile_crawler.py): a lean test client that keeps the
exception of a 500, a page parser that finds links, forms and live scripts, and a middleware that records
which query parameters a view reads."""

import re
from dataclasses import dataclass, field
from html import unescape as html_unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.signals import got_request_exception
from django.db import transaction
from django.http import HttpResponseServerError, QueryDict
from django.test import Client
from django.urls import Resolver404, resolve

# --- the client -------------------------------------------------------------------------


class CrawlClient(Client):
    """A test client without the template instrumentation (it copies every context and doubles the time of a
    page) that never raises: a 5xx response carries the view's exception in `exc_info`, and every request runs
    in a savepoint that is rolled back, so that each one meets the same data and a failed query harms nothing."""

    def __init__(self, **kwargs):
        super().__init__(raise_request_exception=False, **kwargs)

    def request(self, **request):
        environ = self._base_environ(**request)
        uid = f"crawl-exception-{id(request)}"
        got_request_exception.connect(self.store_exc_info, dispatch_uid=uid)
        try:
            with transaction.atomic():
                try:
                    response = self.handler(environ)
                except Exception as error:  # the error page itself failed: still a 500
                    response = HttpResponseServerError()
                    self.exc_info = self.exc_info or (type(error), error, error.__traceback__)
                transaction.set_rollback(True)
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)
        # The data was rolled back, so the cookies of the response (a new session after signing out or in) are
        # not kept either: every request is made as the person the client was signed in as.
        response.exc_info, self.exc_info = self.exc_info, None
        return response


# --- the query parameters a view reads --------------------------------------------------

READ_PARAMETERS: set[str] = set()


class RecordingQueryDict(QueryDict):
    def get(self, key, default=None):
        READ_PARAMETERS.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        READ_PARAMETERS.add(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        READ_PARAMETERS.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        READ_PARAMETERS.add(key)
        return super().__contains__(key)


class QueryRecorderMiddleware:
    """Replaces request.GET by a QueryDict that notes every name read from it (by views, forms, filtersets
    and templates alike) in READ_PARAMETERS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = RecordingQueryDict(request.META.get("QUERY_STRING", ""), encoding=request.encoding)
        return self.get_response(request)


# --- pages --------------------------------------------------------------------------------

EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


@dataclass
class Control:
    tag: str
    type: str
    name: str
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    required: bool = False
    disabled: bool = False
    maxlength: int | None = None
    min: str = ""
    max: str = ""


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    controls: list[Control] = field(default_factory=list)
    id: str = ""


def own_script(src: str) -> bool:
    """A script the project serves itself: a static file, or the admin's translation catalogue."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return False
    if parts.path.startswith(settings.STATIC_URL):
        return finders.find(parts.path.removeprefix(settings.STATIC_URL)) is not None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return False
    return match.view_name == "admin:jsi18n"


class PageParser(HTMLParser):
    """Links, forms and live scripts of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self.live_scripts: list[str] = []
        self._script: list[str] | None = None
        self._form: Form | None = None
        self._select: Control | None = None
        self._option_value: str | None = None
        self._option_text: list[str] = []
        self._option_selected = False
        self._textarea: Control | None = None
        # Submit buttons that send a form to another address (formaction), possibly from outside it (form="id"):
        # (the form's id, or the form they sit in; the address).
        self._form_actions: list[tuple[str | Form | None, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.live_scripts.append(f"<{tag} {name}={value!r}>")
            if (
                name in URL_ATTRIBUTES
                and value
                and re.sub(r"[\s\x00-\x1f]", "", value)
                .lower()
                .startswith(("javascript:", "vbscript:", "data:text/html"))
            ):
                self.live_scripts.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = attributes.get("src") or ""
            kind = (attributes.get("type") or "").lower().strip()
            if src and not own_script(src):
                self.live_scripts.append(f"<script src={src!r}>")
            if kind in EXECUTABLE_SCRIPT_TYPES and not src:
                self._script = []
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._form = Form(
                method=(attributes.get("method") or "get").lower(),
                action=attributes.get("action") or "",
                enctype=attributes.get("enctype") or "",
                id=attributes.get("id") or "",
            )
            self.forms.append(self._form)
        if tag in {"input", "button"} and attributes.get("formaction"):
            self._form_actions.append((attributes.get("form") or self._form, attributes["formaction"]))
        elif self._form is not None and tag in {"input", "button"}:
            kind = (attributes.get("type") or ("submit" if tag == "button" else "text")).lower()
            if attributes.get("name"):
                self._form.controls.append(
                    Control(
                        tag=tag,
                        type=kind,
                        name=attributes["name"],
                        value=attributes.get("value") or "",
                        checked="checked" in attributes,
                        required="required" in attributes,
                        disabled="disabled" in attributes,
                        maxlength=int(attributes["maxlength"])
                        if (attributes.get("maxlength") or "").isdigit()
                        else None,
                        min=attributes.get("min") or "",
                        max=attributes.get("max") or "",
                    )
                )
        elif self._form is not None and tag == "select" and attributes.get("name"):
            self._select = Control(
                tag="select",
                type="select-multiple" if "multiple" in attributes else "select",
                name=attributes["name"],
                required="required" in attributes,
                disabled="disabled" in attributes,
            )
            self._form.controls.append(self._select)
        elif self._select is not None and tag == "option":
            self._option_value = attributes.get("value")
            self._option_text = []
            self._option_selected = "selected" in attributes
        elif self._form is not None and tag == "textarea" and attributes.get("name"):
            self._textarea = Control(
                tag="textarea",
                type="textarea",
                name=attributes["name"],
                required="required" in attributes,
                disabled="disabled" in attributes,
                maxlength=int(attributes["maxlength"]) if (attributes.get("maxlength") or "").isdigit() else None,
            )
            self._form.controls.append(self._textarea)

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        if self._option_value is not None or self._select is not None:
            self._option_text.append(data)
        if self._textarea is not None:
            self._textarea.value += data

    def _close_option(self):
        if self._select is not None and (self._option_value is not None or self._option_text):
            value = self._option_value if self._option_value is not None else "".join(self._option_text).strip()
            self._select.options.append(value)
            if self._option_selected:
                self._select.selected.append(value)
        self._option_value, self._option_text, self._option_selected = None, [], False

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            content = "".join(self._script).strip()
            if content:
                self.live_scripts.append(f"<script>{content[:120]}</script>")
            self._script = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None:
                self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._form = None


# Django's templates escape every quote and angle bracket of the text they insert, so on its pages a tag ends at
# the first ">" outside a quoted attribute value, and a scan by regular expression reads tags as a browser
# does, ten times faster than html.parser (the crawler checks some thousands of pages).
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*/?>")
ATTRIBUTE = re.compile(r"([^\s=>/\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")
EVENT_ATTRIBUTE = re.compile(r"[\s\"']on[a-z]{3,30}\s*=")
SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.S | re.I)


def live_scripts(html: str) -> list[str]:
    """The live scripts of a page: what PageParser.live_scripts finds, found faster."""
    found = []
    lower = html.lower()
    if not ("<script" in lower or "script:" in lower or "data:text/html" in lower or EVENT_ATTRIBUTE.search(lower)):
        return found
    for tag in TAG.finditer(html):
        name = tag.group(1).lower()
        attributes = {key.lower(): html_unescape(value.strip("\"'")) for key, value in ATTRIBUTE.findall(tag.group(2))}
        for key, value in attributes.items():
            if (
                key.startswith("on")
                or key in URL_ATTRIBUTES
                and value
                and re.sub(r"[\s\x00-\x1f]", "", value)
                .lower()
                .startswith(("javascript:", "vbscript:", "data:text/html"))
            ):
                found.append(f"<{name} {key}={value!r}>")
        if name == "script":
            src = attributes.get("src", "")
            if src and not own_script(src):
                found.append(f"<script src={src!r}>")
            if not src and attributes.get("type", "").lower().strip() in EXECUTABLE_SCRIPT_TYPES:
                content = SCRIPT_ELEMENT.match(html, tag.start())
                if content is None or content.group(1).strip():
                    found.append(f"<script>{(content.group(1) if content else '')[:120]}</script>")
    return found


def parse_page(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    parser.close()
    # A button with a formaction sends its form elsewhere: one more form, with the same fields.
    by_id = {form.id: form for form in parser.forms if form.id}
    for owner, action in parser._form_actions:
        form = by_id.get(owner) if isinstance(owner, str) else owner
        if form is not None:
            parser.forms.append(Form(method=form.method, action=action, enctype=form.enctype, controls=form.controls))
    return parser
