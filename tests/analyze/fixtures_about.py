"""A fictional news report (written for these tests) shared by the keyphrase and summary tests."""

TITLE = "وزير الخارجية يبحث أزمة المياه مع نظيره في عمّان"

ARTICLE = """\
بحث وزير الخارجية سامر الحداد مع نظيره الأردني في عمّان أمس أزمة المياه في المنطقة، وسبل تعزيز التعاون بين البلدين في إدارة الموارد المائية.
وقال وزير الخارجية في مؤتمر صحفي إن أزمة المياه تهدد الأمن الغذائي لملايين السكان، داعيا إلى اتفاق إقليمي لتقاسم مياه الأنهار.
وأضاف الحداد أن الجانبين اتفقا على تشكيل لجنة فنية مشتركة تجتمع كل ثلاثة أشهر لمتابعة مشاريع تحلية المياه.
من جهته، أكد الوزير الأردني أن بلاده تعاني من شح المياه منذ سنوات، وأن مشاريع تحلية المياه أصبحت ضرورة لا خيارا.
وتأتي الزيارة بعد موسم جفاف طويل أدى إلى تراجع منسوب السدود إلى أدنى مستوى له منذ عشرين عاما.
وكان البنك الدولي قد حذر في تقرير سابق من أن أزمة المياه قد تكلف دول المنطقة ستة في المئة من ناتجها المحلي.
وفي ختام الزيارة، وقع الوزيران مذكرة تفاهم في مجال الموارد المائية والطاقة المتجددة.
ومن المقرر أن يزور وزير الخارجية القاهرة الأسبوع المقبل لبحث الملف نفسه.
"""


def saudinewsnet_sample(every: int = 97, limit: int = 60) -> list[tuple[str, str]]:
    """(title, content) of some SaudiNewsNet records, read in place from ../shared (empty
    when absent)."""
    import json
    import os
    import zipfile
    from pathlib import Path

    root = Path(os.environ.get("MARSAD_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared"))
    out: list[tuple[str, str]] = []
    n = 0
    for path in sorted((root / "data" / "news" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                for rec in json.loads(z.read(name).decode("utf-8")):
                    n += 1
                    if n % every == 0 and len(out) < limit:
                        out.append((rec.get("title") or "", rec.get("content") or ""))
    return out
