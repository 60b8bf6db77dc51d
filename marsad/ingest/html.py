"""HTML pages: main content and metadata via trafilatura, with the page's structure kept.

trafilatura finds the article body and its metadata well, but its plain-text output
flattens subheadings into paragraphs and keeps the sites' trailing boilerplate (comment
policies, share lines) that it cannot tell from prose.  We take its element tree instead
and write :attr:`Article.raw` as lines with light markdown-like markers that the cleaner
reads as structure hints (only for articles that came from HTML, i.e. ``raw_html`` set):

``## text``   a heading (``<h1>``–``<h6>``)
``**text**``  a paragraph that is entirely bold (a subheading on many sites, or a lead)
``- text``    a list item (related-links lists, bullet points)

Everything else is one line per paragraph, blank lines between.
"""

from __future__ import annotations

import re
from typing import Any

from marsad.document import Article, Published, Source
from marsad.errors import InputError
from marsad.ingest.decode import decode
from marsad.ingest.meta import parse_date, site_from_url

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")

HEADING = "## "
BOLD = "**"
ITEM = "- "


def declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "replace") if m else None


def _inline_text(el: Any) -> list[str]:
    """Text of ``el`` split at ``<lb/>`` (the page's ``<br>``)."""
    parts: list[str] = [""]

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("")
        else:
            if node.text:
                parts[-1] += node.text
            for child in node:
                walk(child)
        if node.tail and node is not el:
            # trafilatura drops the space between an inline element and its tail
            # ("<hi>New York Times</hi>claimed"); its own text output puts it back too
            if node.tag != "lb" and parts[-1][-1:].isalnum() and node.tail[:1].isalpha():
                parts[-1] += " "
            parts[-1] += node.tail

    walk(el)
    return [" ".join(_SPACES.sub(" ", p).split()) for p in parts if p.strip()]


def _is_all_bold(el: Any) -> bool:
    """A paragraph whose text lies entirely inside one bold run."""
    if (el.text or "").strip() or len(el) != 1:
        return False
    child = el[0]
    return child.tag == "hi" and child.get("rend", "") in ("#b", "#b#i", "#i#b") and not (child.tail or "").strip()


def body_lines(body: Any) -> list[str]:
    """trafilatura's body element as marked-up lines (see the module docstring)."""
    lines: list[str] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            lines.extend(HEADING + t for t in _inline_text(el))
        elif tag == "list":
            for item in el.iter("item"):
                lines.extend(ITEM + t for t in _inline_text(item))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [" ".join(_inline_text(c)) for c in row.iter("cell")]
                row_text = " | ".join(c for c in cells if c)
                if row_text:
                    lines.append(row_text)
        elif tag == "graphic":
            continue
        else:
            texts = _inline_text(el)
            if tag == "p" and len(texts) == 1 and _is_all_bold(el):
                lines.append(BOLD + texts[0] + BOLD)
            else:
                lines.extend(texts)
    return lines


def _split_tags(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        for t in re.split(r"[,،;|]", v):
            t = " ".join(t.split())
            if t and t not in out:
                out.append(t)
    return out


def read_html(data: bytes | str, *, path: str | None = None, url: str | None = None) -> Article:
    """One article from an HTML page."""
    warnings: list[str] = []
    if isinstance(data, bytes):
        decoded = decode(data, declared_charset(data))
        text, encoding, detected = decoded.text, decoded.encoding, decoded.detected
        warnings.extend(decoded.warnings)
    else:
        text, encoding, detected = data, None, False
    if not text.strip():
        raise InputError("the HTML input is empty")

    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, url=url, include_formatting=True, with_metadata=True, include_comments=False, include_images=False
        )
        if doc is None or doc.body is None or not len(doc.body):
            # Short or oddly built pages: trafilatura's recall mode keeps more candidates.
            doc = trafilatura.bare_extraction(
                text, url=url, include_formatting=True, with_metadata=True, include_comments=False, favor_recall=True
            )
    except Exception as exc:  # lxml / trafilatura internals on pathological markup
        raise InputError(f"the HTML could not be parsed ({type(exc).__name__}: {exc})") from None
    if doc is None or doc.body is None:
        raise InputError("no article text found in the HTML page (broken markup or not an article page)")
    lines = body_lines(doc.body)
    if not any(line.strip() for line in lines):
        raise InputError("no article text found in the HTML page (broken markup or not an article page)")

    page_url = doc.url or url
    article = Article(
        raw="\n\n".join(lines),
        raw_html=text,
        title=" ".join(doc.title.split()) if doc.title else None,
        author=doc.author or None,
        tags=_split_tags((doc.categories or []) + (doc.tags or [])),
        source=Source(
            path=path,
            url=page_url,
            format="html",
            encoding=encoding,
            encoding_detected=detected,
            site=site_from_url(page_url) or doc.hostname or doc.sitename,
        ),
        warnings=warnings,
    )
    if doc.sitename:
        article.meta["sitename"] = doc.sitename
    if doc.description:
        article.meta["description"] = doc.description
    if doc.date:
        iso = parse_date(doc.date)
        if iso:
            article.published = Published(iso, "html")
    return article
