/// What an item's turn waits on: a worker's side of its pipeline's turns.
protocol TurnKeeper: AnyObject {
    func waitForTurn(_ ticket: Int)
    func passTurn()
}

/// An item's place in the input order, for work that must see the items in that
/// order (learning from a stream as it goes) while the rest runs in parallel.
public final class PipelineTurn: @unchecked Sendable {
    private let keeper: (any TurnKeeper)?
    let ticket: Int
    var taken = false
    /// The pipeline is done with the turn (the item finished, or was started by a
    /// staged worker): too late to take it.
    var closed = false

    init(keeper: (any TurnKeeper)?, ticket: Int) {
        self.keeper = keeper
        self.ticket = ticket
    }

    /// Runs `body` once every earlier item has passed its turn (run its own
    /// `inOrder`, or finished without calling it). At most once per item.
    public func inOrder<T>(_ body: () -> T) -> T {
        precondition(!taken, "one in-order section per item")
        precondition(!closed, "an item's in-order section runs before it finishes (or, staged, in its first stage)")
        taken = true
        guard let keeper else { return body() }
        keeper.waitForTurn(ticket)
        defer { keeper.passTurn() }
        return body()
    }
}
