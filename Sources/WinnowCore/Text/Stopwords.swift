/// Function words of Persian, Arabic and English (normalised spelling, as in the
/// shadow). The topic detectors ignore them: two lines share a topic when they share
/// content words, not "و" or "the".
public enum Stopwords {
    public static let all: Set<String> = {
        var set = Set<String>()
        for list in [persian, arabic, english] {
            for word in list.split(separator: " ") { set.insert(Normalizer.normalize(String(word))) }
        }
        return set
    }()

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

    /// Content words of a normalised line: longer than two characters, not a stopword,
    /// with their hashes (for cheap sets).
    public static func contentWords(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "،" || $0 == "," || $0 == ":" || $0 == "." || $0 == "؛" })
            .map { String($0).trimmingCharacters(in: "«»\"'()[]!?؟…-–—|/") }
            .filter { $0.unicodeScalars.count > 2 && !all.contains($0.lowercased()) && !$0.allSatisfy(\.isNumber) }
            .map { stem($0.lowercased()) }
    }

    /// A crude stem, enough to match "storm" with "storms" and "الخليج" with
    /// "خليج": the Arabic article dropped, then the first five characters.
    static func stem(_ word: String) -> String {
        var w = Substring(word)
        if w.hasPrefix("ال") && w.count > 4 { w = w.dropFirst(2) }
        return String(w.prefix(5))
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
