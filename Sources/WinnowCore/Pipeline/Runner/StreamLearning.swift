/// Cross-document learning over a stream (`--cross-doc`): it sees every document
/// in input order, counts its lines under its site, and hands back the snapshot to
/// clean it with (see `TemplateSnapshot`). Shared by the workers; the counting runs
/// in each document's turn.
public final class StreamLearning: TemplateLearning, @unchecked Sendable {
    public let index: TemplateIndex

    public init(index: TemplateIndex = TemplateIndex()) {
        self.index = index
    }

    public var takesTurns: Bool { true }

    /// Counts `pages` (one record's) under `site`, in input order, and returns the
    /// snapshots to clean them with. The keys are worked out before the turn, in
    /// parallel, from the pages the cleaner built (so with its line kinds).
    public func counts(for pages: [Page], site: UInt64, turn: RunTurn) -> [any TemplateCounts] {
        let keys = pages.map(TemplateIndex.keys(of:))
        return turn.inOrder { keys.map { TemplateSnapshot(adding: $0, to: index, site: site) } }
    }
}
