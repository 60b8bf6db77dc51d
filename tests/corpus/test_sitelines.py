"""Per-site repeated-line statistics (marsad.corpus.sitelines) as the cleaner reads them."""

from __future__ import annotations

from marsad.clean.cleaner import clean_article
from marsad.corpus.sitelines import MIN_SITE_ARTICLES, SiteLineStats, install
from marsad.document import Article, Source

# a long paragraph an outlet prints under every article (fictional): prose, over 300 characters
_NOTICE = (
    "تنويه من إدارة التحرير: جميع المواد المنشورة في هذا الموقع محمية بموجب أنظمة الملكية الفكرية، "
    "ولا يجوز نقلها أو إعادة نشرها كليا أو جزئيا دون إذن كتابي مسبق من الإدارة، ويتحمل الكتاب وحدهم "
    "مسؤولية آرائهم المنشورة في صفحات الرأي، ولا تعبر بالضرورة عن وجهة نظر الصحيفة أو سياستها "
    "التحريرية، ويسعدنا تلقي ملاحظاتكم ومقترحاتكم عبر صفحة التواصل في أسفل الموقع."
)


def _story(i: int) -> Article:
    body = (
        f"أعلنت بلدية مدينة الواحة اليوم عن افتتاح الحديقة رقم {i} في الحي الشمالي، وقالت إن الأعمال "
        f"استمرت ثمانية أشهر بمشاركة {i + 3} شركات محلية.\n\n"
        "وأضافت البلدية أن الحديقة ستفتح أبوابها للزوار يوميا من الصباح حتى المساء."
    )
    return Article(raw=f"{body}\n\n{_NOTICE}", title=f"افتتاح الحديقة رقم {i}", source=Source(site="waha.example"))


def test_a_long_line_under_every_article_of_a_site_is_found_by_the_cleaner():
    assert len(_NOTICE) > 300  # the cleaner looks such lines up by their exact text
    stats = SiteLineStats()
    for i in range(MIN_SITE_ARTICLES):
        stats.add(_story(i))
    install(stats.prune())
    try:
        article = clean_article(_story(99))
    finally:
        install(None)
    assert "تنويه من إدارة التحرير" not in article.text
    assert any(r.reason == "site repeated line" and r.text.startswith("تنويه") for r in article.removed)
    assert "الحديقة رقم 99" in article.text  # the story itself stays
