/// The writing systems whose characters the line scan counts (`LineTraits`).
public enum Script: Sendable, CaseIterable {
    case arabic, latin

    /// The count of the script's characters on a line.
    var characters: LetterCount {
        switch self {
        case .arabic: .arabicScript
        case .latin: .latinLetters
        }
    }
}

/// The counts of `LineTraits` the language table can name: a script's
/// characters, and the letters that tell languages of one script apart.
enum LetterCount: Int, Sendable, CaseIterable {
    case arabicScript, latinLetters, persianLetters, persianOnlyLetters, arabicLetters, arabicOnlyLetters

    /// The count in a page's (or line's) totals.
    @inline(__always)
    func of(_ t: LetterTotals) -> Int {
        switch self {
        case .arabicScript: t.arabicScript
        case .latinLetters: t.latinLetters
        case .persianLetters: t.persianLetters
        case .persianOnlyLetters: t.persianOnlyLetters
        case .arabicLetters: t.arabicLetters
        case .arabicOnlyLetters: t.arabicOnlyLetters
        }
    }

    /// Whether line `t` has any of these letters.
    @inline(__always)
    func isOn(_ t: LineTraits) -> Bool {
        switch self {
        case .arabicScript: t.arabicScript > 0
        case .latinLetters: t.latinLetters > 0
        case .persianLetters: t.hasPersianLetters
        case .persianOnlyLetters: t.hasPersianOnlyLetters
        case .arabicLetters: t.hasArabicLetters
        case .arabicOnlyLetters: t.hasArabicOnlyLetters
        }
    }
}
