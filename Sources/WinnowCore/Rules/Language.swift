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
    /// an Arabic-script line with letters only Persian (or only Arabic) uses takes
    /// that language's rules, other Arabic-script lines the document's; a Latin line
    /// takes English rules too.
    static func forLine(_ t: LineTraits, in document: Language) -> [Language] {
        let latin = t.latinLetters > t.arabicScript
        if latin { return document == .en ? [.en] : [document, .en] }
        guard t.arabicScript > 0 else { return [document] }
        let fa = 3 * t.persianOnlyLetters + (t.persianLetters - t.persianOnlyLetters)
        let ar = t.arabicLetters
        let script: Language = fa >= 2 && ar == 0 ? .fa : (ar >= 2 && fa == 0 ? .ar : (document == .en ? (fa > ar ? .fa : .ar) : document))
        return document == .en ? [.en, script] : [script]
    }
}
