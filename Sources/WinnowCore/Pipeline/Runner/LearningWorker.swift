/// `winnow learn` on the runner: a worker that cleans nothing and prints nothing.
/// Each page is added to the run's `CorpusLearning` in its turn, so what is learnt
/// is the same for any number of jobs.
public struct LearningWorker: DocumentWorker {
    public let learning: CorpusLearning

    public init(learning: CorpusLearning) { self.learning = learning }

    public func process(_ page: [UInt8], _ place: DocumentPlace, turn: RunTurn) -> DocumentOutput {
        turn.inOrder { learning.add(page) }
        return DocumentOutput()
    }
}
