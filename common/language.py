"""The language of a piece of user text, told by its script.

Members write in Khmer or in English, and often mix the two in one title. A page or e-mail marks
each piece of user text with the language it is written in, so that a screen reader reads English
inside a Khmer page with the English voice (and the reverse), and the browser picks a Khmer font
and line height for Khmer text.
"""

import unicodedata

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
    khmer = other = 0
    for char in str(text or ""):
        if _is_khmer(char):
            category = unicodedata.category(char)
            if category[0] in "LM" or category == "So":
                khmer += 1
        elif char.isalpha():
            other += 1
    if not khmer and not other:
        return default
    return "km" if khmer > other else "en"
