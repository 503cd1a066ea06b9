import Synchronization

/// Rules a line meets together (those that can start with its first character,
/// see `FirstCharDispatch`), tried one by one until lines have needed them often
/// enough to pay for compiling them into `Alternation`s; most buckets never do, so
/// start-up compiles none of them.
final class RuleBucket: Sendable {
    /// The rules (indexes in the rule set), in priority order.
    let members: [Int]
    private let compiled = AtomicLazyReference<AlternationCache.Entry>()
    /// Rules tried one by one so far.
    private let tries = Atomic<Int>(0)

    init(_ members: [Int]) { self.members = members }

    /// Buckets of up to this many rules are tried rule by rule (each anchored
    /// pattern fails in a few steps): an alternation pays only for larger ones.
    static let alternationMinimum = 12

    /// Compiling a bucket's alternations costs as much as trying its rules one by
    /// one on a thousand lines or so: a bucket few lines need never pays for it.
    static let compileAfterTries = 50_000

    /// Marks the members that match `subject` (through the alternations, once
    /// compiled), or marks them all candidates, to be tried one by one.
    func collect(_ subject: UnsafeBufferPointer<UInt8>, _ rules: [CompiledRule], _ cache: AlternationCache,
                 scratch: MatchScratch, into marks: RuleMarks) {
        guard members.count > RuleBucket.alternationMinimum, let alternations = alternations(rules, cache) else {
            for m in members { marks.markCandidate(m) }
            return
        }
        for alternation in alternations {
            alternation.collect(subject, scratch: scratch, into: marks)
        }
    }

    /// The alternations, or nil while trying the rules one by one is still
    /// cheaper; from the cache the first time.
    private func alternations(_ rules: [CompiledRule], _ cache: AlternationCache) -> [Alternation]? {
        if let done = compiled.load() { return done.list }
        let (_, tried) = tries.wrappingAdd(members.count, ordering: .relaxed)
        if tried < RuleBucket.compileAfterTries { return nil }
        return compiled.storeIfNil(cache.entry(for: members, rules)).list
    }
}
