"""The "clean" pipeline component: scraped text in, title / tags / blocks / clean text out.

Scraped news text is the article plus the page around it: the title again, a category
line, share buttons, "short link" boxes, "read also" lists, follow-us prompts, copyright.
This module classifies each line with a scored, explainable model rather than a list of
exact strings:

1. **Features per line**: length in words, Arabic share, sentence punctuation, position
   (top of the page, the tail after the last real paragraph), repetition inside the page,
   and *boilerplate evidence* — matches of the phrase families in
   :mod:`marsad.clean.patterns`, weighted by how much of the line they cover.
2. **Score**: the weighted sum of that evidence (weights in :mod:`marsad.clean.constants`).
   A line at or above the threshold is removed and kept in ``Article.removed`` with the
   name of its strongest evidence as the reason and its score.
3. **Guard**: a line with ≥ 8 Arabic words and sentence punctuation is prose and never
   removed by pattern evidence (only as an exact repeat of a kept line, or by a strong
   per-site repetition signal).
4. **Structure** over the kept lines: the title (from metadata, else the first line when it
   reads like a headline; repeats of it are removed), tag lines, a byline and a date line
   (moved to ``author`` / ``published``), subheadings (short unpunctuated lines between
   paragraphs, or HTML headings) and paragraphs.

``Article.text`` is the kept blocks joined by a blank line; the title is *not* part of the
text (it has its own field), so every block and every span indexes the body only.

Per-site repetition: corpus ingestion knows which lines a site prints under every article.
It plugs that in with :func:`set_site_line_frequency` — a callable ``(site, line) -> share of
the site's articles containing the line`` (0..1) — and the classifier adds it as evidence
named ``site repeated line``.  Without it the cleaner works on one article alone.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from marsad.clean import constants as C
from marsad.clean.dateline import date_line
from marsad.clean.patterns import (
    BLOCK_OPENERS,
    BYLINE,
    COMPILED,
    CREDIT_LINE,
    CREDIT_PREFIX,
    EMAIL_ONLY,
    TAG_LINE,
    TAG_SEPARATORS,
    TAG_TAIL,
    URL_ONLY,
)
from marsad.document import Article, Block, Published, Removed
from marsad.pipeline import component
from marsad.text import (
    drop_control_characters,
    fold_presentation_forms,
    is_arabic_letter,
    normalize,
    normalize_with_offsets,
    script_language,
)
from marsad.text.normalize import normalize_word
from marsad.text.wordlists import PERSON_TITLES, ROLE_WORDS, STOPWORDS

# a credit names no one by a title or role (marsad.clean.cleaner._credit)
_ROLES = PERSON_TITLES | ROLE_WORDS

SiteLineFrequency = Callable[[str, str], float]
_site_line_frequency: SiteLineFrequency | None = None


def set_site_line_frequency(func: SiteLineFrequency | None) -> None:
    """Install (or remove, with None) the per-site repeated-line signal.

    ``func(site, line)`` returns the share (0..1) of the site's known articles that contain
    ``line`` (compare on :func:`line_key`); it is called only for articles whose
    ``source.site`` is set.
    """
    global _site_line_frequency
    _site_line_frequency = func


def line_key(line: str) -> str:
    """The comparison key of a line: normalised, punctuation and spacing ignored."""
    return " ".join(_KEY_STRIP.sub(" ", normalize(line)).split())


# The script of the first few thousand characters settles the language label.
_LANGUAGE_SAMPLE = 2000
_KEY_STRIP = re.compile(r"[^\w]+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_WORD = re.compile(r"[^\W_]+")
_EDGE_PUNCT = "«»“”\"'()[]{}.,،؛;:!?؟…-–—/|•*#"
_FULL_KEY_MAX_CHARS = 300
_INNER_SENTENCE_END = re.compile(r"[.!?؟](?=\s+\w)")
_QUOTED = re.compile(r"""^\s*(?:«[^«»]+»|“[^“”]+”|"[^"]+")\s*$""")
# "title | site", "title - site": a repeated title with the site's name after it
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:]\s+")
_BREADCRUMB = re.compile(r"\s+[|»>/›]\s+")
# "3. ", "3 - ", "(3) ": an item of the article's own numbered list
_NUMBERED = re.compile(r"^\s*\(?[0-9\u0660-\u0669]{1,2}\s*[.)\-–]\s")
# Bidi embedding / isolate controls, zero-width space, BOM: meaningless in clean text.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ENGLISH_STOP = frozenset("on the to of via with and us in for by at a an your our this is or".split())
_SENTENCE_END = tuple(".!?؟…")
_MARKERS_HTML = (("## ", "heading"), ("- ", "item"))


@dataclass
class Line:
    text: str
    hint: str | None = None  # heading | bold | item (HTML structure)
    key: str = ""
    n_words: int = 0
    n_arabic: int = 0
    latin_only: bool = False
    has_punct: bool = False
    ends_sentence: bool = False
    guarded: bool = False
    coverage: float = 0.0  # share of the content words that boilerplate phrases cover
    evidence: dict[str, float] = field(default_factory=dict)
    families: list[str] = field(default_factory=list)
    status: str = "keep"  # keep | removed | title
    reason: str = ""
    score: float = 0.0


def _unwrap(pieces: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs (text saved with a fixed line width).

    A document counts as hard-wrapped when many lines end near a common width; then a
    line that reaches that width and does not end a sentence continues on the next line.
    Widget lists (short lines) never reach the width, so they are never joined.
    """
    texts = [p.strip() for p in pieces if p.strip()]
    if len(texts) < C.WRAP_MIN_LINES:
        return pieces
    lengths = sorted(len(t) for t in texts)
    width = lengths[int(len(lengths) * 0.9) - 1]
    if not C.WRAP_MIN_WIDTH <= width <= C.WRAP_MAX_WIDTH or lengths[-1] > width * 1.1:
        return pieces

    def ends_sentence(text: str) -> bool:
        return text.rstrip(" »”\"')").endswith(_SENTENCE_END)

    near = [t for t in texts if len(t) >= C.WRAP_NEAR * width]
    if len(near) < C.WRAP_MIN_SHARE * len(texts):
        return pieces
    # wrapped lines stop mid-sentence; scraped paragraphs end with a full stop
    if sum(1 for t in near if not ends_sentence(t)) < C.WRAP_MIN_SHARE * len(near):
        return pieces
    out: list[str] = []
    carry = False
    for piece in pieces:
        text = piece.strip()
        if carry and text and _same_script(out[-1].rstrip()[-1:], text[:1]):
            out[-1] = out[-1].rstrip() + " " + text
        else:
            out.append(piece)
        carry = bool(text) and len(text) >= C.WRAP_NEAR * width and not ends_sentence(text)
    return out


def _same_script(a: str, b: str) -> bool:
    """Whether two characters are both Arabic-script or both not (a wrap never switches script)."""
    return ("\u0600" <= a <= "\u06ff") == ("\u0600" <= b <= "\u06ff")


def site_line_keys(article: Article) -> set[str]:
    """The keys under which cleaning ``article`` will look up its lines in per-site statistics
    (the hook of :func:`set_site_line_frequency`): counting lines under any other key (the raw
    lines before wrapped ones are joined, the normalised key of a long line the cleaner looks
    up by its exact text) counts lines the cleaner never asks about."""
    raw = article.raw or article.text
    return {line.key for line in _parse_lines(raw, html=article.raw_html is not None)} - {""}


def _parse_lines(raw: str, html: bool) -> list[Line]:
    lines: list[Line] = []
    if _INVISIBLE.search(raw):
        raw = _INVISIBLE.sub("", raw)
    raw = fold_presentation_forms(drop_control_characters(raw))
    pieces = raw.split("\n")
    if not html:
        pieces = _unwrap(pieces)
    if "@" in raw:
        pieces = [part for piece in pieces for part in _split_glued_email(piece)]
    for piece in pieces:
        text = piece.strip()
        if not text:
            continue
        hint = None
        if html:
            for marker, name in _MARKERS_HTML:
                if text.startswith(marker):
                    text, hint = text[len(marker) :].strip(), name
                    break
            else:
                if text.startswith("**") and text.endswith("**") and len(text) > 4:
                    text, hint = text[2:-2].strip(), "bold"
        text = " ".join(text.split())
        if text:
            lines.append(_features(Line(text, hint)))
    return lines


# An e-mail address with Arabic glued straight after it: «aaljamili@yahoo.comللتواصل مع الكاتب
# ارسل رسالة SMS …» (al-Madina's column footers, where the author's address and the SMS prompt
# lost the line break between them).  Glued, the prompt counted as a prose line (eight Arabic
# words and punctuation), which the cleaner never drops.
_GLUED_EMAIL = re.compile(r"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+)(?=[\u0621-\u064a])")


def _split_glued_email(piece: str) -> list[str]:
    """``piece`` as one line, or as two where Arabic text is glued to the end of an e-mail address."""
    return _GLUED_EMAIL.sub("\\1\n", piece).split("\n") if "@" in piece else [piece]


def _features(line: Line) -> Line:
    text = line.text
    # whitespace words (punctuation attached): counting needs no tokenizer, and this runs
    # on every line of every article
    words = [w for w in (t.strip(_EDGE_PUNCT) for t in text.split()) if w]
    line.n_words = len(words)
    line.n_arabic = sum(1 for w in words if "\u0620" <= w[0] <= "\u06ff" or is_arabic_letter(w[0]))
    line.latin_only = bool(words) and text.isascii() and any(c.isalpha() for c in text)
    line.has_punct = any(c in C.SENTENCE_PUNCTUATION for c in text)
    stripped = text.rstrip(" »”\"')]")
    line.ends_sentence = stripped.endswith(_SENTENCE_END)
    line.guarded = line.n_arabic >= C.GUARD_MIN_ARABIC_WORDS and line.has_punct
    # Long prose lines only ever match exact repeats, so a cheap key does; short lines
    # (titles, labels) get the normalised key that ignores spelling and punctuation.
    line.key = line_key(text) if len(text) <= _FULL_KEY_MAX_CHARS else "\x00" + text
    return line


def _boilerplate_evidence(line: Line) -> None:
    norm = normalize(line.text)
    covered: list[tuple[int, int]] = []
    found: list[str] = []
    has_digit = any(c.isdigit() for c in norm)
    for family in COMPILED:
        if family.name in ("counter", "sms") and not has_digit:
            continue
        if not family.anchor.search(norm):
            continue  # every match holds an anchor word: plain words are searched far faster
        hit = False
        for m in family.regex.finditer(norm):
            covered.append(m.span())
            hit = True
        if hit:
            found.append(family.name)
    if not found:
        return
    content = 0
    matched = 0
    for m in _WORD.finditer(norm):
        w = m.group()
        inside = any(s <= m.start() and m.end() <= e for s, e in covered)
        if inside:
            content += 1
            matched += 1
        elif w in STOPWORDS or w in _ENGLISH_STOP or w.isdigit():
            continue
        else:
            content += 1
    coverage = matched / content if content else 1.0
    line.coverage = coverage
    scale = C.COVERAGE_FLOOR + (1 - C.COVERAGE_FLOOR) * coverage
    found.sort(key=lambda f: C.FAMILY_WEIGHTS[f], reverse=True)
    line.families = found
    line.evidence[found[0]] = C.FAMILY_WEIGHTS[found[0]] * scale
    if len(found) > 1:
        line.evidence["several boilerplate kinds"] = C.EXTRA_FAMILY_BONUS * (len(found) - 1) * scale


_REASONS = {
    "share": "share widget",
    "social": "social network label",
    "short_link": "short link",
    "read_also": "read-also header",
    "follow": "follow / subscribe prompt",
    "copyright": "copyright notice",
    "navigation": "navigation",
    "comments": "comment counter / prompt",
    "disclaimer": "comment policy / disclaimer",
    "label": "metadata label",
    "advert": "advertising",
    "more_link": "read-more link",
    "counter": "view / comment counter",
    "sms": "SMS contact footer",
}


def _boilerplate_through(line: Line) -> bool:
    """Whether a guarded line at the end of the article is boilerplate all the same: a short
    line whose content words boilerplate phrases cover nearly all
    (:data:`C.GUARD_OVERRIDE_COVERAGE`), as a column's SMS
    footer is («للتواصل أرسل sms إلى 88548 الاتصالات، 636250 موبايلي، … تبدأ بالرمز 153 مسافة ثم
    الرسالة»: eleven Arabic words and commas).  Prose that names a network or a share button
    covers a few of its words.  The evidence is left on the line only when the answer is yes."""
    if line.n_words > C.GUARD_OVERRIDE_MAX_WORDS:
        return False
    _boilerplate_evidence(line)
    if line.families and line.coverage >= C.GUARD_OVERRIDE_COVERAGE:
        return True
    line.evidence.clear()
    line.families = []
    return False


def _classify(lines: list[Line], arabic_article: bool, site: str | None) -> None:
    counts = Counter(line.key for line in lines)
    last_prose = max((i for i, line in enumerate(lines) if line.guarded), default=-1)
    in_related = False
    freq = _site_line_frequency if site else None
    for i, line in enumerate(lines):
        if line.status != "keep":
            continue
        if line.guarded:
            in_related = False
        if freq is not None:
            share = max(0.0, min(1.0, float(freq(site, line.key))))
            if share > 0:
                line.evidence["site repeated line"] = C.SITE_WEIGHT * share
                if line.guarded and share < C.SITE_OVERRIDE_FREQUENCY:
                    line.evidence.pop("site repeated line")
        if line.guarded and "site repeated line" not in line.evidence and (
            i < len(lines) - C.GUARD_OVERRIDE_LAST_LINES or not _boilerplate_through(line)
        ):
            continue
        if line.n_words == 0:
            line.evidence["no words"] = C.REMOVE_THRESHOLD
        elif URL_ONLY.match(line.text):
            line.evidence["bare link"] = C.REMOVE_THRESHOLD
        elif EMAIL_ONLY.match(line.text):
            line.evidence["contact address"] = C.REMOVE_THRESHOLD
        _boilerplate_evidence(line)
        short_label = line.n_words <= C.LABEL_MAX_WORDS and not line.has_punct
        if short_label and line.evidence:
            line.evidence["short label"] = C.LABEL_BONUS
        if arabic_article and line.latin_only and line.n_words <= C.LATIN_LABEL_MAX_WORDS:
            line.evidence["latin label in arabic page"] = C.LATIN_LABEL_BONUS
        if last_prose >= 0 and i > last_prose and line.n_words <= C.TAIL_MAX_WORDS and not line.ends_sentence:
            line.evidence["short line after the article"] = C.TAIL_BONUS
        if in_related and line.n_words <= C.RELATED_MAX_WORDS and not line.ends_sentence:
            line.evidence["related-links block"] = C.RELATED_BONUS
        if counts[line.key] > 1 and line.n_words <= C.REPEAT_MAX_WORDS:
            line.evidence["repeated short line"] = C.REPEAT_BONUS
        if line.ends_sentence:
            line.evidence["ends like a sentence"] = -C.SENTENCE_END_PENALTY
        if _QUOTED.match(line.text):
            line.evidence["a quotation"] = -C.QUOTED_LINE_PENALTY
        if _NUMBERED.match(line.text):
            line.evidence["numbered list item"] = -C.NUMBERED_ITEM_PENALTY
        score = sum(line.evidence.values())
        if score >= C.REMOVE_THRESHOLD:
            line.status = "removed"
            line.score = round(score, 2)
            top = max(line.evidence.items(), key=lambda kv: kv[1])[0]
            # name what the line is (its boilerplate family) before where it stands
            if (
                top != "site repeated line"
                and line.families
                and line.evidence.get(line.families[0], 0) >= C.REASON_FAMILY_MIN
            ):
                top = line.families[0]
            line.reason = _REASONS.get(top, top)
        if any(f in BLOCK_OPENERS for f in line.families) and line.n_words <= 6:
            in_related = True


def _is_breadcrumb(line: Line) -> bool:
    if line.hint is not None or line.ends_sentence or not _BREADCRUMB.search(line.text):
        return False
    items = [t for t in _BREADCRUMB.split(line.text) if t.strip()]
    return len(items) > 1 and all(len(t.split()) <= 3 for t in items)


def _is_page_metadata(line: Line) -> bool:
    """A breadcrumb, date line or byline: page furniture that can precede the headline."""
    return (
        _is_breadcrumb(line)
        or date_line(line.text, C.DATE_LINE_MAX_WORDS) is not None
        or (BYLINE.match(line.text) is not None and line.n_words <= 8)
    )


def _is_headline(line: Line) -> bool:
    _boilerplate_evidence(line)  # idempotent: the classifier recomputes the same values
    if sum(line.evidence.values()) >= C.TITLE_MAX_BOILERPLATE:
        return False  # "Share on facebook" is not a headline
    return (
        0 < line.n_words <= C.TITLE_MAX_WORDS
        and not line.ends_sentence
        and not _INNER_SENTENCE_END.search(line.text)
        and not line.text.rstrip().endswith((":", "،", ","))
        and line.hint != "item"
    )


def _remove(line: Line, reason: str, score: float = 1.0) -> None:
    """Remove ``line`` for a structural reason (title repeat, tag / date / byline line)."""
    line.status = "removed"
    line.reason = reason
    line.score = score
    line.evidence[reason] = score


def _cut_from_line(lines: list[Line], line: Line, cut: int, reason: str, *, cut_head: bool = False) -> None:
    """Split ``line`` at character ``cut`` and remove the part after it (``cut_head``: before
    it) for ``reason``, keeping the rest as a line of its own; the removed part is kept in
    ``Article.removed`` like every removed line.  A line with nothing left is removed whole."""
    text = line.text
    gone, rest = (text[:cut].rstrip(), text[cut:]) if cut_head else (text[cut:].strip(), text[:cut].rstrip())
    if not rest.strip():
        _remove(line, reason)
        return
    removed = _features(Line(gone, line.hint))
    _remove(removed, reason)
    kept = _features(Line(rest, line.hint))
    at = next(i for i, other in enumerate(lines) if other is line)  # identity: equal lines may repeat
    lines[at : at + 1] = [removed, kept] if cut_head else [kept, removed]


def _title_and_repeats(article: Article, lines: list[Line]) -> None:
    if not lines:
        return
    if article.title:
        title_key = line_key(article.title)
        if line_key(lines[0].text) == title_key:
            lines[0].status = "title"  # the title as the page's first line
    else:
        # A breadcrumb, date line or byline may sit above the headline: look past them.
        head = 0
        while head < min(len(lines) - 1, C.TITLE_LINE_MAX_INDEX - 1) and _is_page_metadata(lines[head]):
            head += 1
        first = lines[head]
        # A lone line is the article, not its title.
        if head + 1 < len(lines) and (first.hint == "heading" or (_is_headline(first) and first.hint != "item")):
            article.title = first.text
            first.status = "title"
            title_key = first.key
        else:
            return
    if not title_key:
        return
    title_text = " ".join((article.title or "").split())
    for line in lines:
        if line.status != "keep":
            continue
        if line.guarded:
            # prose-like lines go only as a literal repeat of the title
            if line.text == title_text:
                _remove(line, "repeated title")
        elif line.key == title_key or (
            line.key.startswith(title_key)
            and len(line.key.split()) - len(title_key.split()) <= 4
            and any(line_key(head) == title_key for head in _TITLE_SUFFIX.split(line.text)[:1])
        ):
            _remove(line, "repeated title")


# Words allowed between a "link to this article" label and the headline it points to
# ("رابط الخبر بصحيفة الوئام: …": link of the news in al-Weeam newspaper, two words).
# Set by reading SaudiNewsNet, where the gap is the outlet's name; the headline itself
# must follow, so a longer gap only widens what is looked at, not what is cut.
_LINK_TAIL_GAP_WORDS = 4
_SHORT_LINK = next(f for f in COMPILED if f.name == "short_link")


# Style sheet or script text a scraper kept inside a paragraph: al-Riyadh's reader polls in
# SaudiNewsNet (7 articles of the 15 days) glue the poll's CSS and jQuery to the article's
# last sentence, then the poll's question and its answers.  A run of at least
# _CODE_MIN_CHARS characters with no Arabic letter and at least _CODE_MIN_MARKS each of
# "{", "}" and ";" is code: prose in any language has no braces, and a formula or a URL has
# not three pairs.  Read on those seven articles: each one's first code run holds 10-12 braces
# of each kind and 41 semicolons; no other SaudiNewsNet text has a run with one of each.
_CODE_MIN_CHARS = 60
_CODE_RUN = re.compile(r"[^\u0621-\u064a\n]{%d,}" % _CODE_MIN_CHARS)
_CODE_MIN_MARKS = 3
_CODE_FIRST = re.compile(r"[A-Za-z0-9_#.{}@<$]")


def _code_start(text: str) -> int | None:
    """Where page code begins in a line (its first letter, digit or code mark), or None."""
    if "{" not in text:
        return None  # nearly every line: no regex run
    for m in _CODE_RUN.finditer(text):
        run = m.group()
        if min(run.count("{"), run.count("}"), run.count(";")) >= _CODE_MIN_MARKS:
            # the run starts after the sentence's last letter: its closing marks stay with it
            return m.start() + _CODE_FIRST.search(run).start()
    return None


def _page_code(lines: list[Line]) -> None:
    """Cut page code (:func:`_code_start`) and the rest of its line out of the text.

    The rest is what the code draws (the poll's question and answers), which no sentence of
    the article continues on the same line; the line before the code stays, and the cut
    part is kept in ``Article.removed`` like every removed line."""
    for at in range(len(lines) - 1, -1, -1):
        line = lines[at]
        if line.status != "keep":
            continue
        cut = _code_start(line.text)
        if cut is None:
            continue
        _cut_from_line(lines, line, cut, "page code (style sheet or script) and the widget it draws")


def _link_tail(article: Article, lines: list[Line]) -> None:
    """Cut a "link to this article: <headline>" tail glued to the last paragraph.

    Some outlets append the article's link label and headline to the body's last line
    (al-Weeam: all 1,840 of its SaudiNewsNet articles; 1,838 are cut, two have a
    "this follows …" block after it), where the line classifier cannot
    see it: it is part of a prose line.  Only a label followed, within a few words, by the
    article's own title running to the line's end is cut, so prose that mentions a link
    stays."""
    title_key = line_key(article.title or "")
    kept = [line for line in lines if line.status == "keep"]
    if not title_key or not kept:
        return
    line = kept[-1]
    if not _SHORT_LINK.search(normalize(line.text)):
        return  # most articles: no label, and the offset map of a long paragraph is not free
    norm = normalize_with_offsets(line.text)
    for m in _SHORT_LINK.regex.finditer(norm.text):
        rest = norm.text[m.end() :]
        gap, sep, tail = rest.partition(":")
        if not sep:
            gap, tail = "", rest
        if len(gap.split()) > _LINK_TAIL_GAP_WORDS or line_key(tail) != title_key:
            continue
        # (with the label and headline alone on their line, the whole line goes)
        _cut_from_line(lines, line, norm.offsets[m.start()], "link to the article with its headline")
        return


def _split_tags(text: str) -> list[str]:
    return [t.strip(" .#") for t in TAG_SEPARATORS.split(text) if t.strip(" .#")]


def _explicit_tag_lines(article: Article, lines: list[Line]) -> list[str]:
    """Labelled tag lines anywhere ("الوسوم: كازاخستان، روسيا"): their tags, lines removed."""
    found: list[str] = []
    for line in lines:
        if line.status != "keep" or line.guarded:
            continue
        m = TAG_LINE.match(line.text)
        if m:
            found.extend(t for t in _split_tags(m.group("tags")) if t not in found)
            _remove(line, "tag line")
    return found


def _tag_tail(article: Article, lines: list[Line]) -> None:
    """Cut a tags label and its tags (:data:`~marsad.clean.patterns.TAG_TAIL`) off the end of
    the last kept line, into ``article.tags``; the words come as one tag, since the page's
    separators between its tags are lost («سمات الحرب اليمن علي صالح»).  The cut part is kept in
    ``Article.removed``."""
    kept = [line for line in lines if line.status == "keep"]
    if not kept:
        return
    line = kept[-1]
    if "سمات" not in line.text:
        return
    m = TAG_TAIL.search(line.text)
    if m is None or len(m.group("tags").split()) > C.TAG_TAIL_MAX_WORDS:
        return
    tag = " ".join(m.group("tags").split())
    if tag not in article.tags:
        article.tags.append(tag)
    _cut_from_line(lines, line, m.start(), "tag line")


def _metadata_lines(article: Article, lines: list[Line]) -> None:
    # Short lines between the title (as printed on the page) and the first paragraph are
    # tags / categories.  Without a title line in the body a short first line is more
    # often a subheading, so nothing is taken then.
    start = next(
        (
            i + 1
            for i, line in enumerate(lines[: C.TITLE_LINE_MAX_INDEX])
            if line.status == "title" or line.reason == "repeated title"
        ),
        None,
    )
    # A breadcrumb ("رياضة | كرة القدم") above the title, or first when the page has no
    # title line, holds the section tags.
    for line in lines[: (start - 1) if start is not None else C.TITLE_LINE_MAX_INDEX]:
        if line.status == "keep" and _is_breadcrumb(line):
            for tag in (t.strip() for t in _BREADCRUMB.split(line.text)):
                if tag and tag not in article.tags:
                    article.tags.append(tag)
            _remove(line, "tag line")
            break
        if line.status == "keep" and not _is_page_metadata(line):
            break
    taken = 0
    candidates = [line for line in lines[start:] if line.status != "removed"] if start is not None else []
    for i, line in enumerate(candidates):
        if line.status == "title":
            continue
        if taken >= C.TAG_MAX_LINES or line.hint in ("heading", "bold"):
            break
        # a tag line sits above the body: some longer line must follow it
        if not any(later.n_words > C.TAG_MAX_WORDS for later in candidates[i + 1 :]):
            break
        items = _split_tags(line.text)
        if (
            line.n_words <= C.TAG_MAX_WORDS
            or (len(items) > 1 and all(len(t.split()) <= C.TAG_MAX_WORDS // 2 + 1 for t in items))
        ) and not (line.has_punct and len(items) == 1) and not line.latin_only:
            if date_line(line.text, C.DATE_LINE_MAX_WORDS) or BYLINE.match(line.text):
                continue
            for tag in items:
                if tag not in article.tags:
                    article.tags.append(tag)
            _remove(line, "tag line")
            taken += 1
        else:
            break
    kept = [line for line in lines if line.status == "keep"]
    edge = kept[: C.META_LINES_HEAD] + kept[-C.META_LINES_TAIL :]
    for line in edge:
        if line.status != "keep" or line.guarded:
            continue
        iso = date_line(line.text, C.DATE_LINE_MAX_WORDS)
        if iso:
            if article.published is None:
                article.published = Published(iso, "text")
                # the API sets the reference date from metadata before cleaning; a date
                # found only now in the text is the best reference the article has
                if article.reference_date is None:
                    article.reference_date = iso[:10]
            _remove(line, "date line")
            continue
        m = BYLINE.match(line.text)
        if m and line.n_words <= 8:
            if not article.author:
                article.author = m.group("name").strip()
            _remove(line, "byline")


def _credit(article: Article, lines: list[Line]) -> None:
    """Cut the outlet's credit (:data:`~marsad.clean.patterns.CREDIT_LINE`, ``CREDIT_PREFIX``)
    off the top of the body: the first kept line when it is the credit alone and the body
    follows, or the credit before the colon that opens a first paragraph of prose.  A part
    with a person's title or role is a caption or a quote's speaker, not a credit («رئيس
    الوزراء الإسرائيلي - بنيامين نتنياهو»).  The credit is kept in ``Article.removed``, and
    is the article's ``author`` when it has none (as outlets' own metadata gives it: «أحمد
    علي- سبق- القاهرة»)."""
    kept = [line for line in lines if line.status == "keep"]
    if not kept:
        return
    line = kept[0]
    whole = CREDIT_LINE.match(line.text)
    match = whole if whole and len(kept) > 1 else CREDIT_PREFIX.match(line.text)
    if match is None or len(match.group().split()) > C.CREDIT_MAX_WORDS:
        return
    if any(normalize_word(w) in _ROLES for w in match.group().split()):
        return
    reason = "credit line (reporter, outlet, place)"
    if match is whole:
        _remove(line, reason)
    else:
        if len(line.text[match.end() :].split()) < C.CREDIT_BODY_MIN_WORDS:
            return  # a short line: a heading or a label, not a paragraph the credit opens
        _cut_from_line(lines, line, match.end(), reason, cut_head=True)
    if not article.author:
        article.author = " ".join(match.group().split()).rstrip(" :")


def _blocks(lines: list[Line], title_known: bool) -> list[tuple[str, str]]:
    kept = [line for line in lines if line.status == "keep"]
    out: list[tuple[str, str]] = []
    for i, line in enumerate(kept):
        kind = "paragraph"
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        if line.hint == "heading":
            kind = "heading"
        elif line.hint == "bold" and line.n_words <= C.BOLD_HEADING_MAX_WORDS and not line.ends_sentence:
            kind = "heading"
        elif (
            nxt is not None
            and (out or title_known)  # an untitled page's first short line is its lead
            and 0 < line.n_words <= C.HEADING_MAX_WORDS
            and len(line.text) <= C.HEADING_MAX_CHARS
            and not line.has_punct
            and line.hint != "item"
            and nxt.n_words > line.n_words
            and (nxt.has_punct or nxt.n_words > C.HEADING_MAX_WORDS)
        ):
            kind = "heading"
        out.append((kind, line.text))
    return out


@dataclass
class LineDecision:
    """What the cleaner did with one input line, and the evidence it weighed."""

    text: str
    decision: str  # title | heading | paragraph | removed
    reason: str  # removal reason ("" when kept)
    score: float  # sum of the evidence (removal at constants.REMOVE_THRESHOLD)
    evidence: dict[str, float]
    guarded: bool  # prose (≥ 8 Arabic words and punctuation): pattern evidence is not weighed


def clean_article(article: Article) -> Article:
    """Fill ``text``, ``blocks``, ``title``, ``tags``, ``removed`` from ``article.raw``."""
    _clean(article)
    return article


def explain(article: Article) -> list[LineDecision]:
    """Clean ``article`` (as :func:`clean_article`) and return the decision on every line."""
    lines, kinds = _clean(article)
    decisions = []
    kept = iter(kinds)
    for line in lines:
        if line.status == "keep":
            decision = next(kept)
        else:
            decision = line.status
        score = line.score if line.status == "removed" else round(sum(line.evidence.values()), 2)
        decisions.append(LineDecision(line.text, decision, line.reason, score, dict(line.evidence), line.guarded))
    return decisions


def _clean(article: Article) -> tuple[list[Line], list[str]]:
    if not article.raw and article.text and not article.blocks:
        article.raw = article.text  # an Article built by hand with text only
    if article.title and _ENTITY.search(article.title):
        # scraped JSON keeps HTML character references in titles (&#8220; for “) though the
        # body is plain text; the cleaned title is text too
        article.title = " ".join(_ENTITY.sub(lambda m: html.unescape(m.group()), article.title).split())
    # what a user sees besides the text: letters for presentation forms, no control characters
    if article.title and (title := fold_presentation_forms(drop_control_characters(article.title))) != article.title:
        article.title = " ".join(title.split()) or None
    if article.author and (author := drop_control_characters(article.author)) != article.author:
        article.author = " ".join(author.split()) or None
    if any(drop_control_characters(t) != t for t in article.tags):
        article.tags = [t for t in (" ".join(drop_control_characters(t).split()) for t in article.tags) if t]
    lines = _parse_lines(article.raw, html=article.raw_html is not None)
    language = script_language(article.raw, sample=_LANGUAGE_SAMPLE)
    _page_code(lines)
    _title_and_repeats(article, lines)
    _link_tail(article, lines)
    # repeats of a line kept earlier add nothing (even prose); short repeated labels are
    # left to the classifier, which names what they are
    seen: set[str] = set()
    for line in lines:
        if line.status != "keep":
            continue
        # prose repeats only when literally equal; other long lines by their key
        ident = line.text if line.guarded else line.key
        if ident and ident in seen and (line.guarded or line.n_words > C.REPEAT_MAX_WORDS):
            _remove(line, "repeated line")
        seen.add(ident)
    labelled_tags = _explicit_tag_lines(article, lines)
    _classify(lines, arabic_article=language == "ar", site=article.source.site)
    _metadata_lines(article, lines)
    _credit(article, lines)
    _tag_tail(article, lines)
    article.tags.extend(t for t in labelled_tags if t not in article.tags)

    removed = [Removed(line.text, line.reason, line.score) for line in lines if line.status == "removed"]
    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0
    kinds: list[str] = []
    for kind, text in _blocks(lines, title_known=bool(article.title)):
        kinds.append(kind)
        if parts:
            pos += 2
        blocks.append(Block(kind, text, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
    article.text = "\n\n".join(parts)
    article.blocks = blocks
    article.removed = removed
    article.language = script_language(article.text, sample=_LANGUAGE_SAMPLE) if article.text else language
    if not article.text:
        article.warnings.append("no article text left after cleaning (the input held only a title or page furniture)")
    return lines, kinds


@component("clean")
def clean(article: Article) -> Article:
    return clean_article(article)
