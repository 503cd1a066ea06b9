extension OrderedPipeline {
    /// One worker's side of the turns. The items of its batch that finished without
    /// taking their turn are given up as one run: before the next of them waits for
    /// its own turn, or else with the batch's outputs (under the same lock).
    final class WorkerTurns: TurnKeeper {
        private unowned let pipeline: OrderedPipeline
        /// The worker starts its batch's items before it finishes them (`Mapping.staged`).
        let staged: Bool
        /// The first of the batch's latest items that finished without their turn.
        private var untakenFrom: Int?

        init(pipeline: OrderedPipeline, staged: Bool = false) {
            self.pipeline = pipeline
            self.staged = staged
        }

        /// Called once `turn`'s item is done (started, for a staged worker): it takes
        /// its turn no more.
        func finished(_ turn: PipelineTurn) {
            turn.closed = true
            if !turn.taken && untakenFrom == nil { untakenFrom = turn.ticket }
        }

        /// The run to give up before the item `end` (with the monitor held).
        func untaken(before end: Int) -> Range<Int>? {
            defer { untakenFrom = nil }
            return untakenFrom.map { $0..<end }
        }

        func waitForTurn(_ ticket: Int) { pipeline.waitForTurn(ticket, givingUp: self) }
        func passTurn() { pipeline.passTurn() }
    }

    func waitForTurn(_ ticket: Int, givingUp turns: WorkerTurns) {
        monitor.lock(); defer { monitor.unlock() }
        // Batches of consecutive items lock-step workers that take turns (the second
        // batch's first item waits for the whole first batch): from now on, one item a
        // batch. Not for staged workers: a batch's turns are all taken before its work.
        if !turns.staged { itemsTakeTurns = true }
        giveUp(turns.untaken(before: ticket))
        while order.next != ticket { monitor.wait(turnPassed) }
    }

    func passTurn() {
        monitor.lock(); defer { monitor.unlock() }
        order.pass()
        // Several workers may wait, each for its own ticket: all must look.
        turnPassed.broadcast()
    }

    func giveUpUntaken(_ turns: WorkerTurns, before end: Int) {
        monitor.lock(); defer { monitor.unlock() }
        giveUp(turns.untaken(before: end))
    }

    /// With the monitor held.
    func giveUp(_ run: Range<Int>?) {
        if let run, order.giveUp(run) { turnPassed.broadcast() }
    }
}
