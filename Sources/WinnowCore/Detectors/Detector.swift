/// A detector: after the rules, it removes lines no rule names (copies, menus,
/// template lines...). Each states what the tallies, `--explain`, the removal
/// budget and the CLI need to know about it, so that adding one is its file and
/// a line in `DetectorRegistry.standard`.
public protocol Detector {
    /// What it says about each line it removes.
    associatedtype Evidence: DetectorEvidence

    /// Stable id: the tallies' key, `--explain`'s "detector", `--no-detector ID`.
    static var id: String { get }
    /// One line on what it removes, for `--help` and the docs.
    static var summary: String { get }
    /// Whether it reads `DetectorPass.topic` and `.headline` (worked out, once a
    /// pass, just before the first detector that reads them).
    static var readsTopic: Bool { get }
    /// Whether it reads the line features (`DetectorPass.features`): then the page is
    /// built with the model's word counts. False unless a detector says so.
    static var readsFeatures: Bool { get }
    /// Whether a removal stands whatever the removal budget says; uncertain
    /// removals are undone when they would take too much of a page's prose.
    static func isCertain(_ evidence: Evidence) -> Bool
    /// The removal in words, for `--explain` ("repeats: copy of line 3").
    static func explain(_ evidence: Evidence) -> String
    /// The members of the removal's "evidence" object in `--explain --json`.
    static func write(_ evidence: Evidence, to json: inout JSONWriter, line: Int, of result: CleanResult)

    /// The detector for one document, or nil when it has nothing to work from (no
    /// profile for the site, no cross-document counts, no model).
    init?(_ setup: DetectorSetup)
    /// Removes lines the rules and earlier detectors kept. Called once a pass.
    mutating func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>)

    // Implemented once below. As requirements, each conformance gets its own
    // specialised copy: called through `any Detector` they would otherwise look up
    // `Optional<Self>` and `DetectorFates<Self>` metadata at run time, a few thousand
    // instructions a document (measured with callgrind on a stream of small documents).
    /// `init(setup)`, boxed.
    static func make(_ setup: DetectorSetup) -> (any Detector)?
    /// `run(pass, fates)` on the page's fates, moved in and out.
    mutating func run(_ pass: DetectorPass, _ fates: inout [Fate], id: DetectorID)
}

/// What a detector is made from, once a document: the run's options and what is
/// known of the document's site.
public struct DetectorSetup {
    public let options: CleanOptions
    /// The site's profile (`--profile`), if it has one.
    public let profile: SiteProfile?
    /// The cross-document counts this document is cleaned with, and its site's key.
    public let templates: (any TemplateCounts)?
    public let templateSite: UInt64
    /// See `Cleaner.observeClassifierInput`.
    public let observeClassifierInput: ((LineFeatures, [Fate], Int?) -> Void)?
}

/// The fates of a page's lines as one detector sees them: it reads any line's fate
/// and removes lines with its own evidence, stamped with its id.
public struct DetectorFates<D: Detector> {
    public internal(set) var all: [Fate]
    public let id: DetectorID

    public init(_ fates: [Fate], id: DetectorID) {
        all = fates
        self.id = id
    }

    public var count: Int { all.count }
    public subscript(_ i: Int) -> Fate { all[i] }

    public mutating func remove(_ i: Int, _ evidence: D.Evidence) {
        all[i] = .removed(.detector(DetectorHit(id, evidence.packed)))
    }

    /// This detector's evidence for line `i`, if it removed the line.
    public func evidence(_ i: Int) -> D.Evidence? {
        guard case .removed(.detector(let hit)) = all[i], hit.detector == id else { return nil }
        return D.Evidence(unpacking: hit.evidence)
    }
}

extension Detector {
    public static var readsFeatures: Bool { false }

    public static func make(_ setup: DetectorSetup) -> (any Detector)? { Self(setup) }

    /// Runs on `fates`, moved in and out (not copied).
    public mutating func run(_ pass: DetectorPass, _ fates: inout [Fate], id: DetectorID) {
        var own = DetectorFates<Self>([], id: id)
        swap(&own.all, &fates)
        run(pass, &own)
        swap(&own.all, &fates)
    }

    static func isCertain(_ packed: PackedEvidence) -> Bool { isCertain(Evidence(unpacking: packed)) }
    static func explain(_ packed: PackedEvidence) -> String { explain(Evidence(unpacking: packed)) }
    static func movingLines(_ packed: PackedEvidence, _ line: (Int) -> Int) -> PackedEvidence {
        Evidence(unpacking: packed).movingLines(line).packed
    }
    static func write(_ packed: PackedEvidence, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        write(Evidence(unpacking: packed), to: &json, line: line, of: result)
    }
}
