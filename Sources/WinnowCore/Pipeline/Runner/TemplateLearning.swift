/// Cross-document learning, an observer of the runner: a worker shows it each
/// document it cleans (a record's text fields together), in the document's turn,
/// and cleans each text with the counts it hands back. What a run learns lives
/// here, not in `CleanOptions`:
/// - `StreamLearning` learns as the stream goes (`--cross-doc`);
/// - `LearnedTemplates` hands out what a first pass over a folder learnt (batch, eval).
public protocol TemplateLearning: Sendable {
    /// The counts to clean each of `pages` with, counted under `site` (the cleaner's
    /// `templateSite`). The pages are the cleaner's own (`Cleaner.page`), cleaned next.
    /// Called on a worker thread; `turn` is the document's place in the input order.
    func counts(for pages: [Page], site: UInt64, turn: RunTurn) -> [any TemplateCounts]
    /// `counts` takes the document's turn: workers then take their batches' turns
    /// first (`DocumentWorker.startsWithTurn`).
    var takesTurns: Bool { get }
}

extension TemplateLearning {
    public var takesTurns: Bool { false }
}

/// What a first pass learnt before the run (`TemplateFirstPass`: the lines each
/// site's files share): every document is cleaned with the whole index, whatever its turn.
public struct LearnedTemplates: TemplateLearning {
    public let index: TemplateIndex

    public init(_ index: TemplateIndex) { self.index = index }

    public func counts(for pages: [Page], site: UInt64, turn: RunTurn) -> [any TemplateCounts] {
        Array(repeating: index, count: pages.count)
    }
}
