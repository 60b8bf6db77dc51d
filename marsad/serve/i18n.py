"""Interface labels in Arabic (default) and English.

Only the interface is translated: article text, entity names and quotes always show as
they are.  The language comes from ``?lang=`` (which also sets a cookie) or the cookie.
"""

from __future__ import annotations

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
COOKIE = "marsad_lang"

LABELS: dict[str, dict[str, str]] = {
    "site_name": {"ar": "مرصد", "en": "marsad"},
    "tagline": {"ar": "أرشيف الأخبار العربية", "en": "Arabic news archive"},
    "skip_to_content": {"ar": "انتقل إلى المحتوى", "en": "Skip to content"},
    "nav_home": {"ar": "الرئيسية", "en": "Home"},
    "nav_search": {"ar": "البحث", "en": "Search"},
    "nav_entities": {"ar": "الأعلام", "en": "Entities"},
    "nav_stories": {"ar": "القصص", "en": "Stories"},
    "nav_analyze": {"ar": "تحليل نص", "en": "Analyse"},
    "main_nav": {"ar": "التنقل الرئيسي", "en": "Main navigation"},
    "switch_lang": {"ar": "English", "en": "العربية"},
    "switch_lang_title": {"ar": "واجهة بالإنجليزية", "en": "Arabic interface"},
    # home
    "latest_articles": {"ar": "أحدث المقالات", "en": "Latest articles"},
    "largest_stories": {"ar": "أكبر القصص", "en": "Largest stories"},
    "top_entities": {"ar": "أبرز الأعلام", "en": "Top entities"},
    "empty_title": {"ar": "الأرشيف فارغ", "en": "The archive is empty"},
    "empty_body": {
        "ar": "لم تُحمَّل أي مقالات بعد. حمّل ملفات الأخبار بالأمر التالي ثم أعد تشغيل الخادم:",
        "en": "No articles have been loaded yet. Load news files with this command, then restart the server:",
    },
    "empty_paths": {
        "ar": "PATH: ملفات أو مجلدات أو أرشيفات ‎.zip‎ أو JSON/JSONL أو صفحات HTML أو ملفات WARC.",
        "en": "PATH: files, folders, .zip archives, JSON/JSONL, HTML pages or WARC files.",
    },
    "empty_analyze": {
        "ar": "أو جرّب تحليل نص واحد دون تخزينه:",
        "en": "Or try analysing one text without storing it:",
    },
    "no_stories": {
        "ar": "لا قصص بعد: القصة مقالتان أو أكثر عن الحدث نفسه.",
        "en": "No stories yet: a story is two or more articles about the same event.",
    },
    "articles_count": {"ar": "مقالات", "en": "articles"},
    "outlets": {"ar": "مصادر", "en": "outlets"},
    "mentions": {"ar": "إشارات", "en": "mentions"},
    # search
    "search_label": {"ar": "ابحث في الأرشيف", "en": "Search the archive"},
    "search_button": {"ar": "ابحث", "en": "Search"},
    "search_placeholder": {"ar": "مثال: الانتخابات البلدية", "en": "e.g. الانتخابات"},
    "search_help": {
        "ar": "عبارة بين علامتي تنصيص \"...\"، و AND و OR و NOT للبحث المنطقي.",
        "en": "Phrases in \"quotes\"; AND, OR, NOT for boolean search.",
    },
    "filters": {"ar": "تصفية", "en": "Filters"},
    "filter_source": {"ar": "المصدر", "en": "Source"},
    "filter_from": {"ar": "من تاريخ", "en": "From"},
    "filter_to": {"ar": "إلى تاريخ", "en": "To"},
    "filter_entity": {"ar": "علم", "en": "Entity"},
    "filter_topic": {"ar": "الموضوع", "en": "Topic"},
    "any": {"ar": "الكل", "en": "Any"},
    "results": {"ar": "النتائج", "en": "Results"},
    "no_results": {"ar": "لا نتائج لهذا البحث.", "en": "No results for this search."},
    "same_story": {"ar": "من القصة نفسها", "en": "Same story"},
    "more_in_story": {"ar": "مقالات أخرى في القصة", "en": "more articles in this story"},
    "previous": {"ar": "السابق", "en": "Previous"},
    "next": {"ar": "التالي", "en": "Next"},
    "page": {"ar": "صفحة", "en": "Page"},
    "pagination": {"ar": "ترقيم الصفحات", "en": "Pagination"},
    # article
    "published": {"ar": "نُشر", "en": "Published"},
    "source": {"ar": "المصدر", "en": "Source"},
    "original_link": {"ar": "الرابط الأصلي", "en": "Original link"},
    "author": {"ar": "الكاتب", "en": "Author"},
    "tags": {"ar": "الوسوم", "en": "Tags"},
    "summary": {"ar": "الملخص", "en": "Summary"},
    "topics": {"ar": "الموضوع", "en": "Topic"},
    "keywords": {"ar": "العبارات المفتاحية", "en": "Keyphrases"},
    "quotes": {"ar": "الاقتباسات", "en": "Quotes"},
    "no_quotes": {"ar": "لا اقتباسات.", "en": "No quotes."},
    "unknown_speaker": {"ar": "متحدث غير محدد", "en": "Unknown speaker"},
    "timeline": {"ar": "الخط الزمني", "en": "Timeline"},
    "no_times": {"ar": "لا تواريخ مذكورة.", "en": "No dates mentioned."},
    "entities": {"ar": "الأعلام", "en": "Entities"},
    "legend": {"ar": "مفتاح الألوان", "en": "Legend"},
    "type_PERS": {"ar": "شخص", "en": "Person"},
    "type_LOC": {"ar": "مكان", "en": "Place"},
    "type_ORG": {"ar": "مؤسسة", "en": "Organisation"},
    "type_MISC": {"ar": "أخرى", "en": "Other"},
    "removed": {"ar": "ما حذفه المنظّف", "en": "What the cleaner removed"},
    "removed_lines": {"ar": "سطرًا محذوفًا", "en": "removed lines"},
    "warnings": {"ar": "تنبيهات", "en": "Warnings"},
    "share": {"ar": "شارك", "en": "Share"},
    "share_email": {"ar": "البريد الإلكتروني", "en": "E-mail"},
    "print_view": {"ar": "نسخة للطباعة", "en": "Print view"},
    "short_link": {"ar": "الرابط المختصر", "en": "Short link"},
    "copy_link": {"ar": "انسخ", "en": "Copy"},
    "copied": {"ar": "نُسخ", "en": "Copied"},
    "reprints": {"ar": "نُشر النص نفسه أيضًا في", "en": "The same text also appeared in"},
    "read_also": {"ar": "اقرأ أيضًا", "en": "Read also"},
    "related": {"ar": "مقالات ذات صلة", "en": "Related articles"},
    "story": {"ar": "القصة", "en": "Story"},
    "view_story": {"ar": "اعرض القصة كاملة", "en": "View the whole story"},
    "not_stored": {"ar": "هذا التحليل لم يُخزَّن في الأرشيف.", "en": "This analysis was not stored in the archive."},
    "article_id": {"ar": "رقم المقالة", "en": "Article id"},
    "json": {"ar": "JSON", "en": "JSON"},
    # entity
    "entity": {"ar": "علم", "en": "Entity"},
    "mentions_over_time": {"ar": "الإشارات عبر الزمن", "en": "Mentions over time"},
    "also_counted": {"ar": "يُحتسب معه وروده بصيغة أقصر من اسمه", "en": "Also counted: shorter forms of the name"},
    "chart_data": {"ar": "بيانات الرسم", "en": "Chart data"},
    "date": {"ar": "التاريخ", "en": "Date"},
    "count": {"ar": "العدد", "en": "Count"},
    "cooccurring": {"ar": "أعلام تظهر معه", "en": "Co-occurring entities"},
    "its_quotes": {"ar": "أقواله", "en": "Its quotes"},
    "its_articles": {"ar": "مقالاته", "en": "Its articles"},
    "all_entities": {"ar": "كل الأعلام", "en": "All entities"},
    "type": {"ar": "النوع", "en": "Type"},
    # story
    "stories": {"ar": "القصص", "en": "Stories"},
    "story_timeline": {"ar": "المقالات عبر المصادر", "en": "Articles across outlets"},
    "differences": {"ar": "ما يختلف بين النسخ", "en": "What differs between versions"},
    "compared_with": {"ar": "مقارنةً بأول نسخة", "en": "compared with the first version"},
    "added_sentences": {"ar": "جمل إضافية", "en": "Added sentences"},
    "changed_sentences": {"ar": "جمل معدّلة", "en": "Edited sentences"},
    "missing_sentences": {"ar": "جمل غائبة", "en": "Missing sentences"},
    "identical": {"ar": "مطابقة لأول نسخة", "en": "Identical to the first version"},
    "first_version": {"ar": "أول نسخة", "en": "First version"},
    "similarity": {"ar": "التشابه", "en": "Similarity"},
    "span": {"ar": "المدة", "en": "Span"},
    # analyse
    "analyze_title": {"ar": "حلّل نصًّا", "en": "Analyse a text"},
    "analyze_intro": {
        "ar": "الصق نص مقالة أو ارفع ملفًا (نص أو HTML أو JSON) لرؤية تحليله. لا يُخزَّن شيء.",
        "en": "Paste an article or upload a file (text, HTML or JSON) to see its analysis. Nothing is stored.",
    },
    "paste_text": {"ar": "نص المقالة", "en": "Article text"},
    "or_upload": {"ar": "أو ارفع ملفًا", "en": "Or upload a file"},
    "max_size": {"ar": "الحد الأقصى", "en": "Maximum"},
    "reference_date": {"ar": "تاريخ مرجعي (اختياري)", "en": "Reference date (optional)"},
    "analyze_button": {"ar": "حلّل", "en": "Analyse"},
    # errors
    "error": {"ar": "خطأ", "en": "Error"},
    "not_found": {"ar": "غير موجود", "en": "Not found"},
    "back_home": {"ar": "العودة إلى الرئيسية", "en": "Back to home"},
    "no_archive": {
        "ar": "لا أرشيف مفتوح: شغّل الخادم مع --db ملف_الأرشيف.",
        "en": "No archive is open: start the server with --db ARCHIVE_FILE.",
    },
}


def pick_language(query_value: str | None, cookie_value: str | None) -> str:
    for value in (query_value, cookie_value):
        if value in LANGUAGES:
            return value
    return DEFAULT_LANGUAGE


class AttrDict(dict):
    """A dict whose keys are also attributes: templates read ``t.name`` and Jinja tries the
    attribute first (on a plain dict that attempt raises and costs ~1.7 us, ~100 times a page)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.__dict__ = self


_BY_LANGUAGE = {
    lang: AttrDict({key: value.get(lang) or value[DEFAULT_LANGUAGE] for key, value in LABELS.items()}) for lang in LANGUAGES
}


def labels(lang: str) -> dict[str, str]:
    """The interface labels in ``lang`` (shared: do not modify the returned dict)."""
    return _BY_LANGUAGE.get(lang, _BY_LANGUAGE[DEFAULT_LANGUAGE])
