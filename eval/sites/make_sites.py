#!/usr/bin/env python3
"""Deterministic generator for the multi-page site evaluation (issue 16).

Six invented sites (two Persian, two Arabic, two English), six pages each,
stored one folder per site as eval/ stores its pages:

    pages/SITE/NN.txt   the scraped page (one block a line)
    gold/SITE/NN.txt    the clean article under docs/gold.md

The sites are not eval/'s: their templates carry the chrome a site repeats on
every page (menus, slogans, tickers, about blurbs, comment policies,
disclaimers, newsletter and follow sentences, related lists that name the
site's other stories) and the layouts of issue 16 point 6: a blank line after
every block, indented lines, tabs and NBSP, menus of fewer than five items
whose items end in "?" or hold ": ", a menu item that shares a word with the
story. The article text is in texts_{fa,ar,en}.py. The page builder and
the gold convention are eval/make_pages.py's.

Run from anywhere:  python3 eval/sites/make_sites.py
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
sys.dont_write_bytecode = True  # keep eval/ free of __pycache__

from make_pages import Page, parse, fa, ar, insert_points, write_corpus  # noqa: E402
import texts_fa  # noqa: E402
import texts_ar  # noqa: E402
import texts_en  # noqa: E402

NBSP = "\u00a0"


def siblings(arts, n, k, rng):
    """Headlines of k other stories of the same site (a related list)."""
    others = [a["h"] for i, a in enumerate(arts, 1) if i != n]
    rng.shuffle(others)
    return others[:k]


class Spaced(Page):
    """A page whose scraper writes a blank line after every block."""

    def c(self, *lines):
        for line in lines:
            self.items.append((line, False))
            self.items.append(("", None))

    def k(self, *lines):
        for line in lines:
            self.items.append((line, True))
            self.items.append(("", None))

    def br(self, n=1, force=False):
        pass


# ---------------------------------------------------------------- fa-bazarnameh

BZ_DATES = ["دوشنبه ۱۴ آبان ۱۴۰۳ | ۱۱:۲۰", "شنبه ۱۹ آبان ۱۴۰۳ | ۰۸:۴۵", "سه‌شنبه ۲۲ آبان ۱۴۰۳ | ۱۶:۰۲",
            "چهارشنبه ۷ آذر ۱۴۰۳ | ۱۰:۱۵", "یکشنبه ۱۸ آذر ۱۴۰۳ | ۱۹:۳۰", "پنجشنبه ۲۹ آذر ۱۴۰۳ | ۰۷:۵۰"]
BZ_COMMENTS = {
    2: [("کاربر مهمان", "من سه بار ثبت‌نام کرده‌ام و هر بار فقط پیامک «متأسفانه» آمده است. این شیوه فروش فقط دلال‌ها را راضی نگه می‌دارد."),
        ("امیر", "تا وقتی قیمت کارخانه و بازار این‌قدر فاصله دارد، قرعه‌کشی هم بی‌فایده است.")],
    6: [("نانوای قدیمی", "خدا کند بعد از پایان سال دوباره برنگردد؛ سود نان آن‌قدر کم است که هر هزینه‌ای به چشم می‌آید.")],
}


def page_bazarnameh(n, art, arts, rng):
    p = Spaced()
    p.c("بازارنامه", "روایت روزانه اقتصاد ایران")
    p.c("خانه", "بازار سرمایه", "مسکن", "خودرو")
    p.c("دلار %s | یورو %s | سکه امامی %s" % (fa(rng.randint(580, 620)) + "٬" + fa(rng.randint(100, 999)),
                                            fa(rng.randint(630, 660)) + "٬" + fa(rng.randint(100, 999)),
                                            fa(rng.randint(41, 47)) + "٬" + fa(rng.randint(100, 999)) + "٬۰۰۰"))
    p.c("سرویس: " + art["section"])
    p.c("کد خبر:" + (NBSP if n % 2 else " ") + fa(rng.randint(210000, 289999)))
    p.c(BZ_DATES[n - 1])
    p.k(art["h"], art["l"])
    if n in (1, 4):
        p.c("عکس: بازارنامه / " + ("حسین مرادی" if n == 1 else "نیما کریمی"))
    inserts = {}
    if n in (2, 3, 5):
        sib = siblings(arts, n, 1, rng)

        def read_more(pg):
            pg.c("بیشتر بخوانید: " + sib[0])
        inserts = {i: read_more for i in insert_points(art["b"], 1, rng)}
    p.body(art["b"], inserts)
    p.c("نویسنده: " + art["author"])
    p.c("برای دریافت آخرین اخبار اقتصادی، کانال بازارنامه را در پیام‌رسان‌ها دنبال کنید.")
    p.c("اشتراک‌گذاری در: تلگرام | واتس‌اپ | ایکس")
    p.c("دیدگاه‌ها")
    p.c("دیدگاه‌هایی که حاوی توهین، افترا یا تبلیغ باشند منتشر نمی‌شوند؛ لطفاً نظر خود را به فارسی و درباره همین مطلب بنویسید.")
    for name, text in BZ_COMMENTS.get(n, []):
        p.c(name, text, "پاسخ")
    p.c("مطالب مرتبط")
    p.c(*siblings(arts, n, 3, rng))
    p.c("درباره بازارنامه")
    p.c("بازارنامه رسانه‌ای مستقل در حوزه اقتصاد است که از سال ۱۳۹۸ گزارش‌ها و تحلیل‌های بازار سرمایه، مسکن، خودرو و انرژی را منتشر می‌کند.")
    p.c("تماس با ما | آگهی در بازارنامه | حریم خصوصی")
    p.c("© ۱۴۰۳ کلیه حقوق مادی و معنوی این وب‌سایت متعلق به بازارنامه است.")
    return p, dict(crlf=(n == 5))


# ---------------------------------------------------------------- fa-salamat

SL_UPDATED = ["۱۲ بهمن ۱۴۰۳", "۳ اسفند ۱۴۰۳", "۲۰ اسفند ۱۴۰۳", "۵ فروردین ۱۴۰۴", "۱۶ فروردین ۱۴۰۴", "۲ اردیبهشت ۱۴۰۴"]


def page_salamat(n, art, arts, rng):
    p = Page(blanks=(n != 3))
    ind = "\t" if n % 2 else "  "
    p.c("سلامت‌پرس | مجله سلامت خانواده")
    p.c(*[ind + m for m in ("صفحه اصلی", "بیماری‌ها", "چرا سلامت‌پرس؟", "سوالی دارید؟")])
    p.c("جستجو در مقالات...")
    p.br()
    p.c("خانه › " + art["section"])
    p.c("زمان مطالعه: " + fa(rng.randint(3, 7)) + " دقیقه")
    p.c("آخرین به‌روزرسانی: " + SL_UPDATED[n - 1])
    p.br()
    p.k(art["h"])
    p.br()
    # Pages 2 and 5 indent every paragraph (the scraper kept the text-indent).
    pad = "    " if n in (2, 5) else ""
    p.k(pad + art["l"])
    p.br()
    if n == 4:
        p.c("تصویر تزئینی است.")
        p.br()
    sib = siblings(arts, n, 3, rng)
    inserts = {}
    if n in (1, 5, 6):
        def also(pg):
            pg.c("بیشتر بخوانید:", sib[0])
            pg.br()
        inserts = {i: also for i in insert_points(art["b"], 1, rng)}
    p.body([pad + line if len(line) > 70 else line for line in art["b"]], inserts)
    p.br()
    p.c("نویسنده:", art["author"] + "\t" + art["role"])
    p.br()
    p.c("این مقاله صرفاً جنبه آموزشی دارد و جایگزین معاینه و تشخیص پزشک نیست؛ برای تصمیم درباره درمان با پزشک خود مشورت کنید.")
    p.c("آیا این مطلب برای شما مفید بود؟", "بله", "خیر")
    p.br()
    p.c("مقاله‌های پیشنهادی")
    p.c(*sib[1:] + siblings(arts, n, 1, rng))
    p.br()
    p.c("خبرنامه سلامت‌پرس: هر هفته یک ایمیل با مهم‌ترین مقاله‌های سلامت", "ایمیل خود را وارد کنید", "عضویت")
    p.c("تلفن مشاوره: ۰۲۱-۸۸۷۶۵۴۳۲", "ساعت پاسخگویی: شنبه تا چهارشنبه ۹ تا ۱۷")
    p.c("© سلامت‌پرس ۱۴۰۳ – استفاده از مطالب با ذکر منبع آزاد است.")
    return p, dict(final_newline=(n != 6))


# ---------------------------------------------------------------- ar-wadinews

WD_DATES = ["الأحد ١٢ تشرين الأول ٢٠٢٥ - ٠٩:١٥", "الثلاثاء ١٤ تشرين الأول ٢٠٢٥ - ١٣:٤٠",
            "الخميس ١٦ تشرين الأول ٢٠٢٥ - ١٠:٠٥", "السبت ١٨ تشرين الأول ٢٠٢٥ - ١٧:٢٠",
            "الاثنين ٢٠ تشرين الأول ٢٠٢٥ - ٠٨:٣٠", "الأربعاء ٢٢ تشرين الأول ٢٠٢٥ - ١٢:٥٥"]


def page_wadi(n, art, arts, rng):
    p = Spaced()
    p.c("وادي نيوز", "وادي نيوز.. صوت المحافظات")
    p.c("الرئيسية", "محليات", "اقتصاد", "رياضة")
    p.c(art["section"])
    p.c(art["place"] + " - وادي نيوز")
    p.c("نشر في: " + WD_DATES[n - 1])
    p.k(art["h"], art["l"])
    body = list(art["b"])
    if n in (3, 5):  # a dateline opens the first paragraph: kept whole
        body[0] = art["place"] + " - وادي نيوز: " + body[0]
    inserts = {}
    if n != 4:
        sib = siblings(arts, n, 1, rng)

        def also(pg):
            pg.c("اقرأ أيضاً: " + sib[0])
        inserts = {i: also for i in insert_points(body, 1, rng)}
    p.body(body, inserts)
    p.c("تابعوا آخر الأخبار عبر قناة وادي نيوز على واتساب وتيليغرام.")
    p.c("الوسوم:\t" + art["section"] + "\t" + art["place"])
    p.c("شارك الخبر", "فيسبوك", "إكس", "واتساب")
    p.c("التعليقات")
    p.c("التعليقات المنشورة تعبر عن آراء أصحابها، ويحتفظ الموقع بحق حذف أي تعليق يتضمن إساءة أو خروجاً عن موضوع الخبر.")
    p.c("أخبار ذات صلة")
    p.c(*siblings(arts, n, 3, rng))
    p.c("من نحن")
    p.c("وادي نيوز موقع إخباري مستقل يغطي شؤون المحافظات منذ عام ٢٠١٦، ويعمل فيه فريق من المراسلين المحليين في اثنتي عشرة محافظة.")
    p.c("اتصل بنا | سياسة الخصوصية | أعلن معنا")
    p.c("جميع الحقوق محفوظة © وادي نيوز ٢٠٢٥")
    return p, dict(crlf=(n == 2))


# ---------------------------------------------------------------- ar-sahatech

ST_BIOS = {
    "ليلى منصور": "صحفية تقنية تكتب عن الهواتف والأمن الرقمي منذ عشر سنوات، وتدير قسم الشروحات في ساحة التقنية.",
    "كريم حداد": "محرر الأخبار في ساحة التقنية، يتابع الشركات الناشئة العربية وصناعة الألعاب، ودرس هندسة البرمجيات في عمّان.",
}
ST_DATES = ["١٥ مارس ٢٠٢٥", "٢ أبريل ٢٠٢٥", "١٩ أبريل ٢٠٢٥", "٧ مايو ٢٠٢٥", "٢٨ مايو ٢٠٢٥", "١١ يونيو ٢٠٢٥"]


def page_sahatech(n, art, arts, rng):
    p = Page(blanks=(n != 4))
    p.c("ساحة التقنية", "أخبار" + NBSP + "التقنية بلغة بسيطة")
    menu = ["أخبار", "مراجعات", "شروحات", "هل لديك سؤال؟"]
    p.c(*[(NBSP + m if n in (2, 5) else m) for m in menu])
    p.br()
    p.c("الرئيسية » " + art["section"])
    p.c("بقلم: " + art["author"])
    p.c("آخر تحديث: " + ST_DATES[n - 1])
    p.c("مدة القراءة: " + ar(rng.randint(3, 6)) + " دقائق")
    p.br()
    p.k(art["h"])
    p.br()
    p.k(art["l"])
    p.br()
    inserts = {}
    if n in (1, 3, 6):
        sib = siblings(arts, n, 2, rng)

        def also(pg):
            pg.c("اقرأ أيضاً")
            pg.c(*sib)
            pg.br()
        inserts = {i: also for i in insert_points(art["b"], 1, rng)}
    p.body(art["b"], inserts)
    p.br()
    p.c("هل أعجبك المقال؟ شاركه مع أصدقائك")
    p.c("اشترك في نشرتنا البريدية لتصلك أحدث أخبار التقنية وشروحاتها كل صباح أحد.", "بريدك الإلكتروني", "اشترك")
    p.br()
    p.c("عن الكاتب", art["author"], ST_BIOS[art["author"]])
    p.br()
    p.c("مقالات قد تهمك")
    p.c(*siblings(arts, n, 3, rng))
    p.br()
    p.c("ساحة التقنية ليست مسؤولة عن محتوى المواقع الخارجية التي تشير إليها الروابط في المقالات.")
    p.c("© ٢٠٢٥ ساحة التقنية. جميع الحقوق محفوظة.")
    return p, dict(crlf=(n == 6))


# ---------------------------------------------------------------- en-northgate

NG_DATES = ["Tuesday 14 October 2025, 7:30am", "Saturday 18 October 2025, 5:12pm", "Monday 20 October 2025, 9:00am",
            "Thursday 23 October 2025, 11:45am", "Friday 31 October 2025, 6:05am", "Wednesday 5 November 2025, 2:20pm"]
NG_COMMENTS = {
    1: [("Margaret H.", "3 hours ago", "About time. I used to study there as a teenager and it was always packed in the evenings.")],
    5: [("Colin R.", "1 day ago", "Anyone who has driven down Ashwell Lane in February knows those fields are a lake."),
        ("J. Patel", "1 day ago", "We need homes for young people in this town, and brownfield sites alone will not provide them.")],
}


def page_northgate(n, art, arts, rng):
    p = Spaced()
    p.c("The Northgate Gazette", "Independent local news since 1962")
    p.c("News", "Sport", "Business", "What's on")
    p.c("Subscribe")
    p.c(art["section"])
    p.c("By " + art["author"])
    p.c(NG_DATES[n - 1])
    p.c("Listen to this article")
    p.k(art["h"], art["l"])
    if n in (2, 4):
        p.c("Photo: " + ("Kelby Town FC" if n == 2 else "Wend Valley Wildlife Trust"))
    inserts = {}
    if n in (1, 3, 6):
        sib = siblings(arts, n, 1, rng)

        def also(pg):
            pg.c("Read more: " + sib[0])
        inserts = {i: also for i in insert_points(art["b"], 1, rng)}
    p.body(art["b"], inserts)
    p.c("Support local journalism: become a Gazette member from £3 a month and read without adverts.")
    p.c("Share this story", "Facebook", "Email", "Copy link")
    p.c("Comments")
    p.c("We welcome comments that are civil and on topic. Comments are checked before they appear and may be removed if they break our community guidelines.")
    for name, when, text in NG_COMMENTS.get(n, []):
        p.c(name + " · " + when, text, "Reply")
    p.c("Related")
    p.c(*siblings(arts, n, 3, rng))
    p.c("About the Gazette")
    p.c("The Northgate Gazette is an independent, reader-funded newspaper covering Northgate and the Wend Valley. It has been published every week since 1962.")
    p.c("Contact us · Advertise · Privacy · Corrections")
    p.c("© 2025 Northgate Gazette Ltd. All rights reserved.")
    return p, dict(crlf=(n == 3))


# ---------------------------------------------------------------- en-fieldnotes

FN_BIOS = {
    "Anna Lindqvist": "Anna Lindqvist is a naturalist and former ranger who has written about birds and coasts for Field Notes since 2016.",
    "Sam Okonkwo": "Sam Okonkwo leads guided walks in the northern hills and writes about weather, insects and the outdoors for beginners.",
}
FN_DATES = ["3 March 2025", "17 March 2025", "2 April 2025", "21 April 2025", "9 May 2025", "30 May 2025"]


def page_fieldnotes(n, art, arts, rng):
    p = Page(blanks=(n != 2))
    p.c("FIELD NOTES", "A magazine for people who like to be outdoors")
    p.c(*["\t" + m for m in ("Home", "Nature", "Walks", "Why subscribe?")])
    p.c("\tContact: hello@fieldnotes.example")
    p.br()
    p.c("Filed under: " + art["section"])
    p.c("Posted by " + art["author"] + " on " + FN_DATES[n - 1])
    p.br()
    p.k(art["h"])
    p.br()
    # Pages 4 and 6 indent every paragraph with a tab or NBSPs (a text dump of indented paragraphs).
    pad = {4: "\t", 6: NBSP * 4}.get(n, "")
    p.k(pad + art["l"])
    p.br()
    if n == 5:
        p.c("Grey seal pups at Skerry Point. Photo: Field Notes")
        p.br()
    inserts = {}
    if n in (2, 4):
        sib = siblings(arts, n, 1, rng)

        def also(pg):
            pg.c("You might also like: " + sib[0])
            pg.br()
        inserts = {i: also for i in insert_points(art["b"], 1, rng)}
    p.body([pad + line if len(line) > 70 else line for line in art["b"]], inserts)
    p.br()
    p.c("Found a mistake? Let us know.")
    p.br()
    p.c("About the author", FN_BIOS[art["author"]])
    p.br()
    p.c("Field Notes is funded by its readers. If you enjoyed this piece, please consider a subscription: it costs less than a cup of tea a month.")
    p.br()
    p.c("More from Field Notes")
    p.c(*siblings(arts, n, 3, rng))
    p.br()
    p.c("Tags: " + art["section"] + ", " + rng.choice(["spring", "summer", "autumn", "winter"]))
    p.c("Questions? Ask our editors")
    p.c("All text and photographs © Field Notes Magazine 2025 unless otherwise stated.")
    return p, dict(crlf=(n == 1))


# ---------------------------------------------------------------- driver

SITES = [
    ("fa-bazarnameh", texts_fa.BAZARNAMEH, page_bazarnameh),
    ("fa-salamat", texts_fa.SALAMAT, page_salamat),
    ("ar-wadinews", texts_ar.WADI, page_wadi),
    ("ar-sahatech", texts_ar.SAHATECH, page_sahatech),
    ("en-northgate", texts_en.NORTHGATE, page_northgate),
    ("en-fieldnotes", texts_en.FIELDNOTES, page_fieldnotes),
]


def main():
    def with_siblings(blocks, build):
        """The builder given the site's other stories too (its related lists name them)."""
        arts = [parse(block) for block in blocks]
        return lambda n, art, rng: build(n, art, arts, rng)
    write_corpus(HERE, [(site, blocks, with_siblings(blocks, build)) for site, blocks, build in SITES])


if __name__ == "__main__":
    main()
