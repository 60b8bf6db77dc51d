"""Fictional, fully annotated articles for the web app tests (our own text, no third-party data).

Annotations are placed by locating their text, so offsets always match ``article.text``.
"""

from __future__ import annotations

from marsad.document import (
    Article,
    Block,
    Entity,
    Keyword,
    Published,
    Quote,
    Removed,
    Source,
    SummarySentence,
    TimeExpression,
    Topic,
)


def _find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    i = text.index(needle, after)
    return i, i + len(needle)


def build(
    title: str,
    paragraphs: list[str],
    *,
    site: str,
    published: str,
    url: str,
    entities: list[tuple[str, str, str]] = (),  # (text, type, key as marsad.analyze.entity_linking makes it)
    quotes: list[tuple[str, str, str | None]] = (),  # (quote text, speaker text, speaker key)
    times: list[tuple[str, str]] = (),  # (text, value)
    topics: list[tuple[str, float]] = (),
    keywords: list[str] = (),
    tags: list[str] = (),
    removed: list[tuple[str, str]] = (),
    headings: set[int] = frozenset(),
) -> Article:
    text = "\n\n".join(paragraphs)
    blocks = []
    pos = 0
    for i, para in enumerate(paragraphs):
        start = text.index(para, pos)
        blocks.append(Block("heading" if i in headings else "paragraph", para, start, start + len(para)))
        pos = start + len(para)
    art = Article(
        text=text,
        title=title,
        tags=list(tags),
        published=Published(published, "metadata"),
        language="ar",
        source=Source(url=url, format="json", site=site),
        blocks=blocks,
        removed=[Removed(t, r) for t, r in removed],
    )
    for etext, etype, key in entities:
        pos = 0
        while True:
            try:
                s, e = _find(text, etext, pos)
            except ValueError:
                break
            art.entities.append(Entity(etext, etype, s, e, canonical=etext, key=key))
            pos = e
    art.entities.sort(key=lambda x: x.start)
    for qtext, speaker, skey in quotes:
        s, e = _find(text, qtext)
        ss, se = _find(text, speaker)
        art.quotes.append(
            Quote(qtext, s, e, "direct", cue="قال", speaker=speaker, speaker_start=ss, speaker_end=se, speaker_entity=skey)
        )
    for ttext, value in times:
        s, e = _find(text, ttext)
        art.times.append(TimeExpression(ttext, s, e, "DATE", value))
    art.topics = [Topic(label, p) for label, p in topics]
    for kw in keywords:
        s, e = _find(text, kw)
        art.keywords.append(Keyword(kw, 0.5, s, e))
    if paragraphs:
        s, e = _find(text, paragraphs[-1 if len(paragraphs) == 1 else 1])
        art.summary = [SummarySentence(paragraphs[-1 if len(paragraphs) == 1 else 1], s, e)]
    assert not art.check_spans(), art.check_spans()
    return art


def corpus() -> list[Article]:
    """Six fictional articles: a three-outlet story about a water project, two reprints, one unrelated."""
    p1 = "أعلن الوزير سالم الهاشمي يوم الأحد عن إطلاق مشروع تحلية المياه في مدينة الواحة الخضراء."
    p2 = "وقال سالم الهاشمي إن «المشروع سيوفر الماء لمئة ألف أسرة قبل نهاية العام»."
    p3 = "وأضاف أن هيئة الموارد المائية ستشرف على التنفيذ بالتعاون مع شركة النهر الأزرق."
    p4 = "ومن المتوقع أن يبدأ العمل في 15 مارس 2031 وفق الجدول المعلن."
    base = dict(
        entities=[
            ("سالم الهاشمي", "PERS", "PERS:سالم الهاشمي"),
            ("الواحة الخضراء", "LOC", "LOC:الواحه الخضراء"),
            ("هيئة الموارد المائية", "ORG", "ORG:هيئه الموارد المائيه"),
            ("شركة النهر الأزرق", "ORG", "ORG:شركه النهر الازرق"),
        ],
        quotes=[("المشروع سيوفر الماء لمئة ألف أسرة قبل نهاية العام", "سالم الهاشمي", "PERS:سالم الهاشمي")],
        times=[("يوم الأحد", "2031-03-02"), ("15 مارس 2031", "2031-03-15")],
        topics=[("economy", 0.8), ("politics", 0.2)],
        keywords=["تحلية المياه", "مشروع"],
        tags=["مياه", "مشاريع"],
        removed=[("شارك الخبر على تويتر", "share-buttons")],
    )
    a1 = build(
        "إطلاق مشروع تحلية المياه في الواحة الخضراء",
        ["تفاصيل المشروع", p1, p2, p3, p4],
        headings={0},
        site="sahifat-alwaha.example",
        published="2031-03-02T09:00:00",
        url="https://sahifat-alwaha.example/news/1",
        **base,
    )
    a2 = build(
        "الهاشمي يطلق مشروع تحلية المياه",
        [p1, p2, p3 + " وأكد مسؤول في الهيئة أن الدراسات اكتملت."],
        site="akhbar-alsahil.example",
        published="2031-03-02T13:30:00",
        url="https://akhbar-alsahil.example/a/77",
        **{**base, "times": [("يوم الأحد", "2031-03-02")]},
    )
    a3 = build(
        "مشروع جديد لتحلية المياه في الواحة",
        [p1, p2, "وأشار إلى أن الكلفة ستبلغ مليار ريال."],
        site="wakalat-alanbaa.example",
        published="2031-03-03T08:15:00",
        url="https://wakalat-alanbaa.example/s/5",
        entities=base["entities"][:2],
        quotes=base["quotes"],
        times=[("يوم الأحد", "2031-03-02")],
        topics=[("economy", 0.7)],
        removed=[("اقرأ أيضًا: أخبار أخرى من الواحة", "read-also")],
    )
    unrelated = build(
        "فريق الصقور يفوز بكأس البطولة",
        [
            "فاز فريق الصقور بكأس البطولة بعد مباراة مثيرة أمس في ملعب المدينة.",
            "وقال المدرب خالد العمري إن «اللاعبين قدموا أداءً رائعًا» وشكر الجمهور.",
        ],
        site="akhbar-alsahil.example",
        published="2031-03-04T20:00:00",
        url="https://akhbar-alsahil.example/sport/9",
        entities=[("فريق الصقور", "ORG", "ORG:فريق الصقور"), ("خالد العمري", "PERS", "PERS:خالد العمري")],
        quotes=[("اللاعبين قدموا أداءً رائعًا", "خالد العمري", "PERS:خالد العمري")],
        times=[("أمس", "2031-03-03")],
        topics=[("sports", 0.9)],
        keywords=["كأس البطولة"],
    )
    hostile = build(
        "عنوان فيه <script>alert('x')</script> وسم",
        [
            "نص يحتوي على <script>alert(1)</script> و<b>وسم</b> و<img src=x onerror=alert(2)> يجب أن يظهر كنص.",
            "وذكر سالم الهاشمي أن الرمز & والعلامة \" لا يكسران الصفحة.",
        ],
        site="hostile.example",
        published="2031-03-05T10:00:00",
        url="javascript:alert(3)",
        entities=[("سالم الهاشمي", "PERS", "PERS:سالم الهاشمي")],
    )
    return [a1, a2, a3, unrelated, hostile]
