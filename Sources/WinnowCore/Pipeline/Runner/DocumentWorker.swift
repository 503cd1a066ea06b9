/// Makes one document's output, on a worker thread of the runner. Each worker
/// thread has its own (it owns a `Cleaner`, with its caches). The output is bytes
/// to write (`DocumentOutput`), or what a run of its own consumes (a batch's file outcome).
public protocol DocumentWorker {
    associatedtype Output = DocumentOutput
    func process(_ document: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> Output
    /// The worker takes each document's turn early, in `start`: the runner then
    /// starts a batch's documents, each in its turn, before it finishes any
    /// (`OrderedPipeline.Mapping.staged`), and batches still travel whole.
    var startsWithTurn: Bool { get }
    /// The first stage of `process`: everything up to and including the document's
    /// turn; it returns the rest, which takes no turn. Only called when `startsWithTurn`.
    func start(_ document: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> () -> Output
}

extension DocumentWorker {
    public var startsWithTurn: Bool { false }

    public func start(_ document: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> () -> Output {
        let output = process(document, place, turn: turn)
        return { output }
    }
}

/// A document's place in the input order, for work that must see the documents in
/// that order (learning from a stream as it goes) while the rest runs in parallel.
public typealias RunTurn = PipelineTurn

/// What a worker made of one document: the bytes to write and what to say.
public struct DocumentOutput {
    public var bytes: [UInt8] = []
    public var notices: [Notice] = []
    /// It could not be cleaned (the run's status is then a failure).
    public var failed = false
    /// A malformed record: a strict run stops before writing it.
    public var malformed = false
    /// The document had lines to remove.
    public var foundChrome = false

    public init() {}
}

/// What the consuming end gets for an item: a worker's output, or the item as it
/// came (an oversized document, a failure, a document left as it is).
public enum RunnerOutput<Done> {
    case done(Done)
    case passed(SourceItem)
}
