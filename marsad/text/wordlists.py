"""Arabic word lists shared by every analyser (normalised forms, see :func:`normalize`).

Each list is written in the normalised spelling (alef forms folded, ى→ي, ة→ه) so that
callers compare against ``normalize(word)``.  Extend these lists here; never keep a
second copy in an analyser.
"""

from __future__ import annotations

from marsad.text.normalize import normalize


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


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
