import ArgumentParser
import WinnowCore

/// The values of `--lang`: "auto" (guess each page's language from its letters),
/// then the codes of the language table, in its order. Help, completions and the
/// message for a wrong value list them as argument-parser does for an enum.
struct LanguageChoice: RawRepresentable, CaseIterable, ExpressibleByArgument {
    let rawValue: String

    private init(_ rawValue: String) { self.rawValue = rawValue }

    init?(rawValue: String) {
        guard LanguageChoice.allCases.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.rawValue = rawValue
    }

    static let auto = LanguageChoice("auto")
    static let allCases = [auto] + Language.allCases.map { LanguageChoice($0.code) }

    /// "auto, fa, ar or en", for the help.
    static var valueList: String {
        allCases.dropLast().map(\.rawValue).joined(separator: ", ") + " or " + allCases.last!.rawValue
    }

    /// The language chosen; nil for auto.
    var language: Language? { Language(rawValue: rawValue) }
}
