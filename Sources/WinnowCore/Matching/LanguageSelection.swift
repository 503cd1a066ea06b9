extension RuleSet {
    /// A set of languages as a bit mask: bit k for row k of the language table.
    struct LanguageSelection: Hashable {
        let mask: Int
        init(_ languages: [Language]) {
            mask = languages.reduce(0) { $0 | LanguageSelection.bit($1) }
        }
        init(mask: Int) { self.mask = mask }
        static func bit(_ language: Language) -> Int { 1 << Language.allCases.firstIndex(of: language)! }
        func contains(any languages: Set<Language>) -> Bool {
            languages.contains { mask & LanguageSelection.bit($0) != 0 }
        }

        /// Every language of the table.
        static let everyLanguage = LanguageSelection(mask: (1 << Language.allCases.count) - 1)

        /// Every selection a line can have: each non-empty set of languages.
        static var all: [LanguageSelection] { (1...everyLanguage.mask).map(LanguageSelection.init(mask:)) }
    }
}

extension Language {
    /// The rule languages that apply to one line. They come from the line's own
    /// letters, not the page's language, so removing lines never changes which rules
    /// the other lines get (cleaning stays idempotent on mixed pages):
    /// - the characters of a script bring the languages of that script whose
    ///   `marker` letters the line has, or all of them when it has none: Persian
    ///   rules for a line with پ چ ژ گ ی ک and no ة ى, Arabic rules in the opposite
    ///   case, both otherwise (ي and ك alone decide nothing: Persian is often typed
    ///   on Arabic keyboards); Latin letters bring English rules;
    /// - a line with no letters (dates, numbers, symbols) takes every language.
    /// (Bit masks, not sets: this runs once a line.)
    static func selection(forLine t: LineTraits) -> RuleSet.LanguageSelection {
        let rows = Language.selectionRows
        var present = 0, marked = 0
        for row in rows where row.characters.isOn(t) {
            present |= row.bit
            if let marker = row.marker, marker.isOn(t) { marked |= row.bit }
        }
        var mask = marked
        for row in rows where present & row.bit != 0 && marked & row.scriptBits == 0 { mask |= row.bit }
        return mask == 0 ? .everyLanguage : RuleSet.LanguageSelection(mask: mask)
    }

    /// A row of the table as `selection(forLine:)` reads it.
    private struct SelectionRow {
        let characters: LetterCount
        let marker: LetterCount?
        let bit: Int
        /// The bits of every language of the row's script.
        let scriptBits: Int
    }

    private static let selectionRows: [SelectionRow] = allCases.map { language in
        let sameScript = allCases.filter { $0.script == language.script }
        return SelectionRow(characters: language.script.characters, marker: language.marker,
                            bit: RuleSet.LanguageSelection.bit(language),
                            scriptBits: RuleSet.LanguageSelection(sameScript).mask)
    }
}
