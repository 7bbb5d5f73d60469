"""Word boundaries in text written without spaces: Khmer words spaced apart for search, and search words marked.

Khmer is written without spaces between words, so PostgreSQL's text search parser reads a whole Khmer phrase
as one token and cannot find a word inside it. `segment_khmer` puts a space between the Khmer words of a text
before it is indexed or parsed as a query.

The segmenter is ICU's dictionary-based word break, through `icu4py`: ICU is the Unicode Consortium's own
library and ships a maintained Khmer dictionary (the one browsers and operating systems use for line breaking),
so it is fast, deterministic and needs no model; `icu4py` is a small, typed binding by a long-time Django
maintainer with binary wheels that bundle ICU, so it installs without a compiler. khmer-nltk (a CRF model on
sklearn-crfsuite) was the alternative: heavier, slower, and unreleased since 2023.
"""

import re
from collections.abc import Iterable
from html import escape

from django.utils.safestring import SafeString, mark_safe
from icu4py.breakers import WordBreaker

# The Khmer block and Khmer Symbols; a token is Khmer when it starts with one of these.
KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
ZERO_WIDTH_SPACE = "\u200b"


def words(text: str) -> list[str]:
    """Split text at ICU's word boundaries: words, spaces and punctuation, which joined give the text back."""
    if not text:
        return []
    # Iterate the breaker's strings, not its segments(): those count UTF-16 units, not characters.
    return list(WordBreaker(text, "km"))


def segment_khmer(text: str) -> str:
    """Return text with a space between each pair of neighbouring Khmer words; other text is left alone.

    Only spaces are added (a zero-width space, which Khmer writers use as a word break, becomes a space),
    so removing spaces from the result gives the text without spaces back.
    """
    if not text or not KHMER.search(text):
        return text
    text = text.replace(ZERO_WIDTH_SPACE, " ")
    pieces: list[str] = []
    after_khmer = False
    for token in words(text):
        is_khmer = bool(KHMER.match(token))
        if is_khmer and after_khmer:
            pieces.append(" ")
        pieces.append(token)
        after_khmer = is_khmer
    return "".join(pieces)


def highlight(text: str, matches: Iterable[str], *, around: int | None = None) -> SafeString:
    """Escape text for HTML and wrap each word found in `matches` (compared casefolded) in <mark>.

    The text is shown as written: the marks follow ICU's word boundaries in the original, with no space added.
    With `around`, only an excerpt is kept: about `around` words before and after the first mark, an ellipsis
    where text was cut (the start of the text when nothing matches).
    """
    wanted = {match.casefold() for match in matches}
    tokens = words(text)
    found = {i for i, token in enumerate(tokens) if token.casefold() in wanted}
    start, end = 0, len(tokens)
    if around is not None:
        first = min(found, default=0)
        start, end = max(0, first - 2 * around), min(len(tokens), first + 2 * around + 1)  # words and the gaps
    # The standard library's escape per word (Django's escape writes the same entities): a search page marks
    # thousands of words, and format_html per word was most of its time.
    pieces = [f"<mark>{escape(tokens[i])}</mark>" if i in found else escape(tokens[i]) for i in range(start, end)]
    return mark_safe("".join(["…" if start > 0 else "", *pieces, "…" if end < len(tokens) else ""]))  # noqa: S308
