/// The languages rule files are written for. A document's language picks which
/// rule files apply to it.
public enum Language: String, CaseIterable, Sendable, Comparable {
    case fa, ar, en

    public static func < (a: Language, b: Language) -> Bool { a.rawValue < b.rawValue }

    /// Guesses a document's language from its letters: Arabic script with the
    /// Persian-only letters پ چ ژ گ and the forms ی ک is Persian; Arabic script with
    /// ة ي ك ى is Arabic; mostly Latin letters is English.
    public static func detect(_ traits: [LineTraits]) -> Language {
        var arabicScript = 0, latin = 0, faScore = 0, arScore = 0
        for t in traits {
            arabicScript += t.arabicScript
            latin += t.latinLetters
            faScore += 3 * t.persianOnlyLetters + (t.persianLetters - t.persianOnlyLetters)
            arScore += t.arabicLetters
        }
        if latin > arabicScript { return .en }
        if arabicScript == 0 { return .en }
        return faScore > arScore ? .fa : .ar
    }

    /// The rule languages that apply to one line of a document in `document`:
    /// the document's language, plus English for a Latin line in a Persian or Arabic
    /// page, plus Persian or Arabic for an Arabic-script line in an English page.
    static func forLine(_ t: LineTraits, in document: Language) -> [Language] {
        switch document {
        case .fa, .ar:
            return t.latinLetters > t.arabicScript ? [document, .en] : [document]
        case .en:
            guard t.arabicScript > t.latinLetters else { return [.en] }
            let faScore = 3 * t.persianOnlyLetters + (t.persianLetters - t.persianOnlyLetters)
            return [.en, faScore > t.arabicLetters ? .fa : .ar]
        }
    }
}
