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

    private static let bits = (fa: RuleSet.LanguageSelection.bit(.fa), ar: RuleSet.LanguageSelection.bit(.ar),
                               en: RuleSet.LanguageSelection.bit(.en))

    /// The rule languages that apply to one line. They come from the line's own
    /// letters, not the page's language, so removing lines never changes which rules
    /// the other lines get (cleaning stays idempotent on mixed pages):
    /// - Latin letters bring English rules;
    /// - Arabic-script letters bring Persian rules when the line has letters only
    ///   Persian uses (پ چ ژ گ ی ک) and none only Arabic uses (ة ى), Arabic rules in
    ///   the opposite case, and both otherwise (ي and ك alone decide nothing:
    ///   Persian is often typed on Arabic keyboards);
    /// - a line with no letters (dates, numbers, symbols) takes all three.
    /// (A bit mask, not an array: this runs once a line.)
    static func selection(forLine t: LineTraits) -> RuleSet.LanguageSelection {
        let (fa, ar, en) = Language.bits
        var mask = 0
        if t.latinLetters > 0 { mask |= en }
        if t.arabicScript > 0 {
            let persian = t.persianLetters, arabic = t.arabicOnlyLetters
            if persian > 0 && arabic == 0 { mask |= fa }
            else if arabic > 0 && persian == 0 { mask |= ar }
            else { mask |= fa | ar }
        }
        return RuleSet.LanguageSelection(mask: mask == 0 ? fa | ar | en : mask)
    }
}
