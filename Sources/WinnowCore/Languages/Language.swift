/// A language winnow has rules and stopwords for: one row of the language table
/// (`Language.allCases`, in LanguageTable.swift). Everything that depends on the
/// language reads the row: rule files' `lang` sections, `--lang`, the language
/// guessed for a page, the rules a line takes, the stopwords. So a new language
/// is a new row and its stoplist, not a new case in each of those places.
public struct Language: Sendable, Hashable, Comparable, CaseIterable, RawRepresentable, CustomStringConvertible {
    /// The code rule files, `--lang` and reports use ("fa"): the row's key.
    public let code: String
    /// The language's English name, for people ("Persian").
    public let name: String
    public let script: Script
    /// Letters that show a line is in this language and not another of its script;
    /// nil when no letter tells (see `Language.selection(forLine:)`).
    let marker: LetterCount?
    /// What counts for a page being in this language rather than another of its
    /// script: letter counts and their weights (see `Language.detect`).
    let evidence: [(count: LetterCount, weight: Int)]
    /// Function words, separated by spaces, in any spelling (they are normalised).
    let stopwords: String

    init(code: String, name: String, script: Script, marker: LetterCount?,
         evidence: [(count: LetterCount, weight: Int)], stopwords: String) {
        self.code = code; self.name = name; self.script = script
        self.marker = marker; self.evidence = evidence; self.stopwords = stopwords
    }

    /// The row with this code; nil if the table has none.
    public init?(rawValue code: String) {
        guard let row = Language.allCases.first(where: { $0.code == code }) else { return nil }
        self = row
    }

    public var rawValue: String { code }
    public var description: String { code }

    /// The table's codes, "fa, ar, en", for messages that list them.
    public static var codeList: String { allCases.map(\.code).joined(separator: ", ") }

    // A row is its code: two rows never share one (a test checks).
    public static func == (a: Language, b: Language) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
    public static func < (a: Language, b: Language) -> Bool { a.code < b.code }
}
