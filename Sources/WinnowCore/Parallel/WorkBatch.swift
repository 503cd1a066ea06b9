/// Consecutive items of an `OrderedPipeline`, handed to one worker at once, and
/// their outputs on the way back. Read and written with the pipeline's monitor held.
final class WorkBatch<Input, Output> {
    /// The ticket of its first item.
    let first: Int
    /// Its items, until a worker takes them.
    var inputs: [Input] = []
    /// Its items' bytes, as the producer counted them.
    var bytes = 0
    /// A worker has it (or it waits in the queue for one): no item joins it any more.
    private(set) var closed = false
    /// How many items it holds, once closed.
    private(set) var count = 0
    /// Outputs done and not yet handed to the consumer: those of the items from
    /// `first + consumed` on.
    var ready: [Output] = []
    var consumed = 0

    init(first: Int) { self.first = first }

    func close() {
        closed = true
        count = inputs.count
    }

    /// Every output has been handed to the consumer.
    var isConsumed: Bool { closed && consumed == count }
}
