/// Why a line was removed. Rules are named by their index in the `RuleSet`;
/// lines by their 0-based index in the document.
public enum Reason: Sendable, Equatable {
    /// A `drop` rule matched.
    case rule(Int)
    /// A `meta` rule matched; its captures are in the result's metadata.
    case meta(Int)
    /// A `cut` marker: the marker line itself.
    case cutMarker(Int)
    /// After the `cut` marker on line `marker`.
    case afterCut(Int, marker: Int)
    /// A `cut` marker too high in the page to cut: only the marker line is removed.
    case guardedCut(Int, percentAbove: Int)
    /// A `list` heading.
    case listHeading(Int)
    /// A headline-like line in the run after the list heading on line `heading`.
    case listItem(Int, heading: Int)
    /// A name-like line next to the line `anchor` that a rule with `grab` removed.
    case grabbed(Int, anchor: Int)
    /// The same text (after normalisation) already stood on line `of`.
    case repeatOf(Int)
    /// Mostly the same words as line `of` (percent of this line's word triples).
    case nearRepeatOf(Int, percent: Int)
    /// Part of a run of headline-like lines starting at line `first`.
    case headlineList(first: Int, count: Int)
    /// Part of a run of one-to-three-word lines outside the body: a menu.
    case menu(first: Int, count: Int)
    /// The line stands in this many documents of the run: the site's template.
    case template(documents: Int)
    /// The site's profile holds the line (or one of its rules matches it).
    /// (Boxed: its strings must not make every `Fate` larger.)
    indirect case profile(ProfileHit)
    /// The line classifier scored the line's body probability at `permille`/1000,
    /// under its threshold.
    case model(permille: Int)

    /// The rule behind this reason, if a rule (not a detector) is.
    public var ruleIndex: Int? {
        switch self {
        case .rule(let r), .meta(let r), .cutMarker(let r), .afterCut(let r, _), .guardedCut(let r, _),
             .listHeading(let r), .listItem(let r, _), .grabbed(let r, _): r
        case .repeatOf, .nearRepeatOf, .headlineList, .menu, .template, .profile, .model: nil
        }
    }

    /// The detector behind this reason, if a detector is.
    public var detector: String? {
        switch self {
        case .repeatOf, .nearRepeatOf: "repeats"
        case .headlineList: "headline-list"
        case .menu: "menu"
        case .template: "cross-document"
        case .profile: "profile"
        case .model: "model"
        case .rule, .meta, .cutMarker, .afterCut, .guardedCut, .listHeading, .listItem, .grabbed: nil
        }
    }
}

/// What happens to one input line.
public enum Fate: Sendable, Equatable {
    case blank
    case kept
    /// Kept because a `keep` rule protects it.
    case protected(rule: Int)
    /// Kept with the spans a `strip` rule matched removed (byte ranges into the document).
    case stripped(rule: Int, spans: [Range<Int>])
    case removed(Reason)

    public var isRemoved: Bool { if case .removed = self { true } else { false } }
    public var isKept: Bool {
        switch self {
        case .kept, .protected, .stripped: true
        case .blank, .removed: false
        }
    }
}
