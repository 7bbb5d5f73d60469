"""User text (challenges, replies, minutes) is Markdown, rendered and then sanitised."""

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping

import markdown
import nh3
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}

# "@dara-kim" or "@dara": a handle, not the middle of an e-mail address ("dara@example.org").
MENTION = re.compile(r"(?<![\w@])@([\w][\w.-]*[\w]|[\w])", re.UNICODE)

LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


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
    `javascript:` links and event handlers are dropped.
    """
    html = markdown.markdown(
        text or "",
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
