/// The language table. Adding a language is a row here and its stoplist in
/// Stoplists.swift (and its rules under `rules/`); a test checks every row is
/// complete. A language written in a script `LineTraits` does not count yet, or
/// told apart by letters it does not count, needs that count there first.
///
/// The order matters twice: a row's place is its bit in a rule set's language
/// selections (`RuleSet.LanguageSelection`), and when a page shows as much
/// evidence for two languages of one script, the later row wins.
extension Language {
    public static let allCases: [Language] = [fa, ar, en]

    /// پ چ ژ گ ی ک mark Persian; پ چ ژ گ count three times as much as ی ک,
    /// which Arabic keyboards type too.
    public static let fa = Language(code: "fa", name: "Persian", script: .arabic, marker: .persianLetters,
                                    evidence: [(.persianLetters, 1), (.persianOnlyLetters, 2)],
                                    stopwords: Stoplists.persian)

    /// ة ى mark Arabic (Persian does not use them); ي ك count for it too.
    public static let ar = Language(code: "ar", name: "Arabic", script: .arabic, marker: .arabicOnlyLetters,
                                    evidence: [(.arabicLetters, 1)], stopwords: Stoplists.arabic)

    /// The one Latin-script language: no letter needs to mark it.
    public static let en = Language(code: "en", name: "English", script: .latin, marker: nil,
                                    evidence: [(.latinLetters, 1)], stopwords: Stoplists.english)

    /// The language of a page with no letters at all (numbers, symbols).
    static let withoutLetters = en
}
