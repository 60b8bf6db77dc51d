"""Arabic word lists shared by every analyser (normalised forms, see :func:`normalize`).

Each list is written in the normalised spelling (alef forms folded, ى→ي, ة→ه) so that
callers compare against ``normalize(word)``.  Extend these lists here; never keep a
second copy in an analyser.
"""

from __future__ import annotations

from marsad.text.normalize import normalize


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


def _rows(table: str) -> list[list[str]]:
    """The cells of a word table written one row per line, cells between «|», stripped."""
    return [[cell.strip() for cell in line.split("|")] for line in table.strip().splitlines()]


# Function words: prepositions, pronouns, conjunctions, particles, auxiliaries.
STOPWORDS = _norm_set(
    """
    في من إلى الى على عن مع بين حتى منذ خلال عند لدى نحو حول ضد دون عبر تحت فوق أمام خلف بعد قبل
    و أو ثم بل لكن لكن لا لم لن ما ماذا متى أين كيف هل إن أن إذا إذ لو كي لأن حيث بينما كما
    هو هي هم هن هما أنا نحن أنت أنتم هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي الذين اللذين
    اللتين اللاتي كل بعض غير سوى أي أية أيضا فقط قد لقد كان كانت يكون تكون كانوا ليس ليست
    عليه عليها عليهم فيه فيها فيهم منه منها منهم له لها لهم به بها بهم إليه إليها عنه عنها
    وفي ومن وإلى وعلى وعن ومع وقد وكان وكانت وهو وهي وهذا وهذه وذلك ولا ولم ولن وأن وإن
    أنه أنها إنه إنها بأن بأنه بأنها كذلك مثل ضمن وفق وفقا جميع عدة أكثر أقل أول آخر
    يا ها ذا تم يتم تمت عام الذى التى
    """
)

# Speech and reporting verbs used to attribute statements (past, masculine/feminine, imperfect).
SPEECH_VERBS = _norm_set(
    """
    قال قالت يقول تقول قالوا أكد أكدت يؤكد تؤكد أوضح أوضحت يوضح توضح أضاف أضافت يضيف تضيف
    أشار أشارت يشير تشير لفت لفتت يلفت شدد شددت يشدد تشدد أعلن أعلنت يعلن تعلن ذكر ذكرت يذكر تذكر
    صرح صرحت يصرح تصرح اعتبر اعتبرت يعتبر تعتبر رأى رأت يرى ترى نفى نفت ينفي تنفي حذر حذرت يحذر تحذر
    دعا دعت يدعو تدعو أفاد أفادت يفيد تفيد كشف كشفت يكشف تكشف بين بينت أعرب أعربت يعرب تعرب
    طالب طالبت يطالب تطالب أبلغ أبلغت أفصح أفصحت نقل نقلت أردف أردفت تابع تابعت استطرد
    أقر أقرت يقر اعترف اعترفت يعترف زعم زعمت يزعم ادعى ادعت قيل يقال
    قالا أكدوا أوضحوا أضافوا أشاروا شددوا أعلنوا ذكروا اعتبروا رأوا نفوا حذروا دعوا أفادوا طالبوا
    نوه نوهت ينوه ناشد ناشدت يناشد توقع توقعت يتوقع غرد غردت كتب كتبت استدرك استدركت أبلغ أبدى
    قلت أقول نقول أصر أصرت يصر نبه نبهت ينبه وصف وصفت يصف عبر عبرت يعبر تعبر رد ردت يرد
    أبان أبانت يبين
    """
)

# Frequent verbs that say how, not what (third person, past and imperfect): an article
# opening "تشهد ..." or "يمكن ..." is not about witnessing or being able, so keyphrases
# and summaries skip them.  Forms that are also names or topic nouns (شهد Shahad, ضم
# annexation, عمل work) are left out.  Glosses: can (x4), must, should, is required,
# became (x6), remained (x4), still (x4), there is (x2), amounted to (x4), includes (x2),
# witnessed/witnesses (x3), is considered (x2), includes (x4), includes (x4),
# comes/came (x4), carried out (x4), is able (x2), needs (x2), wants (x2), works (x2),
# appears (x2), continues (x2).
COMMON_VERBS = _norm_set(
    """
    يمكن تمكن يمكنه يمكنها يجب ينبغي يتعين
    أصبح أصبحت يصبح تصبح بات باتت ظل ظلت يظل تظل لايزال لاتزال مازال مازالت
    يوجد توجد بلغ بلغت يبلغ تبلغ يضم تضم شهدت يشهد تشهد يعد تعد
    يتضمن تتضمن تضمن تضمنت يشمل تشمل شمل شملت يأتي تأتي جاء جاءت
    قام قامت يقوم تقوم يستطيع تستطيع يحتاج تحتاج يريد تريد يعمل تعمل
    يظهر تظهر يستمر تستمر
    """
)

# Active participles that attach a further statement to the current speaker
# ("..., مضيفا أن" = "..., adding that").  Feminine forms that are also verbal nouns
# (مطالبة "demand", متابعة "follow-up") are left out.
SPEECH_PARTICIPLES = _norm_set(
    """
    قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة لافتا لافتة مشددا مشددة
    معتبرا معتبرة محذرا محذرة داعيا داعية منوها منوهة مبينا مبينة معربا معربة متابعا
    مطالبا مستدركا مستدركة كاشفا كاشفة مردفا مردفة متوقعا متوقعة نافيا نافية
    مفيدا مفيدة منبها منبهة واصفا واصفة معبرا معبرة مصرا مصرة
    """
)

# Frequent given names (Arabic and, transliterated, foreign ones in the news): the
# strongest cue that a run of words after a title is a person's name.  Names that are
# also common words (أمين secretary, سلامة safety, نور light, عيد feast, بان = بأن) are left out.
PERSON_GIVEN_NAMES = _norm_set(
    """
    محمد أحمد محمود مصطفى علي عمر عثمان أبوبكر خالد سعد سعيد سعود فهد فيصل سلمان سلطان تركي نايف
    بندر مشعل متعب عبدالله عبدالعزيز عبدالرحمن عبدالرحيم عبدالكريم عبدالمجيد عبدالمحسن عبدالإله عبدالوهاب
    عبدالملك عبداللطيف عبدالفتاح عبدالسلام عبدالحميد عبدالناصر عبدالهادي عبدالقادر عبدالحكيم عبدالجليل
    إبراهيم إسماعيل يوسف يعقوب موسى عيسى يحيى زكريا سليمان داود هارون إدريس صالح حسن حسين حسان حمد حمدان
    حامد محسن ماجد مجدي ماهر مازن منصور ناصر نبيل نادر نواف نزار هاني هشام هيثم وليد وائل ياسر ياسين
    يزيد زياد زيد طارق طلال طلعت عادل عاطف عماد عمرو عوض غازي فارس فايز فؤاد فواز فيصل قاسم كمال كريم
    لؤي مالك مراد مروان مشاري معاذ مهند موفق ناجي نجيب نعيم هادي هلال وحيد وسام وضاح أسامة
    أنس أنور أيمن أيوب باسم بدر بسام بشار بشير تامر توفيق ثامر جابر جاسم جمال جميل حاتم حازم حمزة
    حمود خليل رائد راشد رامي رياض زهير سامي سامر سالم سمير سيف شادي شريف صابر صادق صلاح ضياء
    ظافر عارف عاصم عامر عبدالرزاق عبيد عدنان عزيز عصام علاء غسان فتحي فراس فرج فهمي قيس لطفي ماجد
    مشهور معتز مفلح ممدوح منير مهدي ميشال ميشيل نايف نبيه نضال هزاع وجدي يونس أديب أكرم إياد
    فاطمة عائشة خديجة مريم زينب نورة سارة هند هدى منى ليلى سلمى رانيا دينا هالة هيفاء لطيفة نوال
    سميرة عبير أسماء إيمان حنان رشا ريم سعاد سهى شيماء غادة لمى لينا مها نادية نجلاء وفاء ياسمين
    باراك جون جورج جيمس ديفيد دونالد هيلاري فلاديمير ديمتري سيرغي سيرجي أنطونيو فرانسوا نيكولا
    إيمانويل أنجيلا تيريزا بوريس رجب حسن جواد كيم شي دوناتيلا ستيفان بيتر مايكل روبرت ريتشارد ويليام
    """
)

# Titles and roles that precede a person's name (NER triggers, quote speakers).
PERSON_TITLES = _norm_set(
    """
    الرئيس رئيس الملك الأمير الأميرة الشيخ السلطان الإمام الوزير وزير وزيرة نائب السفير سفير
    المتحدث الناطق الأمين أمين المدير مدير الدكتور د الأستاذ المهندس اللواء العميد العقيد الفريق
    المستشار مستشار القائد قائد الجنرال المبعوث مبعوث المفوض النائب العضو رئيسة السيد السيدة
    المدرب مدرب اللاعب لاعب الكاتب الشاعر الفنان الفنانة الممثل المطرب الداعية القاضي المحامي
    البابا الحاخام المرشد الشيخة المواطن المواطنة المغرد الباحث الخبير المحلل
    """
)

# Words that start or head organisation names.
ORG_TRIGGERS = _norm_set(
    """
    منظمة منظمه وزارة وزاره هيئة هيئه مجلس جامعة جامعه شركة شركه بنك مصرف حزب حركة حركه جمعية جمعيه
    اتحاد الاتحاد وكالة وكاله مؤسسة مؤسسه لجنة لجنه صندوق نادي نادى مركز معهد محكمة محكمه جيش قوات
    الأمم البرلمان الكونغرس الكرملين البيت الرئاسة الحكومة الشرطة مديرية إدارة رابطة تحالف جبهة
    """
)

# Words that introduce place names.
LOC_TRIGGERS = _norm_set(
    """
    مدينة مدينه محافظة محافظه منطقة منطقه ولاية ولايه إقليم قرية قريه العاصمة عاصمة دولة دوله
    جزيرة جزيره بحر نهر جبل حي شارع ميدان ساحة مطار ميناء بلدة بلده مقاطعة
    """
)

# Gregorian month names in the Levantine/Iraqi (Syriac), Egyptian/Gulf (transliterated)
# and Maghrebi (French) traditions, each mapped to its month number.
GREGORIAN_MONTHS: dict[str, int] = {
    normalize(name): number
    for number, names in enumerate(
        [
            "يناير كانون_الثاني جانفي",  # January
            "فبراير شباط فيفري",  # February
            "مارس آذار",  # March
            "أبريل إبريل نيسان أفريل",  # April
            "مايو أيار ماي",  # May
            "يونيو حزيران جوان",  # June
            "يوليو تموز جويلية يوليوز",  # July
            "أغسطس آب أوت غشت",  # August
            "سبتمبر أيلول شتنبر",  # September
            "أكتوبر تشرين_الأول أكتوبر",  # October
            "نوفمبر تشرين_الثاني نونبر",  # November
            "ديسمبر كانون_الأول دجنبر",  # December
        ],
        start=1,
    )
    for name in (n.replace("_", " ") for n in names.split())
}

# Hijri month names (normalised) mapped to their number.
HIJRI_MONTHS: dict[str, int] = {
    normalize(name): number
    for number, names in enumerate(
        [
            "محرم",  # Muharram
            "صفر",  # Safar
            "ربيع_الأول ربيع_الاول",  # Rabi' al-awwal
            "ربيع_الثاني ربيع_الآخر",  # Rabi' al-thani
            "جمادى_الأولى جمادى_الأول",  # Jumada al-ula
            "جمادى_الآخرة جمادى_الثانية",  # Jumada al-akhira
            "رجب",  # Rajab
            "شعبان",  # Sha'ban
            "رمضان",  # Ramadan
            "شوال",  # Shawwal
            "ذو_القعدة ذي_القعدة",  # Dhu al-Qa'da
            "ذو_الحجة ذي_الحجة",  # Dhu al-Hijja
        ],
        start=1,
    )
    for name in (n.replace("_", " ") for n in names.split())
}

# Weekdays (normalised, with and without the article) → ISO weekday (Monday = 1).
WEEKDAYS: dict[str, int] = {
    normalize(w): n
    for n, forms in enumerate(
        ["الاثنين الإثنين اثنين", "الثلاثاء ثلاثاء", "الأربعاء أربعاء", "الخميس خميس", "الجمعة جمعة", "السبت سبت", "الأحد أحد"],
        start=1,
    )
    for w in forms.split()
}

# Country, territory and city names with their nisba (relational) adjectives, for the light
# stemmer: these names end in letters the stemmer would read as suffixes (إيران → اير,
# البحرين → بحر, طهران → طهر) or their nisba stem is another word (السعودية → سعود, the
# name Saud).  One line per place: its names (spelling variants, with the article where
# the name takes it), then its masculine nisba adjective(s) ("-" when news rarely uses
# one), then an English gloss.  A place name and its nisba forms (-ي, -ية, -يون, -يين,
# -يات) share one stem: the first nisba, or the first name.  Cities are listed only
# where the stemmer would cut them.
_PLACES = """
السعودية | سعودي | Saudi Arabia
إيران | إيراني | Iran
أمريكا أميركا الأمريكتين | أمريكي أميركي | America
بريطانيا | بريطاني | Britain
الإمارات | إماراتي | the Emirates (UAE)
اليابان | ياباني | Japan
عمان عمّان | عماني | Oman / Amman (one spelling)
لبنان | لبناني | Lebanon
السودان | سوداني | Sudan
البحرين | بحريني | Bahrain
فلسطين | فلسطيني | Palestine
الكويت | كويتي | Kuwait
قطر | قطري | Qatar
اليمن | يمني | Yemen
الأردن | أردني | Jordan
مصر | مصري | Egypt
العراق | عراقي | Iraq
سوريا سورية | سوري | Syria
تركيا | - | Turkey (تركي is also the given name Turki)
روسيا | روسي | Russia
الصين | صيني | China
الهند | هندي | India
باكستان الباكستان | باكستاني | Pakistan
أفغانستان | أفغاني | Afghanistan
اليونان | يوناني | Greece
الشيشان | شيشاني | Chechnya
أذربيجان | أذربيجاني | Azerbaijan
كازاخستان | كازاخستاني | Kazakhstan
الفلبين | فلبيني | the Philippines
ألمانيا | ألماني | Germany
فرنسا | فرنسي | France
إيطاليا | إيطالي | Italy
إسبانيا | إسباني | Spain
كندا | كندي | Canada
أستراليا | أسترالي | Australia
إسرائيل | إسرائيلي | Israel
ليبيا | ليبي | Libya
تونس | تونسي | Tunisia
الجزائر | جزائري | Algeria
المغرب | مغربي | Morocco
موريتانيا | موريتاني | Mauritania
الصومال | صومالي | Somalia
إثيوبيا | إثيوبي | Ethiopia
نيجيريا | نيجيري | Nigeria
إندونيسيا | إندونيسي | Indonesia
ماليزيا | ماليزي | Malaysia
كوريا | كوري | Korea
أوكرانيا | أوكراني | Ukraine
أوروبا | أوروبي | Europe
أفريقيا إفريقيا | أفريقي إفريقي | Africa
آسيا | آسيوي | Asia
الخليج | خليجي | the Gulf
طهران | - | Tehran
جازان جيزان | - | Jazan
نجران | - | Najran
الباحة | - | Al Baha
المنامة | - | Manama
القاهرة | - | Cairo
"""


# The endings of a nisba adjective's forms: masculine, feminine, plurals, duals.
_NISBA_ENDINGS = ("", "ه", "ين", "ون", "ات", "تان", "تين")


def _places() -> list[tuple[list[str], list[str]]]:
    """Each line of _PLACES: its normalised names and nisba adjectives."""
    out = []
    for names, nisbas, _gloss in _rows(_PLACES):
        out.append(([normalize(n) for n in names.split()], [] if nisbas == "-" else [normalize(n) for n in nisbas.split()]))
    return out


def _place_stems() -> dict[str, str]:
    stems: dict[str, str] = {}
    for names_n, nisbas_n in _places():
        key = (nisbas_n or names_n)[0]
        key = key[2:] if key.startswith("ال") else key
        for name in names_n:
            stems[name] = key
            if name.startswith("ال"):
                stems[name[2:]] = key
        for nisba in nisbas_n:
            for ending in _NISBA_ENDINGS:
                stems[nisba + ending] = key
    return stems


# Normalised place name or nisba form (without the article) → its shared stem.
PLACE_STEMS: dict[str, str] = _place_stems()
# The nisba (relational) forms alone, without the article: روسي "Russian", ليبيون "Libyans".  An
# indefinite nisba is a nationality, never a name by itself (the tagger's PERS «روسي» in 48
# articles of the 15-day archive: «تغيير روسي» "a Russian change"); the definite forms are also
# family names (الكويتي) and are not listed here.
PLACE_NISBAS: frozenset[str] = frozenset(
    nisba + ending for _, nisbas in _places() for nisba in nisbas for ending in _NISBA_ENDINGS
)


# Frequent news words whose ending only looks like a suffix (-ان, -ون, -ين, -ات, -ية, -هم),
# found among the most frequent words the light stemmer cut in SaudiNewsNet; kept whole, so
# they also share a stem with their nisba and plural forms (قانونية, مهرجانات → قانون, مهرجان).
NOT_INFLECTED = _norm_set(
    """
    مليون تريليون
    رمضان شعبان نيسان حزيران تشرين كانون
    قانون برلمان ديوان مهرجان عنوان ميدان سلطان
    طيران إنسان تعاون تفاهم إسكان إمكان أحيان سرطان مخزون اطمئنان
    تحسين تعيين تكوين تخزين تمرين
    عثمان سليمان
    """
)
# Glosses, in order: million, trillion; Ramadan, Shaaban, April, June, Tishrin (Oct/Nov),
# Kanun (Dec/Jan); law, parliament, court/office, festival, address/title, square, sultan;
# aviation, human, cooperation, understanding, housing, possibility, times, cancer, stock,
# reassurance; improvement, appointment, formation, storage, exercise; Othman, Suleiman.

# Frequent news words whose first letter only looks like a proclitic (و ف ب ل ك), where the
# rest is another word: the light stemmer cut «بلدية» "municipality" to «لدي» "I have", a
# function word, so `marsad search بلدية` found nothing, and «فساد» "corruption" to «ساد»,
# which found «سادية» "sadism" and «السادات» first.  Kept whole by the stemmer only (the
# clitic splitter, whose splits the entity tagger was trained on, is unchanged).  Found by
# `benchmarks/stem_lookalikes.py --candidates ARCHIVE`: words of SaudiNewsNet that take the article
# (البلدية, الفساد: the article cannot come before a proclitic) and whose rest is a word of the
# archive; read, and left out where the split reading is common too (بعيد "far" / "on Eid",
# لأزمة "for a crisis", وأدى "and he performed", فعلى "so on", فعليه "so he must"), and three
# whose stem after the article is another word (فقرات / فقر "poverty", باقة / باقٍ "remaining",
# بلاي / بلا "without").
STEMS_BEGINNING_LIKE_A_PROCLITIC = _norm_set(
    """
    بلدية بلدي كلية وكيل فرقة فنية كاملة كبرى بيوت فعالية بالغ بطاقة بطاقات لسان فساد كلام بنود بارز
    بحيرة بديل فنون فعال كيان كاميرا فارق بابا وداع كتلة بنات كفيلة فوري وفيات ورود
    وعود بوصلة بقاع فالح كرات كفيل
    """
)
# Glosses, in order: municipality, municipal/my country, college, deputy, troupe/band,
# technical, complete, major, houses, event, adult/extreme, card, cards, tongue, corruption, speech,
# clauses, prominent; lake, substitute, arts, effective, entity, camera, gap, pope, farewell,
# bloc, girls, guarantor (f.), immediate, deaths, roses/mention; promises, compass, regions,
# Falih (a name), balls, guarantor.


# Honorifics and academic or professional titles that outlets add to or drop from a name
# when they reprint one text ("معالي وزير ..." / "وزير ...", "الدكتور فلان" / "فلان").
# Only titles whose light stem is no other word (فخامة → خام "crude", جلالة → the name
# جلال, سماحة → سماح "permission" are left out).  Glosses, in order: His Excellency
# (minister), His Highness, His Highness (his), His Eminence (scholar), Mr/Professor,
# Doctor, Dr. (abbreviation), Engineer, Eng. (abbreviation).
HONORIFICS = _norm_set(
    """
    معالي سمو سموه فضيلة الأستاذ الدكتور د المهندس م
    """
)

# Blessing formulas written after a ruler's name, often added or dropped in a reprint
# ("الملك سلمان -حفظه الله-"): the verbs; the formula is the verb followed by الله.
# Glosses: may God protect him / them, may God guard him, may God support him.
BLESSING_VERBS = _norm_set("حفظه حفظهم رعاه أيده")

# Words naming the day relative to publication: a reprint published a day later changes
# "اليوم" to "أمس".  Glosses: today, yesterday, tomorrow, last night / yesterday.
RELATIVE_DAYS = _norm_set("اليوم أمس غدا البارحة")

# Spellings of the kilogram unit (one reprint writes كلغم where another writes كجم after
# every figure of a table).  Gloss: kilogram, in its abbreviations and full spellings.
KILOGRAM_SPELLINGS = _norm_set("كجم كغم كلغم كلغ كيلوغرام كيلوجرام كيلوغراما كيلوجراما")
# Gram spellings that follow «كيلو» (kilo) in a two-word kilogram: "gram", "grams" (accusative).
GRAM_SPELLINGS = _norm_set("غرام غراما جرام جراما")

# Words that follow a month's name in a date (نيسان عام 1969, نيسان الماضي): with a day
# number before it or a year after it, a month name is the month (the tagger took the Levantine
# نيسان "April" for the carmaker Nissan).  Glosses: year, the year; last, next, current, coming.
MONTH_FOLLOWERS = _norm_set("عام العام الماضي المقبل الجاري القادم")

# Currency units.  The ANERcorp scheme the entity tagger learned from tags them MISC
# ("دولار", "يورو"), but they are units, not names: the entity grouping leaves them out of an
# article's entities (in the 15-day SaudiNewsNet archive they were 4 of the 6 MISC
# "entities" found in most articles, with the name of God).  Glosses, each with its
# accusative, definite and plural forms: dollar, riyal, euro, pound, sterling, dirham, dinar,
# yen, lira, rupee, franc, yuan, rouble.  (اليورو alone also names the European football
# championship; in news it is far more often the currency, and the championship is mostly
# written with its year, يورو 2016, which stays.)
CURRENCY_UNITS = _norm_set(
    """
    دولار دولارا الدولار دولارات الدولارات ريال ريالا الريال ريالات الريالات يورو اليورو
    جنيه جنيها الجنيه جنيهات الجنيهات إسترليني الإسترليني استرليني الاسترليني
    درهم درهما الدرهم دراهم الدراهم دينار دينارا الدينار دنانير الدنانير ين الين
    ليرة الليرة ليرات الليرات روبية الروبية فرنك فرنكا الفرنك يوان اليوان روبل الروبل
    """
)

# The name of God, which the scheme also tags MISC when it stands alone, and which news writes
# mostly inside formulas (رحمه الله "God rest him", إن شاء الله "God willing", لله الحمد
# "praise be to God"): left out of an article's entities with the currency units.  Names
# that contain it (عبد الله) are tagged as the person's name and stay.  Glosses: God, to God.
GOD_NAME_FORMS = _norm_set("الله لله")
# The first words of the formulas written right after a name: «الملك عبدالله -رحمه الله-» "King
# Abdullah, God rest him" (the tagger's PERS «رحمه الله» in 62 articles of the 15-day archive),
# «محمد صلى الله عليه وسلم» "Muhammad, God bless him and grant him peace" (PERS «محمد صلى الله»
# in 34), «الملك سلمان حفظه الله».  A name that the tagger ran on into one ends before it.
# «علي بن أبي طالب رضي الله عنه» "Ali, may God be pleased with him", «الصحابة رضوان الله عليهم"
# "the Companions, God's good pleasure be upon them" (PERS «رضوان الله» in 19 articles).
# Glosses: may God have mercy on him, her, them two, them (and the two imperfect forms); God bless (him);
# may God be pleased (with); God's good pleasure; and the blessing verbs above.
NAME_FORMULA_STARTERS = _norm_set("رحمه رحمها رحمهما رحمهم يرحمه يرحمها صلى رضي رضوان") | BLESSING_VERBS
# The Prophet Muhammad, named «محمد» alone after a word for him or before the blessing said of
# him: «سنة نبينا محمد» "the Sunna of our Prophet Muhammad", «جاء به محمد صلى الله عليه وسلم».
# Keyed as the one person PROPHET_NAME (PERS «محمد» alone was in 134 articles of the 15-day
# SaudiNewsNet archive, about a third of them the Prophet, the rest other men named Muhammad).
# Glosses: the Prophet, our / his / its / their Prophet, the Messenger, our / his Messenger,
# the Chosen One, our master, our beloved, the Beloved; the Seal of the Prophets, of the
# Messengers (خاتم النبيين, خاتم المرسلين); and the blessings said after him: God bless (صلى الله
# عليه وسلم), and upon him (عليه) followed by prayer, peace or the best (عليه الصلاة والسلام, عليه
# أفضل الصلاة والسلام) — not عليه alone, which is also "he must" («محمد عليه أن يعود»).
PROPHET_BEFORE = _norm_set(
    "النبي نبينا نبيه نبيها نبيهم الرسول رسولنا رسوله المصطفى سيدنا حبيبنا الحبيب النبيين الأنبياء المرسلين"
)
PROPHET_BLESSING = normalize("صلى")
PROPHET_UPON_HIM = normalize("عليه")
PROPHET_AFTER_UPON_HIM = _norm_set("الصلاة السلام أفضل")
PROPHET_NAME = "النبي محمد"
# آية الله "sign of God", a Shiite cleric's title, which the tagger takes into the name or takes
# alone with the name after it (PERS «آية الله علي خامنئي», «الله الخميني»): the title's first word.
AYATOLLAH = normalize("آية")
# Words of the formulas written with the name of God, left out with it only when it is there:
# alone, الحمد "praise" is also a family name (تركي الحمد); the tagger tagged «طيب الله ثراه»
# "may God make his resting place fragrant" as a MISC «الله ثراه», «بتوفيق الله» "by God's
# grace" as a person (81 articles) and «بيت الله الحرام» "God's sacred house" as a MISC «الله
# الحرام» (94).  Glosses: praise (لله الحمد); his resting place; the Exalted, and the
# Exalted; glory be to Him; mighty, and majestic (عز وجل); grace; sacred; the Most Gracious,
# the Most Merciful (بسم الله الرحمن الرحيم); the Guide (والله الهادي إلى سواء السبيل "God is
# the guide to the right path", a closing line: PERS «الله الهادي» in 43 articles of the 15-day
# archive); the rest of the formulas after a name: upon him, and peace (عليه وسلم), with him,
# her, them (رضي الله عنه …), may He protect her; praised (بحمد الله "praise be to God": PERS
# «حمد الله» in 38 articles of the 15-day archive; the footballer «عبدالرزاق حمد الله» stays); and
# the formulas' first words and the cleric's title above, when the tagger takes one alone.
# Names that only God bears, which count as His name in a formula: الرحمن "the Most Gracious"
# (ضيوف الرحمن "the guests of the Most Gracious", the pilgrims: PERS «الرحمن» in 35 articles of
# the 15-day archive), القدير "the Almighty" (سأل الله العلي القدير "he asked God, the Most
# High, the Almighty": PERS «العلي القدير» in 17).  A name that holds one (عبد الرحمن) stays.
GOD_EPITHETS = _norm_set("الرحمن القدير")
GOD_FORMULA_WORDS = (
    _norm_set("الحمد حمد ثراه تعالى وتعالى سبحانه عز وجل توفيق الحرام الرحيم الهادي العلي عليه وسلم عنه عنها عنهم حفظها")
    | GOD_EPITHETS
    | NAME_FORMULA_STARTERS
    | {AYATOLLAH}
)

# Common first names that are also common words, and the neighbouring words that make them
# the word: the tagger took «في صالح» "in the interest of" and «عمل غير صالح» "an unrighteous
# deed" for the person Saleh (223 articles of the 15-day archive), «حسن الجوار» "good
# neighbourliness" for Hassan.  A one-word person mention of the name with one of these
# words next to it is not an entity.  Glosses: صالح (Saleh / "interest, good"), after: not,
# in, for the sake of, to (لصالح "in favour of"); حسن (Hassan / "good"), before the noun of
# a "good ..." phrase: opinion (حسن الظن), neighbourliness, luck (two spellings), reception,
# hospitality, intention (two spellings), manners, dealing, conduct, performance,
# organisation, management (two words), choice, treatment, behaviour, ending, listening.
# مبروك (Mabrouk / "congratulations") after ألف: «ألف مبروك» "a thousand congratulations"
# (78 "person" articles); توفيق (Tawfiq / "grace") after by (بتوفيق من الله "by God's grace")
# or after; الملكي "royal" and الثاني "second" after a title.
NAME_HOMOGRAPH_AFTER: dict[str, frozenset[str]] = {
    normalize("صالح"): _norm_set("غير في أجل ل"),
    normalize("مبروك"): _norm_set("ألف"),
    normalize("توفيق"): _norm_set("ب بعد"),
    # not names at all, taken for one after these titles: «صاحب السمو الملكي» "His Royal
    # Highness" (39 articles), «ولي ولي العهد النائب الثاني» "the second deputy" (38)
    normalize("الملكي"): _norm_set("السمو"),
    normalize("الثاني"): _norm_set("النائب"),
}
# ...except after words of siding with someone: «القوات الموالية لصالح» are the forces loyal
# to Saleh (36 of the 622 «لصالح» of the 15-day archive after «الموالي…» alone).  Glosses:
# loyal (masculine, feminine, two plurals); affiliated, belonging (the same four forms);
# supporting (feminine, two plurals); backing (feminine).
LOYAL_TO = _norm_set(
    """
    الموالي الموالية الموالين الموالون التابع التابعة التابعين التابعون المؤيدة المؤيدين
    المؤيدون الداعمة
    """
)
NAME_HOMOGRAPH_BEFORE: dict[str, frozenset[str]] = {
    normalize("حسن"): _norm_set(
        """
        الظن الجوار الحظ حظ الاستقبال الضيافة النية نية الخلق التعامل السير الأداء التنظيم الإدارة
        التدبير الاختيار المعاملة السلوك الخاتمة الإصغاء
        """
    ),
    # the verbs "supervised" and "ratified" before on (على, عليه …) or their subject
    normalize("أشرف"): _norm_set("على عليه عليها عليهم"),
    normalize("صادق"): _norm_set("على عليه عليها عليهم مجلس البرلمان"),
}

# Prepositions with an attached pronoun that STOPWORDS does not list (it has the third-person
# forms: له, بها, منهم, عليه ...).  The entity tagger sometimes takes one for a short name (لي
# "to me" as the surname Li: a PERS "entity" in 219 articles of the 15-day archive); an entity
# whose whole name is one of these, or a stopword, is left out unless a longer name of the
# article contains it.  «علي» ("on me", also the name Ali) is not listed.  Glosses: to / for
# me, us, you (m., pl., dual), them (dual); in / with (bi-) me, us, you, them (dual); from me,
# us, you; about me, us, you, them; with (maʿa) me, us, you, him, her, them; to (ilā) us, you,
# them; on (ʿalā) us, you; in (fī) us.
PREPOSITION_PRONOUNS = _norm_set(
    """
    لي لنا لك لكم لكما لهما
    بي بنا بك بكم بهما
    مني منا منك منكم
    عني عنا عنك عنكم عنهم
    معي معنا معك معكم معه معها معهم
    إلينا إليك إليكم إليهم
    علينا عليك عليكم
    فينا
    """
)

# Words that make one name with the word after them, which outlets write joined or apart
# (عبد الله / عبدالله, أبو ظبي / أبوظبي): an entity's key joins them, so both spellings are
# one entity in an archive (in the 15-day SaudiNewsNet archive «سلمان بن عبد العزيز» and
# «سلمان بن عبدالعزيز» were two PERS entities, 121 and 353 articles).  Glosses: servant of
# (abd), father of (abu).
NAME_COMPOUND_HEADS = _norm_set("عبد أبو")
# Words of names that outlets spell two ways beyond what normalisation folds, as the key writes
# them: «سورية» / «سوريا» (Syria; LOC 349 and 1,047 articles of the 15-day archive as two
# entities), «أميركا» / «أمريكا» (America, 325 and 394) and its adjective, «الكونجرس» /
# «الكونغرس» (the Congress, the g written ج or غ).  Each line: the other spelling | the key's.
_NAME_SPELLINGS = """
سورية | سوريا
أميركا | أمريكا
أميركي | أمريكي
أميركية | أمريكية
الأميركي | الأمريكي
الأميركية | الأمريكية
الكونجرس | الكونغرس
كونجرس | كونغرس
"""
NAME_SPELLINGS: dict[str, str] = {
    normalize(other): normalize(key) for other, key in _rows(_NAME_SPELLINGS)
}

# Titles of rulers and princes that institutions and places are named after (مستشفى الملك فهد
# "King Fahd Hospital", طريق الملك عبدالعزيز "King Abdulaziz Road").  Glosses: king, prince,
# princess, sheikh, sheikha, sultan, imam.
RULER_TITLES = _norm_set("الملك الأمير الأميرة الشيخ الشيخة السلطان الإمام")
# Every title a person's name may come after (a name does not end on one).
TITLES = PERSON_TITLES | RULER_TITLES
# The head nouns (construct form) of names made of a head, a ruler's title and a name: after
# such a head and title the name names the institution or the place, not the person (in the
# 15-day SaudiNewsNet archive about 3,000 person mentions were such names).  The type the
# whole name takes by its head.  Glosses, organisations: centre, hospital, university,
# foundation, library, house (a historical archive), college, institute, complex, society,
# school; places: city, region, quarter, road, street, bridge (two words), airport, port, stadium
# (two words), garden, park (two spellings), resort, gate, mosque (two words), square (two words),
# base, hall («قاعة الملك سلمان»: PERS «سلمان» after «قاعة الملك» 18 times in the 15-day archive);
# other: cup, prize.
NAMED_AFTER_A_RULER: dict[str, str] = {
    **{w: "ORG" for w in _norm_set("مركز مستشفى جامعة مؤسسة مكتبة دارة كلية معهد مجمع جمعية مدرسة")},
    **{w: "LOC" for w in _norm_set(
        "مدينة منطقة حي طريق شارع جسر كوبري مطار ميناء ملعب استاد حديقة متنزه منتزه منتجع باب جامع مسجد ميدان ساحة"
        " قاعدة قاعة"
    )},
    **{w: "MISC" for w in _norm_set("كأس جائزة")},
}
# Head nouns (construct form) of competitions named after a sponsor, a person or a company named
# after one, whose name the tagger takes for the person: «دوري [عبد اللطيف جميل]», the Saudi
# professional league (PERS «عبد اللطيف جميل» in 209 articles of the 15-day archive, all of the
# 10 read the league); and of companies and foundations named after their owner or by a brand
# the tagger reads as a name: «شركة [زين]», «مجموعة [محمد المعجل]», «مؤسسة [محمد بن سلمان]
# الخيرية» (PERS after شركة / مجموعة in 292 mentions of the archive, after مؤسسة in 88: of the
# top 60 and 35 names read, all companies, groups or foundations but a militant group or two,
# which are organisations too; مكتب "office of" and مركز "centre" are left out: «مكتب كاميرون» is
# the man's office, «مركز وادي بن هشبل» a district); and of market indexes named after their
# publisher: «مؤشر [داو جونز]» (PERS after مؤشر in 46 mentions of the archive, 12 names: all
# indexes).  The head's type, as :data:`NAMED_AFTER_A_RULER`.  Glosses: league, index;
# company, companies, group, foundation.
NAMED_AFTER_A_SPONSOR: dict[str, str] = {
    **{w: "MISC" for w in _norm_set("دوري مؤشر")},
    **{w: "ORG" for w in _norm_set("شركة شركات مجموعة مؤسسة")},
}
# Definite head nouns of a holy place's name, whose adjective the tagger takes alone (ORG
# «الحرام» in «المسجد الحرام», 131 articles of the 15-day archive): the name is the head and
# the adjective, a place.  Glosses: the mosque, the sanctuary.
HOLY_PLACE_HEADS = _norm_set("المسجد الحرم")
# A family name after a chain of "son of" (سلمان بن عبدالعزيز آل سعود): آل "family of", and
# the two spellings of "son of".  Outlets write the chain with or without the family; the
# chain alone names the person (marsad.text.names).
FAMILY_OF = normalize("آل")
SON_OF = _norm_set("بن ابن")
# The founder of the Saudi state, عبدالعزيز (Abdulaziz): his sons' and grandsons' names end
# «… بن عبدالعزيز», which news writes or drops (PERS «محمد بن سلمان بن عبدالعزيز» in 372
# articles of the 15-day archive, «محمد بن سلمان» in 129; marsad.text.names).  Joined as the
# keys join compounds.
CHAIN_FOUNDER = normalize("عبدالعزيز")
# A royal branch named after its father, which a grandson's name keeps after his own father's:
# «تركي الفيصل» (Turki, son of King Faisal) is not «تركي بن عبدالله الفيصل» (his nephew), so
# «F بن X الفيصل» is not shortened to «F الفيصل» as other family names are.  Gloss: al-Faisal.
ROYAL_BRANCHES = _norm_set("الفيصل")
# The genitive and accusative of أبو "father of", which begin a father's name that is a
# kunya (علي بن أبي طالب, Ali son of Abu Talib): the next word is part of the father's name,
# not a family name.  Glosses: father of (two cases), mother of.
KUNYA_HEADS = _norm_set("أبي أبا أم")
# Words inside a name that are no father's name, so a three-word name with one of them in the
# middle is not "given father family" (marsad.text.names): the particles of European names
# (دي، دا، دو، دوس، ديل، دل "de, da, do, dos, del", فان، فون، دير "van, von, der", لا، لو، لي
# "la, le"), بني، بنو "sons of" before a tribe (خليل بني عطية) and ولد "son of" in Mauritanian
# names (محمد ولد عبدالعزيز).
NAME_PARTICLES = _norm_set("دي دا دو دوس ديل دل فان فون دير لا لو لي بني بنو ولد")
# The Latin letters' names as Arabic writes a middle initial (جورج دبليو بوش, George W. Bush):
# the initial is what tells a son from his father, so a name without it may be the other man
# (marsad.text.names.without_the_middle_name).  A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q,
# R, S, T, U, V, W, X, Y, Z.
LATIN_LETTER_NAMES = _norm_set(
    "إيه بي سي دي إي إف جي إتش آي جيه كيه كاي إل إم إن أو كيو آر إس تي يو في دبليو إكس واي زد"
)
# Second halves of compound given names written apart (صلاح الدين، سيف الإسلام، عز الدين): a
# name ending in one ends in its given name, not a family name.  Glosses: of the faith, of God,
# of Islam, of the Merciful.
NAME_COMPOUND_TAILS = _norm_set("الدين الله الإسلام الرحمن")
# Words that join a name to the next name, on which no person's name ends: the tagger stops
# before a name that is also a common word («الأمير عبدالله بن [مساعد]», مساعد "assistant": PERS
# «عبدالله بن» in 40 articles of the 15-day archive; «محمد أبو [شعر]», شعر "poetry", in 24).
# Glosses: son of (two spellings), daughter of, father of, servant of, family of.
NAME_LINKS = SON_OF | _norm_set("بنت أبو عبد") | {FAMILY_OF}
# الشيخ "the sheikh" inside a place's name, which the tagger leaves out as a title: after a head
# noun of this list («شرم الشيخ» Sharm el-Sheikh: LOC «شرم» in 88 mentions of the 15-day archive;
# «كفر الشيخ», an Egyptian governorate), or before a place it tags («الشيخ زويد» in Sinai: LOC
# «زويد», 47).  After any other place it is a person's title («في الرياض الشيخ …»).  Glosses: the
# sheikh; bay, village.
SHEIKH = normalize("الشيخ")
HEADS_BEFORE_SHEIKH = _norm_set("شرم كفر")
# Saudi regions, cities and governorates, and places of the wars in Yemen, Syria and Iraq, that
# the entity tagger leaves untagged in many of their mentions: it learnt «الطائف» (Taif) as no
# entity from the one ANERcorp sentence that has it («اتفاق الطائف», labelled O: not one of its
# 1,745 mentions in the 15-day SaudiNewsNet archive was tagged), and neither its training text
# nor its gazetteers (ANERGazet, CLDR) hold the smaller places (حائل Hail: 18 % of its mentions
# tagged, القطيف 26 %, تنومة none; العند, the Yemeni air base, 6 %; الموصل Mosul 35 %).  Chosen
# by reading the mentions the tagger missed in that archive (`benchmarks/place_coverage.py --db
# ARCHIVE --contexts 5`); names that are also common words are left out (الخبر "the news", عسير
# "difficult", المجمعة "gathered", المذنب "the culprit", العارضة "the crossbar", فرسان
# "knights", بدر "full moon", صبيا "a boy": 2 of 8 of its untagged mentions read, حماة
# "protectors", الضالع "involved", البيضاء "white", حجة "argument", إب "father"), and ينبع
# "wells up", حائل "barrier" and الموصل "leading" are not the places before the words that
# follow those senses (:data:`NOT_A_PLACE_BEFORE`).  Each line: name | English.
_PLACES_THE_TAGGER_MISSES = """
الطائف | Taif
حائل | Hail
القصيم | Qassim
القطيف | Qatif
أبها | Abha
الخفجي | Khafji
الباحة | Al Bahah
أملج | Umluj
الجموم | Al Jumum
صامطة | Samtah
النماص | An Namas
الأفلاج | Al Aflaj
الأحساء | Al Ahsa
القنفذة | Al Qunfudhah
رابغ | Rabigh
محايل | Muhayil
ضباء | Duba
الخرج | Al Kharj
الزلفي | Az Zulfi
الظهران | Dhahran
السليل | As Sulayyil
تنومة | Tanomah
الخرمة | Al Khurmah
بقيق | Abqaiq
العيص | Al Ais
رنية | Ranyah
المزاحمية | Al Muzahimiyah
النعيرية | An Nuayriyah
الدلم | Ad Dilam
طبرجل | Tabarjal
القويعية | Al Quwayiyah
عرعر | Arar
رفحاء | Rafha
ينبع | Yanbu
العند | Al Anad (Yemen)
الحوطة | Al Hawtah (Yemen)
التواهي | At Tawahi (Aden)
المعلا | Al Mualla (Aden)
إدلب | Idlib (Syria)
اللاذقية | Latakia (Syria)
الموصل | Mosul (Iraq)
"""
PLACES_THE_TAGGER_MISSES: frozenset[str] = frozenset(
    normalize(name) for name, *_gloss in _rows(_PLACES_THE_TAGGER_MISSES)
)
# Two-word places of which the tagger mostly tags one word, the other being a common noun or a
# given name that it leaves untagged or takes for a person: in the 15-day archive LOC «الباطن»
# of حفر الباطن in 72 articles (the whole name in 7), «مشيط» of خميس مشيط in 40 (and PERS «خميس
# مشيط» in 14), «المنورة» of المدينة المنورة in 39, «الدواسر» in 11, «الزور» in 9, and «صالح» of
# مدائن صالح (PERS: the given name) in 8.  The names with their article where they take it, then
# a gloss.
_PLACES_THE_TAGGER_CUTS = """
خميس مشيط | Khamis Mushait
المدينة المنورة | Medina
حفر الباطن | Hafar Al-Batin
رأس تنورة | Ras Tanura
وادي الدواسر | Wadi ad-Dawasir
دير الزور | Deir ez-Zor (Syria)
مدائن صالح | Mada'in Salih (Al-Hijr)
"""
# Each place's two normalised words.
PLACES_THE_TAGGER_CUTS: frozenset[tuple[str, str]] = frozenset(
    (normalize(first), normalize(second)) for first, second in (row[0].split() for row in _rows(_PLACES_THE_TAGGER_CUTS))
)
# The word after ينبع "wells up (from)", حائل "a barrier (between, to)" and الموصل "leading (to)"
# in those senses.
NOT_A_PLACE_BEFORE: dict[str, frozenset[str]] = {
    normalize("ينبع"): _norm_set("من عن"),
    normalize("حائل"): _norm_set("دون بين"),
    normalize("الموصل"): _norm_set("إلى الى بين"),
}
# A title written without the article, as some outlets write it before a name («العقيد دكتور
# عاطي بن عطية القرشي»: the tagger took it into the name in 46 articles).  Gloss: doctor.
BARE_TITLES = _norm_set("دكتور")
# Nationality adjectives (masculine nisba, without the article) that news puts before a foreign
# name as a descriptor, for the countries _PLACES leaves out: «الفنزويلي ريفاس» "the Venezuelan
# Rivas", «البولندي زوكالا» "the Polish Żukała" (the tagger took the adjective into the person's
# name in about 400 articles of the 15-day archive, splitting each player's key in two).  Spelling
# variants on one line, then an English gloss.  الأممي "of the UN" (the UN envoy's adjective,
# «[الأممي] ولد الشيخ أحمد») is the one that is not a nationality.
_NATIONALITIES = """
أوروغوياني أوروجوياني أورغوياني أورجوياني أوروغواياني أورغواياني أوروغواني أورغواني أورجواني أرغواني أروجواني | Uruguayan
باراغوياني باراجوياني | Paraguayan
فنزويلي فنزولي فينزويلي | Venezuelan
كولومبي كولمبي | Colombian
بوليفي | Bolivian
برازيلي | Brazilian
أرجنتيني أرجنتني | Argentine
تشيلي | Chilean
بيروفي | Peruvian
إكوادوري | Ecuadorian
مكسيكي | Mexican
كوستاريكي | Costa Rican
هاييتي هايتي | Haitian
جامايكي | Jamaican
برتغالي | Portuguese
هولندي | Dutch
بلجيكي | Belgian
سويسري | Swiss
نمساوي | Austrian
سويدي | Swedish
نرويجي | Norwegian
دنماركي | Danish
فنلندي | Finnish
إنجليزي إنكليزي | English
اسكتلندي إسكتلندي | Scottish
ويلزي | Welsh
إيرلندي أيرلندي | Irish
بولندي | Polish
تشيكي | Czech
سلوفاكي | Slovak
سلوفيني | Slovene
مجري | Hungarian
روماني | Romanian
بلغاري | Bulgarian
صربي | Serbian
كرواتي | Croatian
بوسني | Bosnian
مونتنيغري مونتينيغري مونتنيجري مونتينيجري | Montenegrin
ألباني | Albanian
ليتواني | Lithuanian
قبرصي | Cypriot
أرمني | Armenian
داغستاني | Dagestani
سوفياتي سوفيتي | Soviet
أوزبكي | Uzbek
نيبالي | Nepali
سنغافوري سينغافوري | Singaporean
غاني | Ghanaian
غيني | Guinean
سنغالي | Senegalese
سيراليوني | Sierra Leonean
كاميروني | Cameroonian
إيفواري | Ivorian
كونغولي | Congolese
جابوني غابوني | Gabonese
تشادي | Chadian
زامبي | Zambian
بوركينابي | Burkinabe
إريتري | Eritrean
أممي | of the UN
"""
# Their definite forms, masculine and feminine («[البولندية] …»), and those of _PLACES's nisbas
# (the Egyptian, the Saudi …): the words :mod:`marsad.analyze.entity_linking` cuts from the
# start of a person's name.
LEADING_NATIONALITIES: frozenset[str] = frozenset(
    "ال" + nisba + ending
    for nisba in [normalize(w) for row in _rows(_NATIONALITIES) for w in row[0].split()]
    + [n for _, nisbas in _places() for n in nisbas]
    for ending in ("", "ه")
)
# Definite nouns that begin the names of state bodies, which the tagger sometimes types as a
# person («المستشار بالديوان الملكي»: PERS «الديوان الملكي» in 87 articles of the 15-day
# archive); no person's name begins with one.  Glosses: the (royal) court, the government, the
# presidency, the parliament, the congress, the police.
STATE_BODY_HEADS = _norm_set("الديوان الحكومة الرئاسة البرلمان الكونغرس الشرطة")
# Head nouns (construct form) of organisation names whose relational adjective is part of the
# name (منظمة التعاون الإسلامي, وزارة الخارجية الأمريكية).  Not parties, movements, fronts,
# clubs, armies and alliances: their adjective is mostly a description (حزب الله اللبناني, حزب
# الله الإرهابي), and keeping it would split one entity into several keys.  Glosses:
# organisation, ministry, authority, university, foundation, society, agency, committee, fund,
# institute, centre, bank (two words), company, council, union, court, directorate,
# administration.
NAME_ADJECTIVE_HEADS = _norm_set(
    "منظمة وزارة هيئة جامعة مؤسسة جمعية وكالة لجنة صندوق معهد مركز بنك مصرف شركة مجلس اتحاد محكمة مديرية إدارة"
)
# Adjectives in ـي / ـية that are no part of a name: of time (current, twice; and the month
# followers: last, this, next …), of order (second, twice; eleventh), of judgement (terrorist,
# twice), and the function words (الذي, التي).
NOT_NAME_ADJECTIVES = STOPWORDS | MONTH_FOLLOWERS | _norm_set("الحالي الحالية الثاني الثانية الحادي الإرهابي الإرهابية")
# A construct head noun whose name the tagger tags without it: قناة "canal; TV channel" (ORG
# «السويس الجديدة» of قناة السويس الجديدة in 181 articles of the 15-day archive; قناة العربية,
# the channel, is not العربية "Arabic"), when the tagger took the name for an organisation.
LEFT_OUT_HEADS = _norm_set("قناة")
# The head noun of a currency's zone, which the tagger leaves out and types the currency as a
# place: «منطقة [اليورو]» (the eurozone; LOC «اليورو» in 150 articles of the 15-day archive, all
# of the 12 read in this phrase).  Gloss: zone, area.
CURRENCY_ZONE_HEADS = _norm_set("منطقة")
# A newspaper, agency or channel named after a place or a phrase, in quotes after a word that
# makes it the one who reports: «وعلمت «الشرق الأوسط»» "and Asharq Al-Awsat learned", «مصادر
# "الرياض"» "Al-Riyadh's sources", «ورداً على سؤال «عكاظ»» "answering Okaz's question".  The
# tagger types such a name as the place (LOC «الرياض» or «الشرق الأوسط») or as MISC («دنيا
# الرياضة», Al-Riyadh's sports pages: 56 articles of the 15-day archive).  Glosses: learned,
# sources (of), a question (of).
OUTLET_BEFORE_QUOTES = _norm_set("علمت مصادر سؤال")
# The same after the preposition لـ "to": «في حديث لـ«الشرق الأوسط»» "in a talk to …", «تصريحات
# خاصة ل"الرياض"».  In the 15-day archive all 285 quoted names after these words were
# outlets (8 names).
# Glosses: a talk, a statement, statements, an interview, a source; then exclusive (two genders)
# and brief, which may stand between the noun and لـ.
OUTLET_BEFORE_TO = _norm_set("حديث تصريح تصريحات حوار مصدر")
OUTLET_CUE_ADJECTIVES = _norm_set("خاص خاصة مقتضب")
# The given name Ali as written: with a final ya, where the preposition على "on" ends in alef
# maqsura.  Normalisation, which the tagger reads, makes the two one word, and the tagger leaves
# the name out before the rest of it: «علي عبدالله صالح» came out as PERS «عبدالله صالح» (138
# articles of the 15-day archive), «علي خامنئي» as «خامنئي».  Of the untagged words right before a
# person's name there, read at random, the 15 spelled علي were the name, and 11 of the 12 spelled
# على the preposition.  Gloss: Ali.
ALI_AS_WRITTEN = "علي"
# Roles and words the tagger takes alone for a person, read in the 15-day archive (the article
# counts of each as a PERS entity): مشرف "supervisor" (73, «مشرف إدارة التقنية …»), المدعي
# "prosecutor" and المدعى "defendant" (48, «المدعي العام»), الأممي "of the UN" (46, «المبعوث
# الأممي»), شيخ "sheikh, elder" (60, «شيخ قبيلة …»), الضابط "the officer" (17), وكيل "deputy,
# agent" (18, «وكيل وزارة …»).  They are titles, not names; a name that holds one (برويز مشرف)
# stays.
ROLE_WORDS = _norm_set("مشرف المدعي المدعى الأممي شيخ الضابط وكيل")
# Common words the tagger takes alone for a name, read in the 15-day archive (articles as an
# entity): يرى "he sees, holds" (PERS, 20, «ويرى منتقدو …»), جاري and جارية "under way" (27 and
# 21, «المفاوضات جارية»), الدولي "international" (17, «مطار الملك فهد الدولي»), الميليشيات and
# ميليشيات "(the) militias" (MISC 237, «الميليشيات الحوثية»; ORG 12), بطولة "championship;
# starring" (MISC 18, «مسرحية … بطولة نجوم …»: the head of a tournament's name alone); as LOC:
# الخيمة "the tent" (45, «في الخيمة المجهزة»), الدار and دار "the house, house of" (57 and 24),
# الولايات "the states" (55), الإمارة "the emirate('s offices)" (54, «في مكتبه بالإمارة»), شبه
# "semi-, near" (39, «شبه جزيرة سيناء», «شبه إجماع»), حدودية "border" (22, «مناطق حدودية»),
# جزر "islands of" (70, «جزر فارو»: the head alone), مرفأ "port" (24); العلوم "the
# sciences" (34), لسان "tongue" (على لسان "in the words of": LOC «سان» "San" in 168 mentions, the
# frequency test of the proclitic cut taking it for ل + سان, as it is in «لسان جيرمان» "to
# Saint-Germain"); فيا "so, O …" (ف + the vocative يا: PERS 43, «فيا عقلاء قومي»; the footballer
# Villa keeps it in «دافيد فيا»), الحكيم "the wise" (PERS 67, «الذكر الحكيم» the Quran, «القرار
# الحكيم»; the family name stays in «عمار الحكيم»), غريب "strange" (PERS 50, «مرض غريب», «موقف
# غريب»: all 8 read were the adjective) and شمس "sun" (PERS 46, «ضربة شمس» "sunstroke", «شمس
# الحقيقة»: all 8 read were the sun; «شمس الدين» stays).  With the conjunction و too («ولسان حاله»).
# Also اطراد "steady (progress)" (LOC 56, every one the cables' «… الصديق اطراد
# التقدم والازدهار»), ريف "countryside of" (LOC 56: «ريف دمشق», «بريف حلب» where the city is also
# named alone, so the two are not joined; the joined names stay), تنظيم "organisation (of)" (ORG
# 19, the head of «تنظيم داعش» alone); and nine given names that are as often a common word,
# PERS alone in the archive (articles): إيمان "faith" (38, «لديهم إيمان قوي»), رضا "satisfaction"
# (52, «كسب رضا الجماهير»), دان "condemned" (31, «كما دان مجلس الأمن»), صادق "truthful;
# ratified" (47), سعيد "happy" (65, «عيد سعيد», «أنا سعيد»), كريم "generous, noble" (55, «أمر ملكي
# كريم»), جمال "beauty; camels" (55), حسن "good" (85, «حسن السيرة والسلوك»), عادل "just;
# equalised" (33); of 10-12 lone mentions read for each, 82 of 100 were the word, the rest a
# first name alone or cut from its surname by the tagger (a name it joins in the article stays).
# Not صالح "good" (Ali Abdullah Saleh, named alone in most of its 174 articles) nor مبارك
# "blessed" (Mubarak after «الرئيس»).  Not ست "six": ORG «وست» (25) is «وست نساء» "and six
# women" 6 times in 8, but also West Ham cut short, a short form of «وست هام يونايتد».
COMMON_WORDS_TAKEN_FOR_NAMES = _norm_set(
    "يرى جاري جارية الدولي الميليشيات ميليشيات بطولة الخيمة الدار دار الولايات الإمارة شبه حدودية جزر مرفأ العلوم لسان"
    " فيا الحكيم غريب شمس اطراد ريف تنظيم إيمان رضا دان صادق سعيد كريم جمال حسن عادل"
)
# "Saint" in the names of cities, churches and people (سان بطرسبرغ, سانت لويس, سانتا كروز, سان
# مارتين): the tagger often tags the word alone and leaves the name after it untagged (LOC «سان»
# in 100 mentions of the 15-day archive, 35 of them before بطرسبرغ / بطرسبرج).  Alone it names
# nothing.  Glosses: San, Saint, Santa.
SAINT_WORDS = _norm_set("سان سانت سانتا")
# Names and words whose first letter looks like a proclitic (ب "with", ل "to", ف "so", و "and")
# but is part of the word, and whose rest is a more frequent word once normalised, so the
# frequency test of an entity's proclitic cut took them apart: the mentions cut so in the 15-day
# archive are in brackets.  Glosses: Ford (فورد → «ورد» "was
# mentioned", 75), valley (وادي الدواسر → «ادي», which is أدى "led to" normalised, 48), Lucas
# (لوكاس → «وكاس», وكأس "and a cup", 49), Loujain (لجين → «جين», 37), Fiat (فيات, 34), Bobby
# (بوبي, 33), Pelé (بيليه → «يليه» "follows it", 32), Babylon (بابل → «ابل», Apple, 18),
# Fidel (فيدل → «يدل» "indicates", 14), Lens (لينس, 14), Levi (ليفي, 11), Bruce (بروس → «روس»
# "Russians", 10).
# Post (بوست: «واشنطن بوست», «هافينجتون بوست» were cut to «وست», وست "and six"; ORG in 33).
PROCLITIC_LETTER_NAMES = _norm_set("فورد وادي لوكاس لجين فيات بوبي بيليه بابل فيدل لينس ليفي بروس بوست")
# Places whose name is also an adjective: «مالي» Mali, and "financial".  After another adjective
# and و it is the adjective: «نظام إداري ومالي» "an administrative and financial system" (LOC in
# 17 mentions of the 15-day archive, every one of them so; the country's 127 others are not
# after such a word).
PLACE_ADJECTIVE_HOMOGRAPHS = _norm_set("مالي")
# Common nouns that are also a place's name, which the tagger takes for the place wherever they
# occur: «مشهد» "a scene" (Mashhad: LOC in 178 articles of the 15-day archive; of 25 read at
# random, 2 were the city).  Each maps to the words before it (its head nouns: city,
# governorate, with their proclitics cut) and after it (its country's adjective, the country) that
# make it the place; without one of them it is the common noun.
PLACES_ONLY_WITH_A_CUE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    normalize("مشهد"): (_norm_set("مدينة محافظة"), _norm_set("الإيرانية إيران")),
}
# «المنظمة» "the organisation", and also the participle "organising": after a body that runs an
# event («اللجنة المنظمة للمهرجان» "the festival's organising committee") it is the participle,
# which the tagger took for the organisation (ORG «المنظمة للمهرجان» in 31 articles of the
# 15-day archive, «المنظمة لزوار المهرجان» 4, «المنظمة للحفل» 3: all after اللجنة).  Glosses:
# the committee, the committees, the company, the body, the bodies.
ORGANISING = normalize("المنظمة")
ORGANISING_BODIES = _norm_set("اللجنة اللجان الشركة الجهة الجهات")
# "Terrorist" (feminine, masculine): an indefinite noun with it is a description, not a name
# («منظمة إرهابية» "a terrorist organisation", ORG in 22 articles of the 15-day archive, «تنظيم
# إرهابي», «خلايا إرهابية»); with the article it may close a name («داعش الإرهابية» stays as tagged).
TERRORIST = _norm_set("إرهابية إرهابي")
# Names spelled as the Arabic names of their Latin letters, which the tagger cuts where a letter
# name is also a function word: N «إن» "that", A «أيه» "which" (CNN tagged «سي إن» in 21 articles
# of the 15-day archive and never whole, NBC «بي.سي» in 16, ABC «بي.سي» too).  Each line: the
# letters as written (any hamza on the alif, dots or spaces between), and the name in Latin.
_SPELLED_ABBREVIATIONS = """
سي إن إن | CNN
سي إن بي سي | CNBC
إن بي سي | NBC
إيه بي سي | ABC
"""
SPELLED_ABBREVIATIONS: dict[str, str] = {
    letters: latin for letters, latin in _rows(_SPELLED_ABBREVIATIONS)
}
# Pronouns of the speaker and the listener, which begin no name: the tagger took «أنا سعيد» "I am
# happy" for a person (38 articles).  Glosses: I, we, you (singular, plural).
FIRST_AND_SECOND_PERSON = _norm_set("أنا نحن أنت أنتم")
# Construct head nouns of a state's formal name (سلطنة عمان "the Sultanate of Oman", جمهورية مصر
# العربية): the tagger tags the head alone as a place next to the name (LOC «سلطنة» in 92
# articles of the 15-day archive).  The head alone is no name, and the country keeps its own
# key rather than a second one with the head.  Glosses: sultanate, republic, kingdom, emirate.
STATE_FORM_HEADS = _norm_set("سلطنة جمهورية مملكة إمارة")
# The formal names of states that outlets also call by their short name, and the short name
# their key takes, so that a state is one place in an archive's counts (in the 15-day
# SaudiNewsNet archive «المملكة العربية السعودية» was a place of its own in 904 articles beside
# «السعودية» in 2,896, «الولايات المتحدة الأمريكية» 205 beside «الولايات المتحدة» 1,610, «المملكة
# المتحدة» 168 beside «بريطانيا» 600, «الإمارات العربية المتحدة» 165 beside «الإمارات» 432).
# «مصر العربية» is the formal name as the tagger tags it, without the head جمهورية (LOC in 145
# articles of the 15-day archive).
# Each line: formal name | short name | English.
_STATE_FORMAL_NAMES = """
المملكة العربية السعودية | السعودية | Saudi Arabia
الولايات المتحدة الأمريكية | الولايات المتحدة | the United States
الإمارات العربية المتحدة | الإمارات | the United Arab Emirates
دولة الإمارات العربية المتحدة | الإمارات | the United Arab Emirates
المملكة المتحدة | بريطانيا | the United Kingdom
سلطنة عمان | عمان | the Sultanate of Oman
جمهورية مصر العربية | مصر | the Arab Republic of Egypt
مصر العربية | مصر | (the Arab Republic of) Egypt, as tagged without its head
الجمهورية العربية السورية | سوريا | the Syrian Arab Republic
"""
STATE_FORMAL_NAMES: dict[str, str] = {
    formal: short for formal, short, _gloss in _rows(_STATE_FORMAL_NAMES)
}
# Organisations that news names by a long and a short name, and the short name their key takes,
# so that one organisation is one entity in an archive's counts.  In the 15-day SaudiNewsNet
# archive (ORG, articles) «مجلس الأمن الدولي» 180 stood beside «مجلس الأمن» 172, «الاتحاد الدولي
# لكرة القدم» 139 beside «الفيفا» 221, «جامعة الدول العربية» 140 beside «الجامعة العربية» 90,
# «تنظيم داعش» 50 beside «داعش» 243, «منظمة أوبك» 55 beside «أوبك» 77, «أرامكو السعودية» 58
# beside «أرامكو» 54, and NATO under five names.  Only names that mean one organisation
# wherever they stand: «الاتحاد السعودي» (any Saudi sports federation), «القاعدة» (also "a
# base") and «الوكالة الدولية للطاقة» (the atomic agency cut short, or the energy agency) are
# not listed.  Each was read in the archive (docs/benchmarks.md, "Organisations by their long
# and short names").
# Each line: long name | short name | English.
_ORGANISATION_SHORT_NAMES = """
منظمة الأمم المتحدة | الأمم المتحدة | the United Nations
هيئة الأمم المتحدة | الأمم المتحدة | the United Nations
مجلس الأمن الدولي | مجلس الأمن | the UN Security Council
الاتحاد الدولي لكرة القدم | فيفا | FIFA
الاتحاد الأوروبي لكرة القدم | يويفا | UEFA
الاتحاد العربي السعودي لكرة القدم | الاتحاد السعودي لكرة القدم | the Saudi Arabian Football Federation
جامعة الدول العربية | الجامعة العربية | the Arab League
حلف شمال الأطلسي | الناتو | NATO
الحلف الأطلسي | الناتو | NATO
حلف الأطلسي | الناتو | NATO
حلف الناتو | الناتو | NATO
منظمة أوبك | أوبك | OPEC
منظمة الأوبك | أوبك | OPEC
منظمة الدول المصدرة للنفط | أوبك | OPEC
منظمة الدول المصدرة للبترول | أوبك | OPEC
تنظيم داعش | داعش | ISIS
منظمة داعش | داعش | ISIS
تنظيم الدولة | داعش | ISIS ("the State organisation")
تنظيم الدولة الإسلامية | داعش | ISIS
الدولة الإسلامية | داعش | ISIS, as an organisation
أرامكو السعودية | أرامكو | Saudi Aramco
شركة أرامكو | أرامكو | Saudi Aramco
شركة أرامكو السعودية | أرامكو | Saudi Aramco
الكونغرس الأمريكي | الكونغرس | the US Congress
منظمة هيومن رايتس ووتش | هيومن رايتس ووتش | Human Rights Watch
باريس سان جيرمان | سان جيرمان | Paris Saint-Germain
باريس سان جرمان | سان جيرمان | Paris Saint-Germain
سان جرمان | سان جيرمان | Paris Saint-Germain
إنتر ميلان | إنتر | Inter Milan
"""
ORGANISATION_SHORT_NAMES: dict[str, str] = {
    long: short for long, short, _gloss in _rows(_ORGANISATION_SHORT_NAMES)
}
