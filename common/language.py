"""The language of a piece of user text, told by its script.

Members write in Khmer or in English, and often mix the two in one title. A page or e-mail marks
each piece of user text with the language it is written in, so that a screen reader reads English
inside a Khmer page with the English voice (and the reverse), and the browser picks a Khmer font
and line height for Khmer text.
"""

import unicodedata

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

KHMER_RANGES = ((0x1780, 0x17FF), (0x19E0, 0x19FF))


def _is_khmer(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in KHMER_RANGES)


def script_lang(text, default: str = "en") -> str:
    """ "km" when most of the letters of text are Khmer, "en" when most are of another script.

    Khmer letters are counted with their vowel signs and subscripts (Unicode letters and marks in
    the Khmer blocks, and the lunar date symbols); digits, punctuation, currency signs and spaces
    are not letters in either script. Text with no letters at all (empty, only numbers) gets default.
    """
    text = str(text or "")
    if text.isascii():  # most titles and names: no Khmer to count
        return "en" if any(char.isalpha() for char in text) else default
    khmer = other = 0
    for char in text:
        if _is_khmer(char):
            category = unicodedata.category(char)
            if category[0] in "LM" or category == "So":
                khmer += 1
        elif char.isalpha():
            other += 1
    if not khmer and not other:
        return default
    return "km" if khmer > other else "en"


def lang_span(text) -> str:
    """User text as HTML for a sentence of the page: escaped, and in a span with its lang attribute where its
    language differs from the page's (English text inside a Khmer sentence); as it is where they agree, or
    where it has no letters, so the sentence reads as written."""
    language = script_lang(text, default="")
    if not language or language == (get_language() or "").split("-")[0]:
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', language, text)


class QuotingUserText(str):
    """A translated sentence that quotes user text: plain text wherever a string is used (an error message,
    an e-mail), and in a template the quoted text marked with its language, as lang_span does."""

    def __new__(cls, sentence: str, **quoted):
        text = super().__new__(cls, sentence % quoted)
        marked = {name: lang_span(value) for name, value in quoted.items()}
        text.html = mark_safe(conditional_escape(sentence) % marked)  # noqa: S308 - the sentence and each value escaped
        return text

    def __html__(self):
        return self.html
