#!/usr/bin/env python3
"""Deterministic generator for the winnow evaluation corpus.

Wraps the original article text in articles_{fa,ar,en}.py in the page chrome
of nine invented news sites and writes

    pages/SITE/NN.txt   the scraped page (one block a line)
    gold/SITE/NN.txt    the clean article under docs/gold.md

Every line is emitted either as kept (headline, lead, body) or as dropped
(chrome, metadata, lists, footers, later copies). The gold file is the kept
lines in order, with later copies of an already kept line dropped.

Run from anywhere:  python3 eval/make_pages.py
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep eval/ free of __pycache__

import articles_fa  # noqa: E402
import articles_ar  # noqa: E402
import articles_en  # noqa: E402

ZWNJ = "\u200c"
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def fa(s):
    return str(s).translate(FA_DIGITS)


def ar(s):
    return str(s).translate(AR_DIGITS)


def parse(block):
    meta_text, sep, text = block.strip("\n").partition("\n===\n")
    assert sep, block[:80]
    meta = {}
    for line in meta_text.splitlines():
        key, _, value = line.partition(": ")
        meta[key.strip()] = value.strip()
    lines = [l for l in text.split("\n") if l.strip()]
    meta["h"], meta["l"], meta["b"] = lines[0], lines[1], lines[2:]
    meta["tags"] = meta["tags"].split("|") if "tags" in meta else []
    return meta


def is_item(line):
    return line[:2] in ("- ", "• ") or line[:1] in "۱۲۳۴۵۶۷۸۹" and line[1:2] == "-"


def is_para(line):
    return len(line) > 70 and not is_item(line)


class Page:
    """A scraped page under construction: (text, keep) items; keep None = blank."""

    def __init__(self, blanks=True):
        self.items = []
        self.blanks = blanks

    def c(self, *lines):
        for line in lines:
            self.items.append((line, False))

    def k(self, *lines):
        for line in lines:
            self.items.append((line, True))

    def br(self, n=1, force=False):
        if self.blanks or force:
            self.items.extend([("", None)] * n)

    def body(self, lines, inserts=None, keep=True, tight_items=True):
        """Emit body blocks; inserts maps index i -> callable run before lines[i]."""
        inserts = inserts or {}
        for i, line in enumerate(lines):
            if i > 0 and not (tight_items and is_item(line) and is_item(lines[i - 1])):
                self.br()
            if i in inserts:
                inserts[i](self)  # an insert ends with its own blank line
            (self.k if keep else self.c)(line)

    def strip_zwnj(self, also_kept=True):
        self.items = [
            (t.replace(ZWNJ, "") if (k is False or also_kept) else t, k)
            for t, k in self.items
        ]

    def gold(self):
        seen, out, chrome = set(), [], set()
        for text, keep in self.items:
            if keep is None:
                continue
            if keep:
                assert text not in chrome, "kept line first seen as chrome: " + text[:60]
                if text not in seen:
                    seen.add(text)
                    out.append(text)
            else:
                chrome.add(text)
        return out

    def render(self, crlf=False, final_newline=True):
        eol = "\r\n" if crlf else "\n"
        text = eol.join(t for t, _ in self.items)
        return (text + (eol if final_newline else "")).encode("utf-8")


def insert_points(body, count, rng):
    """Indexes i where a list can go between two ordinary paragraphs."""
    cands = [i for i in range(2, len(body)) if is_para(body[i - 1]) and is_para(body[i])]
    if not cands:
        cands = [i for i in range(1, len(body)) if not is_item(body[i])]
    rng.shuffle(cands)
    return sorted(cands[:count])


# ---------------------------------------------------------------- headline pools

POOL_KHABARNAMA = [
    "افزایش ۱۵ درصدی صادرات غیرنفتی در هفت ماه نخست سال",
    "جزئیات تازه از طرح واگذاری زمین به زوج‌های جوان",
    "بارش باران در ۱۸ استان تا پایان هفته",
    "رکورد تولید برق خورشیدی در استان کرمان شکست",
    "آغاز پیش‌فروش بلیت قطارهای نوروزی از ۱۵ اسفند",
    "قهرمانی تیم والیبال نوجوانان در مسابقات آسیایی",
    "نرخ تورم نقطه‌ای آبان‌ماه اعلام شد",
    "رونمایی از نخستین اتوبوس برقی ساخت داخل",
    "کاهش ساعت کاری ادارات استان‌های جنوبی در تابستان",
    "ثبت ۲۰۰ اثر تاریخی تازه در فهرست آثار ملی",
    "پیش‌بینی کاهش قیمت میوه با ورود محصولات پاییزه",
    "برگزاری نخستین جشنواره ملی غذاهای محلی در اردبیل",
    "دیدار تیم‌های صدرنشین لیگ برتر بسکتبال لغو شد",
    "آغاز ثبت‌نام وام ودیعه مسکن مستأجران",
    "۳ هزار مدرسه فرسوده تا پایان سال نوسازی می‌شود",
    "کشف گونه تازه‌ای از مارمولک در ارتفاعات زاگرس",
]

POOL_SEPID = [
    "آغاز طرح ملی غربالگری دیابت در مراکز بهداشت",
    "مهلت ثبت نام کارت سوخت جدید تمدید شد",
    "افتتاح بیمارستان ۲۰۰ تخت خوابی در بوکان",
    "کاهش ۲۰ درصدی تصادفات جاده ای در تعطیلات تابستان",
    "برگزاری آزمون استخدامی آموزش و پرورش در ۳۱ استان",
    "هشدار پلیس فتا درباره پیامک های جعلی یارانه",
    "قیمت جدید بلیت هواپیما در مسیرهای داخلی اعلام شد",
    "بازگشایی جاده چالوس پس از دو روز انسداد",
    "افزایش سهمیه آرد نانوایی های روستایی",
    "شروع فصل برداشت پسته در رفسنجان",
    "تیم ملی کشتی آزاد عازم رقابت های جهانی شد",
    "زمان پرداخت عیدی بازنشستگان مشخص شد",
    "توزیع ۵ هزار تن برنج تنظیم بازاری در فروشگاه ها",
    "سامانه جدید نوبت دهی بیمارستان های دولتی راه اندازی شد",
    "بارش تگرگ به باغ های میوه دماوند خسارت زد",
    "مرمت کاروانسرای تاریخی مهیار به پایان رسید",
    "افزایش ظرفیت پذیرش دانشجو در رشته پرستاری",
    "جزئیات طرح بیمه رایگان زنان خانه دار",
    "آغاز عملیات احداث آزادراه غدیر",
    "انتشار نخستین اطلس پرندگان مهاجر کشور",
]

POOL_ROOZNEGAR = [
    "قاب تاریخ | نخستین ایستگاه رادیویی شهر در سال ۱۳۱۹",
    "قاب تاریخ | سینما دیانا در دهه چهل",
    "قاب تاریخ | افتتاح نخستین خط اتوبوسرانی تبریز",
    "قاب تاریخ | بازار وکیل شیراز در عکسی قدیمی",
    "قاب تاریخ | نخستین مسابقه فوتبال زنان در ورزشگاه امجدیه",
]

POOL_PISHKHAN = [
    "آغاز عملیات لایروبی مادی‌های شهر پیش از فصل آبیاری",
    "ساعت کار کتابخانه‌های عمومی در ماه رمضان اعلام شد",
    "نصب ۳۰۰ دوربین هوشمند در تقاطع‌های اصلی شهر",
    "جشنواره گل و گیاه در باغ گل‌ها برگزار می‌شود",
    "خیابان سپه تا پایان هفته یک‌طرفه می‌شود",
    "تعویض ۲ هزار لامپ معابر با لامپ‌های کم‌مصرف",
    "بازارچه محلی محصولات روستایی در میدان جلفا راه افتاد",
    "برنامه قطعی آب در مناطق شرقی شهر اعلام شد",
    "افتتاح نخستین پارکینگ مکانیزه دوچرخه در مرکز شهر",
    "شورای شهر با افزایش نرخ کرایه تاکسی موافقت کرد",
    "مسابقات شنای محلات در استخر انقلاب برگزار شد",
    "تور پیاده‌روی شبانه در محله جلفا برگزار می‌شود",
]

POOL_ALSAHA = [
    "انخفاض أسعار الخضار في أسواق الهال مع بدء الموسم الصيفي",
    "افتتاح أول معرض للكتاب المستعمل في حمص",
    "وزارة التربية تصدر نتائج الشهادة الثانوية الأسبوع المقبل",
    "عودة الرحلات الجوية بين حلب وعدد من العواصم العربية",
    "تأهل منتخب الشباب إلى نهائيات كأس آسيا",
    "ارتفاع إنتاج القمح في الحسكة بنسبة ٢٠ بالمئة",
    "إطلاق مشروع لترميم أسواق حلب القديمة",
    "زيادة ساعات تزويد الكهرباء في ريف دمشق",
]

POOL_ALMIRSAD = [
    "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة",
    "منتخب الشباب يتأهل إلى نصف نهائي البطولة العربية",
    "افتتاح أكبر مكتبة عامة في المنطقة الشرقية",
    "ارتفاع أعداد السياح الوافدين بنسبة ١٨٪ خلال الربع الأول",
    "إطلاق أول قمر صناعي طلابي لرصد الطقس",
    "مهرجان التمور يستقبل ٤٠ ألف زائر في أسبوعه الأول",
    "تحذيرات من ضباب كثيف على الطرق السريعة فجر الغد",
    "هيئة الطرق تعلن تحويلات مرورية لمدة شهر",
    "فريق طبي ينجح في أول عملية زراعة قوقعة بتقنية جديدة",
    "أسعار النفط تتراجع مع ارتفاع المخزونات الأمريكية",
    "معرض للفنون التشكيلية يحتفي بتراث البحر",
    "بدء التسجيل في برنامج الابتعاث للعام المقبل",
]

POOL_NABD = [
    "هيئة الأرصاد: أجواء معتدلة نهاراً وباردة ليلاً",
    "تدشين خط بحري جديد لنقل الركاب بين الجزر",
    "الإعلان عن موعد معرض الكتاب الدولي",
    "ارتفاع الطلب على العقارات السكنية في الضواحي",
    "نادي الوحدة يضم مهاجماً برازيلياً لمدة موسمين",
    "حملة لزراعة مليون شجرة قبل نهاية العام",
    "البلدية تطلق تطبيقاً للإبلاغ عن الملاحظات",
    "انخفاض أسعار الأسماك مع بداية موسم الصيد",
]

POOL_RIVERPOST = [
    "Council approves new cycle lane on Harling Road",
    "Town centre car park to close for six weeks of repairs",
    "Primary school pupils plant 500 trees at Eastfield park",
    "Police appeal after vintage tractor stolen from farm",
    "Ferry Street market wins regional award",
    "Hospital opens new children's emergency unit",
    "Bus fares to rise by 10p from September",
    "Alde Town FC sign striker on two-year deal",
    "Heatwave: what to do if your garden is drying out",
    "Historic pub reopens under community ownership",
    "Rail line closure: replacement buses this weekend",
    "Student wins national young writers prize",
]

POOL_HARBOUR = [
    "Fuel prices drop for third straight week",
    "Greyhaven ferry services resume after storm",
    "National museum to return artefacts to island community",
    "Exporters report record kiwifruit season",
    "Union calls for review of port safety rules",
    "Wellby council approves waterfront housing plan",
    "Coastguard rescues four from stranded yacht",
    "Tourism numbers back to pre-pandemic levels",
]


# ---------------------------------------------------------------- fa-khabarnama

NAV_KHABARNAMA = ["صفحه اصلی", "سیاسی", "اقتصادی", "اجتماعی", "ورزشی", "فرهنگی",
                  "بین‌الملل", "علم و فناوری", "چندرسانه‌ای", "آرشیو"]
KH_DATES = ["۱۲ مرداد ۱۴۰۳ - ۱۰:۳۰", "سه‌شنبه ۲۵ دی ۱۴۰۳ ساعت ۰۸:۱۵", "۱۴۰۳/۱۱/۰۷ ۱۹:۴۲",
            "تاریخ انتشار: ۰۳ اسفند ۱۴۰۳ - ۱۳:۰۵", "۱۸ آبان ۱۴۰۳"]
KH_PHOTOS = ["عکس: آرشیو خبرنامه", "عکس: مهدی رستمی / خبرنامه", None,
             "عکس تزیینی است | خبرنامه", "عکس: سارا نیک‌پور / خبرنامه"]


def page_khabarnama(n, art, rng):
    p = Page(blanks=True)
    p.c("خبرنامه", "خبرگزاری مستقل اقتصادی و اجتماعی")
    p.c(*NAV_KHABARNAMA)
    p.br()
    p.c(art["crumb"])
    p.br()
    p.c("کد خبر: " + fa(rng.randint(400000, 499999)))
    p.c(KH_DATES[n - 1])
    p.c("زمان مطالعه: " + fa(rng.randint(3, 6)) + " دقیقه")
    p.br()
    p.k(art["h"])
    p.br()
    p.k(art["l"])
    p.br()
    if KH_PHOTOS[n - 1]:
        p.c(KH_PHOTOS[n - 1])
        p.br()
    if n == 2:  # lead pasted a second time under the photo
        p.c(art["l"])
        p.br()
    pool = list(POOL_KHABARNAMA)
    rng.shuffle(pool)

    def read_more(k):
        def f(pg):
            pg.c("بیشتر بخوانید:")
            pg.c(*[pool.pop() for _ in range(k)])
            pg.br()
        return f

    pts = insert_points(art["b"], 2 if n == 3 else 1, rng)
    inserts = {} if n == 5 else {i: read_more(1 if n % 2 else 2) for i in pts}
    p.body(art["b"], inserts)
    p.br()
    p.c("انتهای پیام")
    p.br()
    p.c("برچسب‌ها:")
    p.c(*art["tags"])
    p.br()
    p.c("اشتراک‌گذاری")
    p.c("تلگرام", "واتس‌اپ", "ایکس", "لینک کوتاه")
    if n == 5:  # share card repeats the lead with a few words changed
        p.br()
        card = art["l"].replace("از صبح امروز", "امروز").replace("میزبان علاقه‌مندان", "پذیرای بازدیدکنندگان")
        assert card != art["l"]
        p.c(card)
    p.br()
    p.c("آخرین اخبار")
    p.c(*pool[:8])
    p.br()
    p.c("© ۱۴۰۳ - کلیه حقوق این سایت متعلق به خبرگزاری خبرنامه است.")
    return p, dict(crlf=(n == 4))


# ---------------------------------------------------------------- fa-sepidnews

SEPID_DATES = ["سه‌شنبه 1403/09/13 ساعت 09:41", "دوشنبه 1403/06/26 ساعت 17:05",
               "شنبه 1403/07/28 ساعت 11:30", "چهارشنبه 1403/10/19 ساعت 14:52",
               "یکشنبه 1403/12/05 ساعت 08:10"]
SEPID_COMMENTS = {
    3: [("محمدرضا", "1403/07/28 - 13:02",
         "پدرم پارسال در همین مرکز واکسن زد و مشکلی نداشت. خوب است که امسال نوبت دهی پیامکی شده."),
        ("ناشناس", "1403/07/28 - 15:47",
         "برای ما که در روستا هستیم پیامک نیامده، لطفا پیگیری کنید."),
        ],
    5: [("سعید", "1403/12/05 - 10:15",
         "روستای ما هم آنتن دارد ولی سرعتش در شب خیلی پایین می آید. امیدوارم درست شود."),
        ],
}


def page_sepid(n, art, rng):
    p = Page(blanks=True)
    p.c("×")
    p.c(art["section"])
    p.c("شناسه خبر : " + str(rng.randint(280000, 289999)))
    p.c("تاریخ انتشار : " + SEPID_DATES[n - 1])
    p.k(art["h"])
    p.br()
    if n != 5:  # the headline is printed twice, as on the real site
        p.c(art["h"])
        p.br()
    p.k(art["l"])
    p.br()
    p.body(art["b"])
    p.br(2)
    if n in (2, 4):
        p.c("اشتراک‌گذاری" if n == 4 else "اشتراک گذاری")
        p.c("تلگرام", "واتساپ", "لینکدین")
        p.br()
    p.c("نظرات")
    p.br()
    for name, when, text in SEPID_COMMENTS.get(n, []):
        p.c(name, when, text, "پاسخ")
        p.br()
    if n in (3, 4):
        p.c("دیدگاه خود را بنویسید", "نام", "ایمیل", "ارسال نظر")
        p.br()
    pool = list(POOL_SEPID)
    rng.shuffle(pool)
    if n == 5:
        p.c("پربازدیدترین‌ها")
        p.c(*pool[:5])
        p.br()
        pool = pool[5:]
    p.c("آخرین اخبار")
    p.c(*pool[:12])
    p.strip_zwnj()  # this site's scraper drops every ZWNJ
    return p, dict(crlf=(n == 4), final_newline=(n != 1))


# ---------------------------------------------------------------- fa-rooznegar

def page_rooznegar(n, art, rng):
    p = Page(blanks=(n != 2))
    p.k(art["h"])
    p.br()
    p.k(art["l"])
    p.br()
    p.c(art["h"])
    p.c(art["author"], art["author"], "خبرنگار" if n == 3 else "نویسنده")
    p.br()
    if n in (1, 4):
        p.c("عکس: " + ("آرشیو روزنگار" if n == 1 else "محمد جعفری / خبرگزاری آوا"))
        p.br()
    p.body(art["b"])
    p.br()
    p.c("انتهای پیام")
    p.br()
    p.c("منبع: " + art["src"])
    p.br()
    p.c("اشتراک‌گذاری:" if n in (3, 5) else "اشتراک گذاری:")
    p.br()
    if n == 4:  # the print version of the article, pasted again without one paragraph
        p.c(art["h"])
        p.br()
        p.c(art["l"])
        p.br()
        again = [b for i, b in enumerate(art["b"]) if i != 3]
        p.body(again, keep=False)
        p.br()
    p.c("بدون دیدگاه" if n != 3 else "۳ دیدگاه")
    p.br()
    p.c("نرخ لحظه‌ای طلا، سکه و ارز در بازار امروز")
    p.c(POOL_ROOZNEGAR[n - 1])
    return p, dict(crlf=(n == 5), final_newline=False)


# ---------------------------------------------------------------- fa-pishkhan

NAV_PISHKHAN = ["خانه", "شهری", "ترافیک", "محیط زیست", "حوادث", "فرهنگ و هنر",
                "ورزش محلات", "آگهی‌ها", "تماس با ما"]
PK_DATES = ["تاریخ: ۱۴۰۳/۰۸/۲۱ | ساعت: ۱۴:۰۵", "تاریخ: 1403/09/02 | ساعت: 07:40",
            "تاریخ: ۱۴۰۳/۰۲/۱۷ | ساعت: ۱۸:۲۲", "تاریخ: 1403/10/11 | ساعت: 06:55",
            "تاریخ: ۱۴۰۳/۰۷/۳۰ | ساعت: ۱۲:۱۰"]


def page_pishkhan(n, art, rng):
    p = Page(blanks=False)
    if n != 3:
        p.c("این وب‌سایت برای بهبود تجربه شما از کوکی استفاده می‌کند. با ادامه مرور، استفاده از کوکی‌ها را می‌پذیرید.",
            "متوجه شدم")
    p.c("پیشخوان شهر", "پایگاه خبری شهر اصفهان")
    p.c(*NAV_PISHKHAN)
    p.c(art["crumb"])
    code = rng.randint(90000, 99999)
    p.c("کد مطلب: " + (fa(code) if n % 2 else str(code)))
    p.c(PK_DATES[n - 1])
    p.c("نویسنده: " + art["author"])
    p.k(art["h"])
    p.k(art["l"])
    pool = list(POOL_PISHKHAN)
    rng.shuffle(pool)

    def related(pg):
        pg.c("مطالب مرتبط" if n != 2 else "بخوانید:")
        pg.c(pool.pop(), pool.pop())

    inserts = {i: related for i in insert_points(art["b"], 1, rng)}
    p.body(art["b"], inserts)
    p.c("لینک کوتاه: https://pishkhanshahr.example/n/" + str(code), "کپی شد")
    tag_word = "برچسب ها:" if n % 2 else "برچسب‌ها:"
    p.c(tag_word + " " + "، ".join(art["tags"]))
    p.c("نظر شما", "نام و نام خانوادگی", "ارسال")
    p.c("عضویت در خبرنامه", "ایمیل خود را وارد کنید", "عضویت")
    p.c("ما را در تلگرام و اینستاگرام دنبال کنید")
    p.c("پربازدیدها")
    p.c(*pool[:4])
    p.c("گزارش خطا")
    p.c("تمامی حقوق مادی و معنوی این سایت متعلق به پیشخوان شهر است.")
    return p, dict(crlf=(n in (2, 5)))


# ---------------------------------------------------------------- ar-alsaha

ALSAHA_DATES = ["٢٢ تموز ٢٠٢٤", "١٢ آب ٢٠٢٤", "٩ أيار ٢٠٢٤", "١٤ تشرين الأول ٢٠٢٤", "03 تشرين الثاني 2024"]


def alsaha_disclaimer(art, n):
    return [
        "نُشر هذا الخبر أولاً على موقع " + art["orig"] + " بعنوان \"" + art["h"]
        + "\"، وأعيد نشره هنا آلياً بتاريخ " + ALSAHA_DATES[n - 1] + ".",
        "لا يتحمل موقعنا مضمونه ولا يعبر بالضرورة عن رأيه، ويمكنكم مراجعة المصدر الأصلي للاطلاع على كامل التفاصيل.",
    ]


def page_alsaha(n, art, rng):
    p = Page(blanks=False)
    if n == 2:
        p.c("الاثنين ٧ صفر ١٤٤٦ هـ - ١٢ آب ٢٠٢٤ م")
        p.c("شـارك", "Share")
    p.k(art["h"])
    if n in (1, 3):
        p.br(2, force=True)
    if n != 2:
        p.c(*alsaha_disclaimer(art, n))
    p.k(art["l"])
    p.body(art["b"])
    if n == 2:
        p.c(*alsaha_disclaimer(art, n))
    if n == 3:
        p.c("المصدر: " + art["orig"])
    if n == 5:
        p.c("الأكثر قراءة")
        pool = list(POOL_ALSAHA)
        rng.shuffle(pool)
        p.c(*pool[:5])
    p.c(*[art["section"]] * (4 if n != 4 else 3))
    return p, dict(crlf=(n == 4), final_newline=(n in (2, 4)))


# ---------------------------------------------------------------- ar-almirsad

NAV_ALMIRSAD = ["الرئيسية", "أخبار محلية", "عربي ودولي", "اقتصاد", "رياضة",
                "ثقافة وفنون", "علوم وتكنولوجيا", "منوعات", "فيديو"]
MIRSAD_AUTHORS = ["كتب: سامر الحداد", "بقلم: ليلى منصور", "كتبت: هند العبدالله",
                  "بقلم: د. ياسر الكبيسي", "كتب: مازن القيسي"]
MIRSAD_DATES = ["الأحد ١٥ سبتمبر ٢٠٢٤ - ١٠:٤٥ ص", "نشر في: 2024/06/03 - 08:20",
                "الثلاثاء ١٢ ربيع الآخر ١٤٤٦ هـ الموافق ١٥ أكتوبر ٢٠٢٤",
                "آخر تحديث: الثلاثاء ٠٤ فبراير ٢٠٢٥ - ٠٦:١٥ م", "الخميس 21 نوفمبر 2024"]
MIRSAD_CAPTIONS = ["العداؤون عند خط الانطلاق على الكورنيش (تصوير: أحمد الشمري)",
                   "الصورة: أرشيف المرصاد", "مشهد من العرض الفائز (المصدر: إدارة المهرجان)",
                   "صورة أرشيفية", None]


def page_almirsad(n, art, rng):
    p = Page(blanks=True)
    if n in (1, 4):
        p.c("يستخدم هذا الموقع ملفات تعريف الارتباط (الكوكيز) لتحسين تجربتك في التصفح.", "موافق")
    p.c("المرصاد")
    p.c(*NAV_ALMIRSAD)
    p.c("Advertisement")
    p.c(art["crumb"])
    p.br()
    p.k(art["h"])
    p.br()
    p.k(art["l"])
    p.br()
    p.c(MIRSAD_AUTHORS[n - 1], MIRSAD_DATES[n - 1])
    num = rng.randint(80000, 89999)
    p.c("رقم الخبر: " + (ar(num) if n != 2 else str(num)))
    if n in (2, 5):
        p.c("وقت القراءة: " + ar(rng.randint(3, 5)) + " دقائق")
    p.br()
    p.c("شارك", "Share", "فيسبوك", "X", "واتساب")
    p.br()
    if MIRSAD_CAPTIONS[n - 1]:
        p.c(MIRSAD_CAPTIONS[n - 1])
        p.br()
    if art.get("place"):  # else the dateline opens the first paragraph
        p.c(art["place"])
        p.br()
    pool = list(POOL_ALMIRSAD)
    rng.shuffle(pool)

    def read_also(pg):
        pg.c("اقـرأ أيضـاً:" if n % 2 else "اقرأ أيضا:")
        pg.c(pool.pop())
        pg.br()

    def recommended(pg):
        pg.c("القصص الموصى بها", "قائمة من 3 عناصر")
        pg.c(pool.pop(), pool.pop(), pool.pop())
        pg.c("نهاية القائمة")
        pg.br()

    def advert(pg):
        pg.c("Advertisement")
        pg.br()

    pts = insert_points(art["b"], 3, rng)
    inserts = {pts[0]: read_also}
    if n in (2, 4) and len(pts) > 1:
        inserts[pts[1]] = recommended
    if n == 3 and len(pts) > 1:
        inserts[pts[-1]] = advert
    p.body(art["b"], inserts)
    p.br()
    if n in (1, 3, 5):
        p.c("ـ انتهى ـ" if n == 5 else "انتهى")
        p.br()
    p.c("الكلمات المفتاحية")
    p.c(*art["tags"])
    p.br()
    p.c("شارك هذا الخبر")
    p.br()
    p.c("الأكثر قراءة")
    p.c(*pool[:5])
    p.br()
    p.c("جميع الحقوق محفوظة © المرصاد ٢٠٢٤")
    return p, dict(crlf=(n == 4))


# ---------------------------------------------------------------- ar-nabdalkhalij

NABD_CATS = ["أخبار الأحساء", "تعليم", "طاقة", "سياحة", "طقس"]


def page_nabd(n, art, rng):
    p = Page(blanks=(n in (2, 4)))
    if n in (2, 4):
        p.c("نبض الخليج", "الرئيسية", "أخبار الخليج", "اقتصاد", "رياضة", "منوعات")
        p.br()
        p.k(art["h"])
        p.br()
        p.c("نُشر في: " + ("الأربعاء ١٥ ربيع الأول ١٤٤٦ هـ" if n == 2 else "الأحد 14 جمادى الآخرة 1446 هـ"))
        p.c("بواسطة: فريق التحرير")
        p.br()
    p.k(art["l"])
    body = art["b"]
    pool = list(POOL_NABD)
    rng.shuffle(pool)

    def recommended(pg):
        pg.c("القصص الموصى بها", "قائمة من 4 قصصنهاية القائمة")

    cut = insert_points(body, 1, rng)[0]
    p.br()
    p.body(body, {cut: recommended})
    p.c("إليكم في نبض الخليج تفاصيل خبر: " + art["h"] + " | " + NABD_CATS[n - 1])
    p.c("…")
    # the scraper took the article body a second time
    again = [art["l"]] + list(body)
    if n == 3:
        del again[4]
    if n == 5:
        edited = again[2].replace("أكثر من ٢٠٠ بلاغ", "نحو ٢٠٠ بلاغ").replace("أغلبها", "معظمها")
        assert edited != again[2]
        again[2] = edited
    p.body(again, {1 + cut: recommended}, keep=False)
    p.br(force=True)
    note = ("تَجْدُرُ الإشارةُ إلى أن هذا الخبر منقول عن " if n != 4 else "تجدر الإشارة إلى أن هذا الخبر منقول عن ")
    p.c(note + art["paper"] + " تحت عنوان (" + art["h"]
        + ")، وقد نقله فريق تحرير نبض الخليج كما ورد أو مع تعديل طفيف، ويمكنكم متابعة تفاصيله من مصدره الأصلي.")
    p.br(force=True)
    if n in (2, 4):
        p.c("تصنيفات", NABD_CATS[n - 1])
        p.br()
        p.c("قصص قد تهمك")
        p.c(*pool[:4])
        p.br()
        p.c("التعليقات", "أضف تعليقاً", "الاسم *", "البريد الإلكتروني *", "إرسال التعليق")
    return p, dict(crlf=(n == 3))


# ---------------------------------------------------------------- en-riverpost

NAV_RIVERPOST = ["News", "Business", "Sport", "Weather", "Science", "Culture", "Opinion"]
RP_DATES = ["Published 12 March 2024, 09:14 GMT | Updated 12 March 2024, 11:02 GMT",
            "Thu 7 Nov 2024 06.48 GMT", "Published July 14, 2024 at 6:30 p.m.",
            "21/05/2024 08:00", "Saturday 5 October 2024, 3:15pm"]
RP_COMMENTS = {
    1: [("loaf_lover", "2 hours ago", "Best sourdough in the county. About time they opened on the east side."),
        ("P. Granger", "1 hour ago", "Hope they pay the new staff properly, not just minimum wage.")],
    5: [("bookworm1958", "3 hours ago", "Took my grandchildren on Saturday. The roof garden is lovely but the lift was already out of order.")],
}


def page_riverpost(n, art, rng):
    p = Page(blanks=(n != 4))
    p.c("Skip to main content", "The River Post", "Menu", "Search")
    p.c(*NAV_RIVERPOST)
    p.c("Subscribe", "Sign in")
    p.br()
    p.c(art["crumb"])
    p.br(2 if n == 2 else 1)
    p.k(art["h"])
    p.br()
    p.k(art["l"])
    p.br()
    p.c(art["author"], RP_DATES[n - 1], str(rng.randint(3, 7)) + " min read")
    if n in (1, 3, 5):
        p.c("Story ID: RP-2024-" + str(rng.randint(1000, 9999)))
    p.br()
    p.c("Share this article", "Facebook", "X", "WhatsApp", "Email", "Copy link")
    p.br()
    p.c(art["caption"])
    p.br()
    if n == 3:  # the standfirst is printed again under the photo
        p.c(art["l"])
        p.br()
    pool = list(POOL_RIVERPOST)
    rng.shuffle(pool)

    def read_more(pg):
        pg.c("Read more:")
        pg.c(pool.pop())
        pg.br()

    def advert(pg):
        pg.c("Advertisement")
        pg.br()

    pts = insert_points(art["b"], 2, rng)
    inserts = {pts[0]: read_more}
    if len(pts) > 1:
        inserts[pts[1]] = advert
    p.body(art["b"], inserts)
    p.br(2 if n == 2 else 1)
    if n % 2:
        p.c("Tags: " + ", ".join(art["tags"]))
    else:
        p.c("Tags")
        p.c(*art["tags"])
    p.br()
    comments = RP_COMMENTS.get(n, [])
    p.c("Comments (" + str(len(comments)) + ")" if comments else "Comments", "Join the conversation")
    for who, when, text in comments:
        p.c(who, when, text, "Reply")
    p.br()
    p.c("Most read")
    for i, h in enumerate(pool[:5], 1):
        p.c(str(i), h)
    p.br()
    p.c("✕", "Sign up for our morning briefing", "Get the day's top stories in your inbox at 7am.",
        "Enter your email address", "Sign up")
    p.br()
    p.c("We use cookies to give you the best experience on our website. You can change your settings at any time.",
        "Accept all cookies", "Manage preferences")
    p.br()
    p.c("© 2024 The River Post Ltd. All rights reserved.")
    return p, dict(crlf=(n == 5))


# ---------------------------------------------------------------- en-harbourwire

HW_DATES = ["May 14, 2024 · 3 min read", "June 6, 2024 · 2 min read", "Aug 22, 2024",
            "September 9, 2024 · 2 min read", "Oct 2, 2024 · 3 min read"]
HW_BYLINES = ["Reporting by Amelia Rowe; Editing by Paul Venn",
              "Reporting by Jonah Pike; Editing by Sara Lund",
              "Reporting by Mere Tane; Editing by Paul Venn",
              "Reporting by Sam Okoro; Editing by Sara Lund",
              "Reporting by Amelia Rowe; Editing by Nils Berg"]


def page_harbourwire(n, art, rng):
    p = Page(blanks=(n != 3))
    top = (art["orig"] and n in (1, 3))
    disclaimer = ("This story was first published on " + art["orig"]
                  + ". Harbour Wire republishes it in full as received; we bear no responsibility for its content.")
    if top:
        p.c(disclaimer)
        p.br()
    p.c("Harbour Wire", "Home | World | Business | Sport | Science | Markets")
    p.br()
    p.k(art["h"])
    p.br()
    p.k(art["l"])
    p.br()
    p.c(HW_DATES[n - 1])
    p.c("Share: Facebook · X · LinkedIn · Email")
    p.br()
    p.body(art["b"])
    p.br()
    p.c(HW_BYLINES[n - 1])
    p.br()
    if n == 2:
        # the syndication feed delivered the story twice; the second copy has a few words edited
        p.c("-- more --")
        p.br()
        p.c(art["h"])
        p.br()
        again = list(art["b"])
        edited = again[2].replace("told reporters", "said at a news conference")
        assert edited != again[2]
        again[2] = edited
        p.body(again, keep=False)
        p.br()
    p.c("Source: " + art["orig"])
    p.c("-- ENDS --" if n in (1, 4) else "###")
    p.br()
    if n in (2, 4):
        p.c(disclaimer)
        p.br()
    if n == 5:
        p.c("The original story titled \"" + art["h"] + "\" was published on " + art["orig"]
            + " on 2 October 2024 and copied by our editors. Harbour Wire bears no responsibility for its accuracy.")
        p.br()
    p.c("Related stories")
    pool = list(POOL_HARBOUR)
    rng.shuffle(pool)
    p.c(*pool[:4])
    return p, dict(crlf=(n == 3), final_newline=(n != 4))


# ---------------------------------------------------------------- driver

SITES = [
    ("fa-khabarnama", articles_fa.KHABARNAMA, page_khabarnama),
    ("fa-sepidnews", articles_fa.SEPID, page_sepid),
    ("fa-rooznegar", articles_fa.ROOZNEGAR, page_rooznegar),
    ("fa-pishkhan", articles_fa.PISHKHAN, page_pishkhan),
    ("ar-alsaha", articles_ar.ALSAHA, page_alsaha),
    ("ar-almirsad", articles_ar.ALMIRSAD, page_almirsad),
    ("ar-nabdalkhalij", articles_ar.NABD, page_nabd),
    ("en-riverpost", articles_en.RIVERPOST, page_riverpost),
    ("en-harbourwire", articles_en.HARBOURWIRE, page_harbourwire),
]


def write_corpus(root, sites):
    """Writes pages/SITE/NN.txt and gold/SITE/NN.txt under root for every
    (site, article blocks, builder) of sites; builder(n, art, rng) -> (Page, render options)."""
    for site, blocks, build in sites:
        for d in ("pages", "gold"):
            os.makedirs(os.path.join(root, d, site), exist_ok=True)
        for n, block in enumerate(blocks, 1):
            art = parse(block)
            rng = random.Random(site + "/" + str(n))
            page, opts = build(n, art, rng)
            name = "%02d.txt" % n
            with open(os.path.join(root, "pages", site, name), "wb") as f:
                f.write(page.render(**opts))
            with open(os.path.join(root, "gold", site, name), "wb") as f:
                f.write(("\n".join(page.gold()) + "\n").encode("utf-8"))
    print("wrote", sum(len(b) for _, b, _ in sites), "pages for", len(sites), "sites")


def main():
    write_corpus(HERE, SITES)


if __name__ == "__main__":
    main()
