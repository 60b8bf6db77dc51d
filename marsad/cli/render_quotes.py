"""Terminal view of the ``quotes`` layer: the quotes grouped under their speakers."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from marsad.document import Article, Quote
from marsad.text import normalize

MAX_QUOTE_CHARS = 240  # longer quotes are cut in the view (the JSON keeps them whole)
UNATTRIBUTED = "(speaker not found)"


def group_by_speaker(quotes: list[Quote]) -> list[tuple[str, list[Quote]]]:
    """Quotes under their speakers, speakers in order of first quote.

    Mentions of one speaker are merged by entity key when there is one, else when one
    mention's words are contained in another's ("الحمدان" under "سليمان بن عبدالله الحمدان").
    """
    groups: list[tuple[str, set[str], str | None, list[Quote]]] = []
    for q in quotes:
        name = q.speaker or UNATTRIBUTED
        words = set(normalize(name).split())
        for i, (shown, gwords, key, items) in enumerate(groups):
            same = (q.speaker_entity and q.speaker_entity == key) or (
                q.speaker and shown != UNATTRIBUTED and (words <= gwords or gwords <= words)
            )
            if same or (not q.speaker and shown == UNATTRIBUTED):
                items.append(q)
                if len(words) > len(gwords) and q.speaker:  # show the fullest form of the name
                    groups[i] = (name, words, key or q.speaker_entity, items)
                break
        else:
            groups.append((name, words, q.speaker_entity, [q]))
    return [(shown, items) for shown, _, _, items in groups]


def render_quotes(article: Article) -> RenderableType | None:
    if not article.quotes:
        return None
    # the entity's display name ("سالم بن راشد الحارثي") over the mention ("الحارثي")
    canonical = {e.key: e.canonical for e in article.entities if e.key and e.canonical}
    parts: list[RenderableType] = [Rule(f"quotes ({len(article.quotes)})", style="dim")]
    for speaker, items in group_by_speaker(article.quotes):
        key = next((q.speaker_entity for q in items if q.speaker_entity), None)
        parts.append(Text(canonical.get(key, speaker) if key else speaker, style="bold magenta", justify="right"))
        for q in items:
            body = q.text if len(q.text) <= MAX_QUOTE_CHARS else q.text[:MAX_QUOTE_CHARS] + " …"
            line = Text(justify="right")
            if q.kind == "direct":
                line.append("«" + body + "»")
            else:
                line.append(body)
            line.append(f"  [{q.cue}]", style="dim")
            parts.append(line)
        parts.append(Text(""))
    return Group(*parts)
