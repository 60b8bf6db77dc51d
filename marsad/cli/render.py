"""Terminal view of an analysed article: one small function per layer.

Each layer renderer takes the Article and returns a rich renderable, or None when it has
nothing to show.  Later analysers add their own section with :func:`add_section` (in
their CLI module), e.g. ``add_section("entities", render_entities)``; :func:`render_article`
prints every registered section in order.

Arabic in terminals: most Linux terminals (VTE, Konsole, mlterm) apply the bidi algorithm
themselves, so marsad prints text in logical order and right-aligns Arabic paragraphs.
Terminals without bidi support (e.g. plain xterm) show Arabic words reversed; use the
``--json`` output there, or a bidi-aware terminal.
"""

from __future__ import annotations

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


def _justify(text: str) -> str:
    return "right" if script_language(text, sample=400) == "ar" else "left"


def para(text: str, style: str = "") -> Text:
    return Text(text, style=style, justify=_justify(text))  # type: ignore[arg-type]


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
        table.add_row("site", src.site)
    if article.published:
        table.add_row("published", f"{article.published.value}  (from {article.published.origin})")
    if article.author:
        table.add_row("author", article.author)
    if article.tags:
        table.add_row("tags", " · ".join(article.tags))
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
