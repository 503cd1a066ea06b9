/// Why a line was removed: a rule or a detector. Rules are named by their index in
/// the `RuleSet`, detectors by their place in the `DetectorRegistry` the cleaner ran.
public enum Reason: Sendable, Equatable {
    case rule(RuleHit)
    case detector(DetectorHit)

    /// The rule behind this reason, if a rule (not a detector) is.
    public var ruleIndex: Int? {
        switch self {
        case .rule(let hit): hit.rule
        case .detector: nil
        }
    }
}

/// Which rule removed a line, and how. (Int32 payloads: a `Fate` is stored a line.)
public struct RuleHit: Sendable, Equatable {
    private let index: Int32
    public let effect: RuleEffect

    public init(_ rule: Int, _ effect: RuleEffect) {
        index = Int32(truncatingIfNeeded: rule)
        self.effect = effect
    }

    /// The rule's index in the `RuleSet`.
    public var rule: Int { Int(index) }
}

/// How a rule took a line. Lines are 0-based.
public enum RuleEffect: Sendable, Equatable {
    /// A `drop` rule matched (or a `strip` rule left nothing of the line).
    case drop
    /// A `meta` rule matched; its captures are in the result's metadata.
    case meta
    /// A `cut` marker: the marker line itself.
    case cutMarker
    /// After the `cut` marker on line `marker`.
    case afterCut(marker: Int32)
    /// A `cut` marker too high in the page to cut: only the marker line is removed.
    case guardedCut(percentAbove: Int32)
    /// A `list` heading.
    case listHeading
    /// A headline-like line in the run after the list heading on line `heading`.
    case listItem(heading: Int32)
    /// A name-like line next to the line `anchor` that a rule with `grab` removed.
    case grabbed(anchor: Int32)
}

/// Which detector removed a line, and its evidence, packed (see `DetectorEvidence`).
public struct DetectorHit: Sendable, Equatable {
    // First: the evidence is pointer-aligned, the id fits in its tail.
    public let evidence: PackedEvidence
    public let detector: DetectorID

    public init(_ detector: DetectorID, _ evidence: PackedEvidence) {
        self.evidence = evidence
        self.detector = detector
    }
}

/// What happens to one input line. Kept to 16 bytes (one is stored a line): payloads
/// are Int32, and the rare large ones (strip spans, a profile hit) are boxed.
public enum Fate: Sendable, Equatable {
    case blank
    case kept
    /// Kept because a `keep` rule protects it.
    case protected(rule: Int)
    /// Kept with the spans a `strip` rule matched removed (byte ranges into the document).
    indirect case stripped(rule: Int, spans: [Range<Int>])
    case removed(Reason)

    public var isRemoved: Bool { if case .removed = self { true } else { false } }
    public var isKept: Bool {
        switch self {
        case .kept, .protected, .stripped: true
        case .blank, .removed: false
        }
    }
}
