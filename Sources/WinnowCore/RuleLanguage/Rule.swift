/// What a rule does to a line its pattern matches.
public enum RuleAction: String, Sendable, CaseIterable {
    /// Remove the line.
    case drop
    /// A footer marker: remove the line and everything after it (guarded, see `CutGuard`).
    case cut
    /// A heading that opens a headline list: remove it and the run of headline-like lines after it.
    case list
    /// Remove the matched spans inside the line, keep the rest.
    case strip
    /// Protect the line from every other rule and detector.
    case keep
    /// Remove the line and record its named groups as document metadata.
    case meta
}

/// Where in the document a rule may fire.
public enum RuleScope: Sendable, Equatable, CustomStringConvertible {
    case anywhere
    /// Before the first prose line (the page head: labels, ids, dates, bylines).
    case head
    /// After the last prose line (the page foot: sources, shares, copyright).
    case tail
    /// Outside the body: in the head or in the tail.
    case edges
    /// Among the first N non-blank lines.
    case first(Int)
    /// Among the last N non-blank lines.
    case last(Int)

    public var description: String {
        switch self {
        case .anywhere: "anywhere"
        case .head: "head"
        case .tail: "tail"
        case .edges: "edges"
        case .first(let n): "first \(n)"
        case .last(let n): "last \(n)"
        }
    }
}

/// An example line carried by a rule: `- text` must be removed, `+ text` must be kept.
public struct RuleExample: Sendable, Equatable {
    public var text: String
    public var mustRemove: Bool
    /// For `strip` rules: what `- text` must become (`= text` on the next line).
    public var stripped: String?
    public var location: SourceLocation
}

/// One rule as written in a rule file.
public struct Rule: Sendable {
    public var id: String
    public var action: RuleAction
    /// The pattern exactly as written.
    public var pattern: String
    /// Where the pattern starts in the file (for PCRE2 error columns).
    public var patternLocation: SourceLocation
    public var location: SourceLocation
    public var scope: RuleScope = .anywhere
    /// Also remove up to this many name-like lines right before / after a match
    /// (same paragraph): the name above an "Author" label, say.
    public var grabBefore = 0
    public var grabAfter = 0
    /// Match the original bytes instead of the normalised shadow.
    public var raw = false
    public var note: String?
    public var examples: [RuleExample] = []
    /// Languages of the file the rule is in.
    public var languages: Set<Language> = Set(Language.allCases)
}

/// A parsed rule file.
public struct RuleFile: Sendable {
    public var path: String
    public var languages: Set<Language>
    public var rules: [Rule]
    public var warnings: [Diagnostic]
}
