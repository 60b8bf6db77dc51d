"""Visual-order Arabic for terminals that do not implement bidi themselves.

Most Linux terminals (VTE/GNOME, Konsole, mlterm) reorder and shape Arabic on their own,
so marsad prints logical order by default.  Terminals that do neither (xterm, many IDE
consoles) show each word's letters unjoined and the words left to right; for them
``marsad analyze --visual`` (or ``MARSAD_VISUAL_BIDI=1``) prints each display line
pre-shaped (Arabic presentation forms) and reordered right to left.

This is a deliberately small subset of the Unicode bidi algorithm (UAX #9), enough for
news text: one right-to-left paragraph level, runs of Latin letters and numbers kept left
to right inside it, brackets mirrored.  Diacritics are dropped in visual mode because a
reversed combining mark would attach to the wrong letter.
"""

from __future__ import annotations

import re
import textwrap

from marsad.text import strip_diacritics

# letter -> (isolated, final, initial, medial); two-form letters join only to the right.
_FORMS: dict[str, tuple[str, ...]] = {}
for _letter, _start, _count in [
    ("ء", 0xFE80, 1), ("آ", 0xFE81, 2), ("أ", 0xFE83, 2), ("ؤ", 0xFE85, 2), ("إ", 0xFE87, 2),
    ("ئ", 0xFE89, 4), ("ا", 0xFE8D, 2), ("ب", 0xFE8F, 4), ("ة", 0xFE93, 2), ("ت", 0xFE95, 4),
    ("ث", 0xFE99, 4), ("ج", 0xFE9D, 4), ("ح", 0xFEA1, 4), ("خ", 0xFEA5, 4), ("د", 0xFEA9, 2),
    ("ذ", 0xFEAB, 2), ("ر", 0xFEAD, 2), ("ز", 0xFEAF, 2), ("س", 0xFEB1, 4), ("ش", 0xFEB5, 4),
    ("ص", 0xFEB9, 4), ("ض", 0xFEBD, 4), ("ط", 0xFEC1, 4), ("ظ", 0xFEC5, 4), ("ع", 0xFEC9, 4),
    ("غ", 0xFECD, 4), ("ف", 0xFED1, 4), ("ق", 0xFED5, 4), ("ك", 0xFED9, 4), ("ل", 0xFEDD, 4),
    ("م", 0xFEE1, 4), ("ن", 0xFEE5, 4), ("ه", 0xFEE9, 4), ("و", 0xFEED, 2), ("ى", 0xFEEF, 2),
    ("ي", 0xFEF1, 4),
]:  # fmt: skip
    _FORMS[_letter] = tuple(chr(_start + k) for k in range(_count))
_FORMS["ـ"] = ("ـ", "ـ", "ـ", "ـ")  # tatweel joins on both sides
# lam + alef ligatures: (isolated, final)
_LAM_ALEF = {"آ": ("\ufef5", "\ufef6"), "أ": ("\ufef7", "\ufef8"), "إ": ("\ufef9", "\ufefa"), "ا": ("\ufefb", "\ufefc")}
_MIRROR = str.maketrans("()[]{}«»<>‹›", ")(][}{»«><›‹")
_LTR_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+(?:[.,:/%'’\-][A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+)*%?")


def _dual(ch: str) -> bool:
    return len(_FORMS.get(ch, ())) == 4


def shape(text: str) -> str:
    """Replace Arabic letters by their contextual presentation forms (logical order kept)."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        forms = _FORMS.get(ch)
        if forms is None:
            out.append(ch)
            i += 1
            continue
        joins_prev = i > 0 and _dual(text[i - 1]) and text[i - 1] in _FORMS
        if ch == "ل" and i + 1 < n and text[i + 1] in _LAM_ALEF:
            iso, fin = _LAM_ALEF[text[i + 1]]
            out.append(fin if joins_prev else iso)
            i += 2
            continue
        joins_next = len(forms) == 4 and i + 1 < n and text[i + 1] in _FORMS and text[i + 1] != "ء"
        if len(forms) == 1:
            out.append(forms[0])
        elif joins_prev and joins_next:
            out.append(forms[3])
        elif joins_prev:
            out.append(forms[1])
        elif joins_next:
            out.append(forms[2])
        else:
            out.append(forms[0])
        i += 1
    return "".join(out)


def visual_line(line: str) -> str:
    """One display line of a right-to-left paragraph, shaped and in visual (left-to-right) order."""
    shaped = shape(strip_diacritics(line))
    pieces: list[str] = []
    pos = 0
    for m in _LTR_RUN.finditer(shaped):
        if m.start() > pos:
            pieces.append(shaped[pos : m.start()][::-1].translate(_MIRROR))
        pieces.append(m.group())  # Latin words and numbers keep their own order
        pos = m.end()
    if pos < len(shaped):
        pieces.append(shaped[pos:][::-1].translate(_MIRROR))
    return "".join(reversed(pieces))


def visual_lines(text: str, width: int) -> list[str]:
    """Wrap ``text`` (logical order) to ``width`` columns, then put each line in visual order."""
    return [visual_line(line) for line in textwrap.wrap(text, width=max(10, width)) or [""]]
