/// Cross-document learning over a stream (`--cross-doc`): it sees every document
/// in input order, counts its lines under its site, and hands back the snapshot to
/// clean it with (see `TemplateSnapshot`). Shared by the workers; the counting runs
/// in each document's turn.
public final class StreamLearning: TemplateLearning, @unchecked Sendable {
    public let index: TemplateIndex
    /// What decides a line's kind, as the cleaner's options say (`CleanOptions.lineKinds`).
    public let kinds: any LineKindClassifier

    public init(index: TemplateIndex = TemplateIndex(), kinds: any LineKindClassifier = HeuristicLineKinds()) {
        self.index = index
        self.kinds = kinds
    }

    /// Counts `texts` (one record's) under `site`, in input order, and returns the
    /// snapshots to clean them with. The keys are worked out before the turn, in parallel.
    public func counts(for texts: [[UInt8]], site: UInt64, turn: RunTurn) -> [any TemplateCounts] {
        let kinds = kinds
        let keys = texts.map { $0.withUnsafeBufferPointer { TemplateIndex.keys($0, kinds: kinds) } }
        return turn.inOrder { keys.map { TemplateSnapshot(adding: $0, to: index, site: site) } }
    }
}
