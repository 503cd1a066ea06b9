/// The stoplists of the language table's rows (`Language.stopwords`): function
/// words, one space between them, as people write them (they are normalised).
enum Stoplists {
    static let persian = """
    و در به از که این را با است برای آن یک تا هم می شود شد بود کرد کند کرده های ها یا اما اگر نیز \
    خود بر پس پیش بین روی زیر درباره همه هر چه چون وی او ما شما آنها ایشان من تو دیگر باید \
    نیست هست بوده شده شوند دارد داشت دارند خواهد کنند کردند گفت گفته همین همان چنین چند \
    بسیار بیش کم اینکه آنکه ولی زیرا تاکنون سال روز امروز دیروز اکنون هنوز حتی فقط نه
    """

    static let arabic = """
    في من على إلى عن أن إن كان كانت مع هذا هذه ذلك تلك التي الذي الذين هو هي هم ما لا لم لن قد \
    كل بعد قبل بين حتى أو ثم كما أيضا عند منذ خلال حيث إذا لكن بل غير نحو وقد وفي ومن وعلى \
    وأن وهو وهي فيه فيها به بها له لها لهم عليه عليها يكون تكون وكان قال وقال اليوم أمس
    """

    static let english = """
    the a an and or but of to in on at for from by with as is are was were be been being it its \
    this that these those he she they we you i his her their our your not no so than then there \
    here who whom which what when where why how all any each more most some such only also into \
    over after before about up down out has have had do does did will would can could should may \
    said says say new one two
    """
}
