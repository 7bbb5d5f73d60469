"""User text (challenges, replies, minutes, proposals) is Markdown, bounded, rendered once when it is saved and
sanitised; pages show the stored HTML (common.fields.MarkdownHTMLField).

Python-Markdown's inline patterns take quadratic time and more on unclosed brackets and parentheses: 6 KB of
"[" made every view of a challenge take 5 seconds, 19,000 took 85. So a text is refused when it is longer than
MARKDOWN_MAX_LENGTH characters or nests brackets, parentheses, block quotes or lists deeper than
MARKDOWN_MAX_DEPTH (a scan in linear time finds out), and render_markdown() shows text beyond those bounds,
written before they existed, as plain paragraphs instead of rendering it.
"""

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .validators import validate_text

MARKDOWN_MAX_LENGTH = 20_000
MARKDOWN_MAX_DEPTH = 32

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}

# "@dara-kim" or "@dara": a handle, not the middle of an e-mail address ("dara@example.org").
MENTION = re.compile(r"(?<![\w@])@([\w][\w.-]*[\w]|[\w])", re.UNICODE)

LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
INDENT = re.compile(r"^[ \t]*")


def markdown_depth(text: str) -> int:
    """How deeply the text nests: brackets and parentheses (counting the ones left open, up to the end of their
    paragraph), block quotes, and list or code indentation (two spaces or a tab a level). Fenced code blocks
    are left out: they are not parsed. Linear in the length of the text. No side effects."""
    deepest = brackets = parentheses = 0
    fenced = False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if not line.strip():
            # A blank line ends the paragraph, and with it what its brackets left open.
            brackets = parentheses = 0
            continue
        quotes = QUOTES.match(line)
        indent = INDENT.match(line).group(0).replace("\t", "    ")
        deepest = max(deepest, quotes.group(1).count(">") if quotes else 0, len(indent) // 2)
        for char in line:
            if char == "[":
                brackets += 1
            elif char == "]":
                brackets = max(brackets - 1, 0)
            elif char == "(":
                parentheses += 1
            elif char == ")":
                parentheses = max(parentheses - 1, 0)
            else:
                continue
            deepest = max(deepest, brackets, parentheses)
    return deepest


def markdown_limit() -> str:
    """The sentence that states the limit, for the help text of a Markdown field."""
    return _("At most %(count)s characters.") % {"count": number_format(MARKDOWN_MAX_LENGTH, force_grouping=True)}


def check_markdown(text: str, *, field: str) -> None:
    """Refuse Markdown that is too long, too deeply nested, or holds a NUL character.

    Raises ValidationError on `field`, with the limit in its words. No side effects.
    """
    validate_text(text or "", field=field, max_length=MARKDOWN_MAX_LENGTH)
    if markdown_depth(text or "") > MARKDOWN_MAX_DEPTH:
        raise ValidationError(
            {
                field: _(
                    "This text nests brackets, parentheses, quotes or lists more than %(depth)s levels deep. "
                    "Simplify it."
                )
                % {"depth": MARKDOWN_MAX_DEPTH}
            }
        )


def within_bounds(text: str) -> bool:
    return len(text) <= MARKDOWN_MAX_LENGTH and markdown_depth(text) <= MARKDOWN_MAX_DEPTH


def mention_handles(text: str) -> set[str]:
    """The handles @-mentioned in a text, lower case. No side effects."""
    return {handle.lower().rstrip(".") for handle in MENTION.findall(text or "")}


class ListAfterTextPreprocessor(Preprocessor):
    """People write "What we tried:" and then "- a" on the next line and expect a list; Markdown wants a
    blank line between. Add it, except inside fenced code and inside a list already begun."""

    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        fence = ""
        in_list = False
        for line in lines:
            opening = FENCE.match(line)
            if fence:
                if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                    fence = ""
                result.append(line)
                continue
            if opening:
                fence = opening.group(1)
                in_list = False
                result.append(line)
                continue
            if not line.strip():
                in_list = False
            elif LIST_ITEM.match(line):
                if not in_list and result and result[-1].strip():
                    result.append("")
                in_list = True
            result.append(line)
        return result


class MentionTreeprocessor(Treeprocessor):
    """`@handle` of a person in the mapping becomes a link to their page; any other `@word` stays text.
    Runs on the finished tree, so a mention inside a link, `code` or a code block stays as written."""

    SKIP = {"a", "code", "pre"}

    def __init__(self, md, links: Mapping[str, str]):
        super().__init__(md)
        self.links = links

    def run(self, root):
        self._walk(root)

    def _walk(self, element):
        if element.tag in self.SKIP:
            return
        for child in list(element):
            self._walk(child)
        for child in list(element):
            if child.tail:
                child.tail = self._link(element, child.tail, after=child)
        if element.text:
            element.text = self._link(element, element.text, after=None)

    def _link(self, parent, text: str, *, after):
        """Split `text` at the mentions it holds; return what stays as text, insert the links after it."""
        pieces = []
        position = 0
        for match in MENTION.finditer(text):
            url = self.links.get(match.group(1).lower().rstrip("."))
            if url:
                pieces.append((text[position : match.start()], match.group(0), url))
                position = match.end()
        if not pieces:
            return text
        index = 0 if after is None else list(parent).index(after) + 1
        for offset, (_before, label, url) in enumerate(pieces):
            link = etree.Element("a", {"href": url})
            link.text = label
            following = pieces[offset + 1][0] if offset + 1 < len(pieces) else text[position:]
            link.tail = following
            parent.insert(index + offset, link)
        return pieces[0][0]


class PeersExtension(Extension):
    """The way people on the board write: lists right after a line of text, and @mentions."""

    def __init__(self, mentions: Mapping[str, str] | None = None, **kwargs):
        self.mentions = mentions or {}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(ListAfterTextPreprocessor(md), "list_after_text", 25)
        if self.mentions:
            # After the inline patterns (priority 20), on the tree they leave.
            md.treeprocessors.register(MentionTreeprocessor(md, self.mentions), "mention", 5)


def render_markdown(text: str, mentions: Mapping[str, str] | None = None) -> str:
    """HTML that is safe to show: Markdown first, then nh3 keeps only harmless tags, attributes and links.

    `mentions` maps a lower-case handle to the address of that person's page: those @handles become links,
    every other @word stays plain (escaped) text. Raw HTML in the input is escaped by nh3's allow-list;
    `javascript:` links and event handlers are dropped. Text beyond the bounds (written before they were
    checked) is shown as escaped paragraphs, never rendered.
    """
    text = text or ""
    if not within_bounds(text):
        return linebreaks(escape(text))
    html = markdown.markdown(
        text,
        extensions=["extra", "sane_lists", "nl2br", PeersExtension(mentions=mentions)],
        output_format="html",
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )


def check_markdown_fields(**texts: str) -> None:
    """check_markdown() for several fields at once: one ValidationError naming every field that is refused."""
    errors = {}
    for field, text in texts.items():
        try:
            check_markdown(text, field=field)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
