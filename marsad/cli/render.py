"""Terminal view of an analysed article: one small function per layer.

Each layer renderer takes the Article and returns a rich renderable, or None when it has
nothing to show.  Later analysers add their own section with :func:`add_section` (in
their CLI module), e.g. ``add_section("entities", render_entities)``; :func:`render_article`
prints every registered section in order.

Arabic in terminals: most Linux terminals (VTE, Konsole, mlterm) apply the bidi algorithm
themselves, so marsad prints text in logical order and right-aligns Arabic paragraphs.
Terminals without bidi support (xterm, many IDE consoles) show Arabic letters unjoined
and words reversed; ``--visual`` (or ``MARSAD_VISUAL_BIDI=1``) makes :func:`para` print
pre-shaped, visually ordered lines for them (see :mod:`marsad.cli.bidi`).  Section
renderers should build Arabic text with :func:`para` so they get this for free.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from marsad.document import Article
from marsad.text import script_language

Section = Callable[[Article], RenderableType | None]
SECTIONS: list[tuple[str, Section]] = []


def add_section(name: str, func: Section, *, after: str | None = None) -> None:
    """Register a section renderer (replacing one of the same name)."""
    for i, (existing, _) in enumerate(SECTIONS):
        if existing == name:
            SECTIONS[i] = (name, func)
            return
    if after is not None:
        for i, (existing, _) in enumerate(SECTIONS):
            if existing == after:
                SECTIONS.insert(i + 1, (name, func))
                return
    SECTIONS.append((name, func))


# Set by `marsad analyze --visual` or MARSAD_VISUAL_BIDI=1: print Arabic in visual order.
VISUAL = os.environ.get("MARSAD_VISUAL_BIDI", "") not in ("", "0")
WIDTH: int | None = None  # display width for visual wrapping (None: the console's)


def _is_arabic(text: str) -> bool:
    return script_language(text, sample=400) == "ar"


def para(text: str, style: str = "", indent: int = 0) -> Text:
    """A paragraph: right-aligned when Arabic, pre-ordered for the terminal in visual mode."""
    if not _is_arabic(text):
        return Text(text, style=style, justify="left")
    if VISUAL:
        from marsad.cli.bidi import visual_lines

        width = (WIDTH or Console().width) - 4 - indent
        return Text("\n".join(visual_lines(text, width)), style=style, justify="right", no_wrap=True)
    return Text(text, style=style, justify="right")


def inline(text: str) -> str:
    """A short Arabic value for a table cell or a label (visual order in visual mode)."""
    if VISUAL and _is_arabic(text):
        from marsad.cli.bidi import visual_line

        return visual_line(text)
    return text


def render_header(article: Article) -> RenderableType:
    parts: list[RenderableType] = []
    parts.append(para(article.title or "(no title)", "bold"))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_column()
    src = article.source
    where = src.path or src.url or "(stdin)"
    if src.record is not None:
        where += f"  record {src.record}"
    table.add_row("source", f"{where}  [{src.format}{', ' + src.encoding if src.encoding else ''}]")
    if src.site:
        table.add_row("site", inline(src.site))
    if article.published:
        table.add_row("published", f"{article.published.value}  (from {article.published.origin})")
    if article.author:
        table.add_row("author", inline(article.author))
    if article.tags:
        table.add_row("tags", " · ".join(inline(t) for t in article.tags))
    table.add_row("language", article.language or "?")
    words = len(article.text.split())
    table.add_row("body", f"{len(article.blocks)} blocks, {words} words")
    parts.append(table)
    return Panel(Group(*parts), title="marsad", title_align="left")


def render_blocks(article: Article) -> RenderableType | None:
    if not article.blocks:
        return None
    items: list[RenderableType] = []
    for block in article.blocks:
        if block.kind == "heading":
            items.append(para(block.text, "bold cyan"))
        else:
            items.append(para(block.text))
        items.append(Text(""))
    return Group(Rule("text", style="dim"), *items)


def render_removed(article: Article) -> RenderableType | None:
    if not article.removed:
        return None
    counts = Counter(r.reason for r in article.removed)
    summary = ", ".join(f"{reason} ×{n}" for reason, n in counts.most_common())
    # the reasons are English labels; the lines themselves are in --json
    return Text(f"removed {len(article.removed)} lines: {summary}", style="dim")


def render_warnings(article: Article) -> RenderableType | None:
    if not article.warnings:
        return None
    return Group(*(Text(f"warning: {w}", style="yellow") for w in article.warnings))


add_section("header", render_header)
add_section("blocks", render_blocks)
add_section("removed", render_removed)
add_section("warnings", render_warnings)


def render_article(article: Article, console: Console | None = None) -> None:
    console = console or Console()
    for _, func in SECTIONS:
        renderable = func(article)
        if renderable is not None:
            console.print(renderable)


def render_explain(decisions) -> RenderableType:
    """The cleaner's decision on every input line (``marsad analyze --explain``)."""
    table = Table(title="cleaner decisions", show_lines=False, expand=True)
    table.add_column("decision", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("evidence", ratio=2)
    table.add_column("line", ratio=3, justify="right")
    styles = {"removed": "red", "title": "bold", "heading": "cyan", "paragraph": ""}
    for d in decisions:
        evidence = ", ".join(f"{name} {value:+.2f}" for name, value in d.evidence.items())
        if d.guarded and not evidence:
            evidence = "prose (guarded)"
        label = d.reason if d.decision == "removed" else d.decision
        text = d.text if len(d.text) <= 90 else d.text[:87] + "…"
        table.add_row(label, f"{d.score:.2f}", evidence, inline(text), style=styles.get(d.decision, ""))
    return table
