"""The terminal view of quotes: grouped under their speakers, entity names preferred."""

from rich.console import Console

from marsad.cli.render_quotes import UNATTRIBUTED, group_by_speaker, render_quotes
from marsad.document import Article, Entity, Quote


def _q(text, speaker, key=None):
    return Quote(text=text, start=0, end=len(text), kind="reported", cue="وقال", speaker=speaker, speaker_entity=key)


def test_grouping_merges_name_forms_and_keeps_order():
    quotes = [_q("أ", "سامي الراشد"), _q("ب", "الرئاسة"), _q("ج", "الراشد"), _q("د", None)]
    groups = group_by_speaker(quotes)
    assert [name for name, _ in groups] == ["سامي الراشد", "الرئاسة", UNATTRIBUTED]
    assert [q.text for q in groups[0][1]] == ["أ", "ج"]


def test_view_shows_the_entity_name():
    art = Article(text="x", quotes=[_q("الطريق مغلق", "الراشد", "PERS:سامي الراشد")])
    art.entities = [Entity("سامي الراشد", "PERS", 0, 1, "سامي الراشد", "PERS:سامي الراشد")]
    console = Console(width=80, record=True)
    console.print(render_quotes(art))
    out = console.export_text()
    assert "سامي الراشد" in out and "الطريق مغلق" in out
    assert render_quotes(Article(text="x")) is None
