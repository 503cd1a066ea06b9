/// Anchored rules sorted by the first character of the line they can match: for
/// each character below `FirstScalars.tableSize`, the bucket of rules (indexes in
/// the rule set) whose match can start with it; characters with the same rules share a
/// bucket (`RuleBucket`: one by one, or in alternations once used enough; most
/// never are: a page's lines start with a few dozen characters).
final class FirstCharDispatch: Sendable {
    private let bucketOf: [UInt16]
    /// The buckets, then one holding every rule, for lines whose first character is
    /// outside the table.
    private let buckets: [RuleBucket]
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
        buckets = (lists + [members]).map(RuleBucket.init)
        self.cache = cache
    }

    /// Marks the rules that match a line starting like `subject` (or may: see
    /// `RuleBucket.collect`).
    func collect(_ subject: UnsafeBufferPointer<UInt8>, _ rules: [CompiledRule],
                 scratch: MatchScratch, into marks: RuleMarks) {
        buckets[bucketIndex(subject)].collect(subject, rules, cache, scratch: scratch, into: marks)
    }

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
}
