import Synchronization

/// Anchored rules sorted by the first character of the line they can match: for
/// each character below `FirstScalars.tableSize`, the bucket of rules (indexes in
/// the rule set) whose match can start with it; characters with the same rules share a
/// bucket. A line meets its bucket's rules one by one, or, once the bucket has met
/// enough lines to pay for compiling them, in `Alternation`s (most buckets never
/// do: a page's lines start with a few dozen characters), so start-up compiles no
/// anchored alternation at all.
final class FirstCharDispatch: Sendable {
    private let bucketOf: [UInt16]
    /// The buckets, then one holding every rule, for lines whose first character is
    /// outside the table.
    private let buckets: [Bucket]
    private let cache: AlternationCache

    /// Nil when there is nothing to sort.
    init?(members: [Int], rules: [CompiledRule], cache: AlternationCache) {
        guard !members.isEmpty else { return nil }
        var bucketOf = [UInt16](repeating: 0, count: FirstScalars.tableSize)
        var lists: [[Int]] = []
        var index: [[Int]: UInt16] = [:]
        var previous: [Int]? = nil
        for scalar in 0..<FirstScalars.tableSize {
            let list = members.filter { rules[$0].firstScalars?.contains(scalar) ?? true }
            // Neighbouring characters mostly share a bucket: skip the hashing then.
            if list == previous {
                bucketOf[scalar] = bucketOf[scalar - 1]
                continue
            }
            previous = list
            if let known = index[list] {
                bucketOf[scalar] = known
            } else {
                index[list] = UInt16(lists.count)
                bucketOf[scalar] = UInt16(lists.count)
                lists.append(list)
            }
        }
        self.bucketOf = bucketOf
        buckets = (lists + [members]).map(Bucket.init)
        self.cache = cache
    }

    /// Marks the rules that match a line starting like `subject` (or may: see
    /// `Alternation.collect`). A small or seldom needed bucket's rules are marked
    /// candidates, to be tried one by one.
    func collect(_ subject: UnsafeBufferPointer<UInt8>, _ rules: [CompiledRule],
                 scratch: MatchScratch, into marks: RuleMarks) {
        let bucket = buckets[bucketIndex(subject)]
        guard bucket.members.count > FirstCharDispatch.alternationMinimum,
              let alternations = bucket.alternations(rules, cache) else {
            for m in bucket.members { marks.markCandidate(m) }
            return
        }
        for alternation in alternations {
            alternation.collect(subject, scratch: scratch, into: marks)
        }
    }

    /// Buckets of up to this many rules are tried rule by rule (each anchored
    /// pattern fails in a few steps): an alternation pays only for larger ones.
    static let alternationMinimum = 12

    /// The bucket for a line starting like `subject`: by its first character when the
    /// table covers it, else the bucket of every rule (also for invalid UTF-8).
    @inline(__always)
    private func bucketIndex(_ subject: UnsafeBufferPointer<UInt8>) -> Int {
        let all = buckets.count - 1
        guard let b0 = subject.first else { return all }
        if b0 < 0x80 { return Int(bucketOf[Int(b0)]) }
        guard b0 >= 0xC2, b0 < 0xE0, subject.count > 1, subject[1] & 0xC0 == 0x80 else { return all }
        return Int(bucketOf[Int(b0 & 0x1F) << 6 | Int(subject[1] & 0x3F)])
    }

    /// A bucket's rules and, once lines have needed them often enough, their alternations.
    final class Bucket: Sendable {
        let members: [Int]
        private let compiled = AtomicLazyReference<AlternationCache.Entry>()
        /// Rules tried one by one so far.
        private let tries = Atomic<Int>(0)

        init(_ members: [Int]) { self.members = members }

        /// Compiling a bucket's alternations costs as much as trying its rules one
        /// by one on a thousand lines or so: a bucket few lines need never pays for it.
        static let compileAfterTries = 50_000

        /// The alternations, or nil while trying the rules one by one is still
        /// cheaper; from the cache the first time.
        func alternations(_ rules: [CompiledRule], _ cache: AlternationCache) -> [Alternation]? {
            if let done = compiled.load() { return done.list }
            let (_, tried) = tries.wrappingAdd(members.count, ordering: .relaxed)
            if tried < Bucket.compileAfterTries { return nil }
            return compiled.storeIfNil(cache.entry(for: members, rules)).list
        }
    }
}
