"""Boilerplate vocabulary: the phrase families the line classifier looks for.

Each family is a list of phrases in Arabic and English (written as they appear; they are
normalised like the text before matching).  A phrase matches as whole words, with the
Arabic proclitics و ف ب ل ك ال allowed in front; a trailing ``*`` lets a phrase take up to
four more letters (شارك* → شاركها, شاركوا).  A match is *evidence*, not a verdict: the
classifier weighs it by how much of the line the boilerplate covers (so "شارك عبر
واتساب" goes, while a sentence that mentions Facebook in passing stays) — see
:mod:`marsad.clean.constants` for the weights.

Add variants here, never exact whole lines: the point is that unseen combinations of these
words ("شاركوا الخبر على تلغرام") are caught without listing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.text import NormalizeOptions, normalize

# Letters folded as in the default normalisation, but case kept so regex escapes survive.
_PATTERN_NORM = NormalizeOptions(lowercase=False)

FAMILIES: dict[str, list[str]] = {
    # Share widgets: "share", "send", "print", "copy link".
    "share": """
        شارك* مشاركه انشر نشر_عبر ارسل ارسال طباعه اطبع حفظ احفظ انسخ نسخ_الرابط انسخ_الرابط
        share* sharing tweet retweet print email e-mail send whatsapp_it pin_it save copy_link
        مشاركه_عبر شاركها_على ارسل_لصديق send_to_a_friend
    """,
    # Social network names and labels (alone they make a widget line; inside prose they are words).
    "social": """
        فيسبوك فيس_بوك الفيسبوك تويتر التويتر واتساب واتس_اب الواتساب واتسآب تلغرام تليغرام تيليجرام تليجرام تلجرام
        انستغرام انستجرام انستقرام يوتيوب اليوتيوب لينكد_ان لينكدإن تيك_توك سناب_شات سناب شات ماسنجر
        بريد_الكتروني البريد_الالكتروني اكس
        facebook twitter whatsapp telegram instagram youtube linkedin tiktok snapchat messenger reddit pinterest
        x.com vk viber line google+ rss feed
    """,
    # "Short link" / permalink widgets.
    "short_link": """
        رابط_مختصر الرابط_المختصر رابط_قصير الرابط_القصير رابط_الخبر رابط_المقال رابط_الماده رابط_دائم
        short_link shortlink short_url permalink copy_url link_copied تم_نسخ_الرابط
    """,
    # "Read also" / related-content headers; the short lines after them are related links.
    "read_also": """
        اقرا_ايضا اقرا_كذلك اقرا_المزيد اقرا_اكثر طالع_ايضا شاهد_ايضا شاهد_المزيد يهمك_ايضا قد_يهمك قد_يعجبك
        ذات_صله اخبار_ذات_صله مواضيع_ذات_صله مقالات_ذات_صله اخترنا_لك الاكثر_قراءه الاكثر_مشاهده الاكثر_تداولا
        اخر_الاخبار احدث_الاخبار المزيد_من_الاخبار المزيد_من اخبار_متعلقه مواضيع_متعلقه مقالات_متعلقه روابط_ذات_صله
        read_also read_more see_also related related_articles related_news related_stories more_from more_stories
        you_may_also_like you_might_also_like recommended most_read most_popular trending latest_news top_stories
    """,
    # Follow us / subscribe / newsletter / app; a column's "write to me by SMS" footer («للتواصل أرسل
    # sms إلى 88548 الاتصالات، 636250 موبايلي… تبدأ بالرمز 153 مسافة ثم الرسالة»: Okaz, 65 articles).
    "follow": """
        تابعونا تابعنا تابعوا_موقع تابعوا_قناه تابعوا_صفحه تابعوا_اخبار اشترك* الاشتراك النشره_البريديه النشره_الاخباريه
        للتواصل تواصل_معنا تواصلوا_معنا راسلونا القائمه_البريديه نشرتنا نشرتنا_البريديه نشرتنا_الاخباريه بريدك بريدك_الالكتروني قناتنا صفحتنا حسابنا حمل_تطبيق حملوا_تطبيق تطبيق_الموقع سجل_الان انضم_الينا انضموا
        sms رساله_نصيه رساله_قصيره تبدا_بالرمز مسافه_ثم_الرساله مسافه_ثم_نص_الرساله ثم_الرساله للتواصل_مع_الكاتب
        follow_us follow subscribe* newsletter sign_up join_us download_our_app get_the_app
    """,
    # Copyright and legal footer.
    "copyright": """
        © جميع_الحقوق_محفوظه الحقوق_محفوظه حقوق_النشر حقوق_الطبع حقوق_الملكيه copyright all_rights_reserved
        rights_reserved
    """,
    # Site navigation and account links.
    "navigation": """
        الرئيسيه الصفحه_الرئيسيه اتصل_بنا من_نحن سياسه_الخصوصيه شروط_الاستخدام خريطه_الموقع اعلن_معنا
        تسجيل_الدخول تسجيل_خروج القائمه بحث ابحث الارشيف الاقسام عوده التالي السابق
        home contact_us about_us privacy_policy privacy terms_of_use terms_of_service sitemap menu search
        login log_in sign_in register archive next previous back_to_top skip_to_content cookies
    """,
    # Comment counters and comment prompts.
    "comments": """
        تعليق* التعليقات اضف_تعليق* اترك_تعليق* اكتب_تعليق* لا_توجد_تعليقات عدد_التعليقات
        comment comments add_comment leave_a_comment no_comments
    """,
    # The Saudi mobile operators, as a column's SMS footer lists them with a number each («88548
    # الاتصالات، 636250 موبايلي، 738303 زين»); only evidence on a line that also holds a number. In
    # prose they are company names, so alone on a line they weigh less than one removal
    # (constants.FAMILY_WEIGHTS): the footer goes with the follow family's words on the same line,
    # or as a short line after the article.
    "sms": """
        الاتصالات موبايلي زين stc mobily zain
    """,
    # View / read / like counters: only evidence on a line that also holds a number
    # ("مشاهدات: 1520"); the words alone are ordinary prose ("قراءة في المشهد").
    "counter": """
        مشاهده مشاهدات قراءه قراءات عدد_القراءات عدد_المشاهدات زياره زيارات اعجاب views likes reads
    """,
    # Comment-policy and opinion disclaimers printed under articles.
    "disclaimer": """
        لا_تعبر_عن_راي لا_يعبر_عن_راي تعبر_عن_راي_كاتبها تعبر_عن_راي_اصحابها الاراء_الوارده المقالات_المنشوره
        ارشادات_الاستخدام سياسه_التعليقات
        do_not_necessarily_reflect views_expressed opinions_expressed
    """,
    # Labels that introduce metadata (tags, sections, authors): evidence that a line is not prose.
    "label": """
        الوسوم وسوم الكلمات_المفتاحيه كلمات_مفتاحيه الكلمات_الدالله الكلمات_الداله التصنيف تصنيفات القسم
        tags tagged keywords category categories filed_under
    """,
    # "More" links left by truncated teasers ("...المزيد", "Read more »").
    "more_link": """
        المزيد للمزيد المزيد_هنا اضغط_هنا انقر_هنا اضغط_للمزيد more click_here continue_reading
    """,
    # Advertising slots.
    "advert": """
        اعلان اعلانات اعلان_ممول محتوى_ممول ممول advertisement advertising sponsored ad
    """,
}

# Families whose header line opens a block of related links (the lines after it go too).
BLOCK_OPENERS = frozenset({"read_also"})


@dataclass(frozen=True)
class Family:
    name: str
    regex: re.Pattern[str]
    # One literal word of each phrase (its longest), with the regex's case rules.  Every match
    # of ``regex`` contains one of them, and searching for plain words skips the per-position
    # work of the phrases' optional proclitics and word-boundary lookarounds.  The cleaner's
    # link-tail check searches each article's long last paragraph: reading and cleaning
    # SaudiNewsNet went from 2.19 / 2.05 to 1.46 / 1.25 ms per article with the anchor
    # (benchmarks/bench_analyze.py --speed-only --limit 4000, docs/benchmarks.md, "Ingest").
    anchor: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        """``regex.search(text)``, the same result, with the anchor words looked for first."""
        return self.regex.search(text) if self.anchor.search(text) else None


def _phrase_words(phrase: str) -> list[str]:
    """The words of a phrase as its regex spells them (normalised, ``*`` and ``_`` dropped)."""
    return [normalize(w, _PATTERN_NORM) for w in phrase.rstrip("*").split("_")]


def _phrase_regex(phrase: str) -> str:
    wildcard = phrase.endswith("*")
    words = _phrase_words(phrase)
    body = r"\s+".join(re.escape(w) for w in words)
    arabic = any("\u0600" <= c <= "\u06ff" for c in phrase)
    prefix = r"(?:[وف]?(?:[بلك]|لل)?(?:ال)?)" if arabic else ""
    suffix = r"\w{0,4}" if wildcard else ""
    # whole words: no letter before the prefix, none after the (optional) suffix
    return rf"(?<!\w){prefix}{body}{suffix}(?!\w)"


def _compile(phrases: str) -> re.Pattern[str]:
    parts = sorted({_phrase_regex(p) for p in phrases.split()}, key=len, reverse=True)
    return re.compile("|".join(parts), re.IGNORECASE)


def _compile_anchor(phrases: str) -> re.Pattern[str]:
    words = {max(_phrase_words(p), key=len) for p in phrases.split()}
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)


COMPILED: tuple[Family, ...] = tuple(
    Family(name, _compile(phrases), _compile_anchor(phrases)) for name, phrases in FAMILIES.items()
)

# Tag / category line: a label, a colon, then the tags.
TAG_LINE = re.compile(
    r"^\s*(?:الوسوم|وسوم|الكلمات المفتاحية|كلمات مفتاحية|الكلمات الدالة|التصنيف|تصنيفات|القسم|tags|keywords|categories|filed under)\s*[:：\-–]\s*(?P<tags>.+)$",
    re.IGNORECASE,
)
# A tags label without a colon glued to the end of the last paragraph, or alone on the last
# line: «… بحسب الاختصاص. سمات آسيوي انتحار بريدة وافد» (3alyoum's «سمات» "tags": 1,496 of its
# 1,826 articles in the 15-day SaudiNewsNet archive).  Only after a sentence's end or at the
# line's start, and only a short unpunctuated run of words to the end: «سمات» is also "traits"
# in prose («من سمات الشخصية»).
TAG_TAIL = re.compile(r"(?:^|(?<=[.!?؟…\"”»)]))\s*سمات\s+(?P<tags>[^.!?؟:؛،,\n]{2,160})$")
TAG_SEPARATORS = re.compile(r"\s*(?:[,،;؛|/•·]|\s-\s)\s*")

# Author bylines: "بقلم: فلان", "كتب - فلان", "By Jane Doe".
# Only "بقلم" (by the pen of) and "by" stand without a colon; the other labels are also
# ordinary words ("تحرير المرور", "تقرير لإدارة الاتحاد") and need one.
BYLINE = re.compile(
    r"^\s*(?:(?:بقلم|by|written by)\s*[:：\-–]?|(?:كتب|كتبت|كتبه|إعداد|اعداد|تحرير|إعداد وتحرير|حوار|تقرير|author)\s*[:：\-–])"
    r"\s*(?P<name>[^.،,:؛!?؟]{2,60})$",
    re.IGNORECASE,
)
# An outlet's credit at the top of the body: the reporter(s), the outlet and the place, joined
# by dashes, on a line of its own («عين اليوم – متابعات», «عمر إبراهيم – عين اليوم», «الرياضي ـ
# جدة») or before a colon that opens the first paragraph («فهد الغبيوي- سبق- عفيف: …», «سبق-
# الرياض: …», «الرياض - واس: …»).  In the 15-day SaudiNewsNet archive every third article of sabq
# and 3alyoum began so, and its reporter counted as a person in the news (PERS «عمر إبراهيم»,
# 71 articles).  Two or three parts of one to four words each (names may be listed with «،»);
# the tatweel ـ is a dash only between spaces (it also stretches words: يوفنتـوس).
_CREDIT_WORDS = r"[^\W\d_]+(?:\s+[^\W\d_]+){0,3}"
_CREDIT_PART = rf"{_CREDIT_WORDS}(?:\s*[،,]\s*{_CREDIT_WORDS}){{0,2}}"
_CREDIT_DASH = r"(?:\s*[-–—]\s*|\s+ـ\s+)"
CREDIT_LINE = re.compile(rf"^\s*{_CREDIT_PART}(?:{_CREDIT_DASH}{_CREDIT_PART}){{1,2}}\s*$")
CREDIT_PREFIX = re.compile(rf"^\s*{_CREDIT_PART}(?:{_CREDIT_DASH}{_CREDIT_PART}){{1,2}}\s*:\s*")
URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
EMAIL_ONLY = re.compile(r"^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$")
