"""A generated corpus of fictional Arabic news for the archive tests (our own sentences).

Events are made of template sentences with slots; each outlet writes its own version of
an event (its own choice and order of sentences: same story, not a near-duplicate), some
outlets reprint another's article exactly (exact duplicate) or with small edits
(near-duplicate).  Everything is deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field

from marsad.document import Article, Entity, Published, Source

CITIES = ["الرياض", "جدة", "الدمام", "أبها", "تبوك", "القصيم", "حائل", "نجران", "جازان", "الطائف", "ينبع", "الخبر"]
ORGS = [
    "وزارة الصحة",
    "وزارة التعليم",
    "هيئة الطيران المدني",
    "الغرفة التجارية",
    "جامعة الملك سعود",
    "هيئة السياحة",
    "وزارة الإسكان",
    "الدفاع المدني",
]
PEOPLE = ["خالد العتيبي", "سارة القحطاني", "فهد الدوسري", "نورة الشمري", "سلمان الحربي", "منى الزهراني", "ماجد الغامدي"]
SUBJECTS = [
    ("مشروع", "تطوير شبكة الطرق", "الطرق"),
    ("برنامج", "تدريب الشباب على البرمجة", "البرمجة"),
    ("مبادرة", "زراعة مليون شجرة", "التشجير"),
    ("خطة", "توسعة المطار الدولي", "المطار"),
    ("حملة", "التطعيم ضد الإنفلونزا", "التطعيم"),
    ("مهرجان", "التمور السنوي", "التمور"),
    ("معرض", "الكتاب الدولي", "الكتاب"),
    ("مؤتمر", "الطاقة المتجددة", "الطاقة"),
    ("مسابقة", "حفظ القرآن الكريم", "المسابقة"),
    ("مركز", "الأبحاث الطبية", "الأبحاث"),
    ("صندوق", "دعم المشاريع الصغيرة", "المشاريع"),
    ("مستشفى", "الأطفال التخصصي", "المستشفى"),
]
SENTENCES = [
    "أعلنت {org} اليوم إطلاق {kind} {what} في منطقة {city} بتكلفة تبلغ {n} مليون ريال.",
    "وقال {person} المتحدث باسم {org} إن {kind} {what} سيخدم أكثر من {m} ألف مستفيد خلال العام المقبل.",
    "وأوضح {person} أن العمل في {short} سيبدأ مطلع الشهر القادم على ثلاث مراحل متتالية.",
    "وأشار إلى أن {org} خصصت فريقا من المهندسين والفنيين لمتابعة تنفيذ {short} في {city}.",
    "ويأتي إطلاق {kind} {what} ضمن خطة شاملة لتحسين الخدمات المقدمة لسكان {city} والمحافظات التابعة لها.",
    "من جهتهم رحب عدد من أهالي {city} بالخطوة مؤكدين أن {short} كان مطلبا قديما للمنطقة.",
    "وتتوقع {org} أن يسهم {kind} {what} في توفير {k} فرصة عمل جديدة للشباب من أبناء المنطقة.",
    "ودعا {person} المواطنين إلى التعاون مع الجهات المختصة والاطلاع على تفاصيل {short} عبر الموقع الرسمي.",
    "وكانت {org} قد أعلنت العام الماضي عن دراسة أولية حول {short} شملت عدة مناطق في المملكة.",
    "وبين التقرير أن نسبة الإنجاز في المرحلة الأولى من {short} وصلت إلى {p} في المئة حتى الآن.",
]
LEADS = [
    SENTENCES[0],
    "كشفت {org} عن {kind} {what} الذي تنفذه في {city} بميزانية قدرها {n} مليون ريال.",
    "بدأت في {city} أولى خطوات {kind} {what} الذي ترعاه {org} بمبلغ {n} مليون ريال.",
    "تستعد {city} لاستقبال {kind} {what} بعد أن اعتمدت {org} ميزانيته البالغة {n} مليون ريال.",
]
SITES = ["alsaha", "almarsad", "alyawm24", "annahar-sa", "alkhabar", "wasla"]
FILLER = [
    "وفي سياق متصل ناقش المجلس البلدي في جلسته الأسبوعية عددا من الملفات الخدمية.",
    "كما استعرض الاجتماع تقارير الأداء الربعية للإدارات المختلفة.",
    "وتشهد المنطقة خلال هذه الفترة حركة نشطة في قطاع البناء والتشييد.",
]


@dataclass
class FictionalArticle:
    url: str
    site: str
    date: str
    title: str
    content: str
    event: int
    kind: str  # original | exact | near
    people: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)

    def record(self) -> dict:
        return {
            "source": self.site,
            "url": self.url,
            "date_extracted": self.date + " 10:00:00",
            "title": self.title,
            "author": "",
            "content": self.content,
        }

    def article(self) -> Article:
        """The article as if analysed (text = content; entities filled by string search)."""
        ents = []
        for name, etype in [(p, "PERS") for p in self.people] + [(o, "ORG") for o in self.orgs]:
            pos = self.content.find(name)
            if pos >= 0:
                ents.append(Entity(name, etype, pos, pos + len(name), name, name.replace("ة", "ه")))
        return Article(
            text=self.content,
            title=self.title,
            source=Source(url=self.url, site=self.site, format="json"),
            published=Published(self.date, "metadata"),
            entities=ents,
        )


def _event_slots(rng: random.Random, i: int) -> dict:
    kind, what, short = SUBJECTS[i % len(SUBJECTS)]
    return {
        "org": ORGS[i % len(ORGS)],
        # (subject, city) never repeats for i < 144: events sharing a subject template differ in place
        "city": CITIES[(i * 5 + i // len(SUBJECTS)) % len(CITIES)],
        "person": PEOPLE[(i * 3) % len(PEOPLE)],
        "kind": kind,
        "what": what,
        "short": short,
        "n": rng.randint(10, 900),
        "m": rng.randint(5, 300),
        "k": rng.randint(50, 5000),
        "p": rng.randint(5, 95),
    }


def generate(n_events: int = 20, seed: int = 7, start_day: int = 1) -> list[FictionalArticle]:
    """Articles for ``n_events`` events: 1-4 outlet versions each, plus exact and near reprints.

    Every original article has a unique URL; exact reprints have their own URL and outlet.
    """
    rng = random.Random(seed)
    out: list[FictionalArticle] = []
    for e in range(n_events):
        slots = _event_slots(rng, e)
        # events with the same subject template get distinct cities/numbers: distinct stories
        day = f"2031-03-{start_day + (e % 20):02d}"
        n_versions = rng.randint(1, 4)
        sites = rng.sample(SITES, n_versions + 1)
        for v in range(n_versions):
            # each outlet tells the event with its own sentences: same story, not a copy
            own = [SENTENCES[1 + j] for j in range(len(SENTENCES) - 1) if j % n_versions == v]
            body = [LEADS[v % len(LEADS)]] + rng.sample(own, min(len(own), 3)) + rng.sample(FILLER, 1)
            text = "\n".join(s.format(**slots) for s in body)
            title = f"{slots['org']} تطلق {slots['kind']} {slots['what']} في {slots['city']}"
            if v:
                title = f"{slots['city']}: {slots['kind']} {slots['what']} ب{slots['n']} مليون ريال"
            site = sites[v]
            art = FictionalArticle(
                f"https://{site}.example/{e}/{v}", site, day, title, text, e, "original",
                [slots["person"]], [slots["org"]],
            )
            out.append(art)
            r = rng.random()
            if v == 0 and r < 0.3:
                other = sites[-1]
                out.append(
                    FictionalArticle(f"https://{other}.example/copy/{e}", other, day, title, text, e, "exact",
                                     art.people, art.orgs)
                )
            elif v == 0 and r < 0.6:
                other = sites[-1]
                edited = text.replace("اليوم", "أمس", 1).replace("أكثر من", "نحو", 1)
                edited = f"{slots['city']} - واس\n" + edited + "\nوالله الموفق."
                out.append(
                    FictionalArticle(f"https://{other}.example/near/{e}", other, day, title + " (محدث)", edited, e,
                                     "near", art.people, art.orgs)
                )
    return out


def write_jsonl(articles: list[FictionalArticle], path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a.record(), ensure_ascii=False) + "\n")


def person_articles(name: str, count: int, first: int = 0) -> list[Article]:
    """``count`` one-sentence articles, each naming one person ``name`` (tagged, keyed as the
    entity component keys it), numbered from ``first`` (their URLs and texts differ)."""
    from marsad.text.names import entity_key

    out = []
    for i in range(first, first + count):
        text = f"قال {name} في المؤتمر رقم {i} إن التعاون مستمر بين البلدين في مجالات الطاقة والتجارة."
        at = text.index(name)
        out.append(Article(text=text, title=f"مؤتمر {i}", source=Source(url=f"https://example.org/{i}", site="wasla"),
                           published=Published(f"2031-03-0{1 + i % 5}", "metadata"),
                           entities=[Entity(name, "PERS", at, at + len(name), name, entity_key("PERS", name))]))
    return out
