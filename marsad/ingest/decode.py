"""Bytes to text: BOMs, UTF-8, UTF-16, and the legacy Arabic code pages scrapers still meet.

Arabic pages saved by older sites come in Windows-1256 or ISO-8859-6 without any
declaration; decoding them as UTF-8 fails and decoding them as Latin-1 silently yields
mojibake.  We try what was declared, then UTF-8, then let charset-normalizer guess,
and always report which encoding was used and whether it was a guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from marsad.errors import InputError
from marsad.text import arabic_ratio

# Magic numbers of formats people pass by mistake: a clear message beats "binary".
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)

# Code pages tried (besides charset-normalizer's own guess) for text that is not UTF-8.
LEGACY_ARABIC = ("cp1256", "iso8859_6")

# Control characters that never belong in text (tab, LF, CR, FF excluded).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Decoded:
    text: str
    encoding: str
    detected: bool  # True when the encoding was guessed rather than given by a BOM / declaration / UTF-8 validity
    warnings: list[str]


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _check_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"input is {what}, not text, HTML or JSON")


def _looks_utf16(data: bytes) -> str | None:
    """Spot BOM-less UTF-16: in mostly-ASCII or Arabic text one byte of each pair repeats."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Arabic in UTF-16 has 0x06 as the high byte; ASCII has 0x00.
    for enc, hi in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in hi if b in (0, 6)) / len(hi)
        if share > 0.9:
            return enc
    return None


def _quality(text: str) -> float:
    """How much ``text`` looks like real text: penalise replacement and control characters."""
    if not text:
        return 0.0
    bad = text.count("\ufffd") + len(_CONTROL.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    return (letters / len(text)) - 5 * bad / len(text)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, or raise :class:`InputError` when it is not text."""
    warnings: list[str] = []
    _check_binary(data)
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(_clean(data[len(bom) :].decode(enc)), enc, False, warnings)
            except UnicodeDecodeError:
                raise InputError(f"input starts with a {enc} byte-order mark but is not valid {enc}") from None
    if b"\x00" in data[:4096]:
        enc = _looks_utf16(data)
        if enc:
            try:
                text = data.decode(enc)
                warnings.append(f"no byte-order mark: decoded as {enc} (detected)")
                return Decoded(_clean(text), enc, True, warnings)
            except UnicodeDecodeError:
                pass
        raise InputError("input looks binary (it contains NUL bytes), not text, HTML or JSON")

    if declared:
        name = _canonical(declared)
        try:
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            warnings.append(f"declared encoding {declared!r} does not decode the input; detecting instead")
        else:
            # A page declared as Latin-1 / Windows-1252 that is really UTF-8 or cp1256
            # decodes without error but yields mojibake; check before trusting it.
            if name not in ("utf-8",) and arabic_ratio(text) < 0.3:
                better = _detect(data)
                if better and better[0] != name and arabic_ratio(better[1]) > 0.5:
                    warnings.append(f"declared encoding {declared!r} looks wrong: decoded as {better[0]} (detected)")
                    return Decoded(_clean(better[1]), better[0], True, warnings)
            return Decoded(_clean(text), name, False, warnings)
    try:
        return Decoded(_clean(data.decode("utf-8")), "utf-8", False, warnings)
    except UnicodeDecodeError:
        pass
    found = _detect(data)
    if found is None:
        raise InputError("input is not text in any encoding marsad recognises (binary data?)")
    enc, text = found
    warnings.append(f"input is not UTF-8: decoded as {enc} (detected)")
    return Decoded(_clean(text), enc, True, warnings)


def _detect(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    candidates: dict[str, str] = {}
    best = from_bytes(data[:200_000]).best()
    if best is not None:
        enc = _canonical(best.encoding)
        try:
            candidates[enc] = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            pass
    for enc in LEGACY_ARABIC:
        try:
            candidates[_canonical(enc)] = data.decode(enc)
        except UnicodeDecodeError:
            pass
    if not candidates:
        return None

    def score(item: tuple[str, str]) -> float:
        # Arabic text decoded with the right code page is overwhelmingly Arabic letters;
        # the wrong Arabic page scatters Latin-1 symbols and presentation forms.
        enc, text = item
        return _quality(text) + arabic_ratio(text)

    enc, text = max(candidates.items(), key=score)
    if _quality(text) < 0.2:
        return None
    return enc, text


def _clean(text: str) -> str:
    """Drop control characters (keep tab / newline) and normalise line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text
