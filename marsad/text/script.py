"""Which script (and, coarsely, which language) a text is written in."""

from __future__ import annotations

from marsad.text.normalize import is_arabic_letter


def latin_ratio(text: str) -> float:
    """Share of letters that are basic or extended Latin (0 when the text has no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c < "\u0250") / len(letters)


# Frequent English function words: Latin-script text with none of them is not English.
_ENGLISH_CUES = frozenset("the of and to in is that for on with was as by it at from".split())


def script_language(text: str, sample: int = 20_000) -> str:
    """A coarse language label from the script: ``ar``, ``en``, ``other`` or ``und`` (no letters).

    Enough to warn that a text is not Arabic; not a language identifier for mixed text.
    """
    sample_text = text[:sample]
    letters = [c for c in sample_text if c.isalpha()]
    if len(letters) < 3:
        return "und"
    arabic = sum(1 for c in letters if is_arabic_letter(c)) / len(letters)
    if arabic >= 0.5:
        return "ar"
    latin = sum(1 for c in letters if c < "\u0250") / len(letters)
    if latin >= 0.5:
        tokens = sample_text.lower().split()
        cues = sum(1 for t in tokens if t in _ENGLISH_CUES)
        if tokens and cues / len(tokens) >= 0.05:
            return "en"
    return "other"
